"""Couplings that an additive utility cannot express, written declaratively (no code in YAML).

- ``condition``: a hard requirement. An outcome that violates it is unacceptable to the actor whatever
  its utility ("Ukraine would only consider the deal if it came with measures that protect Ukraine's
  sovereignty").
- ``interaction``: the value of some issues is scaled by the outcome of another ("many of these
  deposits are in areas that remain contested or under Russian control").
- ``cross_track``: a track is worth less unless another track is settled too ("the assurance of a
  peaceful and stable environment").
"""

from __future__ import annotations

from typing import Annotated, Literal, Self

from pydantic import Field, model_validator

from negosim.scenario.base import BoundedFloat, Label, Name, Provenance, UnitFloat, UnitParameter
from negosim.scenario.values import ValueFunction


class IssueTest(Provenance):
    """A test on one issue's outcome: labels it must (not) be, or bounds on a continuous value."""

    issue: Name
    one_of: list[Label] | None = None
    none_of: list[Label] | None = None
    at_least: BoundedFloat | None = None
    at_most: BoundedFloat | None = None

    @model_validator(mode="after")
    def _one_constraint_family(self) -> Self:
        labelled = self.one_of is not None or self.none_of is not None
        numeric = self.at_least is not None or self.at_most is not None
        if labelled == numeric or (self.one_of is not None and self.none_of is not None):
            raise ValueError(
                "give exactly one of one_of / none_of (labelled issues), "
                "or at_least and/or at_most (continuous issues)"
            )
        return self


class Condition(IssueTest):
    """``actor`` accepts no outcome that fails the test."""

    kind: Literal["condition"]
    actor: Name


class Interaction(Provenance):
    """``actor``'s value of the ``scales`` issues is multiplied by floor + (1 - floor) * factor(by)."""

    kind: Literal["interaction"]
    actor: Name
    scales: Annotated[list[Name], Field(min_length=1)]
    by: Name
    factor: ValueFunction
    floor: UnitFloat = 0.0


class CrossTrack(Provenance):
    """``track`` is worth ``factor_without`` of its value to ``actors`` unless ``depends_on`` settles."""

    kind: Literal["cross_track"]
    actors: Annotated[list[Name], Field(min_length=1)]
    track: Name
    depends_on: Name
    factor_without: UnitParameter


Coupling = Annotated[Condition | Interaction | CrossTrack, Field(discriminator="kind")]
