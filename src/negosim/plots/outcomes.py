"""What the runs agreed on, and how often and how fast they agreed."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from negosim.plots.style import GREY, OKABE_ITO, Caption, figure


def outcome_distributions(
    runs: pd.DataFrame,
    scales: Mapping[str, tuple[str, float, float] | list[str]],
    drafts: Mapping[str, object],
    caption: Caption,
) -> Figure:
    """One panel per issue: a histogram of agreed values over the issue's whole range, as shares
    of deals (continuous issues: ``scales`` gives unit, min, max), or the share of deals on every
    option in order (labelled issues: ``scales`` gives the options); the draft terms are marked."""
    agreed = runs[runs["agreement"]]
    issues = [c.removeprefix("outcome.") for c in runs.columns if c.startswith("outcome.")]
    columns = min(3, max(1, len(issues)))
    rows = int(np.ceil(len(issues) / columns))
    fig = figure(4.2 * columns, 3.2 * rows)
    axes = np.atleast_1d(fig.subplots(rows, columns)).ravel()
    for ax, issue in zip(axes, issues, strict=False):
        values = agreed[f"outcome.{issue}"].dropna()
        draft, scale = drafts.get(issue), scales[issue]
        if isinstance(scale, tuple):
            _histogram(ax, values.astype(float), draft, scale)
        else:
            _bars(ax, values.astype(str), draft, scale)
        ax.set_title(issue.replace("_", " "))
    for ax in axes[len(issues) :]:
        ax.set_visible(False)
    fig.suptitle(caption.title(f"Agreed terms ({len(agreed):,} deals)"))
    return fig


HISTOGRAM_BINS = 20
"""Bars across a continuous issue's range: each one a twentieth of it."""


def _histogram(ax: Axes, values: pd.Series, draft: object, scale: tuple[str, float, float]) -> None:
    """Share of deals in each twentieth of the range: read as "how often it landed here"."""
    unit, low, high = scale
    agreed = values.to_numpy()
    weights = np.full(len(agreed), 1 / max(len(agreed), 1))
    edges = np.linspace(low, high, HISTOGRAM_BINS + 1).tolist()
    ax.hist(agreed, bins=edges, weights=weights, color=OKABE_ITO[0], label="agreed")
    if draft is not None:
        ax.axvline(float(str(draft)), color=OKABE_ITO[1], linestyle="--", label="draft")
    ax.set_xlabel(unit)
    ax.set_xlim(low, high)
    ax.set_ylabel("share of deals")
    ax.set_ylim(0, 1.02)
    ax.legend(loc="upper right", fontsize="small")


def _bars(ax: Axes, values: pd.Series, draft: object, options: list[str]) -> None:
    shares = values.value_counts(normalize=True).reindex(options, fill_value=0.0)
    colours = [OKABE_ITO[1] if label == draft else OKABE_ITO[0] for label in shares.index]
    ax.barh([str(i).replace("_", " ") for i in shares.index], shares.to_numpy(), color=colours)
    ax.set_xlabel("share of deals" + (" (orange: the draft)" if draft is not None else ""))
    ax.set_xlim(0, 1)


def agreement_overview(
    runs: pd.DataFrame, interval: tuple[float, float], caption: Caption
) -> Figure:
    """The agreement rate with its 95% interval, why talks failed, and how long deals took."""
    fig = figure(12, 3.8)
    rate_ax, reason_ax, rounds_ax = fig.subplots(1, 3)
    rate = float(runs["agreement"].mean())
    rate_ax.bar(["agreement"], [rate], color=OKABE_ITO[0])
    rate_ax.errorbar(
        ["agreement"],
        [rate],
        yerr=[[rate - interval[0]], [interval[1] - rate]],
        color="black",
        capsize=8,
        label="95% interval",
    )
    rate_ax.set_ylim(0, 1)
    rate_ax.set_ylabel("share of runs")
    rate_ax.set_title(f"Deal reached: {rate:.1%}")
    rate_ax.legend(loc="lower right", fontsize="small")
    reasons = runs.loc[~runs["agreement"], "reason"].value_counts()
    reason_ax.barh(list(reasons.index) or ["(none)"], list(reasons.to_numpy()) or [0], color=GREY)
    reason_ax.set_xlabel("runs")
    reason_ax.set_title("Why talks failed")
    rounds = runs.loc[runs["agreement"], "rounds"]
    bins = np.arange(0.5, max(int(runs["rounds"].max()), 1) + 1.5)
    rounds_ax.hist(rounds, bins=bins, color=OKABE_ITO[2])
    rounds_ax.set_xlabel("rounds to agreement")
    rounds_ax.set_ylabel("runs")
    rounds_ax.set_title("How long deals took")
    fig.suptitle(caption.title("Agreement"))
    return fig
