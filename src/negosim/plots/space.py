"""The utility space of two actors: what is possible, what is efficient, where theory points and
where the simulated deals fell."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from negosim.plots.style import GREY, Caption, figure


def utility_space(
    outcomes: pd.DataFrame,
    deals: pd.DataFrame,
    reservation: Mapping[str, float],
    points: Mapping[str, tuple[float, float]],
    colours: Mapping[str, str],
    caption: Caption,
    sampled: Mapping[str, tuple[float, float]] | None = None,
) -> Figure:
    """``outcomes`` has the two actors' utilities as its first two columns and a boolean
    ``pareto``; ``deals`` the same two columns for the Monte Carlo agreements; ``points`` names
    solution points (Nash, Kalai-Smorodinsky) by their utilities. ``sampled`` gives, for an actor
    whose walk-away the runs drew at random, the range of 90% of the draws: drawn as a band, since
    a deal below the stated line may still beat that run's own walk-away."""
    a, b = outcomes.columns[:2]
    fig = figure(7, 6.2)
    ax = fig.subplots()
    ax.scatter(
        outcomes[a],
        outcomes[b],
        s=2,
        color=GREY,
        alpha=0.15,
        label="every outcome",
        rasterized=True,
    )
    frontier = outcomes[outcomes["pareto"]].sort_values(a)
    ax.plot(frontier[a], frontier[b], ".", color="black", markersize=3, label="Pareto frontier")
    if len(deals):
        ax.hexbin(
            deals[a], deals[b], gridsize=30, cmap="Blues", mincnt=1, alpha=0.8, extent=(0, 1, 0, 1)
        )
        ax.plot([], [], "h", color="#4a7fb5", label=f"simulated deals ({len(deals):,})")
    for line, band, actor in ((ax.axvline, ax.axvspan, a), (ax.axhline, ax.axhspan, b)):
        name = outcomes.attrs.get(actor, actor)
        line(reservation[actor], color=colours[actor], linestyle=":", label=f"{name} walk-away")
        if sampled and actor in sampled:
            low, high = sampled[actor]
            band(
                low, high, color=colours[actor], alpha=0.12, label=f"{name} walk-away, 90% of runs"
            )
    for marker, (name, (x, y)) in zip(("*", "D", "s", "^"), points.items(), strict=False):
        ax.plot([x], [y], marker, color="black", markersize=11, markerfacecolor="white", label=name)
    ax.set_xlim(0, 1.02)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel(f"utility to {outcomes.attrs.get(a, a)} (0 = worst, 1 = best)")
    ax.set_ylabel(f"utility to {outcomes.attrs.get(b, b)} (0 = worst, 1 = best)")
    ax.legend(loc="lower left", fontsize="small", framealpha=0.9)
    fig.suptitle(
        caption.title(f"Utility space: {outcomes.attrs.get(a, a)} and {outcomes.attrs.get(b, b)}")
    )
    return fig


def deal_density(deals: pd.DataFrame) -> np.ndarray:
    """A 2-D histogram of the deals (for tests and readers who want the numbers)."""
    a, b = deals.columns[:2]
    counts: np.ndarray = np.histogram2d(deals[a], deals[b], bins=10, range=[[0, 1], [0, 1]])[0]
    return counts
