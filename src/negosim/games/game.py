"""A negotiation game as the engine sees it.

The utility table of one outcome space plus who must ratify, how patient everyone is and when time
runs out. Built once per run; strategies and protocols only look values up in it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt

from negosim.arrays import BoolArray, FloatArray, IntArray
from negosim.games.blocs import blocs_of, pool
from negosim.games.events import EngineEvent, compile_events
from negosim.games.home import HomeRatifier
from negosim.games.options import MediationOptions, ProtocolOptions, RecognitionOptions
from negosim.games.priors import Prior, priors_of
from negosim.games.scalar_rule import ScalarRule
from negosim.games.setup import option_value, positions_of, ratifiers_of
from negosim.outcomes import Context, OutcomeSpace, build_space, utility_table
from negosim.outcomes.rules import Rule, zopa_mask
from negosim.outcomes.war import WarProcess
from negosim.scenario import Scenario
from negosim.solutions.pareto import pareto_mask


@dataclass(frozen=True, eq=False)
class Game:
    """The utility table of one outcome space with everything a negotiation of it needs.

    Built once per run (or shared by runs that sample only parameters); strategies and protocols
    look values up in its arrays and never evaluate utility functions per offer.

    Attributes
    ----------
    actors
        Actor names, one per column.
    utilities
        (outcomes, actors) undiscounted utilities in [0, 1].
    admissible
        (outcomes, actors) whether each actor's hard conditions (red lines) hold.
    reservation
        Each actor's walk-away utility.
    discount
        Each actor's per-round discount factor (patience).
    power
        Each actor's power, for quota rules and power-weighted recognition.
    rules
        One ratification rule per track.
    deadline
        The number of rounds before talks end without a deal.
    breakdown
        The chance, each round, that talks break down for reasons outside the table.
    space
        The outcome space the rows index, ``None`` for games built from arrays alone.
    labels
        Actor names for people; the names themselves when empty.
    protocol
        The protocol that plays the game unless the caller chooses another.
    options
        Each protocol's own settings.
    events
        Scheduled changes, compiled to plain values.
    """

    actors: tuple[str, ...]
    utilities: FloatArray
    """(outcomes, actors), undiscounted, in [0, 1]."""
    admissible: BoolArray
    reservation: FloatArray
    discount: FloatArray
    power: FloatArray
    rules: tuple[Rule, ...]
    deadline: int
    breakdown: float = 0.0
    space: OutcomeSpace | None = None
    labels: tuple[str, ...] = ()
    protocol: str = "alternating_offers"
    options: ProtocolOptions = field(default_factory=ProtocolOptions)
    """Each protocol's own settings (recognition weights, the mediator, issue positions)."""
    events: tuple[EngineEvent, ...] = ()
    cost: FloatArray = field(default_factory=lambda: np.zeros(0))
    """Each actor's cost per round without a deal (zeros when not given)."""
    war: WarProcess | None = None
    """Fighting that goes on during the talks: the sides' walk-aways are what it is worth."""
    ratifiers: tuple[HomeRatifier, ...] = ()
    """Domestic ratifiers: anticipated ones are already red lines in :attr:`admissible`."""
    outside: FloatArray = field(default_factory=lambda: np.zeros(0))
    """Each actor's outside option, worth it at the round it is taken (NaN: none). Deals worth
    less are already ruled out in :attr:`admissible`."""
    option_labels: tuple[str, ...] = ()
    """What each actor's outside option is, for the narrative ("" without one)."""
    own_utilities: FloatArray | None = None
    """Each actor's own utilities where blocs pool some columns of :attr:`utilities` (what a run
    reports); ``None`` without blocs."""
    own_reservation: FloatArray | None = None
    """Each actor's own walk-away where blocs pool some of :attr:`reservation`."""
    own_admissible: BoolArray | None = None
    """Each actor's own red lines where blocs pool some columns of :attr:`admissible`."""
    blocs: tuple[tuple[list[int], list[float]], ...] = ()
    """Actors who speak with one voice: (member columns, shares) per bloc."""
    voice: tuple[int, ...] = ()
    """Who speaks for each column: itself, or its bloc's first member (everyone speaks for
    itself when empty)."""
    priors: tuple[Prior | None, ...] = ()
    """The common prior over each actor's walk-away where the scenario samples it (its type),
    ``None`` where the walk-away is public; empty for games built from arrays alone."""
    solver_cache: dict[object, Any] = field(default_factory=dict)
    """Plans computed once per game and shared by every strategy that needs them."""
    order_cache: dict[object, Any] = field(default_factory=dict)
    """What depends on the utilities alone (each actor's outcomes sorted by utility): kept by
    copies that change only parameters, so Monte Carlo runs sort once."""

    def __post_init__(self) -> None:
        if len(self.cost) != len(self.actors):
            object.__setattr__(self, "cost", np.zeros(len(self.actors)))
        if len(self.outside) != len(self.actors):
            object.__setattr__(self, "outside", np.full(len(self.actors), np.nan))

    @property
    def has_outside_options(self) -> bool:
        """Whether any actor holds an outside option.

        Returns
        -------
        bool
            True when :attr:`outside` has a value.
        """
        return bool(np.isfinite(self.outside).any())

    def no_deal(self, round_: int) -> tuple[FloatArray, FloatArray]:
        """What each actor gets when talks end without a deal at ``round_``.

        Parameters
        ----------
        round_
            The round the talks end in, from 0.

        Returns
        -------
        tuple of FloatArray
            Utilities and discounted values: the walk-away, or for an actor with an outside
            option the option, taken then (``δ^t w − c t``).
        """
        own = self.reservation if self.own_reservation is None else self.own_reservation
        utilities = own.copy()
        discounted = utilities.copy()
        held = np.isfinite(self.outside)
        if held.any():
            utilities[held] = self.outside[held]
            discounted[held] = (
                self.outside[held] * self.discount[held] ** round_ - self.cost[held] * round_
            )
        return utilities, discounted

    def own(self, name: str) -> npt.NDArray[Any]:
        """An actor-by-actor array as the actors hold it themselves, before blocs pool it.

        Parameters
        ----------
        name
            ``utilities``, ``reservation``, or any other per-actor field.

        Returns
        -------
        numpy.ndarray
            The field itself, or the members' own values where blocs pool it.
        """
        held = {
            "utilities": self.own_utilities,
            "reservation": self.own_reservation,
            "admissible": self.own_admissible,
        }.get(name)
        found: npt.NDArray[Any] = getattr(self, name) if held is None else held
        return found

    def payoffs(self, outcome: int, round_: int) -> tuple[FloatArray, FloatArray]:
        """What each actor gets from a deal on ``outcome`` struck at ``round_``, by its own lights.

        Parameters
        ----------
        outcome
            The outcome agreed.
        round_
            The round of agreement, from 0.

        Returns
        -------
        tuple of FloatArray
            Utilities and discounted values (``δ^t u − c t``); a bloc member's own, not the bloc's.
        """
        table = self.utilities if self.own_utilities is None else self.own_utilities
        utilities = table[outcome].copy()
        return utilities, utilities * self.discount**round_ - self.cost * round_

    def proposer(self, round_: int) -> int:
        """Who proposes in ``round_`` under alternating offers: the speakers in turn.

        Parameters
        ----------
        round_
            The round, from 0.

        Returns
        -------
        int
            A column.
        """
        if not self.voice:
            return round_ % self.n
        speakers = [column for column, speaker in enumerate(self.voice) if speaker == column]
        return speakers[round_ % len(speakers)]

    @property
    def size(self) -> int:
        """The number of outcomes.

        Returns
        -------
        int
            Rows of :attr:`utilities`.
        """
        return int(self.utilities.shape[0])

    @property
    def n(self) -> int:
        """The number of actors.

        Returns
        -------
        int
            Columns of :attr:`utilities`.
        """
        return len(self.actors)

    def label(self, actor: int) -> str:
        """An actor's name for people.

        Parameters
        ----------
        actor
            The actor's column.

        Returns
        -------
        str
            Its label, or its name when the game has no labels.
        """
        return self.labels[actor] if self.labels else self.actors[actor]

    def ratified(self, accepts: Sequence[bool], outcome: int) -> bool:
        """Whether one outcome passes every rule, given each actor's yes or no.

        The hot path of every round, so plain Python over precomputed index lists.

        Parameters
        ----------
        accepts
            Each actor's answer, by column.
        outcome
            The outcome voted on (consent rules depend on it).

        Returns
        -------
        bool
            True when every track's rule passes.
        """
        if self.unanimous:
            return all(accepts)
        return all(rule.passes_one(accepts, outcome) for rule in self.scalar_rules)

    @cached_property
    def unanimous(self) -> bool:
        """Whether every actor holds an unconditional veto: the common case, judged by ``all``.

        Returns
        -------
        bool
            True when every rule is unanimity among all actors.
        """
        return all(
            r.quota is None and not r.consent and bool(r.parties.all()) for r in self.rules
        ) and bool(np.logical_or.reduce([r.parties for r in self.rules]).all())

    def needs(self, actor: int) -> bool:
        """Whether no deal can pass without ``actor``'s yes.

        That is, the actor is a party to a unanimity rule, or holds a veto under a quota.

        Parameters
        ----------
        actor
            The actor's column.

        Returns
        -------
        bool
            True when the actor's leaving ends the talks.
        """
        return any(
            bool(rule.vetoes[actor] if rule.quota is not None else rule.parties[actor])
            for rule in self.rules
        )

    @cached_property
    def scalar_rules(self) -> tuple[ScalarRule, ...]:
        """The rules as index lists, for judging one outcome at a time.

        Returns
        -------
        tuple of ScalarRule
            One per track.
        """
        return tuple(ScalarRule.of(rule, self.power) for rule in self.rules)

    def ratify_matrix(self, accepts: BoolArray, outcomes: npt.ArrayLike | None = None) -> BoolArray:
        """Which rows of answers pass every rule.

        Parameters
        ----------
        accepts
            (rows, actors) each actor's answer for each row.
        outcomes
            The outcome of each row, when the rows are not the whole space in order.

        Returns
        -------
        BoolArray
            One flag per row.
        """
        return zopa_mask(accepts, self.rules, self.power, outcomes)

    @property
    def levels(self) -> IntArray | None:
        """(outcomes, issues) issue levels, for strategies that reason issue by issue.

        Computed once and shared by every copy of the game.

        Returns
        -------
        IntArray or None
            The level of every issue in every outcome; ``None`` without an outcome space.
        """
        if self.space is None:
            return None
        if "levels" not in self.order_cache:
            self.order_cache["levels"] = self.space.levels(np.arange(self.size)).T.copy()
        levels: IntArray = self.order_cache["levels"]
        return levels

    def recognition_probabilities(self) -> FloatArray:
        """Each actor's chance of being recognised to propose.

        Returns
        -------
        FloatArray
            Equal chances, or proportional to power when the options say so.
        """
        chances = (
            self.power.copy() if self.options.recognition.weights == "power" else np.ones(self.n)
        )
        if self.voice:  # a bloc's chance is its members' together, and its first member's
            chances = np.bincount(self.voice, weights=chances, minlength=self.n).astype(np.float64)
        found: FloatArray = chances / chances.sum()
        return found

    def frontier(self) -> IntArray:
        """The efficient outcomes that every actor's red lines allow, computed once per table.

        Returns
        -------
        IntArray
            Outcome rows on the Pareto frontier of the jointly admissible outcomes.
        """
        if "frontier" not in self.order_cache:
            jointly = np.flatnonzero(self.admissible.all(axis=1))
            kept = jointly[pareto_mask(self.utilities[jointly])] if jointly.size else jointly
            self.order_cache["frontier"] = kept
        frontier: IntArray = self.order_cache["frontier"]
        return frontier

    @property
    def conditions_block_every_deal(self) -> bool:
        """Whether no outcome meets every veto player's hard conditions, whatever the utilities.

        Kept with the sorted orders (per rules and power), so that runs which only sample
        walk-aways or patience do not rescan the outcome table.

        Returns
        -------
        bool
            True when the rules pass no outcome on the hard conditions alone.
        """
        key = ("conditions block", self.power.tobytes())
        known = self.order_cache.get(key)
        if known is None or known[0] is not self.rules:
            known = self.order_cache[key] = (
                self.rules,
                not bool(self.ratify_matrix(self.admissible).any()),
            )
        blocked: bool = known[1]
        return blocked

    def describe(self, outcome: int) -> dict[str, object]:
        """An outcome's terms, issue by issue.

        Parameters
        ----------
        outcome
            A row of the table.

        Returns
        -------
        dict
            Issue name to option (or the index alone without an outcome space).
        """
        if self.space is None:
            return {"outcome": outcome}
        return dict(self.space.outcome(outcome))

    def changed(self, **changes: object) -> Game:
        """A copy with some fields replaced (events, sampled parameters).

        Sorted orders survive unless the utilities or conditions change; plans never do. In a
        game with blocs, utilities and walk-aways are given as the actors hold them
        (:meth:`own`), and the blocs pool them again.

        Parameters
        ----------
        **changes
            Fields of :class:`Game` and their new values.

        Returns
        -------
        Game
            The new game.
        """
        if self.blocs and {"utilities", "reservation", "admissible"} & changes.keys():
            changes = {**changes, **self._pooled(changes)}
        keeps_order = "utilities" not in changes and "admissible" not in changes
        order_cache = self.order_cache if keeps_order else {}
        return replace(self, solver_cache={}, order_cache=order_cache, **changes)  # type: ignore[arg-type]

    def _pooled(self, changes: dict[str, object]) -> dict[str, object]:
        """New own utilities or walk-aways, and the blocs' pooled versions of them."""
        own_u = changes.get("utilities", self.own("utilities"))
        own_r = changes.get("reservation", self.own("reservation"))
        own_a = changes.get("admissible", self.own("admissible"))
        assert isinstance(own_a, np.ndarray)
        assert isinstance(own_u, np.ndarray)
        assert isinstance(own_r, np.ndarray)
        pooled = pool(own_u, own_r, own_a, list(self.blocs))
        return {
            "utilities": pooled.utilities,
            "reservation": pooled.reservation,
            "admissible": pooled.admissible,
            "own_utilities": own_u,
            "own_reservation": own_r,
            "own_admissible": own_a,
        }


