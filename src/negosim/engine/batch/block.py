"""A block of runs of one game, played by the compiled kernels: what can be, and how.

The batch engine plays many negotiations of one utility table at once. It takes each run's numbers
(walk-aways, patience, costs, powers, breakdown chance, strategy parameters and the model's seed),
plans every concession strategy for all runs together, plays them in compiled code and returns
what the Mesa engine's :class:`~negosim.games.result.Result` holds, as columns.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import numpy as np

from negosim.arrays import FloatArray, IntArray
from negosim.engine.batch import alternating, mediated, nearby, prepare, seats, windows, zone
from negosim.engine.batch.powers import array_powers, python_powers
from negosim.engine.batch.rules import MOST_ACTORS, RuleArrays
from negosim.engine.batch.runs import Played, Runs
from negosim.games.game import Game
from negosim.pcg64 import uniforms
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
KERNEL_PROTOCOLS = ("mediated", "alternating_offers")
"""Protocols with a kernel."""
PER_RUN_PARAMETERS = ("exponent", "pace", "accept_time", "window", "information")
"""Strategy parameters that may differ from run to run (the others are fixed per actor)."""
REASONS = {
    seats.AGREEMENT: "agreement",
    seats.BREAKDOWN: "breakdown",
    seats.DEADLINE: "deadline",
    seats.DEADLOCK: "deadlock",
    seats.WALKED_OUT: "walked out",
}


def _table_beyond_the_kernels(game: Game) -> str | None:
    """What the kernels' tables cannot hold: no outcome space, blocs, too many actors."""
    if game.space is None:
        return "the game has no issues (an outcome table without an outcome space)"
    if game.n > MOST_ACTORS:
        return f"more than {MOST_ACTORS} actors do not fit the kernels' answer masks"
    if game.blocs:
        return "blocs speak with one voice (pooled utilities and turns have no batch kernel)"
    return None


def _changes_during_talks(game: Game) -> str | None:
    """What the kernels do not model: events, a moving front, a ratifier that may say no."""
    if game.events:
        return "events change the game mid-negotiation"
    if game.war is not None and game.war.front:
        return "the war's front line moves during the talks"
    if any(not ratifier.anticipated for ratifier in game.ratifiers):
        return "a deal may fail ratification at home (an unanticipated ratifier)"
    if game.has_outside_options:
        return "an actor holds an outside option (the kernels pay walk-aways only)"
    return None


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
    changing = _table_beyond_the_kernels(game) or _changes_during_talks(game)
    if changing:
        return changing
    for actor, strategy in zip(game.actors, strategies, strict=True):
        if type(strategy) not in KERNEL_STRATEGIES:
            return f"{actor}'s strategy {strategy.name} has no batch kernel"
    if game.protocol == "alternating_offers":
        if not game.unanimous:
            return "alternating offers under a quota or consent rule have no batch kernel"
        for actor, strategy in zip(game.actors, strategies, strict=True):
            if strategy.params.get("information") != "offers":
                return (
                    f"{actor}'s strategy learns from information: "
                    f"{strategy.params.get('information')}, which has no batch kernel when it proposes"
                )
    for name in sampled:
        if name.rpartition(".")[2] not in PER_RUN_PARAMETERS:
            return f"the strategy parameter {name} is sampled"
    return None


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
    deadline = game.deadline
    scaled = array_powers(runs.discount, deadline)
    powers = python_powers(runs.discount, deadline)
    rules = prepare.shared(game, "rules", functools.partial(RuleArrays.of, game))
    fields = rules.fields
    frontier = game.frontier()
    ends_of_talks = prepare.talks_end(game, rules, fields, frontier, scaled, runs)
    plan = prepare.plan(game, strategies, runs, ends_of_talks)
    draws = uniforms(runs.streams, deadline, runs.breakdown > 0)
    common = (scaled, powers, plan, draws, fields, rules, frontier)
    if game.protocol == "mediated":
        out = _mediated(game, runs, common)
    else:
        out = _alternating(game, strategies, runs, common)
    return _played(game, runs, out, scaled, fields)


def _mediated(game: Game, runs: Runs, common: tuple[Any, ...]) -> IntArray:
    """Every run under the single negotiating text."""
    scaled, powers, plan, draws, fields, rules, frontier = common
    assert game.space is not None
    one, two, shape, near, kept = prepare.shared(
        game, "pools", functools.partial(_pools, game, fields, frontier)
    )
    buffer = np.empty(max(one.shape[1], two.shape[1]), dtype=np.int64)
    short = np.empty(max(len(buffer), len(frontier)), dtype=np.uint8)
    pools = (one, two, shape, frontier, buffer, near, kept, short)
    chair = game.options.mediation.mediator
    out = np.empty((len(runs.breakdown), 4), dtype=np.int64)
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
    return out


def _pools(game: Game, fields: tuple[Any, ...], frontier: IntArray) -> tuple[Any, ...]:
    """The mediator's candidates: moves, shape, the frontier's own rows, slots for nearby texts.

    The frontier's utilities and red lines are also kept actor by actor (see
    :func:`negosim.engine.batch.revision._shortfalls`).
    """
    assert game.space is not None
    u, admissible = game.utilities[frontier], game.admissible[frontier]
    by_actor = (np.ascontiguousarray(u.T), np.ascontiguousarray(admissible.T, dtype=np.uint8))
    near = (u, admissible, prepare.rows(fields, frontier), by_actor)
    one, two = _moves(game, 1), _moves(game, 2)
    kept = (nearby.slots(one, game.n), nearby.slots(two, game.n))
    return one, two, np.asarray(game.space.shape, np.int64), near, kept


def _alternating(
    game: Game, strategies: Sequence[Strategy], runs: Runs, common: tuple[Any, ...]
) -> IntArray:
    """Every run under stacked alternating offers."""
    _, powers, plan, draws, fields, rules, _ = common
    assert game.space is not None
    orders = windows.ranked_orders(game)
    starts, meets = windows.windows(game, strategies, runs, plan, orders)
    answering = (runs.reservation, runs.cost, powers, plan.targets, plan.horizon, plan.ends)
    table = (
        game.utilities,
        game.admissible,
        np.array([game.needs(j) for j in range(game.n)]),
        plan.conditions,
        fields,
        rules.unanimous,
    )
    offering = (orders[0], game.levels, np.asarray(game.space.shape, dtype=np.int64), 0.2)
    out = np.empty((len(runs.breakdown), 4), dtype=np.int64)
    per_run = (
        runs.breakdown,
        draws,
        runs.power,
        plan.thresholds,
        (*answering, plan.accept_time),
        starts,
        meets,
    )
    alternating.play_runs(table, offering, per_run, out)
    return out


def _played(
    game: Game, runs: Runs, out: IntArray, scaled: FloatArray, fields: tuple[Any, ...]
) -> Played:
    """Results as ``NegotiationModel.conclude`` states them."""
    count = len(runs.breakdown)
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
