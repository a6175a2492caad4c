"""Time-dependent concession (Faratin, Sierra and Jennings, 1998), NegMAS's convention.

The target utility falls from the actor's best to its reservation as its horizon nears,
τ(t) = u_max − (u_max − r) · (t / (H − 1)) ** e: Boulware (e > 1) holds firm until late, Conceder
(e < 1) gives ground early, Linear (e = 1) in between. At each target the actor offers what its
model says the others like best (see :mod:`negosim.strategies.concession`).
"""

from __future__ import annotations

from typing import ClassVar

from negosim.strategies.base import ParameterSpec
from negosim.strategies.concession import COMMON, Concession


class TimeDependent(Concession):
    """Lowers its aim from its best outcome to its walk-away as its horizon nears.

    The exponent sets the pace.
    """

    name: ClassVar[str] = "time_dependent"


class Boulware(TimeDependent):
    """Holds firm and concedes only close to the deadline."""

    name: ClassVar[str] = "boulware"
    parameters: ClassVar[dict[str, ParameterSpec]] = {
        "exponent": (float, 4.0, "e > 1: holds firm until close to the deadline"),
        **COMMON,
    }


class Linear(TimeDependent):
    """Concedes at an even pace."""

    name: ClassVar[str] = "linear"


class Conceder(TimeDependent):
    """Gives ground early."""

    name: ClassVar[str] = "conceder"
    parameters: ClassVar[dict[str, ParameterSpec]] = {
        "exponent": (float, 0.25, "e < 1: concedes early"),
        **COMMON,
    }
