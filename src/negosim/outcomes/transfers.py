"""Transferable goods: aid, a payment, sanctions relief — what lets one party buy another's consent.

A continuous issue with ``rates`` is a good that changes hands: each actor named gains its rate
in utility per unit moved from the good's status quo (a negative rate: it pays), on the scale of
its agenda of every other issue, worst to best, as 1. Nothing is rescaled, so every number stated
in utility — a walk-away, a cost per round, an outside option, a war's costs — keeps its meaning:
walking away leaves the good where it is. The price is that a utility may leave [0, 1]: a payee's
rises above its best agenda, a payer's falls below its worst. With equal and opposite rates
utility is transferable, and the Nash solution then picks the terms with the greatest joint
surplus (:func:`negosim.solutions.transfers.joint_surplus`).
"""

from __future__ import annotations

import numpy as np

from negosim.arrays import FloatArray
from negosim.outcomes.space import OutcomeSpace
from negosim.scenario.issues import ContinuousIssue
from negosim.scenario.model import Scenario


def goods_of(scenario: Scenario, space: OutcomeSpace, actor: str) -> list[tuple[str, float]]:
    """The transferable goods in the space that an actor gains or pays by, with its rates.

    Parameters
    ----------
    scenario
        A validated scenario.
    space
        The outcome space.
    actor
        The actor's name.

    Returns
    -------
    list of tuple
        (issue, rate) for every good in the space with a non-zero rate for the actor.
    """
    found = []
    for name in space.names:
        issue = scenario.issues[name]
        if isinstance(issue, ContinuousIssue) and issue.rates.get(actor):
            found.append((name, issue.rates[actor].value))
    return found


def with_transfers(
    scenario: Scenario, space: OutcomeSpace, actor: str, agenda: FloatArray
) -> FloatArray:
    """An actor's utility grid with what it gains or pays in every good, from the status quo.

    Parameters
    ----------
    scenario
        A validated scenario.
    space
        The outcome space.
    actor
        The actor's name.
    agenda
        Its utility of the other issues, broadcastable to the space's shape.

    Returns
    -------
    FloatArray
        The agenda plus ``rate × (amount − status quo)`` for every good; the agenda itself when
        the actor has no rate on any good in the space.
    """
    goods = goods_of(scenario, space, actor)
    grid = agenda
    for name, rate in goods:
        axis = space.axes[space.names.index(name)]
        moved = axis.points - axis.points[axis.status_quo]
        grid = grid + space.broadcast(name, rate * moved)
    return np.asarray(grid, dtype=np.float64)
