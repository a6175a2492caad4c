"""One negotiation as it unfolds: each proposer's offers as a path through the utility space, so a
seminar sees who concedes, how far, and whether the talks close in on the Pareto frontier."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from matplotlib.figure import Figure

from negosim.plots.space import utility_space
from negosim.plots.style import Caption

ON_TABLE, DEAL = "#000000", "#E69F00"


def offers_in_space(
    outcomes: pd.DataFrame,
    offers: pd.DataFrame,
    reservation: Mapping[str, float],
    points: Mapping[str, tuple[float, float]],
    colours: Mapping[str, str],
    caption: Caption,
) -> Figure:
    """``outcomes`` as for ``utility_space``; ``offers`` has the same two utility columns plus
    ``round`` and ``proposer`` (a name in ``colours``, or anything else for a mediator), in the
    order they were made; ``offers.attrs["deal"]`` is True when the last offer was agreed."""
    a, b = outcomes.columns[:2]
    fig = utility_space(outcomes, offers.iloc[:0][[a, b]], reservation, points, colours, caption)
    ax = fig.axes[0]
    for proposer, made in offers.groupby("proposer", sort=False):
        colour = colours.get(str(proposer), ON_TABLE)
        label = f"offers by {offers.attrs.get('labels', {}).get(proposer, proposer)}"
        ax.plot(made[a], made[b], "-o", color=colour, markersize=5, linewidth=1.2, label=label)
    if len(offers):
        last = offers.iloc[-1]
        agreed = bool(offers.attrs.get("deal", False))
        ax.plot(
            [last[a]],
            [last[b]],
            "*" if agreed else "o",
            markersize=20 if agreed else 14,
            markerfacecolor=DEAL if agreed else "none",
            markeredgecolor=ON_TABLE,
            label="the deal" if agreed else f"on the table (round {int(last['round'])})",
        )
    ax.legend(loc="lower left", fontsize="small", framealpha=0.9)
    fig.suptitle(caption.title("One negotiation, offer by offer"))
    return fig
