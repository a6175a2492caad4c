"""Where a proposer looks for its offer: each run's, actor's and round's target window.

``Concession.candidates`` for a block of runs: the outcomes of the actor's ranked list between its
target and the target plus its window width (``window_bounds``), found for every run at once.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from negosim.arrays import IntArray
from negosim.engine.batch.prepare import Plan, per_run
from negosim.engine.batch.runs import Runs
from negosim.games.game import Game
from negosim.strategies.base import Strategy


def ranked_orders(game: Game) -> tuple[IntArray, IntArray]:
    """Each actor's outcomes from best to worst as ``Seat.ranked`` takes them, padded to one array.

    Parameters
    ----------
    game
        The game.

    Returns
    -------
    tuple of IntArray
        ((actors, outcomes) the admissible outcomes best first, or every outcome for an actor
        with none admissible; (actors,) how many of each row are real).
    """
    orders = np.zeros((game.n, game.size), dtype=np.int64)
    lengths = np.zeros(game.n, dtype=np.int64)
    for j in range(game.n):
        u = game.utilities[:, j]
        pool = np.flatnonzero(game.admissible[:, j])
        order = (
            pool[np.argsort(-u[pool], kind="stable")]
            if pool.size
            else np.argsort(-u, kind="stable")
        )
        orders[j, : order.size], lengths[j] = order, order.size
    return orders, lengths


def windows(
    game: Game,
    strategies: Sequence[Strategy],
    runs: Runs,
    planned: Plan,
    orders: tuple[IntArray, IntArray],
) -> tuple[IntArray, IntArray]:
    """Each run's, actor's and round's target window in its ranked outcomes (``window_bounds``).

    Parameters
    ----------
    game
        The game.
    strategies
        One strategy per actor.
    runs
        Each run's numbers.
    planned
        The actors' targets in every run.
    orders
        :func:`ranked_orders`.

    Returns
    -------
    tuple of IntArray
        (runs, actors, deadline) first and after-last positions.
    """
    order, lengths = orders
    starts = np.zeros(planned.targets.shape, dtype=np.int64)
    meets = np.zeros(planned.targets.shape, dtype=np.int64)
    for j, strategy in enumerate(strategies):
        full = game.utilities[order[j, : lengths[j]], j]
        count = np.searchsorted(-full, -runs.reservation[:, j], side="right")
        if not game.admissible[:, j].any():
            count[:] = 0  # nothing admissible: every outcome is ranked, whatever the walk-away
        ranked = np.where(count > 0, count, lengths[j])[:, np.newaxis]
        rising, skipped = full[::-1], lengths[j] - ranked
        wanted = planned.targets[:, j]
        width = per_run(strategy, runs, j)("window")[:, np.newaxis]
        below = np.maximum(np.searchsorted(rising, wanted - 1e-12, "left") - skipped, 0)
        above = np.maximum(np.searchsorted(rising, (wanted + width) + 1e-12, "right") - skipped, 0)
        meets[:, j] = np.maximum(ranked - below, 1)
        starts[:, j] = np.minimum(ranked - above, meets[:, j] - 1)
    return starts, meets
