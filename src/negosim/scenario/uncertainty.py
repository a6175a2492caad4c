"""What the modeller is unsure of, and the what-if variants to compare.

``uncertainty`` lists distributions over numeric parameters, each named by its path in the file
(``actors.russia.reservation``, ``tracks.security.breakdown``); a ``dirichlet`` entry perturbs a
whole weight vector (``actors.us.weights``) around its stated values, ``concentration`` setting how
tightly. ``variants`` are named sets of overrides ("the US offers a bilateral guarantee").
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Self

from pydantic import Field, model_validator

from negosim.scenario.base import BoundedFloat, PositiveFloat, Provenance, Text


class _Sampled(Provenance):
    path: Annotated[str, Field(min_length=1, max_length=200)]


class _Range(_Sampled):
    """A distribution on [low, high]; one check for every bounded kind, so none forgets it."""

    low: BoundedFloat
    high: BoundedFloat

    def centre(self) -> tuple[str, float] | None:
        """The parameter that must lie within the bounds (a mean, a mode), if any."""
        return None

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.high <= self.low:
            raise ValueError(f"high ({self.high}) must be greater than low ({self.low})")
        centre = self.centre()
        if centre is not None and not self.low <= centre[1] <= self.high:
            raise ValueError(f"{centre[0]} ({centre[1]}) must lie within [{self.low}, {self.high}]")
        return self


class Uniform(_Range):
    """Every value between ``low`` and ``high`` equally likely."""

    dist: Literal["uniform"]


class TruncatedNormal(_Range):
    """A normal distribution cut to ``[low, high]``."""

    dist: Literal["truncnormal"]
    mean: BoundedFloat
    sd: PositiveFloat

    def centre(self) -> tuple[str, float]:
        """The distribution's centre, for people.

        Returns
        -------
        tuple
            (``"mean"``, the mean).
        """
        return "mean", self.mean


class Beta(_Range):
    """A beta distribution stretched over ``[low, high]`` (default the unit interval)."""

    dist: Literal["beta"]
    a: PositiveFloat
    b: PositiveFloat
    low: BoundedFloat = 0.0
    high: BoundedFloat = 1.0


class Triangular(_Range):
    """A triangular distribution over ``[low, high]`` peaking at ``mode``."""

    dist: Literal["triangular"]
    mode: BoundedFloat

    def centre(self) -> tuple[str, float]:
        """The distribution's centre, for people.

        Returns
        -------
        tuple
            (``"mode"``, the mode).
        """
        return "mode", self.mode


class Choice(_Sampled):
    """One of a list of values, equally likely or with the given weights."""

    dist: Literal["choice"]
    values: Annotated[list[BoundedFloat], Field(min_length=1, max_length=1000)]
    weights: list[Annotated[float, Field(ge=0, le=1e9)]] | None = None

    @model_validator(mode="after")
    def _matching(self) -> Self:
        if self.weights is not None and (
            len(self.weights) != len(self.values) or sum(self.weights) <= 0
        ):
            raise ValueError("weights must match values one for one and not all be zero")
        return self


class Dirichlet(_Sampled):
    """Noise around an actor's stated weight vector: higher ``concentration``, less noise."""

    dist: Literal["dirichlet"]
    concentration: PositiveFloat


Distribution = Annotated[
    Uniform | TruncatedNormal | Beta | Triangular | Choice | Dirichlet,
    Field(discriminator="dist"),
]


class Variant(Provenance):
    """A named what-if: fields set by dotted path."""

    description: Text
    set: Annotated[dict[str, Any], Field(min_length=1)]
