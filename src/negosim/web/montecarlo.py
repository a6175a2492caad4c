"""The Monte Carlo tab: grow a batch of runs of the scenario as changed in the sidebar and watch
the agreement rate, the agreed terms and the deals in the utility space settle as runs arrive."""

from __future__ import annotations

from collections.abc import Callable

import solara
import solara.lab

from negosim.web.batch import MAX_RUNS, Batch
from negosim.web.session import Session
from negosim.web.text import Prose

Update = Callable[[Session], None]
SIZES = [100, 500, 2000]
CHUNK, SHOW_EVERY = 100, 500
"""Runs between two updates of the progress bar, and of the figures (each redraw costs about
half a second on the grand bargain)."""


@solara.component
def MonteCarlo(session: Session, update: Update, current: Callable[[], Session | None]) -> None:
    """Batches grow in the background; every ``SHOW_EVERY`` runs the figures are redrawn.
    ``current`` reads the page's session then: once the controls have changed, the batch
    belongs to the old scenario and is dropped, never shown under the new one."""
    size, set_size = solara.use_state(SIZES[1])
    batch = session.batch
    done = 0 if batch is None else len(batch.rows)

    def grow() -> None:
        start = session.batch or Batch(session.scenario, session.seed)
        grown, target = start, min(len(start.rows) + size, MAX_RUNS)
        while len(grown.rows) < target:
            grown = grown.more(min(CHUNK, target - len(grown.rows)))
            growing.progress = 100 * (len(grown.rows) - len(start.rows)) / size
            added = len(grown.rows) - len(start.rows)
            if len(grown.rows) < target and added % SHOW_EVERY:
                continue
            latest = current()
            if latest is None or (latest.scenario, latest.seed) != (session.scenario, session.seed):
                return
            update(latest.with_batch(grown))

    growing = solara.lab.use_task(grow, dependencies=None)
    uncertain = ", ".join(u.path for u in session.scenario.uncertainty) or "nothing"
    Prose(
        f"Runs of the scenario as set in the sidebar, seed {session.seed}; run *r* here is run *r* "
        f"of `negosim run` with the same seed. Uncertain in every run: {uncertain} "
        "(a parameter you set by hand is no longer uncertain)."
    )
    with solara.Row():
        solara.ToggleButtonsSingle(value=size, values=SIZES, on_value=set_size)
        solara.Button(
            f"Run {size} more",
            color="primary",
            on_click=growing,
            disabled=done >= MAX_RUNS or growing.pending,
        )
        solara.Button(
            "Clear",
            text=True,
            on_click=lambda: update(session.with_seed(session.seed)),
            disabled=batch is None or growing.pending,
        )
    if growing.pending:
        solara.ProgressLinear(growing.progress or True)
    if batch is None:
        if not growing.pending:
            solara.Info("No runs yet: press Run.")
        return
    Prose(f"**{batch.headline()}**", classes=["headline"])
    for panel in batch.panels():
        with solara.Card(panel.name.replace("_", " ").capitalize()):
            solara.FigureMatplotlib(panel.figure, format="png")
            solara.Text(panel.reading)
