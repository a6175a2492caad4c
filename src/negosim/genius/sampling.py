"""Which bids of a non-linear GENIUS domain the negotiation is played on.

ANAC 2014's domains have 10¹⁰ bids and more: too many to tabulate, and a hyper-rectangle profile has
no per-issue structure to search by. When the whole space fits the limit every bid is kept (exact).
Otherwise the bids are a sample: half drawn uniformly, the rest found by local search (coordinate
ascent from random starts, one issue at a time, all starts at once) on each party's utility and on
random weighted mixes of the parties' utilities — so each party's best region and the trade-offs
between them are in the sample, as an ANAC agent's search would find them. Utilities of every kept
bid are exact; what is estimated from the sample (the frontier, the solutions) is said so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from negosim.arrays import FloatArray, IntArray

Utilities = Callable[[IntArray], FloatArray]
"""(bids, issues) level indices to (bids, parties) utilities."""

STARTS = 8
SWEEPS = 12


@dataclass(frozen=True)
class Bids:
    levels: IntArray
    """(bids, issues) level index of each issue in each kept bid."""
    total: int
    """How many bids the domain has."""
    exhaustive: bool

    def describe(self, seed: int) -> str:
        """What the kept bids are, for the scenario's provenance.

        Parameters
        ----------
        seed
            The seed the sample was drawn with.

        Returns
        -------
        str
            One sentence.
        """
        if self.exhaustive:
            return f"every one of the {self.total:,} bids"
        return (
            f"a sample of {len(self.levels):,} of the {self.total:.3g} bids (half uniform, half "
            f"local-search optima of each party's and of mixed utilities; seed {seed})"
        )


def choose_bids(sizes: tuple[int, ...], utilities: Utilities, limit: int, seed: int) -> Bids:
    """Every bid when there are at most ``limit``, else a sample of ``limit``.

    Parameters
    ----------
    sizes
        The number of values of each issue.
    utilities
        Each party's utility of bids given as level indices.
    limit
        The most bids to keep.
    seed
        Seed of the sample.

    Returns
    -------
    Bids
        The kept bids, in a reproducible order.
    """
    total = int(np.prod([float(s) for s in sizes]))
    if total <= limit:
        grid = np.indices(sizes).reshape(len(sizes), -1).T
        return Bids(grid.astype(np.int64), total, True)
    rng = np.random.default_rng(seed)
    found = _unique_in_order(_local_optima(sizes, utilities, rng))[: limit // 2]
    uniform = rng.integers(0, sizes, size=(limit, len(sizes)))
    return Bids(_unique_in_order(np.concatenate([found, uniform]))[:limit], total, False)


def _unique_in_order(bids: IntArray) -> IntArray:
    _, first = np.unique(bids, axis=0, return_index=True)
    kept: IntArray = bids[np.sort(first)]
    return kept


def _local_optima(
    sizes: tuple[int, ...], utilities: Utilities, rng: np.random.Generator
) -> IntArray:
    """Bids visited by coordinate ascent on each party's utility and on random mixes of them."""
    parties = utilities(np.zeros((1, len(sizes)), dtype=np.int64)).shape[1]
    mixes = np.concatenate([np.eye(parties), rng.dirichlet(np.ones(parties), size=2 * parties)])
    weights = np.repeat(mixes, STARTS, axis=0)
    current = rng.integers(0, sizes, size=(len(weights), len(sizes)))
    visited = [current.copy()]
    for _ in range(SWEEPS):
        before = current.copy()
        for issue in rng.permutation(len(sizes)):
            current = _best_on_issue(current, int(issue), sizes[issue], weights, utilities)
            visited.append(current.copy())
        if np.array_equal(before, current):
            break
    return np.concatenate(visited[::-1])


def _best_on_issue(
    current: IntArray, issue: int, size: int, weights: FloatArray, utilities: Utilities
) -> IntArray:
    """Each start moved to its best value of one issue (ties keep the current value)."""
    tried = np.repeat(current, size, axis=0)
    tried[:, issue] = np.tile(np.arange(size), len(current))
    scores = (utilities(tried) * np.repeat(weights, size, axis=0)).sum(axis=1).reshape(-1, size)
    stay = scores[np.arange(len(current)), current[:, issue]]
    best = scores.argmax(axis=1)
    moved = current.copy()
    better = scores[np.arange(len(current)), best] > stay
    moved[better, issue] = best[better]
    return moved
