"""A classroom table: people negotiate with each other, quiet seats are played on, nothing is lost."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from negosim.cli import app
from negosim.engine.catalogue import load_scenario
from negosim.play.classroom import gather
from negosim.play.join import join_table
from negosim.play.table_store import TableStore
from negosim.play.tables import SharedTable, TableError
from negosim.web.table import best_offer

runner = CliRunner()
GRAND_BARGAIN = ("us", "ukraine", "europe", "russia")


def pie_table() -> SharedTable:
    return SharedTable.open("pie-1", load_scenario("split_the_pie"), 0, ["alice", "bob"])


def share(table: SharedTable, x: float) -> int:
    space = table.game().space
    assert space is not None
    return space.index_of({"alice_share": x})


def test_two_people_negotiate_with_each_other_to_a_deal() -> None:
    table = pie_table()
    alice, bob = table.tokens["alice"], table.tokens["bob"]
    turn = table.view().turn
    assert turn is not None
    assert (turn.actor, turn.kind, turn.round) == ("alice", "propose", 0)
    table = table.answer(alice, share(table, 0.8))
    turn = table.view().turn
    assert turn is not None
    assert (turn.actor, turn.kind, turn.offer) == ("bob", "respond", share(table, 0.8))
    table = table.answer(bob, False)
    turn = table.view().turn
    assert turn is not None
    assert (turn.actor, turn.kind, turn.round) == ("bob", "propose", 1)
    table = table.answer(bob, share(table, 0.55)).answer(alice, True)
    view = table.view()
    assert view.turn is None
    assert view.result is not None
    assert view.result.agreement
    assert view.result.outcome == share(table, 0.55)
    assert "Round 2: Bob proposes" in "\n".join(view.log)


def test_a_wrong_token_or_a_move_out_of_turn_is_refused() -> None:
    table = pie_table()
    with pytest.raises(TableError, match="opens no seat"):
        table.answer("guessed", 3)
    with pytest.raises(TableError, match="not your turn: alice is to propose"):
        table.answer(table.tokens["bob"], 3)
    assert table.seat_of(table.tokens["bob"]) == "bob"
    assert len({*table.tokens.values()}) == 2
    assert all(len(token) >= 20 for token in table.tokens.values())


def test_a_quiet_seat_is_played_by_its_strategy_and_the_log_says_so() -> None:
    table = pie_table()
    table = table.answer(table.tokens["alice"], share(table, 0.9))
    table = table.hand_over("bob")  # Bob went quiet while Alice's offer waited for him
    view = table.view()
    assert view.turn is not None  # the table moves on without Bob: his strategy refused, offered
    assert (view.turn.actor, view.turn.kind, view.turn.proposer) == ("alice", "respond", 1)
    assert view.turn.offer is not None
    assert view.turn.offer < share(table, 0.9)
    assert "Bob's seat is played by its strategy from here" in "\n".join(view.log)


def test_a_table_survives_a_restart_as_the_same_story(tmp_path: Path) -> None:
    table = pie_table()
    table = table.answer(table.tokens["alice"], share(table, 0.7))
    store = TableStore(tmp_path)
    store.save(table)
    again = TableStore(tmp_path).load("pie-1")
    assert again.view().log == table.view().log
    assert again.view().turn == table.view().turn
    assert store.names() == ["pie-1"]
    with pytest.raises(TableError, match="letters, digits and dashes"):
        store.load("../etc/passwd")


def test_only_the_seats_people_hold_wait_for_them_in_the_grand_bargain() -> None:
    table = SharedTable.open("gb-1", load_scenario("grand_bargain"), 0, ["ukraine", "russia"])
    turn = table.view().turn
    assert turn is not None
    assert turn.actor in ("ukraine", "russia")  # the US (mediator) and Europe are played on
    with pytest.raises(TableError, match="not seated at this table"):
        SharedTable.open("gb-2", load_scenario("minerals_deal"), 0, ["russia"])


class Scripted:
    """A person at a terminal, answering from a script; says nothing back but keeps the log."""

    def __init__(self, numbers: list[float], confirms: list[bool]) -> None:
        self.numbers, self.confirms, self.heard = numbers, confirms, []

    def choose(self, question: str, options: Sequence[str], default: int) -> int:
        return default

    def number(self, question: str, low: float, high: float, default: float) -> float:
        return self.numbers.pop(0)

    def confirm(self, question: str) -> bool:
        return self.confirms.pop(0)

    def say(self, text: str) -> None:
        self.heard.append(text)


def test_two_terminals_at_one_table_play_to_a_deal_and_the_instructor_sees_it(
    tmp_path: Path,
) -> None:
    opened = runner.invoke(
        app,
        [
            "table",
            "open",
            "split_the_pie",
            "--seats",
            "alice,bob",
            "--name",
            "t1",
            "--dir",
            str(tmp_path),
        ],
    )
    assert opened.exit_code == 0, opened.output
    links = dict(line.split(": negosim play --join ") for line in opened.output.splitlines())
    tokens = {who: link.partition("#")[2] for who, link in links.items()}
    store = TableStore(tmp_path)
    alice = Scripted(numbers=[0.8, 0.6], confirms=[False])  # asks 0.8; refuses 0.5; asks 0.6
    bob = Scripted(numbers=[0.5], confirms=[False, True])  # refuses 0.8; offers 0.5; takes 0.6
    results: dict[str, Any] = {}
    stop = threading.Event()

    def wait() -> None:
        if stop.wait(0.01):
            raise TimeoutError("the test gave up on this table")

    def sit(who: str, person: Scripted) -> None:
        try:
            results[who] = join_table(store, "t1", tokens[who], person, wait)
        except Exception as error:
            results[who] = error

    threads = [threading.Thread(target=sit, args=a) for a in (("Alice", alice), ("Bob", bob))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)  # a bound, not a pace: the threads end when the talks do
    stop.set()
    assert set(results) == {"Alice", "Bob"}
    view = results["Alice"]
    assert not isinstance(view, Exception), view
    assert view.result is not None
    assert view.result.agreement
    assert view.game.describe(view.result.outcome) == {"alice_share": 0.6}
    assert results["Bob"].result.outcome == view.result.outcome  # one table, one story
    assert "You are Alice at table t1." in alice.heard
    assert any(line.startswith("Waiting for Bob") for line in alice.heard)
    status = runner.invoke(app, ["table", "status", "--dir", str(tmp_path)])
    assert "t1: split_the_pie, people at alice, bob; deal" in status.output


def test_a_wrong_link_is_refused_with_a_message(tmp_path: Path) -> None:
    runner.invoke(
        app,
        [
            "table",
            "open",
            "split_the_pie",
            "--seats",
            "alice",
            "--name",
            "t2",
            "--dir",
            str(tmp_path),
        ],
    )
    wrong = runner.invoke(app, ["play", "--join", f"{tmp_path / 't2'}#guessed"])
    assert wrong.exit_code == 2
    assert "this link opens no seat at this table" in wrong.output
    bare = runner.invoke(app, ["play"])
    assert bare.exit_code == 2
    assert "--join DIR/NAME#TOKEN" in bare.output
    handed = runner.invoke(app, ["table", "hand-over", "t2", "alice", "--dir", str(tmp_path)])
    assert handed.exit_code == 0, handed.output
    assert "(played on)" in runner.invoke(app, ["table", "status", "--dir", str(tmp_path)]).output


def test_the_instructor_hands_quiet_seats_over_and_finished_tables_join_the_debrief(
    tmp_path: Path,
) -> None:
    store = TableStore(tmp_path)
    store.save(replace(pie_table(), moved_at=time.time() - 600))  # Alice quiet for ten minutes
    patient = runner.invoke(app, ["table", "status", "--dir", str(tmp_path), "--idle-after", "900"])
    assert "went quiet" not in patient.output
    assert "round 1: alice to propose" in patient.output
    strict = runner.invoke(app, ["table", "status", "--dir", str(tmp_path), "--idle-after", "300"])
    assert "pie-1: alice went quiet; its strategy plays on" in strict.output
    table = store.load("pie-1")
    assert "alice" in table.handed_over
    assert "Alice's seat is played by its strategy from here" in "\n".join(table.view().log)
    table = store.load("pie-1")
    while (turn := table.view().turn) is not None:  # Bob answers whatever is asked, at once
        table = table.answer(
            table.tokens["bob"], share(table, 0.5) if turn.kind == "propose" else True
        )
    store.save(table)
    finished = runner.invoke(app, ["table", "status", "--dir", str(tmp_path)])
    assert "pie-1: split_the_pie, people at alice (played on), bob; deal" in finished.output
    games = sorted((tmp_path / "games").iterdir())
    assert [g.name for g in games] == ["pie-1-alice", "pie-1-bob"]
    classroom = gather(games, runs=20)
    assert len(classroom.games) == 2


def test_a_missing_directory_or_a_damaged_table_is_a_message_not_a_traceback(
    tmp_path: Path,
) -> None:
    missing = runner.invoke(app, ["table", "status", "--dir", str(tmp_path / "nowhere")])
    assert missing.exit_code == 2
    assert "no such directory of tables" in missing.output
    assert not (tmp_path / "nowhere").exists()  # nothing created by a typo
    joined = runner.invoke(app, ["play", "--join", f"{tmp_path / 'nowhere' / 't'}#x"])
    assert joined.exit_code == 2
    assert "no such directory of tables" in joined.output
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    damaged = runner.invoke(app, ["table", "status", "--dir", str(tmp_path)])
    assert damaged.exit_code == 2
    assert "broken.json: not a table negosim saved" in damaged.output
    assert "Traceback" not in damaged.output


def test_rounds_in_which_nothing_moved_are_told_once() -> None:
    """A log of rounds of 'United States repeats its offer' once filled a seminar's screen."""
    table = SharedTable.open("gb-1", load_scenario("grand_bargain"), 0, list(GRAND_BARGAIN))
    text = best_offer(table.game(), 0)
    for _ in range(4):
        table = table.answer(table.tokens["us"], text)
        for actor in GRAND_BARGAIN[1:]:
            table = table.answer(table.tokens[actor], False)
    log = table.view().log
    assert log[0].startswith("Round 1: United States proposes revenue share: 1 ")
    assert log[2] == "Rounds 2-4: United States repeats its offer each round"
    assert (
        log[3].strip() == "Ukraine rejects · European allies rejects · Russia rejects (each round)"
    )
    assert len(log) == 4
    table = table.answer(table.tokens["us"], text).answer(table.tokens["ukraine"], True)
    table = table.answer(table.tokens["europe"], False).answer(table.tokens["russia"], False)
    assert table.view().log[4].startswith("Round 5: United States repeats its offer")


