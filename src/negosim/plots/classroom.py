"""The class debrief figure: for every actor, how the simulation's deals are spread, and where each
game the class played landed, so a seminar sees at once who beat the machine and who gave too much."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from negosim.plots.style import GREY, Caption, figure


def class_results(
    simulated: pd.DataFrame,
    games: pd.DataFrame,
    labels: Mapping[str, str],
    colours: Mapping[str, str],
    caption: Caption,
) -> Figure:
    """``simulated`` and ``games`` hold points (0-100) in one column per actor; ``games`` also has
    ``seat`` (the actor a person played) and ``player``. One panel per actor: the simulated
    distribution as a histogram, every game as a tick, and the games where a person held that
    seat as a tall coloured line."""
    actors = list(labels)
    fig = figure(8, 1.9 * len(actors) + 0.8)
    axes = fig.subplots(len(actors), 1, sharex=True, squeeze=False)[:, 0]
    bins = np.linspace(0, 100, 41)
    for ax, actor in zip(axes, actors, strict=True):
        ax.hist(simulated[actor], bins=bins, color=GREY, alpha=0.5, label="simulated runs")
        top = ax.get_ylim()[1]
        others = games[games["seat"] != actor]
        ax.plot(
            others[actor],
            [top * 0.05] * len(others),
            "|",
            color="black",
            markersize=12,
            label="games (someone else's seat)",
        )
        for _, game in games[games["seat"] == actor].iterrows():
            ax.axvline(game[actor], color=colours[actor], linewidth=2)
            ax.text(
                game[actor],
                top * 0.92,
                f" {shortened(drawable(str(game['player'])))}",
                rotation=90,
                va="top",
                fontsize="x-small",
                color=colours[actor],
                clip_on=True,
            ).set_in_layout(False)
        ax.plot([], [], color=colours[actor], linewidth=2, label=f"played as {labels[actor]}")
        ax.set_ylabel("runs")
        ax.set_title(labels[actor], loc="left", fontsize="medium")
        ax.legend(loc="upper left", fontsize="x-small", framealpha=0.9)
    axes[-1].set_xlim(0, 100)
    axes[-1].set_xlabel("points (100 = the actor's best outcome)")
    fig.suptitle(caption.title("The class's games against the simulation"))
    return fig


NAME_DRAWN = 20
"""Characters of a player's name drawn up a panel: a longer one would run out of the panel (and
collapse the figure's layout); the debrief's table shows it whole."""


def shortened(name: str) -> str:
    """A name cut to :data:`NAME_DRAWN` characters, marked as cut.

    Parameters
    ----------
    name
        The name as it can be drawn.

    Returns
    -------
    str
        At most ``NAME_DRAWN`` characters.
    """
    return name if len(name) <= NAME_DRAWN else name[: NAME_DRAWN - 1] + "…"


def drawable(name: str) -> str:
    """A player's name as the figure's font can draw it: characters it lacks (an emoji, a script
    it does not cover, a control character) become "?", rather than an empty box and a warning;
    the debrief's table shows the name as typed."""
    from matplotlib import font_manager

    font = font_manager.get_font(font_manager.findfont(font_manager.FontProperties()))
    covered = font.get_charmap()
    return "".join(c if c.isprintable() and ord(c) in covered else "?" for c in name)
