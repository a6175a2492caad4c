"""Time-dependent concession (Faratin, Sierra and Jennings, 1998), NegMAS's convention.

The target utility falls from the actor's best to its reservation as the deadline nears,
τ(t) = u_max − (u_max − r) · (t / (T − 1)) ** e: Boulware (e > 1) holds firm until late, Conceder
(e < 1) gives ground early, Linear (e = 1) in between. The actor offers the acceptable outcome that
just meets its target and accepts any offer that meets it.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from negosim.arrays import FloatArray, IntArray
from negosim.strategies.base import Seat, Strategy


class TimeDependent(Strategy):
    """Lowers its aim from its best outcome to its walk-away as the deadline nears.

    The exponent sets the pace.
    """

    name: ClassVar[str] = "time_dependent"
    classifier: ClassVar[dict[str, Any]] = {**Strategy.classifier, "time_dependent": True}
    parameters: ClassVar[dict[str, tuple[type, Any, str]]] = {
        "exponent": (float, 1.0, "e in τ(t) = u_max − (u_max − r)(t/(T−1))^e; >1 concedes late"),
    }

    def reset(self, seat: Seat) -> None:
        """Plan the whole negotiation's targets, offers and thresholds (shared by seats alike).

        Parameters
        ----------
        seat
            The actor's place at the table.
        """
        super().reset(seat)
        key = ("time_dependent", seat.index, seat.reservation, float(self.params["exponent"]))
        cache = seat.game.solver_cache
        if key not in cache:
            targets = self.target_curve(seat)
            cache[key] = (
                targets,
                seat.at_least(targets),
                np.maximum(targets, seat.reservation) - 1e-12,
            )
        self.targets: FloatArray
        self.offers: IntArray
        self.thresholds: FloatArray
        self.targets, self.offers, self.thresholds = cache[key]
        self.u = seat.utilities
        self.allowed = seat.admissible
        self.last = len(self.targets) - 1

    def target_curve(self, seat: Seat) -> FloatArray:
        """The target of every round: τ(t) = u_max − (u_max − r)(t / (T − 1))^e.

        Parameters
        ----------
        seat
            The actor's place at the table.

        Returns
        -------
        FloatArray
            One target per round.
        """
        best = seat.best_utility
        floor = min(seat.reservation, best)
        time = np.arange(seat.deadline) / max(seat.deadline - 1, 1)
        curve: FloatArray = best - (best - floor) * time ** float(self.params["exponent"])
        return curve

    def propose(self, round_: int) -> int:
        """The acceptable outcome that just meets this round's target.

        Parameters
        ----------
        round_
            The current round.

        Returns
        -------
        int
            The outcome offered.
        """
        return int(self.offers[round_ if round_ < self.last else self.last])

    def respond(self, round_: int, offer: int, proposer: int) -> bool:
        """Accept what meets this round's target (and the walk-away and red lines).

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
        threshold = self.thresholds[round_ if round_ < self.last else self.last]
        return bool(self.allowed[offer] and self.u[offer] >= threshold)


class Boulware(TimeDependent):
    """Holds firm and concedes only close to the deadline."""

    name: ClassVar[str] = "boulware"
    parameters: ClassVar[dict[str, tuple[type, Any, str]]] = {
        "exponent": (float, 4.0, "e > 1: holds firm until close to the deadline"),
    }


class Linear(TimeDependent):
    """Concedes at a constant rate until the deadline."""

    name: ClassVar[str] = "linear"
    parameters: ClassVar[dict[str, tuple[type, Any, str]]] = {
        "exponent": (float, 1.0, "e = 1: concedes at a constant rate"),
    }


class Conceder(TimeDependent):
    """Gives ground early, then holds."""

    name: ClassVar[str] = "conceder"
    parameters: ClassVar[dict[str, tuple[type, Any, str]]] = {
        "exponent": (float, 0.25, "e < 1: gives ground early"),
    }
