"""A negotiation game as the engine sees it: the utility table of one outcome space plus who must
ratify, how patient everyone is and when time runs out. Built once per run; strategies and protocols
only look values up in it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt

from negosim.arrays import BoolArray, FloatArray
from negosim.games.events import EngineEvent, compile_events
from negosim.games.options import MediationOptions, Positions, ProtocolOptions, RecognitionOptions
from negosim.outcomes import Context, OutcomeSpace, build_space, utility_table
from negosim.outcomes.rules import Rule, zopa_mask
from negosim.scenario import Scenario


@dataclass(frozen=True, eq=False)
class Game:
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
    solver_cache: dict[object, Any] = field(default_factory=dict)
    """Plans computed once per game and shared by every strategy that needs them."""
    order_cache: dict[object, Any] = field(default_factory=dict)
    """What depends on the utilities alone (each actor's outcomes sorted by utility): kept by
    copies that change only parameters, so Monte Carlo runs sort once."""

    @property
    def size(self) -> int:
        return int(self.utilities.shape[0])

    @property
    def n(self) -> int:
        return len(self.actors)

    def label(self, actor: int) -> str:
        return self.labels[actor] if self.labels else self.actors[actor]

    def ratified(self, accepts: Sequence[bool], outcome: int) -> bool:
        """Whether one outcome passes every rule, given each actor's yes or no (the hot path of
        every round, so plain Python over precomputed index lists)."""
        if self.unanimous:
            return all(accepts)
        return all(rule.passes_one(accepts, outcome) for rule in self.scalar_rules)

    @cached_property
    def unanimous(self) -> bool:
        """Every actor holds an unconditional veto: the common case, judged by ``all``."""
        return all(
            r.quota is None and not r.consent and bool(r.parties.all()) for r in self.rules
        ) and bool(np.logical_or.reduce([r.parties for r in self.rules]).all())

    @cached_property
    def scalar_rules(self) -> tuple[ScalarRule, ...]:
        return tuple(ScalarRule.of(rule, self.power) for rule in self.rules)

    def ratify_matrix(self, accepts: BoolArray, outcomes: npt.ArrayLike | None = None) -> BoolArray:
        """Which rows pass; ``outcomes`` names each row's outcome when not the whole space."""
        return zopa_mask(accepts, self.rules, self.power, outcomes)

    @property
    def levels(self) -> npt.NDArray[np.int64] | None:
        """(outcomes, issues) issue levels, for strategies that reason issue by issue; computed
        once and shared by every copy of the game."""
        if self.space is None:
            return None
        if "levels" not in self.order_cache:
            self.order_cache["levels"] = self.space.levels(np.arange(self.size)).T.copy()
        levels: npt.NDArray[np.int64] = self.order_cache["levels"]
        return levels

    def recognition_probabilities(self) -> FloatArray:
        if self.options.recognition.weights == "power":
            weighted: FloatArray = self.power / self.power.sum()
            return weighted
        return np.full(self.n, 1.0 / self.n)

    @cached_property
    def conditions_block_every_deal(self) -> bool:
        """No outcome meets every veto player's hard conditions, whatever the utilities."""
        return not bool(self.ratify_matrix(self.admissible).any())

    def describe(self, outcome: int) -> dict[str, object]:
        if self.space is None:
            return {"outcome": outcome}
        return dict(self.space.outcome(outcome))

    def changed(self, **changes: object) -> Game:
        """A copy with some fields replaced (events, sampled parameters). Sorted orders survive
        unless the utilities or conditions change; plans never do."""
        keeps_order = "utilities" not in changes and "admissible" not in changes
        order_cache = self.order_cache if keeps_order else {}
        return replace(self, solver_cache={}, order_cache=order_cache, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class ScalarRule:
    """A rule as index lists, to judge one outcome without numpy overhead."""

    must: tuple[int, ...]
    consent: tuple[tuple[int, BoolArray], ...]
    shares: tuple[tuple[int, float], ...]
    quota: float | None

    @classmethod
    def of(cls, rule: Rule, power: FloatArray) -> ScalarRule:
        vetoes = np.flatnonzero(
            rule.vetoes if rule.quota is not None else rule.vetoes | rule.parties
        )
        parties = np.flatnonzero(rule.parties)
        total = float(power[parties].sum())
        shares = tuple((int(i), float(power[i]) / total) for i in parties)
        return cls(tuple(int(i) for i in vetoes), rule.consent, shares, rule.quota)

    def passes_one(self, accepts: Sequence[bool], outcome: int) -> bool:
        if not all(accepts[i] for i in self.must):
            return False
        if not all(accepts[column] for column, needed in self.consent if needed[outcome]):
            return False
        return (
            self.quota is None or sum(w for i, w in self.shares if accepts[i]) >= self.quota - 1e-12
        )


def game_from_scenario(
    scenario: Scenario,
    tracks: Sequence[str] | None = None,
    context: Context | None = None,
    protocol: str | None = None,
) -> Game:
    """The game of ``tracks`` (default: every negotiated track as one package)."""
    space = build_space(scenario, tracks)
    table = utility_table(scenario, space, context)
    first = scenario.tracks[space.tracks[0]]
    breakdown = 1 - float(np.prod([1 - scenario.tracks[t].breakdown for t in space.tracks]))
    return Game(
        actors=table.actors,
        utilities=table.utilities,
        admissible=table.admissible,
        reservation=table.reservation,
        discount=np.array([scenario.actors[a].discount.value for a in table.actors]),
        power=table.power,
        rules=table.rules,
        deadline=max(scenario.tracks[t].deadline for t in space.tracks),
        breakdown=breakdown,
        space=space,
        labels=tuple(scenario.actors[a].label for a in table.actors),
        protocol=protocol or first.protocol,
        options=ProtocolOptions(
            RecognitionOptions(first.recognition),
            MediationOptions(
                table.actors.index(first.mediator) if first.mediator in table.actors else None
            ),
            _positions(scenario, space, table.actors),
        ),
        events=compile_events(scenario, space, table.actors, context),
    )


def _positions(scenario: Scenario, space: OutcomeSpace, actors: tuple[str, ...]) -> Positions:
    """Each actor's ideal point and salience per issue, for the expected-utility protocol."""
    from negosim.outcomes.values import value_vector

    ideal = np.zeros((len(actors), len(space.axes)))
    salience = np.zeros_like(ideal)
    for i, name in enumerate(actors):
        actor = scenario.actors[name]
        for k, axis in enumerate(space.axes):
            if axis.name in actor.values:
                ideal[i, k] = axis.points[
                    int(np.argmax(value_vector(actor.values[axis.name], axis)))
                ]
                salience[i, k] = actor.weights[axis.name].value
            else:
                ideal[i, k] = axis.points[axis.status_quo]
        total = salience[i].sum()
        salience[i] = salience[i] / total if total > 0 else salience[i]
    return Positions(ideal, salience)
