"""Plays the subgame-perfect equilibrium of the protocol in force, computed once per game.

Under alternating offers the plan comes from backward induction over the discrete outcome space;
under recognition bargaining from the stationary equilibrium of Baron and Ferejohn. The strategy
assumes full information: it reads every actor's utilities, as the theory does.
"""

from __future__ import annotations

from typing import Any, ClassVar

from negosim.solutions.backward_induction import SubgamePerfectPlan, backward_induction
from negosim.solutions.recognition import RecognitionEquilibrium, recognition_equilibrium
from negosim.strategies.base import NEVER, Strategy
from negosim.strategies.seat import Seat


class SubgamePerfect(Strategy):
    """Plays the protocol's subgame-perfect equilibrium, reading every actor's utilities."""

    name: ClassVar[str] = "subgame_perfect"
    classifier: ClassVar[dict[str, Any]] = {
        **Strategy.classifier,
        "knows_preferences": True,
        "full_information": True,
        "stochastic": True,
    }

    leaves_table: ClassVar[bool] = False
    """It leaves only to take an outside option, where the equilibrium does."""

    def plan(self, seat: Seat) -> None:
        """Solve the game (once per game, shared by every seat).

        Parameters
        ----------
        seat
            The actor's place at the table.
        """
        self.solution: SubgamePerfectPlan | None = None
        self.equilibrium: RecognitionEquilibrium | None = None
        if seat.protocol == "recognition":
            self.equilibrium = solve_recognition(seat)
        else:
            self.solution = solve_alternating(seat)

    def leaves_at(self) -> int:
        """The round at which the equilibrium takes the actor's outside option, if ever.

        Returns
        -------
        int
            That round, or :data:`~negosim.strategies.base.NEVER`.
        """
        found = None if self.solution is None else self.solution.exit_round(self.me.index)
        return NEVER if found is None else found

    def walks_out(self, round_: int) -> bool:
        """Take the outside option at the round the equilibrium does.

        Parameters
        ----------
        round_
            The current round.

        Returns
        -------
        bool
            True at and after that round.
        """
        return round_ >= self.leaves_at()

    def propose(self, round_: int) -> int:
        """The equilibrium offer of this round.

        Parameters
        ----------
        round_
            The current round.

        Returns
        -------
        int
            The outcome offered.
        """
        if self.equilibrium is not None:
            offers = self.equilibrium.offers[self.me.index]
            return int(offers[self.me.rng.integers(len(offers))]) if len(offers) else self.me.best
        assert self.solution is not None
        planned = self.solution.offers[min(round_, len(self.solution.offers) - 1)]
        return planned if planned >= 0 else self.me.best

    def respond(self, round_: int, offer: int, proposer: int) -> bool:
        """Accept what is worth at least the equilibrium value of continuing.

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
        me, u = self.me, float(self.me.utilities[offer])
        if not me.admissible[offer]:
            return False
        if self.equilibrium is not None:
            return bool(u >= me.discount * self.equilibrium.values[me.index] - 1e-12)
        assert self.solution is not None
        worth = me.discount**round_ * u
        return (
            worth >= self.solution.continuation(me.index, min(round_, self.me.deadline - 1)) - 1e-12
        )


def solve_alternating(seat: Seat) -> SubgamePerfectPlan:
    """The alternating-offers game's equilibrium, by backward induction, cached on the game.

    Parameters
    ----------
    seat
        Any seat of the game.

    Returns
    -------
    SubgamePerfectPlan
        Offers and continuation values.
    """
    game = seat.game
    cache = game.solver_cache
    if "alternating" not in cache:
        proposers = [game.proposer(t) for t in range(game.deadline)]
        cache["alternating"] = backward_induction(
            game.utilities,
            game.discount,
            proposers,
            game.reservation,
            game.ratify_matrix,
            game.admissible,
            outside=game.outside,
        )
    plan: SubgamePerfectPlan = cache["alternating"]
    return plan


def solve_recognition(seat: Seat) -> RecognitionEquilibrium:
    """The recognition game's stationary equilibrium, cached on the game.

    Parameters
    ----------
    seat
        Any seat of the game.

    Returns
    -------
    RecognitionEquilibrium
        Offers and values.
    """
    game = seat.game
    cache = game.solver_cache
    if "recognition" not in cache:
        cache["recognition"] = recognition_equilibrium(
            game.utilities,
            game.discount,
            game.recognition_probabilities(),
            game.ratify_matrix,
            game.admissible,
        )
    equilibrium: RecognitionEquilibrium = cache["recognition"]
    return equilibrium
