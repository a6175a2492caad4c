"""What a block of runs needs before its rounds are played, computed for all runs at once.

Each run's end of talks, every concession strategy's horizon, targets and thresholds, the patience
factors as numpy and as Python compute them, and (for a proposer) each round's target window.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from negosim.arrays import FloatArray, IntArray
from negosim.engine.batch import plans, seats, zone
from negosim.engine.batch.rules import RuleArrays
from negosim.engine.batch.runs import Runs
from negosim.games.game import Game
from negosim.strategies.base import Strategy

CONDITIONS = {"next": seats.NEXT, "time": seats.TIME, "combi": seats.COMBI}
"""Acceptance conditions by name."""


def talks_end(
    game: Game,
    rules: RuleArrays,
    fields: tuple[Any, ...],
    frontier: IntArray,
    scaled: FloatArray,
    runs: Runs,
) -> IntArray:
    """Each run's end of talks (``Seat.talks_end``), passing the frontier from a needed actor's best.

    Parameters
    ----------
    game
        The game.
    rules, fields
        Its rules, and their arrays as the kernels take them.
    frontier
        Its efficient, jointly admissible texts.
    scaled
        (runs, deadline + 1, actors) ``δ ** t`` as numpy's array power computes it.
    runs
        Each run's numbers.

    Returns
    -------
    IntArray
        (runs,) the round by which each run's talks end.
    """
    required = (rules.vetoes | (rules.parties & np.isnan(rules.quota)[:, np.newaxis])).any(axis=0)
    ends = np.empty(len(runs.seeds), dtype=np.int64)
    needed = np.full(len(runs.seeds), -1)
    if required.any():  # the most demanding needed actor stops the pass soonest
        columns = np.flatnonzero(required)
        needed = columns[np.argmax(runs.reservation[:, columns], axis=1)]
    for actor in np.unique(needed).tolist():
        texts = frontier
        if actor >= 0:
            texts = frontier[np.argsort(-game.utilities[frontier, actor], kind="stable")]
        chosen = np.flatnonzero(needed == actor)
        ends[chosen] = zone.talks_ends(
            game.utilities[texts],
            scaled[chosen],
            runs.cost[chosen],
            runs.reservation[chosen],
            runs.power[chosen],
            rows(fields, texts),
            actor,
            np.asarray(required, dtype=np.bool_),
        )
    return ends


def rows(fields: tuple[Any, ...], texts: IntArray) -> tuple[Any, ...]:
    """The rules with their consent table cut to ``texts``, in that order.

    Parameters
    ----------
    fields
        The rules' arrays, the consent table last.
    texts
        The outcomes kept, in the order wanted.

    Returns
    -------
    tuple
        The same arrays, the consent table's columns those of ``texts``.
    """
    return (*fields[:-1], np.ascontiguousarray(fields[-1][:, texts]))


@dataclass(frozen=True)
class Plan:
    """Every actor's answering plan in every run (see :func:`plan`)."""

    conditions: IntArray
    targets: FloatArray
    thresholds: FloatArray
    horizon: IntArray
    ends: IntArray
    accept_time: FloatArray


def plan(game: Game, strategies: Sequence[Strategy], runs: Runs, talks_end: IntArray) -> Plan:
    """Every actor's horizon, targets and thresholds in every run (``Concession.plan``).

    Parameters
    ----------
    game
        The game.
    strategies
        One strategy per actor.
    runs
        Each run's numbers.
    talks_end
        (runs,) each run's end of talks.

    Returns
    -------
    Plan
        The plans.
    """
    count, n, deadline = len(runs.seeds), game.n, game.deadline
    targets = np.zeros((count, n, deadline))
    thresholds = np.zeros((count, n, deadline + 1))
    horizon = np.zeros((count, n), dtype=np.int64)
    accept_time = np.zeros((count, n))
    conditions = np.zeros(n, dtype=np.int64)
    for j, strategy in enumerate(strategies):
        seat = _seats(game, runs, j)
        param = _per_run(strategy, runs, j)
        conditions[j] = CONDITIONS[str(strategy.params["acceptance"])]
        horizon[:, j] = plans.horizons(seat)
        targets[:, j] = plans.targets(
            seat, horizon[:, j], talks_end, param("exponent"), param("pace")
        )
        ends = np.minimum(horizon[:, j], talks_end)
        thresholds[:, j] = plans.next_thresholds(seat, targets[:, j], ends)
        accept_time[:, j] = param("accept_time")
    ends_all = np.minimum(horizon, talks_end[:, np.newaxis])
    return Plan(conditions, targets, thresholds, horizon, ends_all, accept_time)


def _seats(game: Game, runs: Runs, j: int) -> plans.SeatsOfRuns:
    u, admissible = game.utilities[:, j], game.admissible[:, j]
    best_admissible = float(u[admissible].max()) if admissible.any() else None
    return plans.SeatsOfRuns(
        best=best_admissible if best_admissible is not None else float(u.max()),
        admissible_best=best_admissible,
        reservation=runs.reservation[:, j],
        discount=runs.discount[:, j],
        cost=runs.cost[:, j],
        deadline=game.deadline,
    )


def _per_run(strategy: Strategy, runs: Runs, j: int) -> Any:
    """A reader of actor ``j``'s strategy parameter in every run (the scenario's unless sampled)."""
    return functools.partial(_parameter_column, strategy, runs, j)


def _parameter_column(strategy: Strategy, runs: Runs, j: int, name: str) -> FloatArray:
    base = float(strategy.params[name])
    return np.array([float(p.get(j, {}).get(name, base)) for p in runs.params])


def python_powers(discount: FloatArray, deadline: int) -> FloatArray:
    """``δ ** t`` as Python's float power computes it (what ``Seat.worth`` uses).

    Parameters
    ----------
    discount
        (runs, actors) per-round patience.
    deadline
        The last round needed (inclusive).

    Returns
    -------
    FloatArray
        (runs, deadline + 1, actors).
    """
    distinct, which = np.unique(discount, return_inverse=True)
    table = np.array([[d**k for k in range(deadline + 1)] for d in distinct.tolist()])
    powers: FloatArray = np.ascontiguousarray(
        table[which.reshape(discount.shape)].transpose(0, 2, 1)
    )
    return powers


def array_powers(discount: FloatArray, deadline: int) -> FloatArray:
    """``δ ** t`` as numpy's array power computes it (``game.discount ** t`` in the Mesa engine).

    Each distinct row of patience factors is raised once, as the Mesa engine raises a game's
    (an array to a Python integer power, so that numpy squares for t = 2 as it does there).

    Parameters
    ----------
    discount
        (runs, actors) per-round patience.
    deadline
        The last round needed (inclusive).

    Returns
    -------
    FloatArray
        (runs, deadline + 1, actors).
    """
    rows, which = np.unique(discount, axis=0, return_inverse=True)
    table = np.stack([np.stack([row**k for k in range(deadline + 1)]) for row in rows])
    powers: FloatArray = table[which.reshape(-1)]
    return powers


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
        width = _per_run(strategy, runs, j)("window")[:, np.newaxis]
        below = np.maximum(np.searchsorted(rising, wanted - 1e-12, "left") - skipped, 0)
        above = np.maximum(np.searchsorted(rising, (wanted + width) + 1e-12, "right") - skipped, 0)
        meets[:, j] = np.maximum(ranked - below, 1)
        starts[:, j] = np.minimum(ranked - above, meets[:, j] - 1)
    return starts, meets
