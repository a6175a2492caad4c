"""How-to: add a plot (included in docs/how-to/add-a-plot.md; tested in tests/test_howtos.py).

A plot is a pure function: a results table in, a matplotlib ``Figure`` out, built with the
object-oriented API (no pyplot state), one colour per actor from ``actor_colours``, a title from
``Caption``. The CLI, the report and the dashboard can then all draw it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from negosim.plots.style import GREY, Caption, figure


def rounds_to_agreement(runs: pd.DataFrame, deadline: int, caption: Caption) -> Figure:
    """How many rounds the deals took, against the deadline.

    Parameters
    ----------
    runs
        ``runs.parquet`` of an experiment (columns ``agreement`` and ``rounds``).
    deadline
        The scenario's deadline, drawn as a line.
    caption
        The scenario, run count and seed for the title.

    Returns
    -------
    Figure
        One histogram of rounds over the runs that reached a deal.
    """
    deals = runs.loc[runs["agreement"], "rounds"]
    fig = figure(7, 4)
    ax = fig.subplots()
    bins = np.arange(0.5, deadline + 1.5)
    ax.hist(deals, bins=bins.tolist(), color=GREY, label=f"{len(deals):,} deals")
    ax.axvline(deadline, color="black", linestyle=":", label="deadline")
    ax.set(xlabel="rounds to agreement", ylabel="runs", title=caption.title("Rounds to agreement"))
    ax.legend(loc="upper left")
    return fig