def test_a_seats_browser_link_also_seats_a_terminal(tmp_path: Path) -> None:
    where = ["--dir", str(tmp_path), "--url", "http://127.0.0.1:8765", "--idle-after", "60"]
    opened = runner.invoke(
        app, ["table", "open", "split_the_pie", "--seats", "alice", "--name", "t3", *where]
    )
    assert opened.exit_code == 0, opened.output
    link = opened.output.split("or in a browser: ")[1].split()[0]
    assert link.startswith("http://127.0.0.1:8765/?table=t3&seat=")
    assert TableStore(tmp_path).load("t3").idle_after == 60
    runner.invoke(app, ["table", "hand-over", "t3", "alice", "--dir", str(tmp_path)])
    joined = runner.invoke(app, ["play", "--join", link, "--tables", str(tmp_path)])
    assert joined.exit_code == 0, joined.output
    assert "You are Alice at table t3." in joined.output
    assert "Deal reached." in joined.output
    wrong = runner.invoke(app, ["play", "--join", link + "x", "--tables", str(tmp_path)])
    assert "this link opens no seat at this table" in wrong.output
    partial = runner.invoke(app, ["play", "--join", "http://127.0.0.1:8765/?table=t3"])
    assert partial.exit_code == 2
    assert "?table=NAME&seat=TOKEN" in partial.output
