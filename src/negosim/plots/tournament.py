"""The tournament's standings as a figure: each strategy's own utility and how efficient its deals
were (distance to the Pareto frontier), side by side."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from negosim.plots.style import GREY, OKABE_ITO, Caption, figure


def standings_figure(standings: pd.DataFrame, caption: Caption) -> Figure:
    """Bars per strategy: mean own utility and agreement; mean distance to the frontier.

    ``standings`` is :func:`negosim.experiments.tournament.standings`'s table.
    """
    fig = figure(9, 0.45 * len(standings) + 2.2)
    left, right = fig.subplots(1, 2, sharey=True)
    names = list(standings.index)[::-1]
    ordered = standings.loc[names]
    left.barh(names, ordered["utility"], color=OKABE_ITO[0], label="mean own utility")
    left.barh(names, ordered["agreement"], color="none", edgecolor="black", label="agreement rate")
    left.set(xlim=(0, 1), xlabel="mean own utility (bars) and agreement rate (outlines)")
    left.legend(loc="lower right", fontsize="small")
    right.barh(names, ordered["pareto_distance"], color=GREY)
    right.set(xlabel="mean distance of the result to the Pareto frontier")
    fig.suptitle(caption.title("Tournament standings"))
    return fig
