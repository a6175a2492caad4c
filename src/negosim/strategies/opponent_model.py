"""Learns what the others want from what they offer, then offers what they are likely to accept.

A frequency model in the style of the ANAC agents (HardHeaded, 2011): an option an actor offers
often is one it values; an issue it never changes is one it cares about. Among the outcomes that meet
its own time-dependent target, the actor offers the one whose least-pleased counterpart, by the
model, is most pleased.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from negosim.arrays import FloatArray, IntArray
from negosim.strategies.base import Seat
from negosim.strategies.time_dependent import TimeDependent


class OpponentModelling(TimeDependent):
    """Concedes over time, offering what its model of the others' wishes says they will accept."""

    name: ClassVar[str] = "opponent_model"
    classifier: ClassVar[dict[str, Any]] = {
        **TimeDependent.classifier,
        "reactive": True,
        "uses_opponent_model": True,
    }
    parameters: ClassVar[dict[str, tuple[type, Any, str]]] = {
        "exponent": (float, 1.0, "concession exponent of the own target (as time_dependent)"),
        "window": (float, 0.05, "utility band above the target searched for the best offer"),
    }

    def reset(self, seat: Seat) -> None:
        """Plan the target curve and start with an empty model of every other actor.

        Parameters
        ----------
        seat
            The actor's place at the table.
        """
        super().reset(seat)
        self.levels = seat.game.levels
        self.counts: dict[int, list[FloatArray]] = {}
        self.stable: dict[int, FloatArray] = {}
        self.previous_levels: dict[int, IntArray] = {}

    def observe(self, round_: int, proposer: int, offer: int) -> None:
        """Count the options an actor offers and note the issues it keeps unchanged.

        Parameters
        ----------
        round_
            The round it was made.
        proposer
            Who made it (the actor's own offers and the mediator's texts are not counted).
        offer
            The outcome offered.
        """
        if self.levels is None or proposer == self.me.index or proposer < 0:
            return
        levels = self.levels[offer]
        if proposer not in self.counts:
            shape = self.me.game.space.shape if self.me.game.space else ()
            self.counts[proposer] = [np.zeros(size) for size in shape]
            self.stable[proposer] = np.ones(len(shape))
        for issue, level in enumerate(levels):
            self.counts[proposer][issue][level] += 1
        if proposer in self.previous_levels:
            self.stable[proposer] += self.previous_levels[proposer] == levels
        self.previous_levels[proposer] = levels

    def propose(self, round_: int) -> int:
        """Among outcomes near the target, the one the least-pleased other actor likes most, by the model.

        Parameters
        ----------
        round_
            The current round.

        Returns
        -------
        int
            The outcome offered (the time-dependent offer before anything is observed).
        """
        default = super().propose(round_)
        if self.levels is None or not self.counts:
            return default
        order, utilities = self.me.ranked
        target = self.targets[min(round_, len(self.targets) - 1)]
        band = order[(utilities >= target - 1e-12) & (utilities <= target + self.params["window"])]
        if band.size == 0:
            return default
        return int(band[np.argmax(self._least_pleased(band))])

    def _least_pleased(self, outcomes: IntArray) -> FloatArray:
        levels = self.levels[outcomes] if self.levels is not None else np.zeros((0, 0), int)
        estimates = []
        for actor, counts in self.counts.items():
            weights = self.stable[actor] / self.stable[actor].sum()
            values = [c / c.max() for c in counts]
            estimates.append(
                sum(
                    w * v[levels[:, k]]
                    for k, (w, v) in enumerate(zip(weights, values, strict=True))
                )
            )
        least: FloatArray = np.min(estimates, axis=0)
        return least
