"""Outcome spaces and utility tables: pure numpy, no Mesa."""

from negosim.outcomes.space import Axis, OutcomeSpace, SpaceTooLargeError, build_space
from negosim.outcomes.utility import Context, UtilityTable, utility_table

__all__ = [
    "Axis",
    "Context",
    "OutcomeSpace",
    "SpaceTooLargeError",
    "UtilityTable",
    "build_space",
    "utility_table",
]
