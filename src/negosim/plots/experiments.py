"""Sweeps and sensitivity: how outcomes move with the parameters one varies."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from negosim.experiments.summary import wilson_interval
from negosim.plots.style import OKABE_ITO, Caption, figure


def sweep_lines(
    sweep: pd.DataFrame, column: str, colours: Mapping[str, str], caption: Caption
) -> Figure:
    """Agreement rate (with its 95% interval) and each actor's mean utility against one swept value."""
    grouped = sweep.groupby(column)
    x = np.asarray(list(grouped.groups), dtype=object)
    numeric = all(isinstance(v, int | float) for v in x)
    position = x.astype(float) if numeric else np.arange(len(x))
    fig = figure(11, 4.2)
    rate_ax, utility_ax = fig.subplots(1, 2)
    counts = grouped["agreement"].agg(["sum", "count"])
    bands = np.array([wilson_interval(int(s), int(n)) for s, n in counts.to_numpy()])
    rate_ax.fill_between(
        position, bands[:, 0], bands[:, 1], color=OKABE_ITO[0], alpha=0.25, label="95% interval"
    )
    rate_ax.plot(
        position,
        counts["sum"] / counts["count"],
        marker="o",
        color=OKABE_ITO[0],
        label="agreement rate",
    )
    rate_ax.set_ylim(0, 1.02)
    rate_ax.set_ylabel("share of runs with a deal")
    for actor, colour in colours.items():
        means = grouped[f"utility.{actor}"].mean()
        spread = (
            grouped[f"utility.{actor}"].quantile(0.25),
            grouped[f"utility.{actor}"].quantile(0.75),
        )
        utility_ax.fill_between(position, spread[0], spread[1], color=colour, alpha=0.15)
        utility_ax.plot(position, means, marker="o", color=colour, label=actor)
    utility_ax.set_ylabel("utility (mean, interquartile band)")
    for ax in (rate_ax, utility_ax):
        ax.set_xlabel(column.removeprefix("sweep."))
        if not numeric:
            ax.set_xticks(position, [str(v) for v in x])
        ax.legend(fontsize="small")
    fig.suptitle(caption.title("Sweep"))
    return fig


def sweep_heatmap(sweep: pd.DataFrame, x: str, y: str, caption: Caption) -> Figure:
    """Agreement rate over a grid of two swept values."""
    table = sweep.pivot_table(index=y, columns=x, values="agreement", aggfunc="mean")
    fig = figure(7, 5.5)
    ax = fig.subplots()
    image = ax.imshow(
        table.to_numpy(), origin="lower", cmap="cividis", vmin=0, vmax=1, aspect="auto"
    )
    ax.set_xticks(range(len(table.columns)), [f"{v}" for v in table.columns])
    ax.set_yticks(range(len(table.index)), [f"{v}" for v in table.index])
    for (i, j), value in np.ndenumerate(table.to_numpy()):
        ax.text(
            j,
            i,
            f"{value:.0%}",
            ha="center",
            va="center",
            color="white" if value < 0.5 else "black",
        )
    ax.set_xlabel(x.removeprefix("sweep."))
    ax.set_ylabel(y.removeprefix("sweep."))
    fig.colorbar(image, ax=ax, label="agreement rate")
    fig.suptitle(caption.title("Agreement rate over the swept grid"))
    return fig


def sensitivity_bars(indices: pd.DataFrame, output: str, caption: Caption) -> Figure:
    """Sobol first- and total-order indices, or Morris mu* and sigma, sorted, for one output."""
    rows = indices[indices["output"] == output]
    sobol = "ST" in rows and rows["ST"].notna().any()
    keys = ("ST", "S1") if sobol else ("mu_star", "sigma")
    rows = rows.sort_values(keys[0])
    fig = figure(8, 0.5 * len(rows) + 2)
    ax = fig.subplots()
    labels = list(rows["parameter"])
    height = 0.38
    position = np.arange(len(rows))
    for offset, key, colour in (
        (height / 2, keys[0], OKABE_ITO[0]),
        (-height / 2, keys[1], OKABE_ITO[1]),
    ):
        ax.barh(
            position + offset,
            rows[key].fillna(0),
            height=height,
            color=colour,
            label={
                "ST": "total order",
                "S1": "first order",
                "mu_star": "mu* (mean |effect|)",
                "sigma": "sigma (interactions)",
            }[key],
        )
    ax.set_yticks(position, labels)
    ax.set_xlabel("Sobol index" if sobol else "elementary effect")
    ax.legend(fontsize="small")
    fig.suptitle(caption.title(f"Sensitivity of {output.replace('.', ' ')}"))
    return fig
