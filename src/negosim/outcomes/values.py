"""Value functions evaluated once over an issue's levels, giving a vector in [0, 1]."""

from __future__ import annotations

import numpy as np

from negosim.arrays import FloatArray
from negosim.outcomes.space import Axis
from negosim.scenario.issues import LinearValue, PeakedValue, StepValue, TableValue, ValueFunction


def value_vector(function: ValueFunction, axis: Axis) -> FloatArray:
    """An issue's value to an actor at each level, in [0, 1].

    Parameters
    ----------
    function
        The actor's value function for the issue.
    axis
        The issue's levels.

    Returns
    -------
    FloatArray
        One value per level.
    """
    if isinstance(function, TableValue):
        assert axis.labels is not None, "tables score labelled issues only (checked on load)"
        return np.array([function.table[label] for label in axis.labels], dtype=np.float64)
    low, high = float(axis.points[0]), float(axis.points[-1])
    if isinstance(function, LinearValue):
        rising = (axis.points - low) / (high - low)
        return rising if function.direction == "increasing" else 1.0 - rising
    if isinstance(function, PeakedValue):
        ideal = _position(axis, function.ideal)
        width = function.width or max(ideal - low, high - ideal)
        return np.clip(1.0 - np.abs(axis.points - ideal) / width, 0.0, 1.0)
    assert isinstance(function, StepValue)
    return np.where(
        axis.points >= _position(axis, function.threshold), function.above, function.below
    )


def _position(axis: Axis, point: float | str) -> float:
    """A point on the axis: a number for continuous issues, a label's rank otherwise."""
    return float(axis.points[axis.level_of(point)]) if axis.labels is not None else float(point)
