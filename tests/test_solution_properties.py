"""Properties every solution concept must have, on arbitrary utility tables."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from negosim.solutions import (
    egalitarian_point,
    individually_rational,
    kalai_smorodinsky_point,
    nash_point,
    pareto_mask,
    utilitarian_point,
)


def tables(min_actors: int = 1, max_actors: int = 7) -> st.SearchStrategy[np.ndarray]:
    """Utility tables on a coarse grid, so ties and duplicates are common."""
    return st.integers(min_actors, max_actors).flatmap(
        lambda actors: arrays(
            np.float64,
            st.tuples(st.integers(1, 120), st.just(actors)),
            elements=st.integers(0, 6).map(lambda v: v / 6),
        )
    )


def dominated_by_brute_force(u: np.ndarray) -> np.ndarray:
    return np.array([np.any(np.all(u >= row, axis=1) & np.any(u > row, axis=1)) for row in u])


@given(tables())
def test_pareto_mask_matches_brute_force(u: np.ndarray) -> None:
    assert np.array_equal(pareto_mask(u), ~dominated_by_brute_force(u))


@given(tables())
def test_a_pareto_point_is_never_dominated_and_every_other_point_is(u: np.ndarray) -> None:
    mask = pareto_mask(u)
    frontier = u[mask]
    for i, row in enumerate(u):
        dominated = np.any(np.all(frontier >= row, axis=1) & np.any(frontier > row, axis=1))
        assert dominated != mask[i]


@given(tables(), st.integers(0, 2**32 - 1))
def test_pareto_mask_does_not_depend_on_row_order(u: np.ndarray, seed: int) -> None:
    permutation = np.random.default_rng(seed).permutation(len(u))
    assert np.array_equal(pareto_mask(u)[permutation], pareto_mask(u[permutation]))


@given(tables(2), st.data())
def test_solutions_are_individually_rational_and_exist_when_the_zopa_does(
    u: np.ndarray, data: st.DataObject
) -> None:
    d = np.array(
        data.draw(
            st.lists(st.sampled_from([0.0, 0.2, 0.4]), min_size=u.shape[1], max_size=u.shape[1])
        )
    )
    zopa = individually_rational(u, d)
    for solve in (nash_point, kalai_smorodinsky_point, utilitarian_point, egalitarian_point):
        index = solve(u, d)
        assert (index is None) == (not zopa.any())
        if index is not None:
            assert zopa[index]


@given(tables(2))
def test_kalai_smorodinsky_and_egalitarian_points_are_pareto_optimal(u: np.ndarray) -> None:
    d = np.zeros(u.shape[1])
    frontier = pareto_mask(u)
    assert frontier[kalai_smorodinsky_point(u, d)]
    assert frontier[egalitarian_point(u, d)]
    assert frontier[utilitarian_point(u, d)]


@given(tables(2), st.data())
def test_nash_point_is_invariant_to_positive_affine_rescaling(
    u: np.ndarray, data: st.DataObject
) -> None:
    actors = u.shape[1]
    scale = np.array(
        data.draw(st.lists(st.sampled_from([0.5, 2.0, 3.0]), min_size=actors, max_size=actors))
    )
    shift = np.array(
        data.draw(st.lists(st.sampled_from([-1.0, 0.0, 4.0]), min_size=actors, max_size=actors))
    )
    d = np.full(actors, -1e-9)
    original = nash_point(u, d)
    rescaled = nash_point(u * scale + shift, d * scale + shift)
    assert original is not None
    assert rescaled is not None
    # Ties may pick another index; the Nash product, in the original units, must be the same.
    assert np.isclose(np.sum(np.log(u[rescaled] - d)), np.sum(np.log(u[original] - d)))
