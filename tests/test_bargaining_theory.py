"""Textbook values the solution concepts must reproduce exactly (to the grid they are given)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from negosim.solutions import (
    egalitarian_point,
    kalai_smorodinsky_point,
    nash_point,
    utilitarian_point,
)

pytestmark = pytest.mark.smoke


def linear_pie(steps: int) -> np.ndarray:
    x = np.arange(steps + 1) / steps
    return np.column_stack([x, 1 - x])


def simplex(steps: int, actors: int = 3) -> np.ndarray:
    grid = np.array([(i, j, steps - i - j) for i in range(steps + 1) for j in range(steps + 1 - i)])
    assert actors == 3
    return grid / steps


def test_nash_on_a_linear_pie_splits_the_surplus_equally() -> None:
    u, d = linear_pie(600), np.array([0.2, 0.1])
    point = u[nash_point(u, d)]
    assert point == pytest.approx([0.55, 0.45], abs=1e-12)


@pytest.mark.parametrize(
    ("weights", "share"), [((2, 1), 0.2 + 2 / 3 * 0.7), ((1, 3), 0.2 + 0.7 / 4)]
)
def test_generalised_nash_gives_each_its_power_share_of_the_surplus(
    weights: tuple[float, float], share: float
) -> None:
    u, d = linear_pie(1200), np.array([0.2, 0.1])
    point = u[nash_point(u, d, weights)]
    assert point[0] == pytest.approx(share, abs=1e-12)


def test_generalised_nash_on_a_three_way_simplex_matches_the_closed_form() -> None:
    u, d, w = simplex(60), np.array([0.1, 0.05, 0.15]), np.array([1.0, 2.0, 3.0])
    expected = d + w / w.sum() * (1 - d.sum())
    assert u[nash_point(u, d, w)] == pytest.approx(expected, abs=1e-12)


def curved_frontier(steps: int) -> np.ndarray:
    """u2 = 1 - u1**2: Nash and Kalai-Smorodinsky differ."""
    u1 = np.arange(steps + 1) / steps
    return np.column_stack([u1, 1 - u1**2])


def test_nash_on_curved_frontier_is_one_over_root_three() -> None:
    u = curved_frontier(100_000)
    u1, u2 = u[nash_point(u, [0.0, 0.0])]
    assert u1 == pytest.approx(1 / math.sqrt(3), abs=1e-5)
    assert u2 == pytest.approx(2 / 3, abs=1e-5)


def test_kalai_smorodinsky_on_curved_frontier_is_the_golden_ratio() -> None:
    u = curved_frontier(100_000)
    u1, u2 = u[kalai_smorodinsky_point(u, [0.0, 0.0])]
    assert u1 == pytest.approx((math.sqrt(5) - 1) / 2, abs=1e-5)
    assert u2 == pytest.approx(u1, abs=2e-5)


def test_truncation_moves_kalai_smorodinsky_but_not_nash() -> None:
    """The pie cut at u1 <= 1/2: the ideal point becomes (1/2, 1), KS moves to (1/3, 2/3), Nash stays."""
    u = linear_pie(600)
    u = u[u[:, 0] <= 0.5]
    assert u[nash_point(u, [0, 0])] == pytest.approx([0.5, 0.5], abs=1e-12)
    assert u[kalai_smorodinsky_point(u, [0, 0])] == pytest.approx([1 / 3, 2 / 3], abs=1e-12)


def test_utilitarian_and_egalitarian_points() -> None:
    u = np.array([[0.9, 0.1], [0.6, 0.6], [0.5, 0.8], [0.2, 0.95]])
    assert utilitarian_point(u, [0, 0]) == 2
    assert egalitarian_point(u, [0, 0]) == 1
    assert egalitarian_point(u, [0.0, 0.3]) == 2


def test_no_individually_rational_outcome_means_no_solution() -> None:
    u = linear_pie(10)
    for solve in (nash_point, kalai_smorodinsky_point, utilitarian_point, egalitarian_point):
        assert solve(u, [0.6, 0.6]) is None


def test_feasible_mask_restricts_the_choice() -> None:
    u = linear_pie(10)
    feasible = u[:, 0] >= 0.8
    assert u[nash_point(u, [0, 0], feasible=feasible)][0] == pytest.approx(0.8)


def test_bad_shapes_and_weights_are_refused() -> None:
    with pytest.raises(ValueError, match="outcomes, actors"):
        nash_point(np.ones(3), [0.0])
    with pytest.raises(ValueError, match="weights must be positive"):
        nash_point(linear_pie(4), [0, 0], weights=[1.0, 0.0])
