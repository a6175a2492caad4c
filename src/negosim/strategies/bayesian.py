"""A Bayesian negotiator: it weighs a better deal against the chance that it is refused.

The others' walk-aways are private; the scenario's prior over them is common knowledge
(:mod:`negosim.games.priors`), and the player updates it from every offer and vote
(:mod:`negosim.strategies.beliefs`). Every actor is taken to demand, round by round, a share of
the way from its best deal on the efficient frontier down to its walk-away (a concession curve
that reaches the walk-away in the last round); the player itself does exactly that, so the model
it holds of the others is right about everything but their types. When it proposes it tables the
outcome with the highest expected value: the chance the rule passes it, times what it is worth
now, plus the chance it fails, times what the player expects from going on (its next demand,
weighed against a breakdown; its walk-away in the last round). A take-it-or-leave-it offer is
therefore Fearon's (1995) risk-return trade-off, whose closed form for a uniform prior the tests
check.
"""

from __future__ import annotations

from itertools import product
from typing import Any, ClassVar

import numpy as np

from negosim.arrays import FloatArray, IntArray
from negosim.strategies.base import ParameterSpec, Strategy
from negosim.strategies.beliefs import WalkAwayBeliefs, concede
from negosim.strategies.seat import Seat

MAX_ENUMERATED = 10
"""Up to this many voters, a quota rule's chance of passing is summed over every yes/no pattern;
beyond, the voters whose yes is needed are taken to decide alone."""


class Bayesian(Strategy):
    """Proposes what maximises expected value under its belief; accepts what beats going on."""

    name: ClassVar[str] = "bayesian"
    classifier: ClassVar[dict[str, Any]] = {
        **Strategy.classifier,
        "time_dependent": True,
        "reactive": True,
        "uses_opponent_model": True,
        "knows_preferences": True,
    }
    parameters: ClassVar[dict[str, ParameterSpec]] = {
        "information": (
            ("prior", "full"),
            "prior",
            "prior: the others' walk-aways are known only by the scenario's prior and learnt "
            "from the table; full: known (the complete-information benchmark)",
        ),
        "holdout": (
            float,
            0.5,
            "the chance that an actor refuses an offer that beats its walk-away (how little a "
            "refusal says)",
        ),
        "exponent": (
            float,
            1.0,
            "the concession curve of its demands, and of those it expects of the others: above 1 "
            "Boulware, below 1 Conceder (NegMAS's convention)",
        ),
    }

    beliefs: WalkAwayBeliefs
    """What it believes of the others' walk-aways (rebuilt from the prior at each reset)."""

    def classify(self) -> dict[str, Any]:
        """Its classifier: the others' preferences always known, their walk-aways with ``full``.

        Returns
        -------
        dict
            The classifier with ``full_information`` following the ``information`` parameter.
        """
        return {**self.classifier, "full_information": self.params["information"] == "full"}

    def plan(self, seat: Seat) -> None:
        """Start from the prior; the candidates are the efficient outcomes its red lines allow.

        Parameters
        ----------
        seat
            The actor's place at the table.
        """
        frontier = seat.game.frontier()
        mine = frontier[seat.admissible[frontier]]
        self.candidates: IntArray = mine[np.argsort(-seat.utilities[mine], kind="stable")]
        if "beliefs" in self.__dict__:
            self.beliefs.game = seat.game  # an event changed the game: keep what was learnt
        else:
            full = self.params["information"] == "full"
            holdout, exponent = float(self.params["holdout"]), float(self.params["exponent"])
            self.beliefs = WalkAwayBeliefs(seat, holdout, full, exponent)

    def forget(self) -> None:
        """Back to the prior: the beliefs are rebuilt at :meth:`plan`."""
        self.__dict__.pop("beliefs", None)

    def demand(self, round_: int) -> float:
        """What the player asks for in a round: from its best deal down to its walk-away.

        Parameters
        ----------
        round_
            The round.

        Returns
        -------
        float
            An undiscounted utility: an offer worth at least this, it accepts; in its last
            round, the least that beats leaving.
        """
        me = self.me
        end = min(self.beliefs.end, me.horizon)
        best = float(self.beliefs.best[me.index])
        asked = concede(best, me.floor(round_), round_, end, float(self.params["exponent"]))
        return float(asked)

    def going_on(self, round_: int) -> float:
        """What the player expects if no deal is struck this round.

        Parameters
        ----------
        round_
            The current round.

        Returns
        -------
        float
            What next round's demand is worth then, weighed against a breakdown; its walk-away
            in its last round.
        """
        me = self.me
        if round_ + 1 >= min(self.beliefs.end, me.horizon):
            return me.reservation
        breakdown = me.game.breakdown
        hoped = me.worth(self.demand(round_ + 1), round_ + 1)
        return (1 - breakdown) * hoped + breakdown * me.reservation

    def propose(self, round_: int) -> int:  # noqa: D102  # numpydoc ignore=GL08
        me = self.me
        worth = me.discount**round_ * me.utilities[self.candidates] - me.cost * round_
        viable = worth >= me.reservation - 1e-12
        if not viable.any():
            return me.best
        passing = self.passing(self.candidates[viable], round_)
        expected = passing * worth[viable] + (1.0 - passing) * self.going_on(round_)
        return int(self.candidates[viable][int(np.argmax(expected))])

    def respond(self, round_: int, offer: int, proposer: int) -> bool:  # noqa: D102  # numpydoc ignore=GL08
        me = self.me
        return me.acceptable(offer) and float(me.utilities[offer]) >= self.demand(round_) - 1e-12

    def passing(self, outcomes: IntArray, round_: int) -> FloatArray:
        """The chance, by the belief, that the ratification rule passes each outcome if offered.

        Parameters
        ----------
        outcomes
            The outcomes considered.
        round_
            The current round.

        Returns
        -------
        FloatArray
            One chance per outcome (the proposer says yes).
        """
        game, me = self.me.game, self.me.index
        chances = self.beliefs.acceptance(outcomes, round_)
        chances[:, me] = 1.0
        if game.unanimous:
            found: FloatArray = chances.prod(axis=1)
            return found
        others = [a for a in range(game.n) if a != me]
        if len(others) > MAX_ENUMERATED:
            needed: FloatArray = chances[:, [a for a in others if game.needs(a)]].prod(axis=1)
            return needed
        return _rule_chance(self.me, outcomes, chances, others)


def _rule_chance(
    seat: Seat, outcomes: IntArray, chances: FloatArray, others: list[int]
) -> FloatArray:
    """The chance the rule passes each outcome, summed over every pattern of the others' votes."""
    total = np.zeros(len(outcomes))
    for pattern in product((False, True), repeat=len(others)):
        votes = np.ones((len(outcomes), seat.game.n), dtype=np.bool_)
        votes[:, others] = pattern
        weight = np.where(votes, chances, 1.0 - chances).prod(axis=1)
        total += np.where(seat.game.ratify_matrix(votes, outcomes), weight, 0.0)
    return total
