"""The dashboard's what-ifs: a variant and the key parameters, applied to a copy of the scenario.

Every change goes through the same path as a file: dotted paths written into the scenario's
document, then validated again, so the dashboard cannot build a scenario the schema would refuse.
A parameter set by hand is no longer uncertain in Monte Carlo batches (as in a sweep): a control
that the sampler overrode would be a lie.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from pydantic import ValidationError

from negosim.experiments.experiment import VariantError, with_variant
from negosim.scenario.model import Scenario
from negosim.scenario.paths import document, fixing, read
from negosim.scenario.politics import War
from negosim.strategies.registry import STRATEGIES

PLAYABLE = tuple(name for name in STRATEGIES if name != "human")
SLIDERS = {
    "power": (0.01, 1.0, 0.01, "bargaining power"),
    "reservation": (0.0, 1.0, 0.01, "walk-away utility"),
    "discount": (0.5, 1.0, 0.005, "patience per round"),
}
DEADLINE_PATIENCE = (0.01, 1.0, 0.01, "share of a deal's worth left at the deadline")
"""The patience slider of an actor discounted over the deadline (GENIUS's time-based discount)."""
CHANGED_HERE = "set in the negosim dashboard"
WAR_ODDS = "chance of winning the war; the walk-aways follow"
WAR_COST = "what the war going on costs it; its walk-away follows"


class ChangeError(ValueError):
    """A change the scenario's schema refuses; the message says which field and why."""


@dataclass(frozen=True)
class Slider:
    path: str
    actor: str
    parameter: str
    low: float
    high: float
    step: float
    meaning: str


@dataclass(frozen=True)
class Changes:
    variant: str | None = None
    values: Mapping[str, float] = field(default_factory=dict)
    strategies: Mapping[str, str] = field(default_factory=dict)

    def with_value(self, path: str, value: float) -> Changes:
        return Changes(self.variant, {**self.values, path: value}, self.strategies)

    def with_strategy(self, actor: str, name: str) -> Changes:
        return Changes(self.variant, self.values, {**self.strategies, actor: name})

    def with_variant(self, variant: str | None) -> Changes:
        return Changes(variant, self.values, self.strategies)


def sliders(scenario: Scenario) -> Iterator[Slider]:
    """Each actor's power, walk-away and patience; where a war sets the walk-away, its cost of the
    war instead, and the war's odds under its first side."""
    wars = {name: track.war for name, track in scenario.tracks.items() if track.war is not None}
    for actor, spec in scenario.actors.items():
        for parameter, setting in SLIDERS.items():
            if parameter == "reservation" and spec.reservation is None:
                yield from _war_sliders(wars, actor)
                continue
            over_deadline = parameter == "discount" and spec.discount.per == "deadline"
            low, high, step, meaning = DEADLINE_PATIENCE if over_deadline else setting
            yield Slider(f"actors.{actor}.{parameter}", actor, parameter, low, high, step, meaning)


def _war_sliders(wars: Mapping[str, War], actor: str) -> Iterator[Slider]:
    for track, war in wars.items():
        if actor == war.sides[0]:
            yield Slider(f"tracks.{track}.war.victory", actor, "victory", 0.0, 1.0, 0.01, WAR_ODDS)
        if actor in war.costs:
            path = f"tracks.{track}.war.costs.{actor}"
            yield Slider(path, actor, "war cost", 0.0, 1.0, 0.01, WAR_COST)


def current(scenario: Scenario, slider: Slider) -> float:
    """The slider's value in the scenario as changed (a variant may have moved it)."""
    return float(read(document(scenario), slider.path))


def apply(scenario: Scenario, changes: Changes) -> Scenario:
    """The variant first, then the hand-set values and strategies on top of it."""
    try:
        base = with_variant(scenario, changes.variant)
    except VariantError as error:
        raise ChangeError(str(error)) from None
    strategies = {
        f"actors.{actor}.strategy": {"name": name, "params": {}, "assumption": CHANGED_HERE}
        for actor, name in changes.strategies.items()
        if name != base.actors[actor].strategy.name
    }
    data = fixing(document(base), {**changes.values, **strategies})
    try:
        return Scenario.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ChangeError(f"{where}: {first['msg']}") from None
