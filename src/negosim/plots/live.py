"""One negotiation as it unfolds: each proposer's offers as a path through the utility space, so a
seminar sees who concedes, how far, and whether the talks close in on the Pareto frontier."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from negosim.plots.space import utility_space
from negosim.plots.style import GREY, Caption, figure

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


def points_by_round(
    offers: pd.DataFrame, walk_away: float, colours: Mapping[str, str], caption: Caption
) -> Figure:
    """What a person at the table sees of the talks: the points each offer was worth to them, by
    round, against their walk-away. ``offers`` has ``round``, ``points`` and ``proposer``."""
    fig = figure(7, 4.2)
    ax = fig.subplots()
    for proposer, made in offers.groupby("proposer", sort=False):
        label = f"offers by {offers.attrs.get('labels', {}).get(proposer, proposer)}"
        colour = colours.get(str(proposer), ON_TABLE)
        ax.plot(made["round"], made["points"], "-o", color=colour, markersize=5, label=label)
    ax.axhline(walk_away, color=GREY, linestyle=":", label=f"your walk-away ({walk_away:.0f})")
    ax.set_ylim(0, 102)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("round")
    ax.set_ylabel("points to you (100 = your best outcome)")
    ax.legend(loc="lower right", fontsize="small", framealpha=0.9)
    fig.suptitle(caption.title("Offers on the table, as you value them"))
    return fig
