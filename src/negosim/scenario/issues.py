"""Issues on the table.

Issues are continuous (bounds, unit, discretisation step), ordinal (ordered labels) or categorical
(unordered labels); :mod:`negosim.scenario.values` scores their options.
"""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Literal, Self

from pydantic import Field, model_validator

from negosim.scenario.base import (
    BoundedFloat,
    Label,
    Name,
    PositiveFloat,
    Provenance,
    RateParameter,
    Text,
)

MAX_LEVELS = 100_001


class _IssueBase(Provenance):
    track: Name
    label: Text = ""
    """A display name, when it differs from the key (an imported domain's own issue name)."""
    description: Text = ""


class ContinuousIssue(_IssueBase):
    """A numeric issue on a grid from ``min`` to ``max`` in steps of ``step`` (a revenue share)."""

    kind: Literal["continuous"]
    min: BoundedFloat
    max: BoundedFloat
    step: PositiveFloat
    unit: Text
    status_quo: BoundedFloat | None = None
    draft: BoundedFloat | None = None
    rates: dict[Name, RateParameter] = Field(default_factory=dict)
    """Makes the issue a transferable good (aid, a payment, sanctions relief): each actor named
    gains its rate in utility per unit moved from the status quo (a negative rate: it pays), on
    the scale of its agenda of other issues, worst to best, as 1. The actors named give the issue
    no weight or value function: the rate is their valuation. Walking away leaves the good at its
    status quo, so walk-aways keep their meaning; a utility may leave [0, 1]. With equal and
    opposite rates, utility is transferable and one party can buy another's consent."""

    @model_validator(mode="after")
    def _grid_is_sound(self) -> Self:
        if self.max <= self.min:
            raise ValueError(f"max ({self.max}) must be greater than min ({self.min})")
        intervals = (self.max - self.min) / self.step
        if intervals + 1 > MAX_LEVELS:
            raise ValueError(f"step {self.step} gives {intervals:.3g} levels; at most {MAX_LEVELS}")
        if abs(intervals - round(intervals)) > 1e-6 * max(1.0, intervals):
            raise ValueError(f"step ({self.step}) must divide max - min ({self.max - self.min})")
        for field in ("status_quo", "draft"):
            value = getattr(self, field)
            if value is not None and not self.min <= value <= self.max:
                raise ValueError(f"{field} ({value}) must lie within [{self.min}, {self.max}]")
        return self

    @property
    def levels(self) -> int:
        """The number of grid points.

        Returns
        -------
        int
            Points from ``min`` to ``max``.
        """
        return round((self.max - self.min) / self.step) + 1


MAX_OPTIONS = 20_000
"""Options of one labelled issue: enough for a non-linear GENIUS domain's sample of bids."""


class _LabelledIssue(_IssueBase):
    values: Annotated[list[Label], Field(min_length=2, max_length=MAX_OPTIONS)]
    status_quo: Label | None = None
    draft: Label | None = None

    @model_validator(mode="after")
    def _labels_are_sound(self) -> Self:
        duplicates = sorted(v for v, n in Counter(self.values).items() if n > 1)
        if duplicates:
            raise ValueError(f"duplicate values: {', '.join(duplicates)}")
        for field in ("status_quo", "draft"):
            value = getattr(self, field)
            if value is not None and value not in self.values:
                raise ValueError(f"{field} '{value}' is not one of: {', '.join(self.values)}")
        return self

    @property
    def levels(self) -> int:
        """The number of options.

        Returns
        -------
        int
            Length of ``values``.
        """
        return len(self.values)


class OrdinalIssue(_LabelledIssue):
    """Labelled options in a meaningful order (none < economic presence < ... < Article 5)."""

    kind: Literal["ordinal"]


class CategoricalIssue(_LabelledIssue):
    """Labelled options with no order (who governs the fund)."""

    kind: Literal["categorical"]


Issue = Annotated[ContinuousIssue | OrdinalIssue | CategoricalIssue, Field(discriminator="kind")]
