"""Solution concepts as pure functions on utility arrays (no Mesa, no scenario objects)."""

from negosim.solutions.bargaining import (
    egalitarian_point,
    individually_rational,
    kalai_smorodinsky_point,
    nash_point,
    utilitarian_point,
)
from negosim.solutions.pareto import pareto_mask

__all__ = [
    "egalitarian_point",
    "individually_rational",
    "kalai_smorodinsky_point",
    "nash_point",
    "pareto_mask",
    "utilitarian_point",
]
