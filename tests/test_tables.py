"""A classroom table: people negotiate with each other, quiet seats are played on, nothing is lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from negosim.engine.catalogue import load_scenario
from negosim.play.table_store import TableStore
from negosim.play.tables import SharedTable, TableError


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
