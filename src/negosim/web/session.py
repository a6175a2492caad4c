"""Everything one browser tab has chosen, as one immutable value with named transitions.

The Solara page holds a single ``Session`` in a reactive variable and replaces it on every click;
each transition here says what a change invalidates (new parameters: a new negotiation and an
empty batch), so the rules live in plain Python that tests drive without a browser.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from negosim.engine.catalogue import parse_bytes, read_scenario
from negosim.engine.workload import check_workload
from negosim.limits import WorkLimitError
from negosim.outcomes import build_space
from negosim.scenario.bundled import bundled_scenarios
from negosim.scenario.model import Scenario
from negosim.scenario.problems import ScenarioError
from negosim.web.batch import Batch
from negosim.web.changes import ChangeError, Changes, apply
from negosim.web.table import Table

MAX_OUTCOMES = 2_000_000
"""Every click replays against the utility table: ten times the grand bargain keeps it brisk."""


@dataclass(frozen=True)
class Session:
    name: str
    base: Scenario
    scenario: Scenario
    changes: Changes = field(default_factory=Changes)
    seed: int = 0
    seat: str | None = None
    table: Table | None = None
    batch: Batch | None = None
    error: str | None = None
    """The last change or upload the page refused, shown until the next one succeeds."""

    @classmethod
    def of(cls, base: Scenario, name: str) -> Session:
        return cls(name, base, base)

    @classmethod
    def bundled(cls, name: str) -> Session:
        found = {s.name: s.path for s in bundled_scenarios()}
        return cls.of(read_once(found[name]), name)

    def uploaded(self, file: str, data: bytes) -> Session:
        """A YAML sent from the browser; a refusal keeps the current scenario and says why."""
        try:
            loaded = parse_bytes(data, file)
        except ScenarioError as error:
            return replace(self, error=error.render())
        refusal = unplayable(loaded.scenario)
        if refusal is not None:
            return replace(self, error=f"{file}: {refusal}")
        return Session.of(loaded.scenario, file)

    def changed(self, changes: Changes) -> Session:
        try:
            scenario = apply(self.base, changes)
        except ChangeError as error:
            return replace(self, error=str(error))
        return self._fresh(scenario=scenario, changes=changes)

    def with_seed(self, seed: int) -> Session:
        return self._fresh(seed=seed)

    def with_seat(self, seat: str | None) -> Session:
        return replace(self, seat=seat, table=None, error=None)

    def at_table(self) -> Table:
        """The negotiation so far; a new one with a person seated runs up to their first move."""
        if self.table is not None:
            return self.table
        table = Table(self.scenario, self.seed, self.seat)
        return table if self.seat is None else table.to_the_end()

    def with_table(self, table: Table | None) -> Session:
        return replace(self, table=table, error=None)

    def grown(self, runs: int) -> Session:
        batch = self.batch or Batch(self.scenario, self.seed)
        return self.with_batch(batch.more(runs))

    def with_batch(self, batch: Batch) -> Session:
        return replace(self, batch=batch, error=None)

    def _fresh(self, **changes: object) -> Session:
        return replace(self, **changes, table=None, batch=None, error=None)  # type: ignore[arg-type]


def read_once(path: Path) -> Scenario:
    """The scenario of a file, parsed once per version of the file: every page opens with one,
    and parsing grand_bargain's YAML costs a quarter of a second (20 students opening the page
    at once waited for 20 of them). Scenarios are frozen, so pages can share one."""
    return _read(path.resolve(), path.stat().st_mtime_ns)


@lru_cache(maxsize=16)
def _read(path: Path, modified: int) -> Scenario:
    return read_scenario(path).scenario


def unplayable(scenario: Scenario) -> str | None:
    """Why a valid scenario cannot be played in the page, if it cannot: a person's seat fixed in
    the file, or more outcomes than a page should tabulate for every click."""
    seated = [name for name, actor in scenario.actors.items() if actor.strategy.name == "human"]
    if seated:
        return (
            f"actor {', '.join(seated)} has strategy 'human'; give it a simulated strategy and "
            "choose the seat on the Negotiation tab instead"
        )
    try:
        check_workload(scenario)
        size = build_space(scenario, scenario.negotiated_tracks()).size
    except WorkLimitError as error:
        return str(error)
    if size > MAX_OUTCOMES:
        return (
            f"{size:,} outcomes; the dashboard plays scenarios of up to {MAX_OUTCOMES:,} "
            "(the command line goes further: coarsen a continuous issue's step to play it here)"
        )
    return None
