"""Ratification at home (Putnam 1988): a deal agreed at the table may still fail in a capital.

A ratifier is compiled to the outcomes it would ratify. One the negotiator anticipates becomes a red
line of the negotiator's own (its ``admissible`` column), known to the whole table; one it does not
is checked only after the table agrees, and a rejection ends the talks as ``not ratified at home``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from negosim.arrays import BoolArray


@dataclass(frozen=True, eq=False)
class HomeRatifier:
    """A negotiator's domestic ratifier as the engine checks it.

    Attributes
    ----------
    actor
        The negotiator's column.
    label
        The ratifier's name ("the US Congress"), for the narrative.
    ratifies
        Per outcome, whether the ratifier values it at least at its threshold.
    anticipated
        Whether the negotiator treats the threshold as a red line of its own.
    """

    actor: int
    label: str
    ratifies: BoolArray
    anticipated: bool


def rejecting(ratifiers: Sequence[HomeRatifier], outcome: int) -> HomeRatifier | None:
    """The first unanticipated ratifier that would reject an agreed outcome.

    Parameters
    ----------
    ratifiers
        The game's ratifiers.
    outcome
        The outcome the table agreed on.

    Returns
    -------
    HomeRatifier or None
        ``None`` when every ratifier at home ratifies it (anticipated ones always do).
    """
    for ratifier in ratifiers:
        if not ratifier.anticipated and not ratifier.ratifies[outcome]:
            return ratifier
    return None
