"""Why a negotiation ended as it did: who had nothing to spare, what red lines held off, who was pivotal.

A deal is explained by what constrained it. An actor *binds* when the deal is worth barely more to it
than walking away (it could not have been asked for more). A red line *binds* when a change of one
term that the actor's red lines forbid would have been worth more to everyone else at the table. An
actor is *pivotal* when its no alone would have sunk the deal under the ratification rules, and a
consent is *needed* when the terms commit the actor who must consent to them.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from negosim.arrays import FloatArray
from negosim.games.game import Game
from negosim.games.result import Result

MARGIN = 0.02
"""How close to its walk-away a deal must leave an actor for the actor to bind (in utility)."""


@dataclass(frozen=True)
class HeldOff:
    """A change of one term that an actor's red lines forbid and the others would have preferred.

    Attributes
    ----------
    actor
        Whose red line holds it off.
    issue
        The term it would have changed.
    option
        What the others would have moved it to.
    gain
        What the others would have gained together, in utility.
    """

    actor: int
    issue: str
    option: object
    gain: float


@dataclass(frozen=True)
class Why:
    """What constrained one deal.

    Attributes
    ----------
    spare
        Each actor's discounted utility of the deal minus its walk-away.
    binding
        Actors left within :data:`MARGIN` of their walk-away.
    held_off
        Red lines that bind, the strongest per actor.
    consents
        Actors whose consent these terms needed.
    pivotal
        Actors whose no alone would have sunk the deal.
    """

    spare: FloatArray
    binding: tuple[int, ...]
    held_off: tuple[HeldOff, ...]
    consents: tuple[int, ...]
    pivotal: tuple[int, ...]


def why(game: Game, result: Result) -> Why | None:
    """What constrained a deal, or ``None`` when there was none.

    Parameters
    ----------
    game
        The game as it stood at the end.
    result
        What the negotiation produced.

    Returns
    -------
    Why or None
        The constraints of the deal.
    """
    if not result.agreement or result.outcome is None:
        return None
    outcome = result.outcome
    spare = result.discounted - game.own("reservation")
    return Why(
        spare=spare,
        binding=tuple(int(i) for i in np.flatnonzero(spare < MARGIN)),
        held_off=tuple(h for i in range(game.n) if (h := _held_off(game, outcome, i))),
        consents=tuple(
            column for rule in game.rules for column, needed in rule.consent if needed[outcome]
        ),
        pivotal=tuple(i for i in range(game.n) if _pivotal(game, outcome, i)),
    )


def _pivotal(game: Game, outcome: int, actor: int) -> bool:
    """Whether the deal fails when ``actor`` alone says no."""
    answers = [i != actor for i in range(game.n)]
    return not game.ratified(answers, outcome)


def _held_off(game: Game, outcome: int, actor: int) -> HeldOff | None:
    """The one-term change the actor's red lines forbid that the others would gain most from."""
    if game.space is None or game.admissible[:, actor].all():
        return None
    space, levels = game.space, game.space.levels(outcome)
    others = [i for i in range(game.n) if i != actor]
    here = float(game.utilities[outcome, others].sum())
    best: HeldOff | None = None
    for k, axis in enumerate(space.axes):
        for level in range(axis.size):
            moved = list(levels)
            moved[k] = level
            row = int(np.ravel_multi_index(moved, space.shape))
            if game.admissible[row, actor] or not game.admissible[row, others].all():
                continue
            gain = float(game.utilities[row, others].sum()) - here
            if gain > 1e-9 and (best is None or gain > best.gain):
                best = HeldOff(actor, axis.name, axis.value(level), gain)
    return best


def why_lines(game: Game, result: Result) -> Iterator[str]:
    """The explanation of a result, in sentences for the terminal and the dashboard.

    Parameters
    ----------
    game
        The game as it stood at the end.
    result
        What the negotiation produced.

    Yields
    ------
    str
        One line at a time, starting with ``Why this deal:`` (or ``Why no deal:``).
    """
    explained = why(game, result)
    if explained is None:
        yield "Why no deal: " + _no_deal(game, result)
        return
    yield "Why this deal:"
    if explained.binding:
        spare = ", ".join(f"{game.label(i)} {explained.spare[i]:+.3f}" for i in explained.binding)
        yield f"  at their walk-away (nothing to spare): {spare}"
    else:
        least = int(np.argmin(explained.spare))
        yield (
            f"  nobody is at its walk-away; {game.label(least)} has least to spare "
            f"({explained.spare[least]:+.3f})"
        )
    for held in explained.held_off:
        option = str(held.option).replace("_", " ")
        yield (
            f"  {game.label(held.actor)}'s red lines hold off {held.issue} {option} "
            f"(worth {held.gain:+.3f} to the others together)"
        )
    if explained.consents:
        yield "  consent needed for these terms: " + _names(game, explained.consents)
    if explained.pivotal:
        yield "  a no from any one of these would have sunk it: " + _names(game, explained.pivotal)


def _names(game: Game, actors: tuple[int, ...]) -> str:
    return ", ".join(dict.fromkeys(game.label(i) for i in actors))


def _no_deal(game: Game, result: Result) -> str:
    """One sentence for each way talks end without a deal."""
    if result.reason == "walked out" and result.walked_out is not None:
        who, option = game.label(result.walked_out), float(game.outside[result.walked_out])
        if not math.isnan(option):  # it held an outside option
            return f"{who} took its outside option: nothing at the table beat {option:.2f}."
        return f"{who} walked out: nothing it could still get beat its walk-away."
    sentences = {
        "deadline": "time ran out before any text passed.",
        "deadlock": "the text stopped moving and could not pass.",
        "breakdown": "talks broke down for reasons outside the table.",
        "condition unmet": "no outcome meets every red line of the actors the rules need.",
        "not ratified at home": "the table agreed, but a ratifier at home rejected the deal.",
        "interrupted": "the negotiation was interrupted.",
    }
    return sentences.get(result.reason, result.reason + ".")
