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

from negosim.solutions.expected_utility import (
    challenge_utility,
    expected_utility_rounds,
    risk_exponents,
    weighted_mean,
    weighted_median,
    win_probability,
)

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
