"""Transferable goods: aid, a payment, sanctions relief — what lets one party buy another's consent.

A continuous issue with ``rates`` is a good that changes hands: each actor named gains its rate
in utility per unit (a negative rate: it pays), against its agenda of every other issue, worst to
best, as 1. The actor's utility is its agenda utility plus what it gains, rescaled to [0, 1] over
the whole range (``(agenda + Σ gain) / (1 + Σ |rate| × width)``), which keeps the exchange rate
between the good and the agenda and keeps every utility in [0, 1] as the engine needs. The
rescaling is one positive affine map per actor, so it leaves every solution concept that is
invariant to such maps (Nash's, Kalai–Smorodinsky's, the subgame-perfect offers) as it was; with
equal and opposite rates utility is transferable, and the Nash solution then picks the terms with
the greatest joint surplus (:func:`negosim.solutions.transfers.joint_surplus`).
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
    """An actor's utility grid with what it gains or pays in every good, rescaled to [0, 1].

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
        The agenda itself when the actor has no rate on any good in the space.
    """
    goods = goods_of(scenario, space, actor)
    if not goods:
        return agenda
    grid, span = agenda, 1.0
    for name, rate in goods:
        issue = scenario.issues[name]
        assert isinstance(issue, ContinuousIssue)
        amounts = space.axes[space.names.index(name)].points
        gain = rate * (amounts - issue.min) if rate > 0 else -rate * (issue.max - amounts)
        grid = grid + space.broadcast(name, gain)
        span += abs(rate) * (issue.max - issue.min)
    rescaled: FloatArray = np.asarray(grid / span, dtype=np.float64)
    return rescaled
