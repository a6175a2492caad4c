"""The class debrief as a document: the figure, one row per game, and how to read it."""

from __future__ import annotations

import io

import pandas as pd

from negosim.play.classroom import Classroom
from negosim.plots.classroom import class_results
from negosim.plots.style import Caption, actor_colours
from negosim.report.document import Block, Heading, Paragraph, Picture, TableBlock

FIGURE = "debrief.png"


def debrief_blocks(classroom: Classroom) -> list[Block]:
    scenario = classroom.scenario
    table = classroom.table()
    labels = {name: actor.label for name, actor in scenario.actors.items()}
    deals = int(table["agreement"].sum())
    simulated_rate = float(classroom.simulated["agreement"].mean())
    points = pd.DataFrame({a: 100 * classroom.simulated[f"utility.{a}"] for a in scenario.actors})
    figure = class_results(
        points,
        table,
        labels,
        actor_colours(list(scenario.actors)),
        Caption(scenario.title, len(classroom.simulated), 0),
    )
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=120)
    rows = tuple(
        (
            str(game["player"]),
            labels[game["seat"]],
            "deal" if game["agreement"] else f"no deal ({game['reason']})",
            *(f"{game[a]:.0f}" for a in scenario.actors),
            f"{game['percentile']:.0f}%",
        )
        for _, game in table.iterrows()
    )
    return [
        Heading(f"Class debrief: {scenario.title}", 1),
        Paragraph(
            f"{len(table)} games played by people; {deals} ended in a deal. The simulation, "
            f"with the scenario's own strategy in every seat, reaches a deal in "
            f"{simulated_rate:.0%} of {len(classroom.simulated):,} runs."
        ),
        Picture(FIGURE, buffer.getvalue(), "Each game against the simulated distribution."),
        TableBlock(
            ("player", "seat", "result", *labels.values(), "beats or equals"),
            rows,
        ),
        Paragraph(
            "Points: 100 is the actor's best outcome, 0 its worst. 'Beats or equals' is the share "
            "of simulated runs in which the actor the person played did no better."
        ),
    ]
