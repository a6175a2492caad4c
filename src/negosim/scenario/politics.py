"""The politics around the table: the war that goes on while talks do, and ratification at home.

- ``war`` (on a track): two sides fight over one issue. Fighting is a lottery — the first side wins
  with probability ``victory`` and the winner sets the issue to its own best option — minus each side's
  cost of fighting. A side's walk-away is what fighting is worth to it (Fearon 1995: ``p − c``), not a
  fixed number, and it moves when the front line does; so is that of any party given a cost of the
  war going on.
- ``outside_option`` (on an actor): an alternative it can take at any round instead of a deal — fight
  on, or a bilateral deal elsewhere. Taken at a round it is worth ``value`` discounted as a deal
  struck then, so the actor never accepts a deal worth less, and it takes the option whenever talks
  end without a deal. By the outside-option principle (Binmore, Shaked and Sutton 1989) it changes
  the alternating-offers outcome only when it beats what the actor would get without it.
- ``ratifier`` (on an actor): a domestic body (Congress, the Rada) with its own priorities and a
  threshold. A deal the negotiator accepts fails at home when the ratifier values it below the
  threshold (Putnam 1988). A negotiator who ``anticipates`` its ratifier treats the ratifier's
  threshold as a red line of its own, and every other actor at the table knows it.
"""

from __future__ import annotations

from typing import Annotated, Literal, Self

from pydantic import Field, model_validator

from negosim.scenario.base import Name, Provenance, Text, UnitFloat, UnitParameter, WeightParameter
from negosim.scenario.values import ValueFunction


class Front(Provenance):
    """How the front line moves: each round, with some chance, one side's odds of victory shift."""

    chance: UnitFloat
    """The probability, each round, that the front line moves."""
    step: Annotated[float, Field(gt=0.0, le=1.0)]
    """How much the first side's probability of victory changes when the front moves."""
    favours_first: UnitFloat = 0.5
    """The probability that a move favours the first side (0.5: either way alike)."""


class War(Provenance):
    """Fighting over one issue while the track is negotiated: what no deal is worth to each side."""

    issue: Name
    """The issue that fighting decides (the winner sets it to its own best option)."""
    sides: Annotated[list[Name], Field(min_length=2, max_length=2)]
    """The two belligerents; the first is the side whose probability of victory is ``victory``."""
    victory: UnitParameter
    """The first side's probability of winning the war (Fearon's ``p``)."""
    costs: dict[Name, UnitParameter]
    """Each side's cost of fighting the war out, in utility (Fearon's ``c``); a party that is not a
    side may bear a cost too (an ally paying for the war, a broker who wants it ended), and its
    walk-away then follows from the war the same way."""
    front: Front | None = None
    """How the front line moves during the talks; none keeps ``victory`` fixed."""

    @model_validator(mode="after")
    def _two_different_sides(self) -> Self:
        if self.sides[0] == self.sides[1]:
            raise ValueError("the two sides of a war must be different actors")
        return self


class Ratifier(Provenance):
    """A domestic ratifier: its own priorities over the issues, and the least it will ratify."""

    label: Text
    weights: dict[Name, WeightParameter] = Field(min_length=1)
    weighting: Literal["normalised", "as_written"] = "normalised"
    values: dict[Name, ValueFunction] = Field(min_length=1)
    threshold: UnitParameter
    """A deal is ratified at home when the ratifier values it at least this much."""
    anticipated: bool = True
    """Whether the negotiator (and so everyone at the table) knows the ratifier's threshold: it then
    never accepts or offers a deal its ratifier would reject. Unanticipated, the table may agree on a
    deal that then fails at home (reason ``not ratified at home``)."""


class OutsideOption(UnitParameter):
    """What the actor's alternative to any deal is worth (in utility), and what it is."""

    label: Text = "its outside option"
    """What taking it means, for the narrative ("fights on", "a bilateral deal with Russia")."""
