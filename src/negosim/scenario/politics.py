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
- ``blocs`` (on the scenario): actors who speak with one voice (Europe and Ukraine). Members share a
  bloc utility — each member's utility weighed by its ``share`` — and a bloc walk-away weighed the
  same way; they offer and accept only what every member's red lines allow; and the bloc proposes
  once where its members would each have proposed (alternating offers: one turn per cycle,
  recognition: the members' chances pooled). Each member's own utility is still what a run
  reports, so a seminar sees who in the bloc gains from it.
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


class Bloc(Provenance):
    """Actors who propose jointly and share a bloc utility (see the module's note)."""

    label: Text = ""
    members: Annotated[list[Name], Field(min_length=2, max_length=64)]
    """The actors in the bloc; the first proposes for it."""
    shares: dict[Name, Annotated[float, Field(gt=0.0, le=1e9)]] = Field(default_factory=dict)
    """How much each member's utility weighs in the bloc's (normalised); equal when left out."""

    @model_validator(mode="after")
    def _members_are_distinct(self) -> Self:
        if len(set(self.members)) != len(self.members):
            raise ValueError("a bloc lists each member once")
        if self.shares and set(self.shares) != set(self.members):
            raise ValueError(f"shares name every member and no one else: {', '.join(self.members)}")
        return self

    def weights(self) -> list[float]:
        """Each member's share of the bloc utility, in the order of :attr:`members`.

        Returns
        -------
        list of float
            Shares summing to 1 (equal where none are given).
        """
        raw = [self.shares.get(m, 1.0) for m in self.members]
        total = sum(raw)
        return [w / total for w in raw]
