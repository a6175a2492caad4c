"""A HardHeaded-style negotiator (van Krimpen, Looije and Hajizadeh, 2013; ANAC 2011's winner).

It learns what the others want from what they offer (the frequency model of
:mod:`negosim.strategies.opponents`), concedes on a time-dependent curve, offers at its target the
outcome the model says the least pleased of the others likes most, and accepts by AC_combi: an offer
at least as good as its next one, or, late in the talks, as good as the best it has been offered
recently.
"""

from __future__ import annotations

from typing import ClassVar

from negosim.strategies.base import ParameterSpec
from negosim.strategies.concession import COMMON, Concession


class OpponentModelling(Concession):
    """Concedes over time, offering what its model of the others' wishes says they will accept."""

    name: ClassVar[str] = "opponent_model"
    parameters: ClassVar[dict[str, ParameterSpec]] = {
        "exponent": (float, 1.0, "concession exponent of the own target (as time_dependent)"),
        **COMMON,
        "acceptance": (COMMON["acceptance"][0], "combi", "acceptance condition (default AC_combi)"),
    }
