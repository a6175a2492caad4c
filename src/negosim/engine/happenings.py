"""Events during a negotiation: which are due this round, and what they change.

Scheduled events happen at their round. Conditional ones (see
:class:`~negosim.scenario.model.Event`) happen once, from their round on, at the first round the
offer on the table meets their condition and their draw succeeds; their change applies to the value
the parameter has then.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from negosim.games.events import EngineEvent
from negosim.games.game import Game
from negosim.scenario.words import PARAMETER_WORDS, possessive


def due(
    events: Sequence[EngineEvent],
    round_: int,
    on_table: int | None,
    happened: set[int],
    rng: np.random.Generator,
) -> list[EngineEvent]:
    """The events that happen at the start of this round (conditional ones marked as happened).

    Parameters
    ----------
    events
        The game's events.
    round_
        The current round.
    on_table
        The latest offer voted on, ``None`` before any.
    happened
        Indices of conditional events that already happened; updated.
    rng
        The model's generator: one draw per conditional event with a chance below one that
        could happen this round.

    Returns
    -------
    list of EngineEvent
        In the order the scenario lists them.
    """
    found = []
    for index, event in enumerate(events):
        if not event.conditional:
            if event.round == round_:
                found.append(event)
            continue
        if index in happened or event.round > round_:
            continue
        if event.when is not None and (on_table is None or not event.when[on_table]):
            continue
        if event.chance < 1.0 and rng.random() >= event.chance:
            continue
        happened.add(index)
        found.append(event)
    return found


def apply_event(game: Game, event: EngineEvent) -> tuple[Game, float]:
    """The game after an event, and the changed parameter's new value.

    Parameters
    ----------
    game
        The game before.
    event
        The event.

    Returns
    -------
    tuple
        The new game and the value set.
    """
    if event.column is not None:
        utilities = game.own("utilities").copy()
        utilities[:, event.actor] = event.column
        return game.changed(utilities=utilities), event.value
    array = game.own(event.parameter).copy()
    array[event.actor] = event.applied_to(float(array[event.actor]))
    return game.changed(**{event.parameter: array}), float(array[event.actor])


def telling(game: Game, event: EngineEvent, value: float) -> str:
    """An event as the narrative tells it.

    Parameters
    ----------
    game
        The game.
    event
        The event that happened.
    value
        The parameter's new value.

    Returns
    -------
    str
        ``label (by whom): actor's parameter → value``, in the app's words (walk-away,
        patience, cost per round, power, priorities).
    """
    by = f" ({event.by})" if event.by else ""
    whose = possessive(game.label(event.actor))
    what = PARAMETER_WORDS.get(event.parameter, event.parameter)
    return f"{event.label}{by}: {whose} {what} → {value:g}"
