"""Value functions: how much an actor values each option of one issue, in [0, 1].

Each kind is one pydantic class that states which issue kinds it suits, which of its fields name a
point on the issue (checked against the issue's bounds or options), and how it scores the levels of an
issue (:meth:`ValueBase.vector`, plain numpy). Ordinal issues are scored on the rank of the label.
To add a kind, write its class here and add it to :data:`ValueFunction` (see the how-to "Add a value
function").
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal, get_args

import numpy as np
from pydantic import Field

from negosim.arrays import FloatArray
from negosim.scenario.base import BoundedFloat, Label, PositiveFloat, Provenance, UnitFloat


class ValueBase(Provenance):
    """What every value function provides to validation and to the utility tables."""

    issue_kinds: ClassVar[tuple[str, ...]] = ("continuous", "ordinal")
    """The issue kinds this function can score."""
    anchors: ClassVar[tuple[str, ...]] = ()
    """Fields that name a point on the issue (a number, or an option's label)."""

    def vector(self, points: FloatArray, labels: tuple[str, ...] | None) -> FloatArray:
        """The value of each level of an issue.

        Parameters
        ----------
        points
            Each level's number (its rank for a labelled issue), increasing.
        labels
            Each level's label, ``None`` for a continuous issue.

        Returns
        -------
        FloatArray
            One value in [0, 1] per level.
        """
        raise NotImplementedError


def position(point: float | str, labels: tuple[str, ...] | None) -> float:
    """A point on an issue: the number itself, or a label's rank.

    Parameters
    ----------
    point
        A number on a continuous issue, or an option's label.
    labels
        The issue's labels, ``None`` for a continuous issue.

    Returns
    -------
    float
        The point on the issue's scale.
    """
    return float(labels.index(str(point))) if labels is not None else float(point)


class LinearValue(ValueBase):
    """Value rising (or falling) linearly from 0 at one end of the issue to 1 at the other."""

    kind: Literal["linear"]
    direction: Literal["increasing", "decreasing"] = "increasing"

    def vector(self, points: FloatArray, labels: tuple[str, ...] | None) -> FloatArray:  # noqa: D102  # numpydoc ignore=GL08
        rising: FloatArray = (points - points[0]) / (points[-1] - points[0])
        return rising if self.direction == "increasing" else 1.0 - rising


class PeakedValue(ValueBase):
    """Best at ``ideal``, falling linearly to 0 at distance ``width`` (default: the farther bound)."""

    kind: Literal["peaked"]
    ideal: BoundedFloat | Label
    width: PositiveFloat | None = None
    anchors: ClassVar[tuple[str, ...]] = ("ideal",)

    def vector(self, points: FloatArray, labels: tuple[str, ...] | None) -> FloatArray:  # noqa: D102  # numpydoc ignore=GL08
        ideal = position(self.ideal, labels)
        width = self.width or max(ideal - points[0], points[-1] - ideal)
        return np.clip(1.0 - np.abs(points - ideal) / width, 0.0, 1.0)


class StepValue(ValueBase):
    """Value ``below`` under ``threshold`` and ``above`` from it on: a line that must be crossed."""

    kind: Literal["step"]
    threshold: BoundedFloat | Label
    below: UnitFloat = 0.0
    above: UnitFloat = 1.0
    anchors: ClassVar[tuple[str, ...]] = ("threshold",)

    def vector(self, points: FloatArray, labels: tuple[str, ...] | None) -> FloatArray:  # noqa: D102  # numpydoc ignore=GL08
        crossed = points >= position(self.threshold, labels)
        return np.where(crossed, self.above, self.below).astype(np.float64)


# --8<-- [start:logistic]
class LogisticValue(ValueBase):
    """A soft threshold: value rises along an S-curve centred on ``midpoint``.

    ``steepness`` is the slope at the midpoint in value per unit of the issue (per rank on an
    ordinal issue); the curve is rescaled so the issue's two ends are worth exactly 0 and 1
    (reversed when ``direction`` is ``decreasing``).
    """

    kind: Literal["logistic"]
    midpoint: BoundedFloat | Label
    steepness: PositiveFloat = 10.0
    direction: Literal["increasing", "decreasing"] = "increasing"
    anchors: ClassVar[tuple[str, ...]] = ("midpoint",)

    def vector(self, points: FloatArray, labels: tuple[str, ...] | None) -> FloatArray:  # noqa: D102  # numpydoc ignore=GL08
        centre = position(self.midpoint, labels)
        curve = 1.0 / (1.0 + np.exp(-4.0 * self.steepness * (points - centre)))
        rising: FloatArray = (curve - curve[0]) / (curve[-1] - curve[0])
        return rising if self.direction == "increasing" else 1.0 - rising


# --8<-- [end:logistic]


class TableValue(ValueBase):
    """A value for each option, as a table (labelled issues)."""

    kind: Literal["table"]
    table: dict[Label, UnitFloat]
    issue_kinds: ClassVar[tuple[str, ...]] = ("ordinal", "categorical")

    def vector(self, points: FloatArray, labels: tuple[str, ...] | None) -> FloatArray:  # noqa: D102  # numpydoc ignore=GL08
        assert labels is not None, "tables score labelled issues only (checked on load)"
        return np.array([self.table[label] for label in labels], dtype=np.float64)


# --8<-- [start:union]
ValueFunction = Annotated[
    LinearValue | PeakedValue | StepValue | LogisticValue | TableValue,
    Field(discriminator="kind"),
]
"""Every value function a scenario may use, told apart by ``kind``."""
# --8<-- [end:union]

VALUE_KINDS: dict[str, type[ValueBase]] = {
    get_args(cls.model_fields["kind"].annotation)[0]: cls
    for cls in get_args(get_args(ValueFunction)[0])
}
"""Value function classes by ``kind``, read from the union."""

COMPATIBLE_VALUE_KINDS: dict[str, tuple[str, ...]] = {
    issue_kind: tuple(kind for kind, cls in VALUE_KINDS.items() if issue_kind in cls.issue_kinds)
    for issue_kind in ("continuous", "ordinal", "categorical")
}
"""For each issue kind, the value functions that can score it."""
