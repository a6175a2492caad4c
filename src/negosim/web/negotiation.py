"""The Negotiation tab: one negotiation stepped round by round, watched or played from one seat,
with the offers drawn in the utility space as they are made and an event the instructor can
inject at any moment."""

from __future__ import annotations

import html
from collections.abc import Callable

import pandas as pd
import solara

from negosim.games.game import Game
from negosim.games.result import NEUTRAL_MEDIATOR
from negosim.plots.live import offers_in_space, points_by_round
from negosim.plots.spacedata import space_data
from negosim.plots.style import Caption, actor_colours
from negosim.report.cards import role_sheet
from negosim.report.document import to_fragment
from negosim.web.debrief import Debrief
from negosim.web.events import EventForm
from negosim.web.projector import figure_fonts, projector
from negosim.web.seat import YourMove
from negosim.web.session import Session
from negosim.web.table import Table, View
from negosim.web.text import Prose

Update = Callable[[Session], None]
WATCH = "nobody (watch the simulation)"


@solara.component
def Negotiation(session: Session, update: Update, student: bool = False) -> None:
    """``student``: a seat must be taken, and nothing shows what the seat would not know (no
    watching the simulation, no utility space before the end, no instructor tools)."""
    table = session.at_table()
    view = table.view()
    game = view.game
    chosen, set_pair = solara.use_state(tuple(game.actors[:2]))
    pair = chosen if set(chosen) <= set(game.actors) else tuple(game.actors[:2])
    SeatAndAxes(session, update, game, pair, set_pair, student)
    if student and session.seat is None:
        solara.Info("Choose the stakeholder you play: your role sheet tells you what it wants.")
        return
    Controls(session, update, table, view, student)
    if session.scenario.linkage != "package" and len(session.scenario.negotiated_tracks()) > 1:
        solara.Info(
            f"The scenario links its tracks as '{session.scenario.linkage}'; at this table they "
            "are negotiated as one package (the Monte Carlo tab follows the scenario's linkage)."
        )
    if view.question is not None and session.seat is not None:
        YourMove(
            game,
            session.scenario.couplings,
            game.actors.index(session.seat),
            view.question,
            lambda value: update(session.with_table(table.answer(view, value))),
        )
    with solara.Columns([3, 2]):
        LiveFigure(session, view, pair)
        solara.HTML(
            tag="pre",
            unsafe_innerHTML=html.escape("\n".join(view.log) or "Nothing said yet."),
            classes=["round-log"],
        )
    if not student:
        InjectEvent(session, update, view)
    if view.finished and session.seat is not None:
        Debrief(session, view, student)
    if session.seat is not None:
        with solara.Details(summary="Your confidential role sheet", expand=False):
            sheet = to_fragment(role_sheet(session.scenario, session.seat))
            solara.HTML(tag="div", unsafe_innerHTML=sheet, classes=["negosim-prose"])


@solara.component
def SeatAndAxes(
    session: Session,
    update: Update,
    game: Game,
    pair: tuple[str, ...],
    set_pair: Callable[[tuple[str, ...]], None],
    student: bool,
) -> None:
    labels = {game.label(i): name for i, name in enumerate(game.actors)}
    by_name = {name: label for label, name in labels.items()}
    with solara.Row():
        solara.Select(
            "Your seat",
            values=list(labels) if student else [WATCH, *labels],
            value=by_name.get(session.seat or "", None if student else WATCH),
            on_value=lambda chosen: update(session.with_seat(labels.get(chosen))),
        )
        if student:
            return
        solara.Select(
            "Horizontal axis",
            values=list(labels),
            value=by_name[pair[0]],
            on_value=lambda chosen: set_pair((labels[chosen], pair[1])),
        )
        solara.Select(
            "Vertical axis",
            values=list(labels),
            value=by_name[pair[1]],
            on_value=lambda chosen: set_pair((pair[0], labels[chosen])),
        )


@solara.component
def Controls(session: Session, update: Update, table: Table, view: View, student: bool) -> None:
    """Stepping is the watcher's: a seated person's game runs on to their next move by itself."""
    waiting = view.question is not None and session.seat is not None
    stuck = view.finished or waiting
    with solara.Row():
        if not student:
            solara.Button(
                "Next round",
                on_click=lambda: update(session.with_table(table.step())),
                disabled=stuck,
            )
            solara.Button(
                "Play to the end" if session.seat is None else "Play to my next move",
                on_click=lambda: update(session.with_table(table.to_the_end())),
                disabled=stuck,
            )
        solara.Button("Start again", on_click=lambda: update(session.with_table(None)), text=True)
    if view.result is not None:
        status = (
            f"Deal in round {view.result.rounds}."
            if view.result.agreement
            else f"No deal ({view.result.reason}) after {view.result.rounds} rounds."
        )
    else:
        status = f"Round {view.rounds} of at most {view.game.deadline} played."
        if waiting:
            status += " Your move."
    Prose(f"**{status}**")


@solara.component
def LiveFigure(session: Session, view: View, pair: tuple[str, ...]) -> None:
    """The utility space while watching and after the end; while a person plays, only what
    they know: their own points for each offer."""
    data = solara.use_memo(
        lambda: space_data(session.scenario, (pair[0], pair[1])),
        dependencies=[id(session.scenario), pair],
    )
    game = view.game
    moves = _moves(view)
    colours = actor_colours(list(session.scenario.actors))
    caption = Caption(session.scenario.title, seed=session.seed)
    labels = {name: game.label(i) for i, name in enumerate(game.actors)}
    proposers = [game.actors[p] if p >= 0 else "mediator" for _, p, _ in moves]
    rounds = [r + 1 for r, _, _ in moves]
    if session.seat is not None and not view.finished:
        seat = game.actors.index(session.seat)
        offers = pd.DataFrame(
            {
                "round": rounds,
                "points": [100 * float(game.utilities[o, seat]) for _, _, o in moves],
                "proposer": proposers,
            }
        )
        offers.attrs.update(labels=labels)
        walk_away = 100 * float(game.reservation[seat])
        with figure_fonts(projector.value):
            figure = points_by_round(offers, walk_away, colours, caption)
    else:
        a, b = (game.actors.index(name) for name in pair)
        offers = pd.DataFrame(
            {
                pair[0]: [float(game.utilities[o, a]) for _, _, o in moves],
                pair[1]: [float(game.utilities[o, b]) for _, _, o in moves],
                "round": rounds,
                "proposer": proposers,
            }
        )
        offers.attrs.update(labels=labels, deal=bool(view.result and view.result.agreement))
        reservation = {pair[0]: float(game.reservation[a]), pair[1]: float(game.reservation[b])}
        with figure_fonts(projector.value):
            figure = offers_in_space(
                data.outcomes, offers, reservation, data.points, colours, caption
            )
    solara.FigureMatplotlib(figure, format="png")


def _moves(view: View) -> list[tuple[int, int, int]]:
    """Every offer made, and the one a person is being asked about."""
    moves = list(view.offers)
    question = view.question
    if question is not None and question.offer is not None:
        proposer = NEUTRAL_MEDIATOR if question.proposer is None else question.proposer
        moves.append((question.round, proposer, question.offer))
    return moves


@solara.component
def InjectEvent(session: Session, update: Update, view: View) -> None:
    EventForm(
        view.game,
        lambda event: update(session.with_table(session.at_table().inject(view, event))),
        disabled=view.finished,
    )
