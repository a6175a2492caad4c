"""What a block of runs needs before its rounds are played, computed for all runs at once.

Each run's end of talks, every concession strategy's horizon, targets and thresholds, the patience
factors as numpy and as Python compute them, and (for a proposer) each round's target window.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable, Sequence
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
_SHARED: weakref.WeakKeyDictionary[Game, dict[str, Any]] = weakref.WeakKeyDictionary()


def shared(game: Game, name: str, build: Callable[[], Any]) -> Any:
    """What every block of runs of ``game`` reads and none changes, built for the first block.

    An experiment plays its runs in blocks of one shared game; rebuilding its rules' masks, its
    mediator's moves and its actors' best utilities from the whole outcome table cost about 20 ms
    a block.

    Parameters
    ----------
    game
        The shared game (kept for as long as it lives).
    name
        What is kept.
    build
        Builds it.

    Returns
    -------
    Any
        What ``build`` built, for this game.
    """
    kept = _SHARED.setdefault(game, {})
    if name not in kept:
        kept[name] = build()
    return kept[name]


def talks_end(
    game: Game,
    rules: RuleArrays,
    fields: tuple[Any, ...],
    frontier: IntArray,
    scaled: FloatArray,
    runs: Runs,
) -> IntArray:
    """Each run's end of talks (``Seat.talks_end``), passing the frontier from a needed actor's best.

    The actor is, in each run, the needed one who accepts the fewest frontier texts at its
    walk-away halfway to the deadline: the pass ends at the first text that actor refuses about
    where the talks end. Any needed actor gives the same end (the last round some text passes);
    this one reads the fewest texts (about 100 of 6,087 on ``grand_bargain``, where the most
    demanding walk-away at the start had Russia's 3,000 read).

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
    ends = np.empty(len(runs.breakdown), dtype=np.int64)
    needed = np.full(len(runs.breakdown), -1)
    if required.any():  # the needed actor who accepts the fewest texts stops the pass soonest
        columns = np.flatnonzero(required)
        values = shared(game, "needed utilities, sorted", lambda: _sorted(game, frontier, columns))
        middle = game.deadline // 2  # the pass ends about where the talks do: count there
        with np.errstate(divide="ignore", invalid="ignore"):  # no patience left: none accepted
            least = (runs.reservation[:, columns] + runs.cost[:, columns] * middle) / scaled[
                :, middle, columns
            ]
        accepted = [
            len(frontier) - np.searchsorted(values[:, i], least[:, i]) for i in range(len(columns))
        ]
        needed = columns[np.argmin(np.array(accepted), axis=0)]
    for actor in np.unique(needed).tolist():
        texts, best, cut = shared(
            game, f"pass from {actor}", functools.partial(_pass, game, fields, actor)
        )
        chosen = np.flatnonzero(needed == actor)
        ends[chosen] = zone.talks_ends(
            texts,
            best,
            cut,
            scaled[chosen],
            runs.cost[chosen],
            runs.reservation[chosen],
            runs.power[chosen],
            actor,
        )
    return ends


def _sorted(game: Game, frontier: IntArray, columns: IntArray) -> FloatArray:
    """The frontier's utilities of these actors, each column sorted."""
    return np.sort(game.utilities[frontier][:, columns], axis=0)


def _pass(game: Game, fields: tuple[Any, ...], actor: int) -> tuple[Any, ...]:
    """The frontier as the end-of-talks pass reads it from ``actor``'s best text down."""
    texts = frontier = game.frontier()
    if actor >= 0:
        texts = frontier[np.argsort(-game.utilities[frontier, actor], kind="stable")]
    utilities = game.utilities[texts]
    return utilities, zone.ceilings(utilities), rows(fields, texts)


def rows(fields: tuple[Any, ...], texts: IntArray) -> tuple[Any, ...]:
    """The rules with their consent masks cut to ``texts``, in that order.

    Parameters
    ----------
    fields
        The rules' arrays, the outcomes' consent masks last.
    texts
        The outcomes kept, in the order wanted.

    Returns
    -------
    tuple
        The same arrays, the consent masks those of ``texts``.
    """
    return (*fields[:-1], np.ascontiguousarray(fields[-1][texts]))


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
    count, n, deadline = len(runs.breakdown), game.n, game.deadline
    targets = np.zeros((count, n, deadline))
    thresholds = np.zeros((count, n, deadline + 1))
    horizon = np.zeros((count, n), dtype=np.int64)
    accept_time = np.zeros((count, n))
    conditions = np.zeros(n, dtype=np.int64)
    for j, strategy in enumerate(strategies):
        seat = _seats(game, runs, j)
        param = per_run(strategy, runs, j)
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
    best, best_admissible = shared(game, f"best of {j}", functools.partial(_best_of, game, j))
    return plans.SeatsOfRuns(
        best=best,
        admissible_best=best_admissible,
        reservation=runs.reservation[:, j],
        discount=runs.discount[:, j],
        cost=runs.cost[:, j],
        deadline=game.deadline,
    )


def _best_of(game: Game, j: int) -> tuple[float, float | None]:
    """Actor ``j``'s best utility, and its best within its red lines (None if none is)."""
    u, admissible = game.utilities[:, j], game.admissible[:, j]
    best_admissible = float(u[admissible].max()) if admissible.any() else None
    return best_admissible if best_admissible is not None else float(u.max()), best_admissible


def per_run(strategy: Strategy, runs: Runs, j: int) -> Any:
    """A reader of actor ``j``'s strategy parameter in every run (the scenario's unless sampled).

    Parameters
    ----------
    strategy
        The actor's strategy, with the scenario's parameters.
    runs
        Each run's numbers.
    j
        The actor's column.

    Returns
    -------
    Callable
        ``name`` to a (runs,) array of that parameter.
    """
    return functools.partial(_parameter_column, strategy, runs, j)


def _parameter_column(strategy: Strategy, runs: Runs, j: int, name: str) -> FloatArray:
    sampled = runs.params.get(j, {}).get(name)
    if sampled is None:
        return np.full(len(runs.breakdown), float(strategy.params[name]))
    return sampled
