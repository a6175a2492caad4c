"""The single negotiating text (Fisher; Raiffa's Camp David account).

A mediator tables one text, the parties accept or object, and the mediator revises the text toward
one all can accept.

The mediator starts from the draft terms where the scenario gives them (else the status quo) and each
round moves one issue at a time: to the neighbouring text that the ratification rule would pass,
with the most support, and then that raises the worst-off party's gain over its walk-away (a neutral
mediator) or the mediator's own utility (a mediator who is also a party). A text every party
could ratify stays on the table while the parties come round; when no revision improves a text
that cannot pass, talks are deadlocked.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from negosim.arrays import IntArray
from negosim.games.game import Game
from negosim.games.result import NEUTRAL_MEDIATOR
from negosim.protocols.base import Protocol, Table


class MediatedText(Protocol):
    """One text on the table, revised by the mediator until it passes or cannot improve."""

    name: ClassVar[str] = "mediated"
    description: ClassVar[str] = "a mediator revises one text until every party can accept it"

    def reset(self, table: Table) -> None:
        """Seat the mediator and open with the draft terms.

        Parameters
        ----------
        table
            The negotiation about to start.
        """
        chair = table.game.options.mediation.mediator
        self.mediator = NEUTRAL_MEDIATOR if chair is None else chair
        self.text = _opening_text(table.game)

    def play_round(self, table: Table) -> None:
        """Put the text to the parties; if it fails, revise it (or declare a deadlock).

        Parameters
        ----------
        table
            The negotiation in progress.
        """
        if table.vote(self.mediator, self.text):
            return
        revised, acceptable = self._revise(table.game)
        if revised == self.text and not acceptable:
            table.conclude(None, "deadlock", None)
        self.text = revised

    def _revise(self, game: Game) -> tuple[int, bool]:
        """The best text among the current one and its neighbours.

        Also whether it is one every party could ratify (then the mediator waits for the parties
        to come round).
        """
        candidates = np.append(_neighbours(game, self.text), self.text)
        u = game.utilities[candidates]
        accepts = game.admissible[candidates] & (u >= game.reservation)
        passes = game.ratify_matrix(accepts, candidates)
        support = accepts @ game.power
        worst_gain = np.min(u - game.reservation, axis=1)
        if self.mediator == NEUTRAL_MEDIATOR:
            keys = (u.sum(axis=1), worst_gain, support, passes)
        else:
            keys = (worst_gain, u[:, self.mediator], support, passes)
        best = np.lexsort(keys)[-1]
        return int(candidates[best]), bool(passes[best])


def _opening_text(game: Game) -> int:
    space = game.space
    if space is None:
        return int(np.argmax(game.utilities.sum(axis=1)))
    levels = [axis.status_quo if axis.draft is None else axis.draft for axis in space.axes]
    return int(np.ravel_multi_index(levels, space.shape))


def _neighbours(game: Game, text: int) -> IntArray:
    """Every text that differs from ``text`` on exactly one issue."""
    space = game.space
    if space is None:
        return np.arange(game.size)
    levels = space.levels(text)
    found = []
    for k, axis in enumerate(space.axes):
        others = np.delete(np.arange(axis.size), levels[k])
        moved = np.repeat(levels[:, None], len(others), axis=1)
        moved[k] = others
        found.append(np.ravel_multi_index(tuple(moved), space.shape))
    return np.concatenate(found) if found else np.zeros(0, dtype=np.int64)
