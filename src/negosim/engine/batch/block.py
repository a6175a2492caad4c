"""A block of runs of one game, played by the compiled kernels: what can be, and how.

The batch engine plays many negotiations of one utility table at once. It takes each run's numbers
(walk-aways, patience, costs, powers, breakdown chance, strategy parameters and the model's seed),
plans every concession strategy for all runs together, plays them in compiled code and returns
what the Mesa engine's :class:`~negosim.games.result.Result` holds, as columns.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from negosim.arrays import FloatArray, IntArray
from negosim.engine.batch import mediated, plans, zone
from negosim.engine.batch.rules import RuleArrays
from negosim.games.game import Game
from negosim.protocols.mediated import _moves, _opening_text
from negosim.strategies.base import Strategy
from negosim.strategies.opponent_model import OpponentModelling
from negosim.strategies.time_dependent import Boulware, Conceder, Linear, TimeDependent

KERNEL_STRATEGIES: tuple[type[Strategy], ...] = (
    Boulware,
    Conceder,
    Linear,
    TimeDependent,
    OpponentModelling,
)
"""Strategies whose answers the kernels play (exactly these classes: a subclass may change them)."""
KERNEL_PROTOCOLS = ("mediated",)
"""Protocols with a kernel."""
PER_RUN_PARAMETERS = ("exponent", "pace", "accept_time", "window", "information")
"""Strategy parameters that may differ from run to run (the others are fixed per actor)."""
REASONS = {
    mediated.AGREEMENT: "agreement",
    mediated.BREAKDOWN: "breakdown",
    mediated.DEADLINE: "deadline",
    mediated.DEADLOCK: "deadlock",
    mediated.WALKED_OUT: "walked out",
}
CONDITIONS = {"next": mediated.NEXT, "time": mediated.TIME, "combi": mediated.COMBI}


def unsupported(
    game: Game, strategies: Sequence[Strategy], sampled: Sequence[str] = ()
) -> str | None:
    """Why the batch engine cannot play this game with these strategies, or None if it can.

    Parameters
    ----------
    game
        The game.
    strategies
        One strategy per actor, as the scenario sets them.
    sampled
        The strategy parameters sampled per run (``actor.parameter``).

    Returns
    -------
    str or None
        A sentence for the manifest and the log.
    """
    if game.protocol not in KERNEL_PROTOCOLS:
        return f"the {game.protocol} protocol has no batch kernel"
    if game.space is None:
        return "the game has no issues to revise a text on"
    if game.events:
        return "events change the game mid-negotiation"
    for actor, strategy in zip(game.actors, strategies, strict=True):
        if type(strategy) not in KERNEL_STRATEGIES:
            return f"{actor}'s strategy {strategy.name} has no batch kernel"
    for name in sampled:
        if name.rpartition(".")[2] not in PER_RUN_PARAMETERS:
            return f"the strategy parameter {name} is sampled"
    return None


@dataclass(frozen=True)
class Runs:
    """Each run's numbers: (runs, actors) unless said otherwise.

    Attributes
    ----------
    reservation, discount, cost, power
        Walk-aways, per-round patience, costs per round and powers.
    breakdown
        (runs,) the chance that talks collapse each round.
    seeds
        (runs,) the seed of each run's negotiation (the model's ``rng``).
    params
        Per run, the strategy parameters that differ from the scenario's, by actor column.
    """

    reservation: FloatArray
    discount: FloatArray
    cost: FloatArray
    power: FloatArray
    breakdown: FloatArray
    seeds: Sequence[int]
    params: Sequence[Mapping[int, Mapping[str, Any]]]


@dataclass(frozen=True)
class Played:
    """What each run produced, as the Mesa engine's results would say it.

    Attributes
    ----------
    reason
        (runs,) why each ended.
    rounds
        (runs,) rounds played.
    outcome
        (runs,) the agreed outcome, -1 for none.
    walked_out
        (runs,) the actor whose leaving ended the talks, -1 for none.
    utilities, discounted
        (runs, actors) what each got, undiscounted and discounted.
    """

    reason: list[str]
    rounds: IntArray
    outcome: IntArray
    walked_out: IntArray
    utilities: FloatArray
    discounted: FloatArray


def play_block(game: Game, strategies: Sequence[Strategy], runs: Runs) -> Played:
    """Play every run of the block.

    Parameters
    ----------
    game
        The game every run shares (its reservation, discount, cost, power and breakdown are
        replaced by each run's).
    strategies
        One strategy per actor with the scenario's parameters (:func:`unsupported` said yes).
    runs
        Each run's numbers.

    Returns
    -------
    Played
        The results, in run order.
    """
    count, deadline = len(runs.seeds), game.deadline
    scaled = np.stack([runs.discount**k for k in range(deadline + 1)], axis=1)
    powers = _python_powers(runs.discount, deadline)
    rules = RuleArrays.of(game)
    fields = (
        rules.vetoes,
        rules.parties,
        rules.quota,
        rules.consent_rule,
        rules.consent_actor,
        rules.consent_needed,
    )
    frontier = game.frontier()
    ends_of_talks = _talks_end(game, rules, fields, frontier, scaled, runs)
    plan = _plan(game, strategies, runs, ends_of_talks)
    draws = np.zeros((count, deadline))
    for r in np.flatnonzero(runs.breakdown > 0).tolist():
        draws[r] = np.random.default_rng(runs.seeds[r]).random(deadline)
    assert game.space is not None
    near = (game.utilities[frontier], game.admissible[frontier], _rows(fields, frontier))
    pools = (
        _moves(game, 1),
        _moves(game, 2),
        np.asarray(game.space.shape, dtype=np.int64),
        frontier,
        np.empty(max(_moves(game, 1).shape[1], _moves(game, 2).shape[1]), dtype=np.int64),
        near,
    )
    chair = game.options.mediation.mediator
    out = np.empty((count, 4), dtype=np.int64)
    mediated.play_runs(
        game.utilities,
        game.admissible,
        _opening_text(game),
        -1 if chair is None else chair,
        np.array([game.needs(j) for j in range(game.n)]),
        plan.conditions,
        fields,
        rules.unanimous,
        pools,
        runs.reservation,
        runs.cost,
        runs.power,
        runs.breakdown,
        draws,
        scaled,
        powers,
        plan.targets,
        plan.thresholds,
        plan.horizon,
        plan.ends,
        plan.accept_time,
        out,
    )
    return _played(game, runs, out, scaled, fields)


def _talks_end(
    game: Game,
    rules: RuleArrays,
    fields: tuple[Any, ...],
    frontier: IntArray,
    scaled: FloatArray,
    runs: Runs,
) -> IntArray:
    """Each run's end of talks; the frontier sorted from the best of a needed actor's texts."""
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
            _rows(fields, texts),
            actor,
            np.asarray(required, dtype=np.bool_),
        )
    return ends


def _rows(fields: tuple[Any, ...], texts: IntArray) -> tuple[Any, ...]:
    """The rules with their consent table cut to ``texts``, in that order."""
    return (*fields[:-1], np.ascontiguousarray(fields[-1][:, texts]))


@dataclass(frozen=True)
class _Plan:
    conditions: IntArray
    targets: FloatArray
    thresholds: FloatArray
    horizon: IntArray
    ends: IntArray
    accept_time: FloatArray


def _plan(game: Game, strategies: Sequence[Strategy], runs: Runs, talks_end: IntArray) -> _Plan:
    """Every actor's horizon, targets and thresholds in every run."""
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
    return _Plan(conditions, targets, thresholds, horizon, ends_all, accept_time)


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


def _python_powers(discount: FloatArray, deadline: int) -> FloatArray:
    """``δ ** t`` as Python's float power computes it (what ``Seat.worth`` uses)."""
    known: dict[float, list[float]] = {}
    for d in np.unique(discount).tolist():
        known[d] = [d**k for k in range(deadline + 1)]
    rows = [[known[d] for d in actors] for actors in discount.tolist()]
    table = np.array(rows, dtype=np.float64)  # (runs, actors, rounds)
    return np.ascontiguousarray(table.transpose(0, 2, 1))


def _played(
    game: Game, runs: Runs, out: IntArray, scaled: FloatArray, fields: tuple[Any, ...]
) -> Played:
    """Results as ``NegotiationModel.conclude`` states them."""
    count = len(runs.seeds)
    reasons = [REASONS[int(code)] for code in out[:, 0]]
    outcome, last = out[:, 2], out[:, 1]
    for r in range(count):
        unmet = outcome[r] < 0 and reasons[r] in ("deadline", "deadlock", "walked out")
        if unmet and not zone.any_passes(game.admissible, runs.power[r], fields):
            reasons[r] = "condition unmet"
    utilities = np.where(
        outcome[:, np.newaxis] >= 0, game.utilities[np.maximum(outcome, 0)], runs.reservation
    )
    worth = utilities * scaled[np.arange(count), last] - runs.cost * last[:, np.newaxis]
    discounted = np.where(outcome[:, np.newaxis] >= 0, worth, utilities)
    return Played(reasons, last + 1, outcome, out[:, 3], utilities, discounted)
