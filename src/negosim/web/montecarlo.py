"""The Monte Carlo tab: grow a batch of runs of the scenario as changed in the sidebar and watch
the agreement rate, the agreed terms and the deals in the utility space settle as runs arrive."""

from __future__ import annotations

from collections.abc import Callable

import solara

from negosim.web.batch import MAX_RUNS
from negosim.web.session import Session
from negosim.web.text import Prose

Update = Callable[[Session], None]
SIZES = [100, 500, 2000]


@solara.component
def MonteCarlo(session: Session, update: Update) -> None:
    size, set_size = solara.use_state(SIZES[1])
    batch = session.batch
    done = 0 if batch is None else len(batch.rows)
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
            on_click=lambda: update(session.grown(size)),
            disabled=done >= MAX_RUNS,
        )
        solara.Button(
            "Clear",
            text=True,
            on_click=lambda: update(session.with_seed(session.seed)),
            disabled=batch is None,
        )
    if batch is None:
        solara.Info("No runs yet: press Run.")
        return
    Prose(f"**{batch.headline()}**", classes=["headline"])
    for panel in batch.panels():
        with solara.Card(panel.name.replace("_", " ").capitalize()):
            solara.FigureMatplotlib(panel.figure, format="png")
            solara.Text(panel.reading)
