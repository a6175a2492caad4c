"""The seated person's move: answer the offer on the table, or build one issue by issue, seeing
only their own points and warned before they cross a red line or fall below their walk-away.

The same form serves a person playing the simulated stakeholders and a person at a classroom
table: it knows the game, the seat and the question, and hands the answer to ``on_answer``."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import solara

from negosim.games.game import Game
from negosim.outcomes.space import Axis
from negosim.play.tables import Turn
from negosim.scenario.couplings import Coupling, red_lines_crossed
from negosim.web.table import best_offer, options_of
from negosim.web.text import Prose

Answer = Callable[[int | bool], None]
LONG_LIST = 12
"""A numeric issue with more options than this is set with a slider, not a drop-down."""


@solara.component
def YourMove(
    game: Game,
    couplings: list[Coupling],
    seat: int,
    question: Turn,
    on_answer: Answer,
    start: int | None = None,
) -> None:
    """``start``: the offer the form opens with (default: the seat's best)."""
    with solara.Card(f"Your move · round {question.round + 1}"):
        if question.kind == "respond":
            assert question.offer is not None
            assert question.proposer is not None
            who = "The mediator" if question.proposer < 0 else game.label(question.proposer)
            Prose(f"**{who} proposes:**\n\n{_terms_table(game, question.offer)}")
            _points_line(couplings, game, seat, question.offer)
            with solara.Row():
                solara.Button(
                    "Accept",
                    color="success",
                    on_click=lambda: on_answer(True),
                    disabled=not game.admissible[question.offer, seat],
                )
                solara.Button("Reject", color="error", on_click=lambda: on_answer(False))
        else:
            first = best_offer(game, seat) if start is None else start
            OfferForm(game, couplings, seat, on_answer, first).key(f"offer-{question.round}")


@solara.component
def OfferForm(
    game: Game, couplings: list[Coupling], seat: int, on_answer: Answer, first: int
) -> None:
    assert game.space is not None
    start = tuple(int(x) for x in game.space.levels(first))
    levels, set_levels = solara.use_state(start)
    if first == best_offer(game, seat):
        Prose("**Your offer, issue by issue** (it starts from the one best for you):")
    else:
        Prose("**Your offer, issue by issue** (it starts from your last one):")

    def set_level(k: int, level: int) -> None:
        set_levels(tuple(level if j == k else x for j, x in enumerate(levels)))

    def by_value(k: int, axis: Axis) -> Callable[[float], None]:
        return lambda value: set_level(k, axis.level_of(value))

    def by_label(k: int, options: list[str]) -> Callable[[str], None]:
        return lambda chosen: set_level(k, options.index(chosen))

    for k, (axis, options) in enumerate(zip(game.space.axes, options_of(game), strict=True)):
        name = axis.name.replace("_", " ")
        if axis.labels is None and axis.size > LONG_LIST:
            low, high = float(axis.points[0]), float(axis.points[-1])
            step = float(axis.points[1] - axis.points[0])
            value = float(axis.points[levels[k]])
            solara.SliderFloat(
                name, value=value, min=low, max=high, step=step, on_value=by_value(k, axis)
            )
        else:
            solara.Select(
                name, values=options, value=options[levels[k]], on_value=by_label(k, options)
            )
    offer = int(np.ravel_multi_index(levels, game.space.shape))
    _points_line(couplings, game, seat, offer)
    solara.Button("Make this offer", color="primary", on_click=lambda: on_answer(offer))


def _terms_table(game: Game, outcome: int) -> str:
    rows = [
        f"| {k.replace('_', ' ')} | {str(v).replace('_', ' ')} |"
        for k, v in game.describe(outcome).items()
    ]
    return "\n".join(["| issue | option |", "| --- | --- |", *rows])


def _points_line(couplings: list[Coupling], game: Game, seat: int, outcome: int) -> None:
    points = 100 * float(game.utilities[outcome, seat])
    walk_away = 100 * float(game.reservation[seat])
    Prose(f"Worth **{points:.0f} points** to you (your walk-away: {walk_away:.0f}).")
    if not game.admissible[outcome, seat]:
        crossed = red_lines_crossed(couplings, game.actors[seat], game.describe(outcome))
        which = "; ".join(crossed) or "a condition on a settled issue"
        solara.Warning(f"This crosses your red line ({which}): you cannot accept it.")
    elif points < walk_away:
        solara.Warning("This is worth less to you than your walk-away.")
