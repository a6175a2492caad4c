"""Value functions evaluated once over an issue's levels, giving a vector in [0, 1]."""

from __future__ import annotations

from negosim.arrays import FloatArray
from negosim.outcomes.space import Axis
from negosim.scenario.values import ValueFunction


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
    return function.vector(axis.points, axis.labels)
