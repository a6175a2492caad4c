"""Trade-offs by similarity (Faratin, Sierra and Jennings, 2002).

Instead of conceding on every issue, the negotiator looks on its own iso-utility curve — the
outcomes that meet its current target — for the one most similar to what the others last offered,
so that it gives them what they asked for on the issues they care about and keeps what it cares
about. Similarity is Faratin's weighted sum over issues: 1 − |x − y| / range on ordered issues,
1 if equal else 0 on categorical ones, weighted by the issue weights its frequency model has learnt
for that actor; with several others, the mean over them. Before anyone has offered, it offers at its
target like the other concession strategies.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from negosim.arrays import FloatArray, IntArray
from negosim.strategies.base import ParameterSpec
from negosim.strategies.concession import COMMON, Concession
from negosim.strategies.offering import window
from negosim.strategies.opponents import FrequencyModel


class TradeOff(Concession):
    """Concedes over time, offering at its target what is most similar to the others' offers."""

    name: ClassVar[str] = "tradeoff"
    parameters: ClassVar[dict[str, ParameterSpec]] = {
        "exponent": (float, 1.0, "concession exponent of the own target (as time_dependent)"),
        **COMMON,
        "window": (float, 0.1, "utility band above the target searched for a similar offer"),
    }

    def forget(self) -> None:
        """Forget the others' offers."""
        super().forget()
        self.last_offers: dict[int, int] = {}

    def observe(self, round_: int, proposer: int, offer: int) -> None:  # noqa: D102  # numpydoc ignore=GL08
        if 0 <= proposer != self.me.index:
            self.last_offers[proposer] = offer

    def propose(self, round_: int) -> int:  # noqa: D102  # numpydoc ignore=GL08
        game = self.me.game
        if not self.last_offers or game.space is None or game.levels is None:
            return super().propose(round_)
        candidates = window(self.me, self.target(round_), float(self.params["window"]))
        similarity = np.mean(
            [
                self._similarity(candidates, actor, offer)
                for actor, offer in self.last_offers.items()
            ],
            axis=0,
        )
        return int(candidates[int(np.argmax(similarity))])

    def _similarity(self, candidates: IntArray, actor: int, offer: int) -> FloatArray:
        """Faratin's similarity of each candidate to ``actor``'s last offer."""
        game = self.me.game
        assert game.space is not None
        assert game.levels is not None
        levels, theirs = game.levels[candidates], game.levels[offer]
        spans = np.array([max(axis.size - 1, 1) for axis in game.space.axes], dtype=np.float64)
        ordered = np.array([axis.kind != "categorical" for axis in game.space.axes])
        close = np.where(
            ordered, 1.0 - np.abs(levels - theirs) / spans, (levels == theirs).astype(np.float64)
        )
        if isinstance(self.model, FrequencyModel):
            self.model.catch_up()
        weights = (
            self.model.weights[actor]
            if isinstance(self.model, FrequencyModel)
            else np.full(len(spans), 1.0 / len(spans))
        )
        similarity: FloatArray = close @ weights
        return similarity
