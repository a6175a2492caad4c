"""GENIUS's evaluators, as GENIUS (``genius.core.utility``) defines them.

Each function is one evaluator's ``getEvaluation``: the issue's value in [0, 1] before the issue
weight. Written from GENIUS's own classes, not from another reader, so that an imported domain
scores every outcome as GENIUS does:

- ``EvaluatorDiscrete``: the item's evaluation divided by the issue's largest (0 when the largest
  is below 1e-5);
- ``EvaluatorInteger``: ``offset + slope * (x - lowerbound)``, clipped to [0, 1] — no division;
- ``EvaluatorReal``: ``linear`` is ``parameter0 + parameter1 * x`` clipped to [0, 1] (no lower
  bound subtracted); ``constant`` is ``parameter0``; ``triangular`` rises from ``parameter0`` to
  a top of 1 at ``parameter2`` and falls to 0 at ``parameter1``.
"""

from __future__ import annotations

from collections.abc import Mapping

DISCRETE_FLOOR = 1e-5
"""Below this largest evaluation, GENIUS scores every item of the issue 0."""


def discrete(evaluations: Mapping[str, float]) -> dict[str, float]:
    """Each item's evaluation over the largest, as ``EvaluatorDiscrete.normalize``.

    Parameters
    ----------
    evaluations
        Item value to its evaluation as written in the profile.

    Returns
    -------
    dict
        Item value to its evaluation in [0, 1].
    """
    top = max(evaluations.values())
    if top < DISCRETE_FLOOR:
        return dict.fromkeys(evaluations, 0.0)
    return {item: value / top for item, value in evaluations.items()}


def integer(x: float, lowerbound: float, slope: float, offset: float) -> float:
    """``EvaluatorInteger.getEvaluation``: linear from the lower bound, clipped to [0, 1].

    Parameters
    ----------
    x
        The issue's value.
    lowerbound
        The issue's lower bound as the profile states it.
    slope, offset
        The evaluator's attributes.

    Returns
    -------
    float
        The evaluation.
    """
    return _clip(offset + slope * (x - lowerbound))


def real_linear(x: float, parameter0: float, parameter1: float) -> float:
    """``EvaluatorReal`` of ``ftype="linear"``: ``parameter0 + parameter1 * x``, clipped to [0, 1].

    Parameters
    ----------
    x
        The issue's value.
    parameter0, parameter1
        The offset and the slope.

    Returns
    -------
    float
        The evaluation.
    """
    return _clip(parameter0 + parameter1 * x)


def triangular(x: float, lower: float, upper: float, top: float) -> float:
    """``EVALFUNCTYPE.evalTriangular``: 0 outside [lower, upper), 1 at the top.

    Parameters
    ----------
    x
        The issue's value.
    lower, upper, top
        ``parameter0``, ``parameter1`` and ``parameter2`` of the evaluator.

    Returns
    -------
    float
        The evaluation (not clipped, as in GENIUS).
    """
    if x < lower:
        return 0.0
    if x < top:
        return (x - lower) / (top - lower)
    if x < upper:
        return 1 - (x - top) / (upper - top)
    return 0.0


def _clip(value: float) -> float:
    return min(max(value, 0.0), 1.0)
