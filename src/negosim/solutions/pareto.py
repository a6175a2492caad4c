"""The Pareto frontier of a set of utility vectors (maximisation), without pairwise O(N²) work.

Two actors: one sort and a running maximum, O(N log N). More actors: rows sorted by total utility,
so a row can only be dominated by rows before it, then one compiled pass that compares each row with
the frontier found so far and stops at the first dominator: O(N x F) in the worst case, F being the
frontier's size, and far less when dominated rows meet a dominator early.
"""

from __future__ import annotations

import numba
import numpy as np
import numpy.typing as npt

BoolArray = npt.NDArray[np.bool_]
FloatArray = npt.NDArray[np.float64]


def pareto_mask(utilities: npt.ArrayLike) -> BoolArray:
    """``mask[i]`` is True when no row weakly dominates row ``i`` with a strict gain somewhere.

    >>> pareto_mask([[1, 0], [0, 1], [0.5, 0.5], [0.4, 0.4]]).tolist()
    [True, True, True, False]
    """
    u = np.asarray(utilities, dtype=np.float64)
    if u.ndim != 2:
        raise ValueError(f"utilities must be a 2-D array (outcomes x actors), got shape {u.shape}")
    if u.shape[0] == 0 or u.shape[1] == 0:
        return np.ones(u.shape[0], dtype=np.bool_)
    if u.shape[1] == 1:
        return np.asarray(u[:, 0] == u[:, 0].max())
    if u.shape[1] == 2:
        return _pareto_two(u)
    return _pareto_many(u)


def _pareto_two(u: FloatArray) -> BoolArray:
    order = np.lexsort((-u[:, 1], -u[:, 0]))
    first, second = u[order, 0], u[order, 1]
    starts = np.flatnonzero(np.r_[True, first[1:] != first[:-1]])
    group_best = second[starts]
    best_before = np.r_[-np.inf, np.maximum.accumulate(group_best)[:-1]]
    group = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, len(first)]))
    sorted_mask = (second == group_best[group]) & (group_best[group] > best_before[group])
    mask = np.empty(len(u), dtype=np.bool_)
    mask[order] = sorted_mask
    return mask


def _pareto_many(u: FloatArray) -> BoolArray:
    order = np.argsort(-u.sum(axis=1), kind="stable")
    mask = np.empty(len(u), dtype=np.bool_)
    mask[order] = _skyline_of_sorted(np.ascontiguousarray(u[order]))
    return mask


@numba.njit(cache=True)  # type: ignore[untyped-decorator]
def _skyline_of_sorted(u: FloatArray) -> BoolArray:  # pragma: no cover - compiled
    """Block-nested-loop skyline over rows sorted by decreasing sum.

    A row can only be dominated by an earlier one, so the window of confirmed frontier rows only
    grows; the comparison stops at the first coordinate that rules a dominator out, and a window row
    that dominates moves one place forward so the strongest dominators are tried first.
    """
    n, d = u.shape
    window = np.empty(n, dtype=np.int64)
    size = 0
    keep = np.zeros(n, dtype=np.bool_)
    for i in range(n):
        dominated = False
        for w in range(size):
            j = window[w]
            strict = False
            covers = True
            for k in range(d):
                if u[j, k] < u[i, k]:
                    covers = False
                    break
                if u[j, k] > u[i, k]:
                    strict = True
            if covers and strict:
                dominated = True
                if w > 0:
                    window[w], window[w - 1] = window[w - 1], j
                break
        if not dominated:
            window[size] = i
            size += 1
            keep[i] = True
    return keep
