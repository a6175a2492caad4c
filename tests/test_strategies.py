"""Every registered strategy plays scripted rounds (Axelrod's shared test base), then each family's
own behaviour is checked."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from negosim.engine.model import NegotiationModel
from negosim.games.textbook import division_game, linear_additive_game
from negosim.strategies import STRATEGIES, Seat, Strategy, make_strategy
from negosim.strategies.human import MissingCallbackError

CLASSIFIER_KEYS = {
    "stochastic",
    "time_dependent",
    "reactive",
    "uses_opponent_model",
    "knows_preferences",
    "full_information",
}


OWN = sorted(set(STRATEGIES) - {"negmas"})
"""negosim's own players; the NegMAS seat (it needs the crosscheck extra and issues) is tested in
tests/test_negmas_bridge.py."""


def scripted_callback(move: str, round_: int, offer: int | None, proposer: int | None) -> Any:
    return 0 if move == "propose" else False


def build(name: str) -> Strategy:
    return make_strategy(name, {}, scripted_callback if name == "human" else None)


def seat(game: Any, index: int = 0, seed: int = 0) -> Seat:
    return Seat(
        index,
        game,
        np.random.default_rng(seed),
        game.protocol,
        float(game.reservation[index]),
        float(game.discount[index]),
    )


@pytest.mark.parametrize("name", sorted(STRATEGIES))
def test_every_strategy_is_named_and_classified(name: str) -> None:
    cls = STRATEGIES[name]
    assert cls.name == name
    assert set(cls.classifier) == CLASSIFIER_KEYS


@pytest.mark.parametrize("name", OWN)
def test_every_strategy_plays_scripted_rounds(name: str) -> None:
    """Outcome k of this pie gives the strategy's actor k/100; its walk-away is 0.3."""
    game = division_game(2, 100, [0.9, 0.9], deadline=20, reservation=[0.3, 0.3])
    strategy = build(name)
    strategy.reset(seat(game))
    for round_ in range(game.deadline):
        offer = strategy.propose(round_)
        assert 0 <= offer < game.size
        strategy.observe(round_, 1, 50 - round_)
        if name == "human":
            continue
        assert game.utilities[offer, 0] >= 0.3 - 1e-12, "never offers below its walk-away"
        assert strategy.respond(round_, 0, 1) is False, "nothing for itself"
        assert strategy.respond(round_, 20, 1) is False, "0.2 is below the walk-away"


@pytest.mark.parametrize("name", sorted(set(OWN) - {"human"}))
@given(seed=st.integers(0, 2**31 - 1))
def test_same_seed_same_negotiation(name: str, seed: int) -> None:
    game = linear_additive_game(actors=2, deadline=30, seed=7)
    runs = [
        NegotiationModel(game, [build(name), build("linear")], seed=seed).run() for _ in range(2)
    ]
    assert runs[0] == runs[1]


def test_boulware_holds_out_longer_than_conceder() -> None:
    game = division_game(2, 100, [1.0, 1.0], deadline=50, reservation=[0.2, 0.2])
    curves = {}
    for name in ("boulware", "linear", "conceder"):
        strategy = make_strategy(name, {})
        strategy.reset(seat(game))
        curves[name] = strategy.targets  # type: ignore[attr-defined]
    middle = 25
    assert curves["boulware"][middle] > curves["linear"][middle] > curves["conceder"][middle]
    for curve in curves.values():
        assert curve[0] == pytest.approx(1.0)
        assert curve[-1] == pytest.approx(0.2)
        assert np.all(np.diff(curve) <= 1e-12)


def test_hardliner_never_moves() -> None:
    game = division_game(2, 100, [1.0, 1.0], deadline=30, reservation=[0.3, 0.3])
    strategy = make_strategy("hardliner", {})
    strategy.reset(seat(game))
    assert {strategy.propose(t) for t in range(30)} == {100}
    assert not strategy.respond(29, 99, 1)
    assert strategy.respond(29, 100, 1)


def test_tit_for_tat_returns_the_concession_it_receives() -> None:
    game = division_game(2, 100, [1.0, 1.0], deadline=30, reservation=[0.0, 0.0])
    strategy = make_strategy("tit_for_tat", {"gesture": 0.0})
    strategy.reset(seat(game))
    assert game.utilities[strategy.propose(0), 0] == pytest.approx(1.0)
    strategy.observe(1, 1, 0)  # the other offers me 0.0
    strategy.observe(3, 1, 10)  # ... then 0.1: a concession of 0.1
    assert game.utilities[strategy.propose(4), 0] == pytest.approx(0.9)
    strategy.observe(5, 1, 10)  # no further concession
    strategy.observe(7, 1, 10)
    assert game.utilities[strategy.propose(8), 0] == pytest.approx(0.9)


def test_random_acceptable_only_offers_what_it_accepts() -> None:
    game = division_game(2, 100, [1.0, 1.0], deadline=30, reservation=[0.6, 0.0])
    strategy = make_strategy("random_acceptable", {})
    strategy.reset(seat(game, seed=3))
    offers = {strategy.propose(t) for t in range(200)}
    assert len(offers) > 10
    assert all(game.utilities[o, 0] >= 0.6 for o in offers)


def test_opponent_model_learns_which_issue_the_other_will_not_give_up() -> None:
    game = linear_additive_game(actors=2, levels=(5, 5), deadline=40, seed=3)
    strategy = make_strategy("opponent_model", {})
    at_table = seat(game)
    strategy.reset(at_table)
    levels = game.levels
    assert levels is not None
    fixed_first = [o for o in range(game.size) if levels[o, 0] == 4]
    for round_, offer in enumerate(fixed_first[:5]):
        at_table.minutes.record(round_, 1, offer, (False, True))
    strategy.model.catch_up()  # type: ignore[attr-defined]
    weights = strategy.model.weights[1]  # type: ignore[attr-defined]
    assert weights[0] > weights[1], "the issue it never changed is the one it cares about"


def test_human_needs_a_callback_and_plays_through_it() -> None:
    with pytest.raises(MissingCallbackError, match="negosim play"):
        make_strategy("human", {})
    calls: list[str] = []

    def callback(move: str, round_: int, offer: int | None, proposer: int | None) -> Any:
        calls.append(move)
        return 7 if move == "propose" else True

    human = make_strategy("human", {}, callback)
    assert human.propose(0) == 7
    assert human.respond(0, 3, 1) is True
    assert calls == ["propose", "respond"]
