"""Relative tit-for-tat (Faratin, Sierra and Jennings, 1998): concede as much as the others did.

The actor opens with its best outcome. Each time it proposes again it lowers its target by the
average concession the others made to it since their previous offers (in its own utility), raising it
again if they retract. A small opening gesture keeps two reciprocators from waiting on each other.
It never goes below what beats walking away, offers at its target what its model says the others
like best, and accepts by its acceptance condition. Under a mediator, the successive texts count as
the others' offers.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from negosim.arrays import FloatArray
from negosim.strategies.base import ParameterSpec, Strategy
from negosim.strategies.concession import COMMON, Concession
from negosim.strategies.offering import choose_offer, window
from negosim.strategies.seat import Seat, floors_to_beat_leaving


class TitForTat(Concession):
    """Concedes as much as the others conceded to it (relative tit-for-tat)."""

    name: ClassVar[str] = "tit_for_tat"
    classifier: ClassVar[dict[str, Any]] = {
        **Strategy.classifier,
        "reactive": True,
        "uses_opponent_model": True,
    }
    parameters: ClassVar[dict[str, ParameterSpec]] = {
        "gesture": (float, 0.02, "utility conceded on the first counter-offer, unasked"),
        "factor": (float, 1.0, "share of the others' concession that is returned"),
        **COMMON,
    }

    def forget(self) -> None:
        """Forget the others' offers and start again from the best outcome."""
        super().forget()
        self.latest: dict[int, float] = {}
        self.previous: dict[int, float] = {}
        self.proposed = False
        self.aim: float | None = None

    def plan(self, seat: Seat) -> None:
        """Plan the floors (what beats leaving, round by round); keep the current aim.

        Parameters
        ----------
        seat
            The actor's place at the table.
        """
        super().plan(seat)
        self.ceiling = seat.best_utility
        if self.aim is None:
            self.aim = self.ceiling

    def shape(self) -> float:  # noqa: D102  # numpydoc ignore=GL08
        return -1.0

    def curve(self, seat: Seat) -> FloatArray:
        """No schedule of its own: only the floors of what beats leaving, round by round.

        Parameters
        ----------
        seat
            The actor's place at the table.

        Returns
        -------
        FloatArray
            One floor per round.
        """
        rounds = np.arange(seat.deadline)
        floors = floors_to_beat_leaving(seat, rounds)
        lowest = min(seat.reservation, seat.best_utility)
        floored: FloatArray = np.minimum(np.maximum(floors, lowest), seat.best_utility)
        return floored

    def target(self, round_: int) -> float:  # noqa: D102  # numpydoc ignore=GL08
        assert self.aim is not None
        return max(self.aim, super().target(round_))

    def observe(self, round_: int, proposer: int, offer: int) -> None:  # noqa: D102  # numpydoc ignore=GL08
        if proposer == self.me.index:
            return
        if proposer in self.latest:
            self.previous[proposer] = self.latest[proposer]
        self.latest[proposer] = float(self.me.utilities[offer])

    def propose(self, round_: int) -> int:  # noqa: D102  # numpydoc ignore=GL08
        self._reciprocate()
        candidates = window(self.me, self.target(round_), float(self.params["window"]))
        if self.model is None:
            return int(candidates[-1])
        return choose_offer(self.me, self.model, candidates, round_)

    def respond(self, round_: int, offer: int, proposer: int) -> bool:  # noqa: D102  # numpydoc ignore=GL08
        if proposer < 0 and self.previous:
            self._reciprocate()  # a mediated text: reciprocate the movement of the text
        return super().respond(round_, offer, proposer)

    def _reciprocate(self) -> None:
        """Move the aim by the others' average concession since their previous offers."""
        assert self.aim is not None
        concessions = [self.latest[a] - self.previous[a] for a in self.previous]
        step = sum(concessions) / len(concessions) if concessions else 0.0
        if self.proposed and not concessions:
            step = float(self.params["gesture"])
        self.previous.clear()
        self.aim = min(self.ceiling, self.aim - float(self.params["factor"]) * step)
        self.proposed = True
