"""Relative tit-for-tat (Faratin, Sierra and Jennings, 1998): concede as much as the others did.

The actor opens with its best outcome. Each time it proposes again it lowers its target by the
average concession the others made to it since their previous offers (in its own utility), raising it
again if they retract. A small opening gesture keeps two reciprocators from waiting on each other.
It never goes below its reservation and accepts offers that meet its current target. Under a
mediator, the successive texts count as the others' offers.
"""

from __future__ import annotations

from typing import Any, ClassVar

from negosim.strategies.base import Seat, Strategy


class TitForTat(Strategy):
    """Concedes as much as the others conceded to it (relative tit-for-tat)."""

    name: ClassVar[str] = "tit_for_tat"
    classifier: ClassVar[dict[str, Any]] = {**Strategy.classifier, "reactive": True}
    parameters: ClassVar[dict[str, tuple[type, Any, str]]] = {
        "gesture": (float, 0.02, "utility conceded on the first counter-offer, unasked"),
        "factor": (float, 1.0, "share of the others' concession that is returned"),
    }

    def reset(self, seat: Seat) -> None:
        """Aim at the best outcome and forget every earlier offer.

        Parameters
        ----------
        seat
            The actor's place at the table.
        """
        super().reset(seat)
        self.ceiling = seat.best_utility
        self.target = self.ceiling
        self.latest: dict[int, float] = {}
        self.previous: dict[int, float] = {}
        self.proposed = False

    def observe(self, round_: int, proposer: int, offer: int) -> None:
        """Remember what each other actor's latest offer is worth.

        Parameters
        ----------
        round_
            The round it was made.
        proposer
            Who made it.
        offer
            The outcome offered.
        """
        if proposer == self.me.index:
            return
        if proposer in self.latest:
            self.previous[proposer] = self.latest[proposer]
        self.latest[proposer] = float(self.me.utilities[offer])

    def propose(self, round_: int) -> int:
        """Lower the target by the others' average concession since their previous offers.

        Parameters
        ----------
        round_
            The current round.

        Returns
        -------
        int
            The acceptable outcome that just meets the new target.
        """
        concessions = [self.latest[a] - self.previous[a] for a in self.previous]
        step = sum(concessions) / len(concessions) if concessions else 0.0
        if self.proposed and not concessions:
            step = float(self.params["gesture"])
        self.previous.clear()
        floor = min(self.me.reservation, self.ceiling)
        self.target = min(
            self.ceiling, max(floor, self.target - float(self.params["factor"]) * step)
        )
        self.proposed = True
        return int(self.me.at_least([self.target])[0])

    def respond(self, round_: int, offer: int, proposer: int) -> bool:
        """Accept what meets the current target; a mediator's new text counts as a concession.

        Parameters
        ----------
        round_
            The current round.
        offer
            The outcome offered.
        proposer
            Who offers it.

        Returns
        -------
        bool
            Whether the actor accepts.
        """
        if proposer < 0 and self.previous:
            self.propose(round_)  # a mediated text: reciprocate the movement of the text
        return self.me.acceptable(offer) and bool(self.me.utilities[offer] >= self.target - 1e-12)
