"""Debriefs in the dashboard: one person's game as it ends, and the whole class's games saved
from this dashboard, against the simulated distribution of the same scenario."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd
import solara

from negosim.play.classroom import Classroom, ClassroomError, gather
from negosim.play.game import debrief, save
from negosim.play.hub import TableHub
from negosim.plots.classroom import class_results
from negosim.plots.style import Caption, actor_colours
from negosim.web.at_table import use_table_version
from negosim.web.projector import figure_fonts, projector
from negosim.web.session import Session
from negosim.web.table import View
from negosim.web.text import Prose

DEBRIEF_RUNS = 200
SAVED_UNDER = Path("out") / "web"
NAME_IN_PATH = 40
"""Characters of a player's name kept in a folder name (file systems allow 255 bytes a name)."""
NAME_SHOWN = 80
"""Characters of a player's name kept in the manifest and shown in the class table."""


def game_directory(scenario: str, player: str, seat: str, seed: int) -> Path:
    """A fresh directory per saved game: two students in the same seat never overwrite."""
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", player.strip())[:NAME_IN_PATH].strip("-") or seat
    stem = SAVED_UNDER / scenario / f"{slug}-{seat}-seed{seed}"
    candidate, k = stem, 1
    while candidate.exists():
        k += 1
        candidate = stem.with_name(f"{stem.name}-{k}")
    return candidate


@solara.component
def Debrief(session: Session, view: View, student: bool = False) -> None:
    """``student``: the students' page, which has no Class debrief tab of its own."""
    seat = session.seat or ""
    summary = solara.use_memo(
        lambda: debrief(session.scenario, seat, view.run(), DEBRIEF_RUNS),
        dependencies=[id(view.result), seat],
    )
    player, set_player = solara.use_state("")
    saved, set_saved = solara.use_state("")
    mine = summary.points[session.scenario.actors[seat].label]
    rows = "\n".join(f"| {name} | {points:.1f} |" for name, points in summary.points.items())
    nash = ", ".join(f"{k} {v:.0f}" for k, v in summary.nash_points.items()) or "none"
    with solara.Card("Debrief"):
        Prose(
            f"| actor | points |\n| --- | --- |\n{rows}\n\n"
            f"Your {mine:.1f} points beat or equal **{summary.percentile:.0f}%** of "
            f"{DEBRIEF_RUNS} simulated runs in which the scenario's own strategy held your seat "
            f"(their median: {summary.simulated_median:.1f}). The Nash point gives: {nash}."
        )

        def keep() -> None:
            directory = game_directory(session.scenario.name, player, seat, session.seed)
            name = " ".join(player.split())[:NAME_SHOWN] or None
            save(directory, session.scenario, seat, session.seed, view.run(), name)
            where = "your instructor's" if student else "the"
            set_saved(f"Saved in {directory}: it appears in {where} Class debrief tab.")

        solara.InputText("Your name (for the class debrief)", value=player, on_value=set_player)
        solara.Button("Save for the class debrief", on_click=keep, disabled=bool(saved))
        if saved:
            solara.Success(saved)


@solara.component
def ClassDebrief(session: Session, hub: TableHub | None = None) -> None:
    """Every game saved from this dashboard for the scenario on show; with a class's tables, the
    tables' games first."""
    if hub is not None:
        TablesDebrief(hub)
    shown, set_shown = solara.use_state(0)
    folder = SAVED_UNDER / session.scenario.name
    solara.Button("Refresh", on_click=lambda: set_shown(shown + 1), text=True)
    classroom = solara.use_memo(
        lambda: _saved_games(folder, session),
        dependencies=[shown, id(session.scenario)],
    )
    if classroom is None:
        if hub is None:
            solara.Info(
                f"No games saved yet for this scenario as set now (they are kept in {folder}). "
                "A game ends with a Debrief card: give a name and save it."
            )
        return
    ClassResults(classroom)


@solara.component
def TablesDebrief(hub: TableHub) -> None:
    """The finished tables of one scenario against its simulated runs: the people's deals on the
    distribution the scenario's own strategies give."""
    use_table_version(hub, None, clock=False)
    chosen, choose = solara.use_state("")
    groups: dict[str, list[str]] = {}
    for name in hub.names():
        if hub.view(name).run is not None:
            table = hub.table(name)
            protocol = table.scenario.tracks[table.scenario.negotiated_tracks()[0]].protocol
            groups.setdefault(f"{table.scenario.title} ({protocol})", []).append(name)
    if not groups:
        solara.Info("No table has finished yet: a finished table's people appear here.")
        return
    key = chosen if chosen in groups else next(iter(groups))
    solara.Select("Tables of", values=list(groups), value=key, on_value=choose)
    FinishedTables(hub, groups[key])


@solara.component
def FinishedTables(hub: TableHub, names: list[str]) -> None:
    classroom = solara.use_memo(
        lambda: gather(_games_of(hub, names), DEBRIEF_RUNS, hub.table(names[0]).scenario),
        dependencies=[tuple(names)],
    )
    Prose(f"### Tables ({len(names)} finished)")
    ClassResults(classroom)


def _games_of(hub: TableHub, names: list[str]) -> list[Path]:
    games = hub.store.directory / "games"
    return [games / f"{name}-{actor}" for name in names for actor in hub.table(name).tokens]


@solara.component
def ClassResults(classroom: Classroom) -> None:
    scenario = classroom.scenario
    table = classroom.table()
    labels = {name: actor.label for name, actor in scenario.actors.items()}
    points = pd.DataFrame({a: 100 * classroom.simulated[f"utility.{a}"] for a in labels})
    caption = Caption(scenario.title, len(classroom.simulated), 0)
    colours = actor_colours(list(labels))
    with figure_fonts(projector.value):
        figure = class_results(points, table, labels, colours, caption)
    solara.FigureMatplotlib(figure, format="png")
    lines = [
        f"| {table_cell(g['player'])} | {labels[g['seat']]} | {'deal' if g['agreement'] else 'no deal'} | "
        + " | ".join(f"{g[a]:.0f}" for a in labels)
        + f" | {g['percentile']:.0f}% |"
        for _, g in table.iterrows()
    ]
    header = "| player | seat | result | " + " | ".join(labels.values()) + " | beats or equals |"
    Prose("\n".join([header, "|" + " --- |" * (len(labels) + 4), *lines]))


def table_cell(text: str) -> str:
    """A player's name as one cell of the Markdown table: its own words, never markup."""
    shown = html.escape(" ".join(str(text).split())[:NAME_SHOWN])
    return re.sub(r"([|\\`*_\[\]])", r"\\\1", shown)


def _saved_games(folder: Path, session: Session) -> Classroom | None:
    if not folder.is_dir():
        return None
    try:
        return gather([folder], DEBRIEF_RUNS, session.scenario)
    except ClassroomError:
        return None
