"""A person's page at a classroom table: their role sheet, whose turn it is and for how long, the
table's log, and their move when it is theirs — nothing of another seat's numbers before the end.

The page holds no game: it shows the hub's view of the table and re-renders when the hub says the
table changed (or every few seconds, for the clock). Reloading it, or restarting the server,
shows the same table, because the table lives in the hub's directory, not in the page.
"""

from __future__ import annotations

import hashlib
import html
import threading
import time

import solara

from negosim.engine.narrative import terms
from negosim.play.hub import TableHub
from negosim.play.tables import SharedTable, TableError, TableView
from negosim.report.cards import role_sheet
from negosim.report.document import to_fragment
from negosim.web.seat import YourMove
from negosim.web.text import Prose

CLOCK = 5.0
"""Seconds between redraws of an unchanged table (its countdown)."""


def use_table_version(hub: TableHub, name: str | None, clock: bool = True) -> int:
    """Re-render when the table changes and, with ``clock``, every few seconds (its countdown).

    Parameters
    ----------
    hub
        The class's tables.
    name
        The table watched; ``None`` watches them all, :data:`ROSTER` only which tables exist.
    clock
        Whether a countdown is shown (an unchanged page without one is never redrawn).

    Returns
    -------
    int
        The version shown now.
    """
    version, set_version = solara.use_state(hub.version_of(name))
    ticks, set_ticks = solara.use_state(0)

    def watch(cancel: threading.Event) -> None:
        seen = hub.wait(version, CLOCK if clock else None, name)
        if not cancel.is_set():
            (set_version(seen) if seen != version else set_ticks(ticks + 1))

    solara.use_thread(watch, dependencies=[version, ticks], intrusive_cancel=False)
    return version


@solara.component
def SeatAtTable(hub: TableHub, name: str, token: str) -> None:
    """The page a seat's link opens."""
    limited = name in hub.names() and hub.table(name).idle_after is not None
    use_table_version(hub, name, clock=limited)
    problem, set_problem = solara.use_state("")
    try:
        table = hub.table(name)
    except TableError:
        solara.Error("This link names no table of this class. Ask your instructor for yours.")
        return
    actor = table.seat_of(token)
    if actor is None:
        solara.Error("This link opens no seat at this table. Ask your instructor for yours.")
        return
    view = hub.view(name)
    game = view.game
    me = game.actors.index(actor)
    solara.Title(f"negosim · {game.label(me)} at {name}")
    Prose(f"## You are {game.label(me)} at table {name}\n{table.scenario.title}")
    Prose(f"**{status_line(table, view, actor, time.time())}**")
    if problem:
        solara.Error(problem)

    def answer(value: int | bool) -> None:
        try:
            hub.answer(name, token, value)
            set_problem("")
        except TableError as error:
            set_problem(f"Not taken: {error}.")

    turn = view.turn
    if turn is not None and turn.actor == actor and actor not in table.handed_over:
        mine = [outcome for _, proposer, outcome in view.offers if proposer == me]
        start = mine[-1] if mine else None
        YourMove(game, table.scenario.couplings, me, turn, answer, start)
    elif (pending := on_the_table(view)) is not None:
        round_, proposer, offer = pending
        worth = 100 * float(game.utilities[offer, me])
        Prose(
            f"On the table (round {round_ + 1}, {_speaker(view, proposer)}): "
            f"{terms(game, offer)}, worth {worth:.0f} points to you."
        )
    if view.result is not None or view.closed:
        Outcome(view, me)
    solara.HTML(
        tag="pre",
        unsafe_innerHTML=html.escape("\n".join(view.log) or "Nothing said yet."),
        classes=["round-log"],
    )
    RoleSheet(table, actor)


@solara.component
def RoleSheet(table: SharedTable, actor: str) -> None:
    sheet = solara.use_memo(lambda: sheet_html(table, actor), dependencies=[table.name, actor])
    with solara.Details(summary="Your confidential role sheet", expand=True):
        solara.HTML(tag="div", unsafe_innerHTML=sheet, classes=["negosim-prose", "role-sheet"])


_SHEETS: dict[tuple[str, str], str] = {}


def sheet_html(table: SharedTable, actor: str) -> str:
    """A seat's role sheet as HTML, made once per scenario and seat for the whole class (a
    grand-bargain sheet takes a tenth of a second: its walk-aways need the utility table).

    Parameters
    ----------
    table
        The seat's table.
    actor
        The seat.

    Returns
    -------
    str
        HTML.
    """
    key = (hashlib.sha256(table.scenario.model_dump_json().encode()).hexdigest(), actor)
    if key not in _SHEETS:
        _SHEETS[key] = to_fragment(role_sheet(table.scenario, actor))
    return _SHEETS[key]


@solara.component
def Outcome(view: TableView, me: int) -> None:
    game, result = view.game, view.result
    if result is None or not result.agreement or result.outcome is None:
        why = "the instructor closed the table" if result is None else result.reason
        solara.Warning(f"The talks ended without a deal ({why}).")
        return
    points = ", ".join(
        f"{game.label(i)} {100 * float(game.utilities[result.outcome, i]):.0f}"
        for i in range(game.n)
    )
    solara.Success(
        f"Deal in round {result.rounds}: {terms(game, result.outcome)}. "
        f"Worth {100 * float(game.utilities[result.outcome, me]):.0f} points to you. "
        f"Everyone's points, now that it is over: {points}."
    )


def on_the_table(view: TableView) -> tuple[int, int, int] | None:
    """The offer being answered now, else the last one made: (round, proposer, outcome).

    Parameters
    ----------
    view
        A table's view.

    Returns
    -------
    tuple of int, or None
        ``None`` before the first offer.
    """
    turn = view.turn
    if turn is not None and turn.offer is not None:
        return turn.round, -1 if turn.proposer is None else turn.proposer, turn.offer
    return view.offers[-1] if view.offers else None


def _speaker(view: TableView, proposer: int) -> str:
    return "the mediator" if proposer < 0 else view.game.label(proposer)


def status_line(table: SharedTable, view: TableView, actor: str | None, now: float) -> str:
    """Whose turn it is and how long is left, said to the seat ``actor`` (``None``: the instructor).

    Parameters
    ----------
    table
        The table.
    view
        Its view.
    actor
        The reader's seat, if any.
    now
        The time now (seconds since the epoch).

    Returns
    -------
    str
        One sentence.
    """
    game = view.game
    if view.closed and view.result is None:
        return f"The instructor closed the table after {view.rounds} rounds."
    if view.turn is None:
        return f"The talks are over after {view.rounds} of at most {game.deadline} rounds."
    turn = view.turn
    who = "your" if turn.actor == actor else f"{game.label(game.actors.index(turn.actor))}'s"
    said = f"Round {turn.round + 1} of at most {game.deadline}: it is {who} turn to {turn.kind}"
    left = table.seconds_left(now)
    if turn.actor in table.handed_over or left is None:
        return said + "."
    return said + f" ({_clock(left)} left before the seat's strategy plays it)."


def _clock(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"
