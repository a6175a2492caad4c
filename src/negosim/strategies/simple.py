"""Two reference points: the hardliner who never moves and the random negotiator."""

from __future__ import annotations

from typing import Any, ClassVar

from negosim.strategies.base import Strategy
from negosim.strategies.seat import Seat


class Hardliner(Strategy):
    """Offers its best outcome every round and accepts nothing less."""

    name: ClassVar[str] = "hardliner"

    def respond(self, round_: int, offer: int, proposer: int) -> bool:
        """Accept only the actor's own best outcome (or one as good).

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
        best_utility = self.me.best_utility
        return self.me.acceptable(offer) and bool(self.me.utilities[offer] >= best_utility - 1e-12)


class RandomAcceptable(Strategy):
    """Offers a random outcome it finds acceptable; accepts anything acceptable."""

    name: ClassVar[str] = "random_acceptable"
    classifier: ClassVar[dict[str, Any]] = {**Strategy.classifier, "stochastic": True}

    def plan(self, seat: Seat) -> None:
        """Gather every acceptable outcome.

        Parameters
        ----------
        seat
            The actor's place at the table.
        """
        self.pool = seat.ranked[0]

    def propose(self, round_: int) -> int:
        """An acceptable outcome drawn at random.

        Parameters
        ----------
        round_
            The current round.

        Returns
        -------
        int
            The outcome offered.
        """
        return int(self.pool[self.me.rng.integers(len(self.pool))])