def game_from_scenario(
    scenario: Scenario,
    tracks: Sequence[str] | None = None,
    context: Context | None = None,
    protocol: str | None = None,
) -> Game:
    """The game of ``tracks`` of a scenario (default: every negotiated track as one package).

    Parameters
    ----------
    scenario
        A validated scenario.
    tracks
        The tracks negotiated together.
    context
        Issues fixed and tracks settled by earlier stages.
    protocol
        A protocol to use instead of the first track's.

    Returns
    -------
    Game
        Utilities, conditions, rules and settings as arrays.
    """
    space = build_space(scenario, tracks)
    table = utility_table(scenario, space, context)
    first = scenario.tracks[space.tracks[0]]
    breakdown = 1 - float(np.prod([1 - scenario.tracks[t].breakdown for t in space.tracks]))
    deadline = max(scenario.tracks[t].deadline for t in space.tracks)
    ratifiers = ratifiers_of(scenario, table)
    admissible = table.admissible.copy()
    for ratifier in ratifiers:
        if ratifier.anticipated:
            admissible[:, ratifier.actor] &= ratifier.ratifies
    outside = np.array([option_value(scenario, actor) for actor in table.actors], dtype=np.float64)
    held = np.isfinite(outside)
    admissible[:, held] &= table.utilities[:, held] >= outside[held] - 1e-12
    blocs = blocs_of(scenario, table.actors)
    pooled = pool(table.utilities, table.reservation, admissible, blocs)
    return Game(
        actors=table.actors,
        utilities=pooled.utilities,
        admissible=pooled.admissible,
        reservation=pooled.reservation,
        own_utilities=table.utilities if blocs else None,
        own_reservation=table.reservation if blocs else None,
        own_admissible=admissible if blocs else None,
        blocs=tuple(blocs),
        voice=pooled.voice if blocs else (),
        war=table.war,
        ratifiers=ratifiers,
        outside=outside,
        option_labels=tuple(
            option.label if (option := scenario.actors[a].outside_option) else ""
            for a in table.actors
        ),
        discount=np.array([scenario.actors[a].discount.per_round(deadline) for a in table.actors]),
        cost=np.array([scenario.actors[a].cost.value for a in table.actors]),
        power=table.power,
        rules=table.rules,
        deadline=deadline,
        breakdown=breakdown,
        space=space,
        labels=tuple(scenario.actors[a].label for a in table.actors),
        protocol=protocol or first.protocol,
        options=ProtocolOptions(
            RecognitionOptions(first.recognition),
            MediationOptions(
                table.actors.index(first.mediator) if first.mediator in table.actors else None
            ),
            positions_of(scenario, space, table.actors),
        ),
        events=compile_events(scenario, space, table.actors, context),
        priors=priors_of(scenario, table),
    )
