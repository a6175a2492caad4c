"""Bueno de Mesquita's expected-utility model as formalised by Scholz, Calbert and Smith (2011).

The building blocks are checked against values worked out by hand; the full model runs the worked
example of the paper (ten EU members, positions on a 4-10 scale, capability and salience as listed
there and in the public replications). Its forecast before any round is fixed by the data: the
capability x salience weighted mean 500.3 / 67.7 and the weighted median 7. Later rounds are pinned
as regression values of this implementation (see the note in the docs about which variant they
follow).
"""

from __future__ import annotations

import numpy as np
import pytest

from negosim.engine.model import NegotiationModel
from negosim.games.game import game_from_scenario
from negosim.scenario import Scenario
from negosim.solutions.challenges import expected_utility_rounds
from negosim.solutions.expected_utility import (
    challenge_utility,
    risk_exponents,
    weighted_mean,
    weighted_median,
    win_probability,
)
from negosim.strategies import make_strategy
from tests.bdm_reference import masad_round

TWO = np.array([0.0, 10.0]), np.array([0.05, 0.05]), np.array([0.1, 0.1])

EU_NAMES = [
    "Netherlands",
    "Belgium",
    "Luxembourg",
    "Germany",
    "France",
    "Italy",
    "UK",
    "Ireland",
    "Denmark",
    "Greece",
]
EU_POSITION = np.array([7, 4, 4, 4, 10, 10, 10, 7, 4, 7], dtype=float)
EU_CAPABILITY = np.array([0.08, 0.08, 0.03, 0.16, 0.16, 0.16, 0.16, 0.05, 0.05, 0.08])
EU_SALIENCE = np.array([40, 80, 20, 80, 60, 60, 90, 10, 100, 70]) / 100


def test_equal_rivals_each_win_half_the_time() -> None:
    x, c, s = TWO
    assert win_probability(x, c, s, 0, 1, 10) == pytest.approx(0.5)
    assert win_probability(x, c * [2, 1], s, 0, 1, 10) == pytest.approx(2 / 3)
    assert win_probability(x, c, s * [1, 5], 0, 1, 10) == pytest.approx(1 / 6)


def test_challenge_utility_by_hand() -> None:
    x, c, s = TWO
    # s_j (P u_s + (1 - P) u_f) + (1 - s_j) u_s - u_sq with u_s = 2, u_f = -2, u_sq = 0, P = 1/2.
    assert challenge_utility(x, c, s, 0, 1, 10, r=1.0) == pytest.approx(0.1 * 0 + 0.9 * 2)
    assert challenge_utility(x, c * [2, 1], s, 0, 1, 10, r=1.0) == pytest.approx(1.8 + 0.2 / 3)
    # r = 2: u_s = 2 - 4 * 0 = 2, u_f = 2 - 4 * 1 = -2, u_sq = 2 - 4 / 4 = 1.
    assert challenge_utility(x, c, s, 0, 1, 10, r=2.0) == pytest.approx(0.9 * 2 - 1)


def test_the_worked_example_starts_from_its_published_forecast() -> None:
    mean = weighted_mean(EU_POSITION, EU_CAPABILITY, EU_SALIENCE)
    assert mean == pytest.approx(500.3 / 67.7)
    assert weighted_median(EU_POSITION, EU_CAPABILITY, EU_SALIENCE) == 7.0


def test_risk_exponents_lie_between_one_half_and_two() -> None:
    r = risk_exponents(EU_POSITION, EU_CAPABILITY, EU_SALIENCE, span=6.0)
    assert np.all((r >= 0.5) & (r <= 2.0))
    assert r.max() == pytest.approx(2.0) or r.min() == pytest.approx(0.5)


def test_the_worked_example_round_by_round() -> None:
    rounds = expected_utility_rounds(EU_POSITION, EU_CAPABILITY, EU_SALIENCE, span=6.0, rounds=4)
    np.testing.assert_allclose(
        rounds[0].positions, [4.0, 7.0, 7.0, 7.0, 7.0, 7.0, 10.0, 4.0, 4.080, 7.712], atol=1e-3
    )
    assert [round(r.mean, 3) for r in rounds] == [7.317, 7.006, 7.0, 7.0]
    assert [r.median for r in rounds] == [7.0, 7.0, 7.0, 7.0]
    assert not rounds[-1].moves, "positions have settled on the median"


