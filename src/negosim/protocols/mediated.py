"""The single negotiating text (Fisher; Raiffa's Camp David account): a mediator tables one text,
the parties accept or object, and the mediator revises the text toward one all can accept.

The mediator starts from the draft terms where the scenario gives them (else the status quo) and each
round moves one issue at a time: to the neighbouring text that the ratification rule would pass,
with the most support, and then that raises the worst-off party's gain over its walk-away (a neutral
mediator) or the mediator's own utility (a mediator who is also a party). A text every party
could ratify stays on the table while the parties come round; when no revision improves a text
that cannot pass, talks are deadlocked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import numpy as np

from negosim.protocols.base import Protocol

if TYPE_CHECKING:
    from negosim.model import NegotiationModel

NEUTRAL = -1


class MediatedText(Protocol):
    name: ClassVar[str] = "mediated"
    description: ClassVar[str] = "a mediator revises one text until every party can accept it"

    def reset(self, model: NegotiationModel) -> None:
        game = model.game
        mediator = game.options.get("mediator")
        self.mediator = game.actors.index(str(mediator)) if mediator in game.actors else NEUTRAL
        self.text = _opening_text(model)

    def play_round(self, model: NegotiationModel) -> None:
        if model.vote(self.mediator, self.text):
            return
        revised, acceptable = self._revise(model)
        if revised == self.text and not acceptable:
            model.conclude(None, "deadlock", None)
        self.text = revised

    def _revise(self, model: NegotiationModel) -> tuple[int, bool]:
        """The best text among the current one and its neighbours, and whether it is one every
        party could ratify (then the mediator waits for the parties to come round)."""
        game = model.game
        candidates = np.append(_neighbours(model, self.text), self.text)
        u = game.utilities[candidates]
        accepts = game.admissible[candidates] & (u >= game.reservation)
        passes = game.ratify_matrix(accepts, candidates)
        support = accepts @ game.power
        worst_gain = np.min(u - game.reservation, axis=1)
        if self.mediator == NEUTRAL:
            keys = (u.sum(axis=1), worst_gain, support, passes)
        else:
            keys = (worst_gain, u[:, self.mediator], support, passes)
        best = np.lexsort(keys)[-1]
        return int(candidates[best]), bool(passes[best])


def _opening_text(model: NegotiationModel) -> int:
    space = model.game.space
    if space is None:
        return int(np.argmax(model.game.utilities.sum(axis=1)))
    levels = [axis.status_quo if axis.draft is None else axis.draft for axis in space.axes]
    return int(np.ravel_multi_index(levels, space.shape))


def _neighbours(model: NegotiationModel, text: int) -> np.ndarray:
    """Every text that differs from ``text`` on exactly one issue."""
    space = model.game.space
    if space is None:
        return np.arange(model.game.size)
    levels = space.levels(text)
    found = []
    for k, axis in enumerate(space.axes):
        others = np.delete(np.arange(axis.size), levels[k])
        moved = np.repeat(levels[:, None], len(others), axis=1)
        moved[k] = others
        found.append(np.ravel_multi_index(tuple(moved), space.shape))
    return np.concatenate(found) if found else np.zeros(0, dtype=np.int64)
