"""The Monte Carlo tab: grow a batch of runs of the scenario as changed in the sidebar and watch
the agreement rate, the agreed terms and the deals in the utility space settle as runs arrive."""

from __future__ import annotations

import threading
from collections.abc import Callable

import solara
from solara.datatypes import ResultState

from negosim.scenario.words import parameter_words
from negosim.web.batch import MAX_RUNS, Batch
from negosim.web.projector import figure_fonts, projector
from negosim.web.session import Session
from negosim.web.text import Prose

Update = Callable[[Session], None]
SIZES = [100, 500, 2000]
CHUNK, SHOW_EVERY = 100, 500
"""Runs between two updates of the progress bar, and of the figures (each redraw costs about
half a second on the grand bargain)."""
RUNNING = (ResultState.STARTING, ResultState.WAITING, ResultState.RUNNING)


@solara.component
def MonteCarlo(session: Session, update: Update, current: Callable[[], Session | None]) -> None:
    """Batches grow in a background thread; every ``SHOW_EVERY`` runs the figures are redrawn.
    ``current`` reads the page's session then: once the controls have changed, the batch
    belongs to the old scenario and is dropped, never shown under the new one.

    The thread is Solara's ``use_thread``, started by a click counter, not ``solara.lab.use_task``:
    each task registers a kernel-start callback that Solara never removes, so every page that ran
    a batch stayed in memory for the life of the server (about 70 MB a session)."""
    size, set_size = solara.use_state(SIZES[1])
    clicks, set_clicks = solara.use_state(0)
    progress, set_progress = solara.use_state(0.0)
    batch = session.batch
    done = 0 if batch is None else len(batch.rows)

    def grow(cancel: threading.Event) -> None:
        if clicks == 0:
            return
        start = session.batch or Batch(session.scenario, session.seed)
        grown, target = start, min(len(start.rows) + size, MAX_RUNS)
        while len(grown.rows) < target and not cancel.is_set():
            grown = grown.more(min(CHUNK, target - len(grown.rows)))
            set_progress(100 * (len(grown.rows) - len(start.rows)) / size)
            added = len(grown.rows) - len(start.rows)
            if len(grown.rows) < target and added % SHOW_EVERY:
                continue
            latest = current()
            if latest is None or (latest.scenario, latest.seed) != (session.scenario, session.seed):
                return
            update(latest.with_batch(grown))

    growing = solara.use_thread(grow, dependencies=[clicks], intrusive_cancel=False)
    pending = clicks > 0 and growing.state in RUNNING

    def start() -> None:
        set_progress(0.0)
        set_clicks(clicks + 1)

    uncertain = (
        "; ".join(parameter_words(session.scenario, u.path) for u in session.scenario.uncertainty)
        or "nothing"
    )
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
            on_click=start,
            disabled=done >= MAX_RUNS or pending,
        )
        solara.Button(
            "Clear",
            text=True,
            on_click=lambda: update(session.with_seed(session.seed)),
            disabled=batch is None or pending,
        )
    if pending:
        solara.ProgressLinear(progress or True)
    if batch is None:
        if not pending:
            solara.Info("No runs yet: press Run.")
        return
    Prose(f"**{batch.headline()}**", classes=["headline"])
    with figure_fonts(projector.value):
        for panel in batch.panels():
            with solara.Card(panel.name.replace("_", " ").capitalize()):
                solara.FigureMatplotlib(panel.figure, format="png")
                solara.Text(panel.reading)
