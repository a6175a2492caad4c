"""Building blocks shared by every part of the scenario language.

Every value that comes from the article carries the sentence it comes from (``source``); every value
that is a modelling choice says why it was chosen (``assumption``). Numeric parameters may be written
bare (``power: 0.8``) or with provenance (``power: {value: 0.8, source: "..."}``).
"""

from __future__ import annotations

from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    StringConstraints,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

Name = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", min_length=1, max_length=64)]
"""Identifier of an actor, issue or track: lower-case letters, digits and underscores."""

Label = Annotated[
    str,
    StringConstraints(pattern=r"^[^\s\x00-\x1f](?:[^\x00-\x1f]*[^\s\x00-\x1f])?$", max_length=200),
]
"""An option of an ordinal or categorical issue: any text without control characters or
surrounding spaces ("joint", "$4.37", "19'' LCD")."""

UnitFloat = Annotated[float, Field(ge=0.0, le=1.0)]
PositiveFloat = Annotated[float, Field(gt=0.0, le=1e9)]
NonNegativeFloat = Annotated[float, Field(ge=0.0, le=1e9)]
BoundedFloat = Annotated[float, Field(ge=-1e12, le=1e12)]
Discount = Annotated[float, Field(gt=0.0, le=1.0)]
Text = Annotated[str, StringConstraints(max_length=4000)]

T = TypeVar("T")


class StrictModel(BaseModel):
    """Unknown keys, NaN and infinities are errors: a typo must never pass silently."""

    model_config = ConfigDict(
        extra="forbid", allow_inf_nan=False, frozen=True, use_attribute_docstrings=True
    )


class Provenance(StrictModel):
    """Where a value comes from: a quote from the article, or the reason it was assumed."""

    source: Text | None = None
    assumption: Text | None = None

    @property
    def has_provenance(self) -> bool:
        """Whether the entry says where it comes from (a quote) or why it is assumed.

        Returns
        -------
        bool
            True when ``source`` or ``assumption`` is given.
        """
        return bool(self.source or self.assumption)


class Sourced(Provenance, Generic[T]):
    """A parameter with optional provenance, written bare or as ``{value, source|assumption}``."""

    value: T

    @model_validator(mode="before")
    @classmethod
    def _wrap_bare_value(cls, raw: Any) -> Any:
        return raw if isinstance(raw, dict) else {"value": raw}

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """Both spellings are valid: the bare value or the object with provenance."""
        reference = handler(core_schema)
        resolved = handler.resolve_ref_schema(reference)
        return {"anyOf": [resolved["properties"]["value"], reference]}


class UnitParameter(Sourced[UnitFloat]):
    """A number in [0, 1], with provenance."""


class PositiveParameter(Sourced[PositiveFloat]):
    """A positive number, with provenance."""


class WeightParameter(Sourced[NonNegativeFloat]):
    """A non-negative weight (salience), with provenance."""


class RateParameter(Sourced[Annotated[float, Field(ge=-1e6, le=1e6)]]):
    """An exchange rate: utility per unit of a transferable good (negative: the actor pays)."""


class DiscountParameter(Sourced[Discount]):
    """A discount factor in (0, 1], with provenance: per round, or over the whole deadline.

    ``per: round`` (the default) multiplies a deal's utility by ``value`` for every round of delay.
    ``per: deadline`` is GENIUS's time-based discount: a deal struck when a fraction ``t`` of the
    deadline has elapsed is worth ``value ** t`` of its utility, so ``value`` is what is left at the
    deadline whatever its length.
    """

    per: Literal["round", "deadline"] = "round"

    def per_round(self, deadline: int, value: float | None = None) -> float:
        """The factor one round of delay costs, on a track with this deadline.

        Parameters
        ----------
        deadline
            The number of rounds of the negotiation.
        value
            A value to use instead of :attr:`value` (a sampled or injected one).

        Returns
        -------
        float
            ``value`` per round, or ``value ** (1 / deadline)`` per deadline: after round ``r``
            (counted from 0) the deal is worth ``value ** (r / deadline)``.
        """
        factor = self.value if value is None else value
        return factor if self.per == "round" else float(factor ** (1.0 / deadline))
