"""The whole scenario: tracks with their ratification rules, issues, actors and couplings."""

from __future__ import annotations

from typing import Annotated, Literal, Self

from pydantic import Field, model_validator

from negosim.scenario.actors import Actor
from negosim.scenario.base import Name, Provenance, Text, UnitFloat
from negosim.scenario.couplings import Coupling, IssueTest
from negosim.scenario.issues import Issue
from negosim.scenario.politics import Bloc, War
from negosim.scenario.uncertainty import Distribution, Variant


class Consent(IssueTest):
    """A conditional veto: ``actor`` must consent to outcomes that pass the test, and only to those.

    The article's "must consent to anything that commits Europe".
    """

    actor: Name


class Ratification(Provenance):
    """Who must accept and how: unanimity of ``parties``, or a power-weighted quota plus vetoes."""

    rule: Literal["unanimity", "quota"] = "unanimity"
    parties: Annotated[list[Name], Field(min_length=1)]
    veto: list[Name] = Field(default_factory=list)
    quota: UnitFloat | None = None
    consent: list[Consent] = Field(default_factory=list)

    @model_validator(mode="after")
    def _quota_matches_rule(self) -> Self:
        if self.rule == "quota" and self.quota is None:
            raise ValueError("rule 'quota' needs a quota (a share of power between 0 and 1)")
        if self.rule == "unanimity" and self.quota is not None:
            raise ValueError("quota is only allowed with rule 'quota'")
        return self

    def vetoes(self) -> list[str]:
        """Who can block the track alone.

        Returns
        -------
        list of str
            Every party under unanimity; the named vetoes under a quota.
        """
        return list(self.parties) if self.rule == "unanimity" else list(self.veto)


class Track(Provenance):
    """A negotiation track: its protocol, deadline, breakdown risk and ratification rule."""

    description: Text = ""
    negotiated: bool = True
    protocol: Name = "alternating_offers"
    deadline: Annotated[int, Field(ge=1, le=100_000)] = 20
    breakdown: UnitFloat = 0.0
    """Probability that talks collapse in any one round."""
    recognition: Literal["equal", "power"] = "equal"
    """Recognition bargaining: who is drawn to propose, equally likely or in proportion to power."""
    mediator: Name | None = None
    """Mediated single text: the actor who mediates; none means a neutral mediator."""
    variant: Literal["scholz", "masad"] = "scholz"
    """Expected-utility protocol: whose rules Bueno de Mesquita's model follows — Scholz, Calbert
    and Smith's formalisation (2011), or David Masad's public replication of it."""
    ratification: Ratification
    war: War | None = None
    """Fighting that goes on while the track is negotiated: the sides' walk-aways follow from it."""


class Event(Provenance):
    """Something that happens during the talks: a battlefield change, a summit deadline.

    Scheduled at ``round``; or, with ``when`` or a ``chance`` below one, from ``round`` on at the
    first round its condition holds on the offer on the table and its draw succeeds (once). An
    actor off the table acts through such events (``by``: Russia escalating when the offer crosses
    its red line).
    """

    round: Annotated[int, Field(ge=0, le=100_000)]
    label: Text
    actor: Name
    parameter: Literal["reservation", "power", "discount", "cost", "weight"]
    issue: Name | None = None
    set: float | None = Field(default=None, ge=-1e9, le=1e9)
    shift: float | None = Field(default=None, ge=-1e9, le=1e9)
    scale: float | None = Field(default=None, ge=0, le=1e9)
    by: Name | None = None
    """Who acts (it may be an actor not at the table); ``actor`` is whose parameter changes."""
    when: IssueTest | None = None
    """The event happens only once the latest offer on the table passes this test."""
    chance: UnitFloat = 1.0
    """The probability, each round it could happen, that it does."""

    @model_validator(mode="after")
    def _one_change(self) -> Self:
        changes = [c for c in (self.set, self.shift, self.scale) if c is not None]
        if len(changes) != 1:
            raise ValueError("give exactly one of set, shift or scale")
        if (self.parameter == "weight") != (self.issue is not None):
            raise ValueError("an issue is needed for parameter 'weight', and only for it")
        if self.conditional and self.parameter in ("discount", "weight"):
            raise ValueError(
                "an event with 'when' or a chance below 1 may change reservation, power or cost"
            )
        return self

    @property
    def conditional(self) -> bool:
        """Whether it waits on a condition or a draw rather than its round alone.

        Returns
        -------
        bool
            True with ``when`` or a ``chance`` below one.
        """
        return self.when is not None or self.chance < 1.0


class Scenario(Provenance):
    """A whole negotiation: tracks, issues, actors, couplings, events, uncertainty and variants."""

    name: Name
    title: Text
    summary: Annotated[str, Field(max_length=200)]
    description: Text = ""
    linkage: Literal["package", "sequence", "independent"] = "package"
    tracks: Annotated[dict[Name, Track], Field(min_length=1)]
    issues: Annotated[dict[Name, Issue], Field(min_length=1)]
    actors: Annotated[dict[Name, Actor], Field(min_length=1)]
    couplings: list[Coupling] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    uncertainty: list[Distribution] = Field(default_factory=list)
    variants: dict[Name, Variant] = Field(default_factory=dict)
    blocs: dict[Name, Bloc] = Field(default_factory=dict)
    """Actors who speak with one voice (:class:`~negosim.scenario.politics.Bloc`)."""

    def negotiated_tracks(self) -> list[str]:
        """The tracks on the table (some may be context only).

        Returns
        -------
        list of str
            Their names, in the scenario's order.
        """
        return [name for name, track in self.tracks.items() if track.negotiated]

    def issues_of(self, tracks: list[str]) -> list[str]:
        """The issues of some tracks.

        Parameters
        ----------
        tracks
            Track names.

        Returns
        -------
        list of str
            Issue names, in the scenario's order.
        """
        return [name for name, issue in self.issues.items() if issue.track in tracks]

    def parties_of(self, tracks: list[str]) -> list[str]:
        """Actors voting on any of ``tracks``, in the order the scenario lists actors.

        Parameters
        ----------
        tracks
            Track names.

        Returns
        -------
        list of str
            Actor names.
        """
        voting = {p for t in tracks for p in self.tracks[t].ratification.parties}
        return [name for name in self.actors if name in voting]
