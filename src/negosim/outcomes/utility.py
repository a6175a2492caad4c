"""Each actor's utility for every outcome, computed once as arrays with couplings applied.

Utility is additive over issues (weights renormalised over the issues in the space) and then
reshaped by the scenario's couplings: interaction terms scale some issues by another issue's outcome,
cross-track terms discount a track whose companion track is unsettled, and hard conditions mark
outcomes an actor cannot accept whatever their utility. Issues outside the space sit at their status
quo unless ``fixed`` says otherwise; tracks outside the space are unsettled unless named in ``settled``.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass, field

import numpy as np

from negosim.arrays import BoolArray, FloatArray
from negosim.outcomes.rules import Rule
from negosim.outcomes.space import Axis, OutcomeSpace, build_space, make_axis
from negosim.outcomes.transfers import with_transfers
from negosim.outcomes.values import value_vector
from negosim.outcomes.war import WarProcess, compile_war
from negosim.scenario.actors import Actor
from negosim.scenario.couplings import Condition, CrossTrack, Interaction, IssueTest
from negosim.scenario.model import Scenario
from negosim.scenario.politics import Ratifier


@dataclass(frozen=True)
class Context:
    """What is decided outside the space: issue levels already fixed, tracks already settled."""

    fixed: Mapping[str, int] = field(default_factory=dict)
    settled: Set[str] = frozenset()


@dataclass(frozen=True, eq=False)
class UtilityTable:
    """Each actor's utility and hard conditions over an outcome space, with its walk-away and power.

    Attributes
    ----------
    space
        The outcome space the rows index.
    actors
        The parties of the space's tracks, by column.
    utilities
        (outcomes, actors) utilities in [0, 1].
    admissible
        (outcomes, actors) whether each actor's hard conditions hold.
    reservation
        Each actor's walk-away utility.
    power
        Each actor's power.
    rules
        One ratification rule per track.
    """

    space: OutcomeSpace
    actors: tuple[str, ...]
    utilities: FloatArray
    """Shape ``(outcomes, actors)``: each actor's utility of each outcome, in [0, 1]."""
    admissible: BoolArray
    """Shape ``(outcomes, actors)``: the actor's hard conditions hold."""
    reservation: FloatArray
    power: FloatArray
    rules: tuple[Rule, ...]
    home: BoolArray | None = None
    """Shape ``(outcomes, actors)``: the actor's domestic ratifier would ratify (all true without)."""
    war: WarProcess | None = None
    """The war that sets some walk-aways (already in :attr:`reservation`)."""

    def acceptable(self) -> BoolArray:
        """What each actor would accept: at least its walk-away, its hard conditions met.

        Returns
        -------
        BoolArray
            (outcomes, actors).
        """
        return (self.utilities >= self.reservation) & self.admissible


def utility_table(
    scenario: Scenario, space: OutcomeSpace, context: Context | None = None
) -> UtilityTable:
    """Every actor's utility of every outcome, computed once by broadcasting per-issue value vectors.

    Parameters
    ----------
    scenario
        A validated scenario.
    space
        The outcome space to tabulate.
    context
        Issues fixed and tracks settled by earlier stages.

    Returns
    -------
    UtilityTable
        Utilities, hard conditions, walk-aways, power and rules.
    """
    context = context or Context()
    actors = tuple(scenario.parties_of(list(space.tracks)))
    axes = {name: make_axis(name, issue) for name, issue in scenario.issues.items()}
    utilities = np.empty((space.size, len(actors)), dtype=np.float64)
    admissible = np.empty((space.size, len(actors)), dtype=np.bool_)
    for column, actor in enumerate(actors):
        utilities[:, column] = _utility_grid(scenario, space, axes, actor, context).ravel()
        admissible[:, column] = np.broadcast_to(
            _admissible_grid(scenario, space, axes, actor, context), space.shape
        ).ravel()
    war = compile_war(scenario, space, actors)
    reservation = _walkaways(scenario, space, actors, utilities, war)
    return UtilityTable(
        space=space,
        actors=actors,
        utilities=utilities,
        admissible=admissible,
        reservation=reservation,
        war=war,
        power=np.array([scenario.actors[a].power.value for a in actors]),
        rules=tuple(_rule(scenario, space, axes, actors, t, context) for t in space.tracks),
        home=_home_grids(scenario, space, axes, actors, context),
    )


def _home_grids(
    scenario: Scenario,
    space: OutcomeSpace,
    axes: Mapping[str, Axis],
    actors: tuple[str, ...],
    context: Context,
) -> BoolArray:
    """Whether each actor's ratifier values each outcome at least at its threshold.

    A ratifier's utility is additive like an actor's, without the actor's couplings: the couplings
    say how the negotiator values the terms, not how its parliament does.
    """
    home = np.ones((space.size, len(actors)), dtype=np.bool_)
    for column, actor in enumerate(actors):
        ratifier = scenario.actors[actor].ratifier
        if ratifier is not None:
            grid = _utility_grid(scenario, space, axes, None, context, ratifier)
            home[:, column] = grid.ravel() >= ratifier.threshold.value - 1e-12
    return home


