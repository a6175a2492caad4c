"""The instructor's event form: who, what changes, the new value and what happened — one form for
the negotiation on show and for the class's tables."""

from __future__ import annotations

from collections.abc import Callable

import solara

from negosim.games.game import Game
from negosim.scenario.model import Event
from negosim.scenario.words import PARAMETER_WORDS

INJECTED = "injected by the instructor in the negosim dashboard"
CHANGEABLE = ("reservation", "power", "discount")


def injected_event(actor: str, parameter: str, value: float, label: str) -> Event:
    """The event the form describes; its round is set where it is injected.

    Parameters
    ----------
    actor
        Whose parameter changes.
    parameter
        Which (walk-away, power or patience).
    value
        Its new value.
    label
        What happened, in the log.

    Returns
    -------
    Event
        The event, scheduled for round 0 until injected.
    """
    return Event(
        round=0,
        label=label or f"{PARAMETER_WORDS[parameter]} of {actor} changed",
        actor=actor,
        parameter=parameter,
        set=value,
        assumption=INJECTED,
    )


@solara.component
def EventForm(
    game: Game, on_inject: Callable[[Event], None], disabled: bool = False, folded: bool = True
) -> None:
    """``folded``: inside its own fold (the Negotiation tab); else laid out where it is put."""
    if folded:
        with solara.Details(summary="Instructor: inject an event now", expand=False):
            EventFields(game, on_inject, disabled)
    else:
        EventFields(game, on_inject, disabled)


@solara.component
def EventFields(game: Game, on_inject: Callable[[Event], None], disabled: bool) -> None:
    labels = {game.label(i): name for i, name in enumerate(game.actors)}
    actor, set_actor = solara.use_state(next(iter(labels)))
    parameter, set_parameter = solara.use_state("reservation")
    value, set_value = solara.use_state(0.5)
    label, set_label = solara.use_state("")
    named = {PARAMETER_WORDS[p]: p for p in CHANGEABLE}
    if actor not in labels:  # another table's game: its first actor
        actor = next(iter(labels))
    solara.Select("Who", values=list(labels), value=actor, on_value=set_actor)
    solara.Select(
        "What changes",
        values=list(named),
        value=PARAMETER_WORDS[parameter],
        on_value=lambda word: set_parameter(named[word]),
    )
    solara.SliderFloat(
        "New value",
        value=value,
        min=0.01,
        max=1.0,
        step=0.01,
        on_value=set_value,
        thumb_label="always",
    )
    solara.InputText("What happened (shown in the log)", value=label, on_value=set_label)
    solara.Button(
        "Inject now",
        disabled=disabled,
        on_click=lambda: on_inject(injected_event(labels[actor], parameter, value, label)),
    )