def test_nobody_moves_when_everyone_agrees() -> None:
    rounds = expected_utility_rounds([5.0, 5.0, 5.0], [1, 1, 1], [0.5, 0.5, 0.5], span=10, rounds=2)
    assert all(not r.moves for r in rounds)
    assert rounds[-1].median == 5.0


def test_net_votes_differ_from_votes_for_by_hand() -> None:
    x, c, s = np.array([0.0, 10.0, 4.0]), np.ones(3), np.ones(3)
    # votes for actor 0 over actor 1: 10 (actor 0), -10 (actor 1), 2 (actor 2); 22 cast
    assert win_probability(x, c, s, 0, 1, 10) == pytest.approx(12 / 22)
    assert win_probability(x, c, s, 0, 1, 10, net=True) == pytest.approx(2 / 22)
    assert win_probability(x, c, s, 1, 0, 10, net=True) == 0.0


def test_masads_rules_match_an_independent_reading_of_the_replication() -> None:
    positions = EU_POSITION
    mine = expected_utility_rounds(
        EU_POSITION, EU_CAPABILITY, EU_SALIENCE, span=6.0, rounds=5, rules="masad"
    )
    for played in mine:
        expected = masad_round(list(positions), list(EU_CAPABILITY), list(EU_SALIENCE), span=6.0)
        np.testing.assert_allclose(played.positions, expected, rtol=0, atol=1e-12)
        positions = played.positions
    scholz = expected_utility_rounds(EU_POSITION, EU_CAPABILITY, EU_SALIENCE, span=6.0, rounds=5)
    assert any(
        not np.allclose(a.positions, b.positions) for a, b in zip(mine, scholz, strict=True)
    ), "the two sets of rules should differ on the worked example"


def eu_example(salience: bool, variant: str = "scholz") -> Scenario:
    """The worked example as a one-issue scenario, saliences stated or left to the weights."""
    names = [name.lower() for name in EU_NAMES]
    actors = {
        name: {
            "label": label,
            "power": float(capability),
            "reservation": 0.0,
            "discount": 1.0,
            "weights": {"integration": 1.0},
            "values": {"integration": {"kind": "peaked", "ideal": float(position)}},
            **({"salience": {"integration": float(weight)}} if salience else {}),
        }
        for name, label, position, capability, weight in zip(
            names, EU_NAMES, EU_POSITION, EU_CAPABILITY, EU_SALIENCE, strict=True
        )
    }
    return Scenario.model_validate(
        {
            "name": "eu_example",
            "title": "Scholz, Calbert and Smith's worked example",
            "summary": "Ten EU members on a 4-10 scale.",
            "tracks": {
                "council": {
                    "protocol": "expected_utility",
                    "variant": variant,
                    "deadline": 6,
                    "ratification": {"rule": "quota", "quota": 0.5, "parties": names},
                }
            },
            "issues": {
                "integration": {
                    "kind": "continuous",
                    "track": "council",
                    "min": 4.0,
                    "max": 10.0,
                    "step": 0.5,
                    "status_quo": 7.0,
                    "unit": "position on the paper's scale",
                }
            },
            "actors": actors,
        }
    )


@pytest.mark.parametrize("variant", ["scholz", "masad"])
def test_a_stated_salience_is_the_one_the_protocol_plays(variant: str) -> None:
    stated = game_from_scenario(eu_example(salience=True, variant=variant))
    derived = game_from_scenario(eu_example(salience=False, variant=variant))
    assert stated.options.positions is not None
    assert derived.options.positions is not None
    np.testing.assert_array_equal(stated.options.positions.salience[:, 0], EU_SALIENCE)
    np.testing.assert_array_equal(derived.options.positions.salience[:, 0], np.ones(10))
    model = NegotiationModel(stated, [make_strategy("boulware", {}) for _ in range(10)], seed=0)
    model.step()
    expected = expected_utility_rounds(
        EU_POSITION, EU_CAPABILITY, EU_SALIENCE, span=6.0, rounds=1, rules=variant
    )
    np.testing.assert_allclose(model.protocol.positions[:, 0], expected[0].positions, atol=1e-12)