def _walkaways(
    scenario: Scenario,
    space: OutcomeSpace,
    actors: tuple[str, ...],
    utilities: FloatArray,
    war: WarProcess | None,
) -> FloatArray:
    """Each actor's walk-away: stated, or what the war is worth to it.

    On a table the war is not fought over (a stage of a sequence without the war's issue), an
    actor whose walk-away only the war sets keeps the one it has in the whole package, as a stated
    walk-away does in every stage.
    """
    stated = [scenario.actors[a].reservation for a in actors]
    reservation = np.array([r.value if r is not None else 0.0 for r in stated])
    if war is not None:
        return war.at_front(reservation, utilities)
    unset = [column for column, r in enumerate(stated) if r is None]
    if unset:
        package = utility_table(scenario, build_space(scenario))
        for column in unset:
            reservation[column] = package.reservation[package.actors.index(actors[column])]
    return reservation


def _rule(
    scenario: Scenario,
    space: OutcomeSpace,
    axes: Mapping[str, Axis],
    actors: tuple[str, ...],
    track: str,
    context: Context,
) -> Rule:
    ratification = scenario.tracks[track].ratification
    needed = [
        np.broadcast_to(_test_on_space(space, test, axes, context), space.shape).ravel()
        for test in ratification.consent
    ]
    return Rule.of(ratification, actors, needed)


def _utility_grid(
    scenario: Scenario,
    space: OutcomeSpace,
    axes: Mapping[str, Axis],
    actor: str | None,
    context: Context,
    spec: Actor | Ratifier | None = None,
) -> FloatArray:
    """An actor's utility grid, or with ``spec`` and no actor a ratifier's, without couplings."""
    if spec is None:
        assert actor is not None
        agenda = _agenda_grid(scenario, space, axes, actor, context, scenario.actors[actor])
        return with_transfers(scenario, space, actor, agenda)
    return _agenda_grid(scenario, space, axes, actor, context, spec)


def _agenda_grid(
    scenario: Scenario,
    space: OutcomeSpace,
    axes: Mapping[str, Axis],
    actor: str | None,
    context: Context,
    spec: Actor | Ratifier,
) -> FloatArray:
    """The weighted sum of the value functions of the issues in the space, couplings applied."""
    weights = {a.name: spec.weights[a.name].value for a in space.axes if a.name in spec.weights}
    total = sum(weights.values()) if spec.weighting == "normalised" else 1.0
    grid = np.zeros(space.shape, dtype=np.float64)
    if total <= 0:
        return grid
    for name, weight in weights.items():
        term = space.broadcast(name, (weight / total) * value_vector(spec.values[name], axes[name]))
        grid = grid + term * _term_scale(scenario, space, axes, actor, name, context)
    return grid if spec.weighting == "normalised" else np.minimum(grid, 1.0)


def _term_scale(
    scenario: Scenario,
    space: OutcomeSpace,
    axes: Mapping[str, Axis],
    actor: str | None,
    issue: str,
    context: Context,
) -> FloatArray | float:
    scale: FloatArray | float = 1.0
    track = scenario.issues[issue].track
    for coupling in scenario.couplings:
        if (
            isinstance(coupling, Interaction)
            and coupling.actor == actor
            and issue in coupling.scales
        ):
            factor = value_vector(coupling.factor, axes[coupling.by])
            scale = scale * _on_space(
                space, coupling.by, coupling.floor + (1 - coupling.floor) * factor, axes, context
            )
        elif (
            isinstance(coupling, CrossTrack)
            and actor in coupling.actors
            and coupling.track == track
            and coupling.depends_on not in space.tracks
            and coupling.depends_on not in context.settled
        ):
            scale = scale * coupling.factor_without.value
    return scale


def _admissible_grid(
    scenario: Scenario, space: OutcomeSpace, axes: Mapping[str, Axis], actor: str, context: Context
) -> BoolArray:
    mask: BoolArray = np.ones([1] * len(space.axes), dtype=np.bool_)
    for coupling in scenario.couplings:
        if isinstance(coupling, Condition) and coupling.actor == actor:
            mask = mask & _test_on_space(space, coupling, axes, context)
    return mask


def _test_on_space(
    space: OutcomeSpace, test: IssueTest, axes: Mapping[str, Axis], context: Context
) -> BoolArray:
    holds = _test_vector(test, axes[test.issue])
    return np.asarray(_on_space(space, test.issue, holds, axes, context) > 0)


def _test_vector(condition: IssueTest, axis: Axis) -> FloatArray:
    if axis.labels is not None:
        labels = np.array(axis.labels)
        holds = (
            np.isin(labels, condition.one_of)
            if condition.one_of is not None
            else ~np.isin(labels, condition.none_of or [])
        )
    else:
        low = -np.inf if condition.at_least is None else condition.at_least - 1e-9
        high = np.inf if condition.at_most is None else condition.at_most + 1e-9
        holds = (axis.points >= low) & (axis.points <= high)
    return holds.astype(np.float64)


def _on_space(
    space: OutcomeSpace, issue: str, vector: FloatArray, axes: Mapping[str, Axis], context: Context
) -> FloatArray:
    """``vector`` broadcast over the space, or its value at the fixed/status-quo level if outside."""
    if issue in space.names:
        return space.broadcast(issue, vector)
    level = context.fixed.get(issue, axes[issue].status_quo)
    return np.full([1] * len(space.axes), vector[level])
