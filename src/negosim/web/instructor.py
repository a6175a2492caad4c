"""The instructor's Tables tab: open tables for the groups of a class, hand out their seats' links,
watch every table at once, inject an event into one table or all, close a table.

Tables negotiate the scenario as the sidebar sets it (what-ifs included), with the sidebar's
seed; each table is saved in the class directory after every move, so the server may restart.
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable

import solara

from negosim.engine.narrative import terms
from negosim.play.hub import ROSTER, TableHub, open_tables
from negosim.play.tables import TableError
from negosim.scenario.model import Event, Scenario
from negosim.scenario.paths import document, with_values
from negosim.web.at_table import on_the_table, status_line, use_table_version
from negosim.web.classroom import seat_link
from negosim.web.events import EventForm
from negosim.web.session import Session
from negosim.web.text import Prose

PLAYABLE = ("mediated", "alternating_offers", "recognition")
"""Protocols in which people move: a text, offers, votes (the expected-utility model has none)."""
ALL = "every open table"
MOST_TABLES = 40
Report = Callable[[str], None]


@solara.component
def Tables(session: Session, hub: TableHub) -> None:
    """Redrawn when a table is added; each table's card when its table changes."""
    use_table_version(hub, ROSTER, clock=False)
    problem, set_problem = solara.use_state("")
    OpenTables(session, hub, set_problem).key(f"open-{id(session.scenario)}")  # fresh per scenario
    if problem:
        solara.Error(problem, classes=["negosim-error"])
    for why in hub.unreadable.values():
        solara.Warning(f"Not read: {why}")
    names = hub.names()
    if not names:
        solara.Info("No tables yet: open some above, then hand each person their seat's link.")
        return
    InjectIntoTables(hub, names, set_problem)
    for name in names:
        TableCard(hub, name, set_problem)


@solara.component
def OpenTables(session: Session, hub: TableHub, report: Report) -> None:
    scenario = session.scenario
    game = session.at_table().game()  # built once per scenario, shared with the Negotiation tab
    actors = {game.label(i): name for i, name in enumerate(game.actors)}
    prefix, set_prefix = solara.use_state("table")
    count, set_count = solara.use_state(2)
    seats, set_seats = solara.use_state(list(actors))
    quiet, set_quiet = solara.use_state(120)
    own = scenario.tracks[scenario.negotiated_tracks()[0]].protocol
    protocol, set_protocol = solara.use_state(own)

    def open_them() -> None:
        try:
            chosen = _with_protocol(scenario, protocol)
            names = _free_names(hub, prefix, min(max(count, 1), MOST_TABLES))
            people = [actors[label] for label in seats if label in actors]
            limit = max(quiet, 0) or None
            for table in open_tables(chosen, names, session.seed, people, limit):
                hub.open(table)
            report("")
        except (TableError, ValueError) as error:
            report(f"No table opened: {error}")

    with solara.Card("Open tables"):
        Prose(
            f"Each table negotiates **{scenario.title}** as set in the sidebar, seed "
            f"{session.seed}. Seats not held by a person are played by their strategies."
        )
        with solara.Row():
            solara.InputText("Table names start with", value=prefix, on_value=set_prefix)
            solara.InputInt("How many tables", value=count, on_value=set_count)
            solara.InputInt(
                "Seconds before a quiet seat is played", value=quiet, on_value=set_quiet
            )
        solara.Select("Protocol", values=list(PLAYABLE), value=protocol, on_value=set_protocol)
        solara.SelectMultiple(
            "Seats held by people", values=seats, all_values=list(actors), on_value=set_seats
        )
        solara.Button("Open tables", color="primary", on_click=open_them)


@solara.component
def InjectIntoTables(hub: TableHub, names: list[str], report: Report) -> None:
    use_table_version(hub, None, clock=False)  # a table that ends leaves the list
    open_ones = [n for n in names if hub.view(n).turn is not None]
    target, set_target = solara.use_state(ALL)
    chosen = target if target in open_ones else ALL
    targets = open_ones if chosen == ALL else [chosen]
    game = hub.view(targets[0] if targets else names[0]).game

    def inject(event: Event) -> None:
        skipped = []
        for name in targets:
            if event.actor not in hub.view(name).game.actors:
                skipped.append(name)  # a table of another scenario
                continue
            try:
                hub.inject(name, event)
            except TableError as error:
                report(f"{name}: {error}")
        if skipped:
            report(f"Not injected at {', '.join(skipped)}: nobody there is {event.actor}.")

    with solara.Details(summary="Inject an event", expand=False):
        solara.Select("Inject into", values=[ALL, *open_ones], value=chosen, on_value=set_target)
        EventForm(game, inject, disabled=not open_ones, folded=False)


@solara.component
def TableCard(hub: TableHub, name: str, report: Report) -> None:
    use_table_version(hub, name, clock=hub.table(name).idle_after is not None)
    table, view = hub.table(name), hub.view(name)
    game = view.game
    with solara.Card(f"{name} · {table.scenario.title}"):
        Prose(f"**{status_line(table, view, None, time.time())}**")
        if view.result is not None and view.result.agreement and view.result.outcome is not None:
            Prose(f"Deal in round {view.result.rounds}: {terms(game, view.result.outcome)}")
        elif (pending := on_the_table(view)) is not None:
            round_, proposer, offer = pending
            who = "the mediator" if proposer < 0 else game.label(proposer)
            Prose(f"On the table (round {round_ + 1}, {who}): {terms(game, offer)}")
        rows = []
        for actor in game.actors:
            label = game.label(game.actors.index(actor))
            if actor not in table.tokens:
                rows.append(f"| {label} | its strategy | |")
            elif actor in table.handed_over:
                rows.append(
                    f"| {label} | its strategy since round {table.handed_over[actor] + 1} | |"
                )
            else:
                rows.append(f"| {label} | a person | {seat_link(name, table.tokens[actor])} |")
        Prose("\n".join(["| seat | played by | link |", "| --- | --- | --- |", *rows]))
        with solara.Details(summary=f"{name}: log", expand=False):
            solara.HTML(
                tag="pre",
                unsafe_innerHTML=html.escape("\n".join(view.log) or "Nothing said yet."),
                classes=["round-log"],
            )
        over = view.turn is None

        def close() -> None:
            try:
                hub.change(name, lambda t: t.close())
            except TableError as error:
                report(f"{name}: {error}")

        solara.Button("Close table", text=True, disabled=over, on_click=close)


def _with_protocol(scenario: Scenario, protocol: str) -> Scenario:
    first = scenario.negotiated_tracks()[0]
    if scenario.tracks[first].protocol == protocol:
        return scenario
    changed = with_values(document(scenario), {f"tracks.{first}.protocol": protocol})
    return Scenario.model_validate(changed)


def _free_names(hub: TableHub, prefix: str, count: int) -> list[str]:
    taken, names, k = set(hub.names()), list[str](), 1
    while len(names) < count:
        if f"{prefix}-{k}" not in taken:
            names.append(f"{prefix}-{k}")
        k += 1
    return names
