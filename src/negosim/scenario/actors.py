"""Stakeholders: power, walk-away point, patience, priorities and how they negotiate.

Countries are data, not classes: everything an actor is comes from the scenario file.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from negosim.scenario.base import (
    DiscountParameter,
    Name,
    PositiveParameter,
    Provenance,
    Text,
    UnitParameter,
    WeightParameter,
)
from negosim.scenario.politics import OutsideOption, Ratifier
from negosim.scenario.values import ValueFunction

StrategyParameter = bool | int | float | str


class StrategySpec(Provenance):
    """Which negotiation strategy the actor plays; the engine's registry resolves the name."""

    name: Name
    params: dict[Name, StrategyParameter] = Field(default_factory=dict)


class Actor(Provenance):
    """A stakeholder: its power, walk-away, patience, priorities and the strategy that plays it."""

    label: Text
    description: Text = ""
    power: PositiveParameter
    reservation: UnitParameter | None = None
    """What walking away is worth. Left out for an actor whose walk-away a war sets (a side, or a
    party that bears a cost of the war): it is then what the war is worth to it."""
    discount: DiscountParameter
    cost: UnitParameter = Field(
        default_factory=lambda: UnitParameter(value=0.0, assumption="no cost per round by default")
    )
    """What each round without a deal costs the actor, in utility (the war going on while talks do)."""
    weights: dict[Name, WeightParameter] = Field(min_length=1)
    weighting: Literal["normalised", "as_written"] = "normalised"
    """``normalised``: weights are shares of their sum (write 3 and 1, or 0.75 and 0.25).
    ``as_written``: a utility is the sum of weight × value as written, capped at 1 — GENIUS's
    additive utility, whose weights need not sum to exactly 1."""
    values: dict[Name, ValueFunction] = Field(min_length=1)
    strategy: StrategySpec = Field(
        default_factory=lambda: StrategySpec(name="boulware", assumption="default strategy")
    )
    salience: dict[Name, UnitParameter] = Field(default_factory=dict)
    """How much the actor cares about each issue, for Bueno de Mesquita's model (0 to 1). An issue
    without one takes its weight over the actor's largest weight."""
    outside_option: OutsideOption | None = None
    """An alternative the actor can take at any round instead of a deal (see
    :class:`~negosim.scenario.politics.OutsideOption`)."""
    ratifier: Ratifier | None = None
    """A domestic body that must ratify any deal the actor accepts (Putnam's second level)."""
