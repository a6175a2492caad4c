"""Monte Carlo batches inside the dashboard's process, grown a few hundred runs at a time.

Runs are the experiment runner's own (run ``r`` of seed ``s`` is the same negotiation as in
``negosim run``), so a batch seen in class can be repeated at full size from the command line and
the figures are the ones ``negosim plot`` draws.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from negosim.experiments.runner import RunPlayer, RunSpec
from negosim.experiments.summary import wilson_interval
from negosim.plots.data import Results
from negosim.plots.figures import Panel, run_panels
from negosim.scenario.model import Scenario
from negosim.scenario.paths import document

MAX_RUNS = 20_000


@dataclass(frozen=True)
class Batch:
    scenario: Scenario
    seed: int = 0
    rows: tuple[dict[str, object], ...] = ()
    _factory: list[RunPlayer] = field(default_factory=list, compare=False, repr=False)

    def more(self, runs: int) -> Batch:
        """The next ``runs`` runs added; at most ``MAX_RUNS`` in all, to keep the page alive."""
        start = len(self.rows)
        stop = min(start + runs, MAX_RUNS)
        factory = self.factory()
        played = tuple(factory.rows(start, stop))
        return replace(self, rows=self.rows + played)

    def factory(self) -> RunPlayer:
        if not self._factory:
            self._factory.append(RunPlayer(RunSpec(document(self.scenario), self.seed)))
        return self._factory[0]

    @property
    def runs(self) -> pd.DataFrame:
        return pd.DataFrame(list(self.rows))

    def panels(self) -> Iterator[Panel]:
        if not self.rows:
            return iter(())
        manifest = {"request": {"seed": self.seed, "runs": len(self.rows)}}
        results = Results(Path("."), self.scenario, manifest, None, self.runs, None, None, None)
        return run_panels(results)

    def headline(self) -> str:
        runs = self.runs
        if runs.empty:
            return "No runs yet."
        deals = int(runs["agreement"].sum())
        low, high = wilson_interval(deals, len(runs))
        return (
            f"{len(runs):,} runs, seed {self.seed}: a deal in {deals / len(runs):.1%} "
            f"(95% interval {low:.1%} to {high:.1%}); median {runs['rounds'].median():g} rounds."
        )
