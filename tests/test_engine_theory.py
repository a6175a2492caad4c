"""The engine reproduces bargaining theory: Rubinstein by backward induction, Baron-Ferejohn by
recognition bargaining, both as pure solvers and as Mesa runs with subgame-perfect strategies."""

from __future__ import annotations

import numpy as np
import pytest

from negosim.engine.model import NegotiationModel
from negosim.games.textbook import division_game
from negosim.solutions.backward_induction import backward_induction, rubinstein_share
from negosim.solutions.recognition import baron_ferejohn_shares, recognition_equilibrium
from negosim.strategies import make_strategy

pytestmark = pytest.mark.smoke


def pie(steps: int) -> np.ndarray:
    x = np.arange(steps + 1) / steps
    return np.column_stack([x, 1 - x])


@pytest.mark.parametrize(("d1", "d2"), [(0.9, 0.8), (0.95, 0.95), (0.6, 0.9)])
def test_backward_induction_converges_to_rubinstein(d1: float, d2: float) -> None:
    u, target = pie(20_000), rubinstein_share(d1, d2)
    errors = []
    for horizon in (4, 20, 200):
        plan = backward_induction(u, [d1, d2], [t % 2 for t in range(horizon)])
        errors.append(abs(u[plan.offers[0], 0] - target))
    assert errors[2] < 1e-3
    assert errors[2] < errors[0]


def test_a_one_round_game_is_an_ultimatum() -> None:
    u = pie(100)
    plan = backward_induction(u, [0.9, 0.9], [0], disagreement=[0.0, 0.25])
    assert u[plan.offers[0]] == pytest.approx([0.75, 0.25])


def test_backward_induction_values_are_what_each_side_can_secure() -> None:
    u = pie(1000)
    plan = backward_induction(u, [0.5, 0.5], [0, 1])
    # Round 2: player 2 takes everything; round 1: player 1 offers 0.5 * 1 to player 2.
    assert plan.values[1] == pytest.approx([0.0, 0.5])
    assert u[plan.offers[0]] == pytest.approx([0.5, 0.5])


@pytest.mark.parametrize(("players", "steps", "delta"), [(3, 60, 0.9), (5, 20, 0.75), (3, 30, 0.6)])
def test_recognition_equilibrium_is_baron_ferejohn(players: int, steps: int, delta: float) -> None:
    game = division_game(players, steps, [delta] * players, deadline=50, quota=0.5)
    eq = recognition_equilibrium(
        game.utilities, game.discount, [1 / players] * players, game.ratify_matrix
    )
    keep, partner = baron_ferejohn_shares(players, delta)
    assert eq.values == pytest.approx(np.full(players, 1 / players), abs=1e-9)
    for proposer, offers in enumerate(eq.offers):
        for offer in offers:
            shares = np.delete(game.utilities[offer], proposer)
            assert game.utilities[offer, proposer] == pytest.approx(keep, abs=1e-12)
            assert sorted(shares)[-(players - 1) // 2 :] == pytest.approx(
                [partner] * ((players - 1) // 2)
            )
            assert np.count_nonzero(shares > 1e-12) == (players - 1) // 2


def test_mesa_recognition_run_with_spe_play_gives_baron_ferejohn_shares() -> None:
    game = division_game(3, 60, [0.9] * 3, deadline=10, quota=0.5, protocol="recognition")
    for seed in range(5):
        strategies = [make_strategy("subgame_perfect", {}) for _ in range(3)]
        result = NegotiationModel(game, strategies, seed=seed).run()
        assert result.agreement
        assert result.rounds == 1
        assert sorted(result.utilities) == pytest.approx([0.0, 0.3, 0.7])
        assert result.utilities[result.proposer] == pytest.approx(0.7)


def test_mesa_alternating_run_with_spe_play_agrees_at_once_on_the_plan() -> None:
    game = division_game(2, 2000, [0.9, 0.8], deadline=100)
    strategies = [make_strategy("subgame_perfect", {}) for _ in range(2)]
    result = NegotiationModel(game, strategies, seed=0).run()
    assert result.agreement
    assert result.rounds == 1
    assert result.utilities[0] == pytest.approx(rubinstein_share(0.9, 0.8), abs=2e-3)
