"""The compiled pass of :func:`negosim.solutions.pareto.pareto_mask` for three or more actors.

In its own module so that importing the solutions (and validating a scenario, or starting the
command line) does not load numba.
"""

from __future__ import annotations

import numpy as np

from negosim.arrays import BoolArray, FloatArray, IntArray
from negosim.compiled import numba


@numba.njit(cache=True)
def _dominates(a: FloatArray, b: FloatArray) -> bool:  # pragma: no cover - compiled
    """Whether ``a`` is at least ``b`` everywhere and better somewhere (exits at the first loss)."""
    strict = False
    for k in range(len(a)):
        if a[k] < b[k]:
            return False
        if a[k] > b[k]:
            strict = True
    return strict


@numba.njit(cache=True)
def skyline_of_sorted(  # noqa: PLR0912 # pragma: no cover - compiled
    u: FloatArray, bins: IntArray, resolution: int, budget: int
) -> tuple[BoolArray, int]:
    """Frontier of rows sorted by decreasing sum, with the frontier kept in a coarse grid.

    Only earlier rows can dominate a row, so confirmed frontier rows are final. They are stored by
    grid cell with each cell's coordinate-wise maximum; a row is checked only against cells in its
    upper orthant whose maximum covers it, after the last dominator found (dominated rows come in runs).

    Parameters
    ----------
    u
        (rows, actors) utilities, sorted by decreasing sum.
    bins
        (rows, gridded actors) each row's quantile bin on the first actors.
    resolution
        Bins per gridded actor.
    budget
        The most pairwise dominance checks to make before giving up.

    Returns
    -------
    tuple
        Whether each row is on the frontier, and the checks made (``-1``: over budget, the
        mask incomplete).
    """
    n, d = u.shape
    g = bins.shape[1]
    # Each row's grid cell as one integer: its bins read as digits in base ``resolution``.
    cell = np.zeros(n, dtype=np.int64)
    for i in range(n):
        for k in range(g):
            cell[i] = cell[i] * resolution + bins[i, k]
    # ``store`` holds confirmed frontier rows grouped by cell (a counting sort): cell c's rows go in
    # store[start[c] : start[c] + fill[c]], sized for the worst case of every row in the cell.
    cells = resolution**g
    start = np.zeros(cells + 1, dtype=np.int64)
    for i in range(n):
        start[cell[i] + 1] += 1
    start = np.cumsum(start)
    fill = np.zeros(cells, dtype=np.int64)
    store = np.empty((n, d), dtype=u.dtype)
    box = np.full((cells, d), -np.inf)  # each cell's coordinate-wise maximum over its rows
    keep = np.zeros(n, dtype=np.bool_)
    corner = np.zeros(g, dtype=np.int64)
    last = -1  # the dominator found last: dominated rows come in runs, so try it first
    checks = 0
    for i in range(n):
        if checks > budget:
            return keep, -1
        checks += 1
        if last >= 0 and _dominates(store[last], u[i]):
            continue
        # Walk every cell of the upper orthant of row i's cell (bins >= its own on each gridded
        # axis), like an odometer whose digits start at row i's bins.
        corner[:] = bins[i]
        dominated = False
        while not dominated:
            c = 0
            for k in range(g):
                c = c * resolution + corner[k]
            # A cell can hold a dominator only if its maximum covers the row on every axis.
            if fill[c] > 0 and np.all(box[c] >= u[i]):
                checks += fill[c]
                for j in range(start[c], start[c] + fill[c]):
                    if _dominates(store[j], u[i]):
                        dominated = True
                        last = j
                        break
            # Advance the odometer; a digit that overflows resets to row i's own bin.
            k = g - 1
            while k >= 0:
                corner[k] += 1
                if corner[k] < resolution:
                    break
                corner[k] = bins[i, k]
                k -= 1
            if k < 0:
                break
        if not dominated:  # final: only earlier (larger-sum) rows could have dominated it
            c = cell[i]
            store[start[c] + fill[c]] = u[i]
            fill[c] += 1
            box[c] = np.maximum(box[c], u[i])
            keep[i] = True
    return keep, checks
