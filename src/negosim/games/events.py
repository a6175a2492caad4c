"""Scheduled events: at a given round an actor's reservation, power, patience or priorities change.

Events are compiled once per game into plain values (a weight change becomes the actor's whole new
utility column), so applying one during a run is an array assignment.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from negosim.arrays import BoolArray, FloatArray
from negosim.outcomes import Context, OutcomeSpace, utility_table
from negosim.scenario import Scenario
from negosim.scenario.base import UnitParameter
from negosim.scenario.couplings import IssueTest
from negosim.scenario.model import Event


@dataclass(frozen=True, eq=False)
class EngineEvent:
    """A scheduled event compiled to plain values, applied by an array assignment.

    Attributes
    ----------
    round
        The round at which it takes effect.
    actor
        The column of the actor it changes.
    label
        What happens, for the narrative.
    parameter
        ``reservation``, ``power``, ``discount``, ``cost`` or ``weight``.
    value
        The parameter's new value.
    """

    round: int
    actor: int
    label: str
    parameter: str
    value: float
    column: FloatArray | None = None
    """For a weight change: the actor's utility of every outcome after the change."""
    when: BoolArray | None = None
    """Per outcome, whether an offer on the table lets a conditional event happen."""
    chance: float = 1.0
    """The probability, each round it could happen, that it does."""
    change: tuple[str, float] | None = None
    """For a conditional event: ``set``, ``shift`` or ``scale`` and by how much, applied to the value
    the parameter has when it happens."""
    by: str = ""
    """Who acts, for the narrative (it may be an actor off the table)."""

    @property
    def conditional(self) -> bool:
        """Whether it waits on the offer on the table or a draw, rather than its round alone.

        Returns
        -------
        bool
            True when it has a condition or a chance below one.
        """
        return self.change is not None

    def applied_to(self, old: float) -> float:
        """The parameter's value once a conditional event happens.

        Parameters
        ----------
        old
            Its value then.

        Returns
        -------
        float
            Set, shifted or scaled, kept within the parameter's range.
        """
        if self.change is None:
            return self.value
        how, amount = self.change
        new = amount if how == "set" else old + amount if how == "shift" else old * amount
        return _clip(self.parameter, new)


def changed_value(event: Event, old: float) -> float:
    """A parameter's value after an event sets, shifts or scales it.

    Parameters
    ----------
    event
        The scenario's event.
    old
        The value before.

    Returns
    -------
    float
        The value after.
    """
    if event.set is not None:
        return event.set
    if event.shift is not None:
        return old + event.shift
    assert event.scale is not None
    return old * event.scale


def compile_events(
    scenario: Scenario, space: OutcomeSpace, actors: Sequence[str], context: Context | None
) -> tuple[EngineEvent, ...]:
    """Every event of the scenario that concerns these actors, as plain values, in round order.

    Parameters
    ----------
    scenario
        The scenario.
    space
        The outcome space of the game.
    actors
        The game's actors, by column.
    context
        Issues fixed by earlier stages.

    Returns
    -------
    tuple of EngineEvent
        Ready to apply during a run.
    """
    compiled = []
    working = scenario
    for event in sorted(scenario.events, key=lambda e: e.round):
        if event.actor not in actors:
            continue
        if event.conditional:
            compiled.append(_conditional(scenario, event, space, actors))
            continue
        actor = working.actors[event.actor]
        if event.parameter == "weight":
            assert event.issue is not None
            old = actor.weights[event.issue].value
            new = max(0.0, changed_value(event, old))
            weights = {
                **actor.weights,
                event.issue: actor.weights[event.issue].model_copy(update={"value": new}),
            }
            working = _with_actor(
                working, event.actor, actor.model_copy(update={"weights": weights})
            )
            column = utility_table(working, space, context).utilities[
                :, list(actors).index(event.actor)
            ]
            compiled.append(
                EngineEvent(
                    event.round,
                    list(actors).index(event.actor),
                    event.label,
                    "weight",
                    new,
                    column.copy(),
                )
            )
            continue
        stated = getattr(actor, event.parameter)
        if stated is None:  # a walk-away the war sets: the event changes the game's value
            at = list(actors).index(event.actor)
            old = float(utility_table(working, space, context).reservation[at])
            stated = UnitParameter(value=old, assumption="set by the war")
        else:
            old = stated.value
        new = _clip(event.parameter, changed_value(event, old))
        parameter = stated.model_copy(update={"value": new})
        working = _with_actor(
            working, event.actor, actor.model_copy(update={event.parameter: parameter})
        )
        engine_value = (
            actor.discount.per_round(_deadline(scenario, space), new)
            if event.parameter == "discount"
            else new
        )
        compiled.append(
            EngineEvent(
                event.round,
                list(actors).index(event.actor),
                event.label,
                event.parameter,
                engine_value,
            )
        )
    return tuple(compiled)


def _conditional(
    scenario: Scenario, event: Event, space: OutcomeSpace, actors: Sequence[str]
) -> EngineEvent:
    """An event that waits on the table or a draw: its change is applied when it happens."""
    how, amount = next(
        (name, value)
        for name, value in (("set", event.set), ("shift", event.shift), ("scale", event.scale))
        if value is not None
    )
    by = scenario.actors[event.by].label if event.by is not None else ""
    return EngineEvent(
        event.round,
        list(actors).index(event.actor),
        event.label,
        event.parameter,
        amount,
        when=None if event.when is None else _offers_meeting(event.when, space),
        chance=event.chance,
        change=(how, amount),
        by=by,
    )


def _offers_meeting(test: IssueTest, space: OutcomeSpace) -> BoolArray:
    """Per outcome, whether it passes the test (an issue off this table never does)."""
    if test.issue not in space.names:
        return np.zeros(space.size, dtype=np.bool_)
    k = space.names.index(test.issue)
    axis = space.axes[k]
    holds = np.array([test.holds(axis.value(level)) for level in range(axis.size)])
    meets: BoolArray = holds[space.levels(np.arange(space.size))[k]]
    return meets


def _deadline(scenario: Scenario, space: OutcomeSpace) -> int:
    return max(scenario.tracks[t].deadline for t in space.tracks)


def _clip(parameter: str, value: float) -> float:
    if parameter == "power":
        return max(value, 1e-9)
    if parameter == "discount":
        return min(max(value, 1e-9), 1.0)
    return min(max(value, 0.0), 1.0)


def _with_actor(scenario: Scenario, name: str, actor: object) -> Scenario:
    return scenario.model_copy(update={"actors": {**scenario.actors, name: actor}})
