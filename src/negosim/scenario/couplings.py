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

from collections.abc import Mapping, Sequence
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

    def holds(self, value: object) -> bool:
        """Whether an option passes the test.

        Parameters
        ----------
        value
            A label, or a number on a continuous issue.

        Returns
        -------
        bool
            True when the option meets the test (bounds to 1e-9, as the utility tables judge).
        """
        if self.one_of is not None:
            return str(value) in self.one_of
        if self.none_of is not None:
            return str(value) not in self.none_of
        number = float(str(value))
        low = -float("inf") if self.at_least is None else self.at_least - 1e-9
        high = float("inf") if self.at_most is None else self.at_most + 1e-9
        return low <= number <= high

    def requirement(self) -> str:
        """What the test asks, in words a student reads: "security guarantee must not be none".

        Returns
        -------
        str
            The issue and what its option must be.
        """
        words = [self.issue.replace("_", " ")]
        if self.one_of is not None:
            words.append("must be " + " or ".join(v.replace("_", " ") for v in self.one_of))
        elif self.none_of is not None:
            words.append("must not be " + " or ".join(v.replace("_", " ") for v in self.none_of))
        else:
            bounds = [f"at least {self.at_least:g}"] if self.at_least is not None else []
            bounds += [f"at most {self.at_most:g}"] if self.at_most is not None else []
            words.append("must be " + " and ".join(bounds))
        return " ".join(words)


class Condition(IssueTest):
    """``actor`` accepts no outcome that fails the test."""

    kind: Literal["condition"]
    actor: Name


def red_lines_crossed(
    couplings: Sequence[object], actor: str, terms: Mapping[str, object]
) -> list[str]:
    """The actor's red lines that an offer crosses, each in words.

    Parameters
    ----------
    couplings
        The scenario's couplings.
    actor
        The actor whose red lines count.
    terms
        The offer: issue to option (issues it does not settle are not judged).

    Returns
    -------
    list of str
        One requirement per red line crossed, in the scenario's order.
    """
    return [
        c.requirement()
        for c in couplings
        if isinstance(c, Condition) and c.actor == actor and c.issue in terms
        if not c.holds(terms[c.issue])
    ]


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
