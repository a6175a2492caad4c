"""The server's hub of tables: one replay per move shared by every page, pages woken on a change,
quiet seats handed over on the table's own clock, a terminal's move seen, a restart survived."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from negosim.engine.catalogue import load_scenario
from negosim.play.hub import TableHub, open_tables
from negosim.play.table_store import TableStore
from negosim.play.tables import SharedTable, TableError
from negosim.web.at_table import status_line
from negosim.web.classroom import instructor_token, is_instructor, seat_link


class Clock:
    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


def pie_share(table: SharedTable, x: float) -> int:
    space = table.game().space
    assert space is not None
    return space.index_of({"alice_share": x})


def hub_with_pie(tmp_path: Path, idle_after: float | None = None) -> tuple[TableHub, SharedTable]:
    hub = TableHub(TableStore(tmp_path), Clock())
    table = SharedTable.open(
        "pie-1", load_scenario("split_the_pie"), 0, ["alice", "bob"], idle_after
    )
    hub.open(table)
    return hub, table


def test_a_move_is_replayed_once_and_every_page_shares_its_view(tmp_path: Path) -> None:
    hub, table = hub_with_pie(tmp_path)
    before = hub.version_of("pie-1")
    hub.answer("pie-1", table.tokens["alice"], pie_share(table, 0.7))
    assert hub.version_of("pie-1") == before + 1
    first, second = hub.view("pie-1"), hub.view("pie-1")
    assert first is second  # pages read the view the move produced, no replay of their own
    assert first.turn is not None
    assert (first.turn.actor, first.turn.kind) == ("bob", "respond")
    with pytest.raises(TableError, match="not your turn"):
        hub.answer("pie-1", table.tokens["alice"], 3)
    assert hub.version_of("pie-1") == before + 1  # a refused move changes nothing


def test_a_waiting_page_is_woken_by_a_move_and_only_by_its_own_table(tmp_path: Path) -> None:
    hub, table = hub_with_pie(tmp_path)
    hub.open(SharedTable.open("pie-2", table.scenario, 0, ["alice"]))
    woken: list[int] = []
    seen = hub.version_of("pie-1")
    waiter = threading.Thread(target=lambda: woken.append(hub.wait(seen, 60, "pie-1")))
    waiter.start()
    hub.answer("pie-2", hub.table("pie-2").tokens["alice"], pie_share(table, 0.6))
    assert hub.wait(seen, 0.2, "pie-1") == seen  # another table's move leaves pie-1's pages be
    hub.answer("pie-1", table.tokens["alice"], pie_share(table, 0.6))
    waiter.join(timeout=60)
    assert woken == [seen + 1]


def test_a_quiet_seat_is_handed_over_on_the_tables_clock(tmp_path: Path) -> None:
    hub, table = hub_with_pie(tmp_path, idle_after=90)
    clock = hub.clock
    assert isinstance(clock, Clock)
    view = hub.view("pie-1")
    assert "1:30 left" in status_line(table, view, "bob", clock.now)
    assert "your turn" in status_line(table, view, "alice", clock.now)
    clock.now += 89
    hub.tick()
    assert hub.table("pie-1").handed_over == {}
    clock.now += 2
    hub.tick()
    assert hub.table("pie-1").handed_over == {"alice": 0}
    turn = hub.view("pie-1").turn
    assert turn is not None
    assert (turn.actor, turn.kind) == ("bob", "respond")  # Alice's strategy proposed
    assert "Alice's seat is played by its strategy" in "\n".join(hub.view("pie-1").log)


def test_a_terminals_move_and_a_restart_are_seen(tmp_path: Path) -> None:
    hub, table = hub_with_pie(tmp_path)
    TableStore(tmp_path).update("pie-1", lambda t: t.answer(t.tokens["alice"], pie_share(t, 0.8)))
    hub.tick()
    turn = hub.view("pie-1").turn
    assert turn is not None
    assert turn.offer == pie_share(table, 0.8)
    restarted = TableHub(TableStore(tmp_path))
    assert restarted.view("pie-1").log == hub.view("pie-1").log
    assert restarted.view("pie-1").turn == turn


def test_a_finished_table_is_saved_for_the_debrief_and_a_closed_one_takes_no_move(
    tmp_path: Path,
) -> None:
    hub, table = hub_with_pie(tmp_path)
    hub.answer("pie-1", table.tokens["alice"], pie_share(table, 0.7))
    hub.answer("pie-1", table.tokens["bob"], True)
    assert sorted(p.name for p in (tmp_path / "games").iterdir()) == ["pie-1-alice", "pie-1-bob"]
    second = SharedTable.open("pie-2", table.scenario, 0, ["alice", "bob"])
    hub.open(second)
    hub.change("pie-2", lambda t: t.close())
    view = hub.view("pie-2")
    assert view.turn is None
    assert view.closed
    assert view.result is None
    assert "The instructor closed the table" in "\n".join(view.log)
    with pytest.raises(TableError, match="closed"):
        hub.answer("pie-2", second.tokens["alice"], 3)
    with pytest.raises(TableError, match="exists already"):
        hub.open(second)


def test_tables_for_a_class_and_their_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tables = open_tables(load_scenario("split_the_pie"), ["g-1", "g-2"], 4, ["bob"], 60)
    assert [t.name for t in tables] == ["g-1", "g-2"]
    assert {t.seed for t in tables} == {4}
    assert tables[0].tokens["bob"] != tables[1].tokens["bob"]
    monkeypatch.setenv("NEGOSIM_WEB_TABLES", str(tmp_path))
    monkeypatch.setenv("NEGOSIM_WEB_ADDRESS", "http://127.0.0.1:8765/")
    token = instructor_token(tmp_path)
    assert instructor_token(tmp_path) == token  # kept: a restarted server prints the same link
    assert (tmp_path / ".instructor-token").stat().st_mode & 0o077 == 0
    assert is_instructor({"instructor": [token]})
    assert not is_instructor({"instructor": [token[:-1]]})
    assert not is_instructor({})
    assert seat_link("g-1", "abc") == "http://127.0.0.1:8765/?table=g-1&seat=abc"
    with pytest.raises(TableError, match="no table"):
        TableHub(TableStore(tmp_path)).table("../g-1")


def test_a_damaged_table_file_is_set_aside_and_named(tmp_path: Path) -> None:
    hub, table = hub_with_pie(tmp_path)
    (tmp_path / "notes.json").write_text("{not json", encoding="utf-8")
    hub.tick()
    assert hub.names() == ["pie-1"]
    assert "not a table negosim saved" in hub.unreadable["notes"]
    again = TableHub(TableStore(tmp_path))  # a restarted server starts all the same
    assert again.names() == ["pie-1"]
    (tmp_path / "notes.json").write_text(table.to_json().replace('"pie-1"', '"notes"'), "utf-8")
    again.tick()
    assert again.names() == ["notes", "pie-1"]
    assert again.unreadable == {}
