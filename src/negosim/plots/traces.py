"""How positions moved: concessions over rounds, and the expected-utility forecast."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from negosim.plots.style import Caption, figure


def concession_traces(traces: pd.DataFrame, colours: Mapping[str, str], caption: Caption) -> Figure:
    """For each actor, its utility of the offer on the table, by round: the median over runs and the
    band between the 10th and 90th percentiles. Lines that rise are offers moving its way; lines
    that fall are concessions it is being asked to make. ``traces`` needs round, actor, utility."""
    fig = figure(8, 4.8)
    ax = fig.subplots()
    for actor, colour in colours.items():
        rows = traces[traces["actor"] == actor]
        if rows.empty:
            continue
        by_round = rows.groupby("round")["utility"]
        low, mid, high = (by_round.quantile(q) for q in (0.1, 0.5, 0.9))
        ax.fill_between(mid.index, low, high, color=colour, alpha=0.2)
        ax.plot(mid.index, mid, color=colour, label=f"{actor} (median, 10-90% band)")
    ax.set_xlabel("round")
    ax.set_ylabel("utility of the offer on the table (0 = worst, 1 = best)")
    ax.set_ylim(0, 1.02)
    ax.legend(fontsize="small")
    fig.suptitle(caption.title("Offers over rounds, as each actor values them"))
    return fig


def forecast(positions: pd.DataFrame, colours: Mapping[str, str], caption: Caption) -> Figure:
    """Bueno de Mesquita's dynamics on one issue: each actor's position by round (``round``,
    ``actor``, ``position``) and the weighted-median forecast (``actor == "forecast"``)."""
    fig = figure(8, 4.8)
    ax = fig.subplots()
    for actor, rows in positions.groupby("actor", sort=False):
        if actor == "forecast":
            continue
        ax.plot(
            rows["round"],
            rows["position"],
            marker="o",
            color=colours.get(str(actor), "grey"),
            label=str(actor),
        )
    median = positions[positions["actor"] == "forecast"]
    ax.plot(
        median["round"],
        median["position"],
        color="black",
        linewidth=3,
        linestyle="--",
        label="forecast (weighted median)",
    )
    ax.set_xlabel("round")
    ax.set_ylabel(str(positions.attrs.get("unit", "position")))
    ax.set_xticks(np.unique(positions["round"]))
    ax.legend(fontsize="small")
    fig.suptitle(caption.title(f"Expected-utility forecast: {positions.attrs.get('issue', '')}"))
    return fig
