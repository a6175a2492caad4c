"""A Bayesian belief over the others' walk-aways, updated from what they say at the table.

Every actor is taken to concede as the holder does: its demand falls from the best it can get on
the efficient frontier (public, as utilities and red lines are) to its walk-away by the end of the
talks (the round every seat reckons the zone of agreement closes, :attr:`Seat.talks_end`),
along the holder's concession curve (in undiscounted utility: the walk-away plus the costs so far,
over the discount so far, is the least worth taking in a round). Only the walk-away — the actor's
*type* — is private. Each other actor's type starts at the scenario's prior
(:mod:`negosim.games.priors`) and is updated by Bayes' rule from the public minutes:

- an actor that offers or accepts an outcome shows that its demand then was no higher than the
  outcome's utility: types whose demand was higher are ruled out;
- an actor that refuses shows less: a type whose demand the outcome met may still hold out, so
  such types keep only ``holdout`` of their weight, and the others keep all of theirs.

An actor whose walk-away is public has a single type. With ``full`` information every actor
does, at its true walk-away: the complete-information benchmark that shows what private
information costs.
"""

from __future__ import annotations

import numpy as np

from negosim.arrays import BoolArray, FloatArray, IntArray
from negosim.strategies.seat import Seat

RULED_OUT = 1e-9
"""What a contradicted type keeps, so that an actor who errs (a person) never empties a belief."""


class WalkAwayBeliefs:
    """The holder's belief over every actor's walk-away, read from the minutes as they grow.

    Parameters
    ----------
    seat
        The holder's seat: its game gives the priors and utilities, its minutes the votes.
    holdout
        The chance that a type for whom an offer beats leaving refuses it all the same.
    full
        Whether the holder knows every walk-away (no prior, no learning).
    exponent
        The concession curve the holder assumes (its own).
    """

    def __init__(self, seat: Seat, holdout: float, full: bool, exponent: float) -> None:
        game = seat.game
        self.game = game
        self.minutes = seat.minutes
        self.read = len(seat.minutes)
        self.holdout = holdout
        self.exponent = exponent
        frontier = game.frontier()
        best = game.utilities[frontier] if frontier.size else game.utilities
        self.end = seat.talks_end
        """When the talks end, as every seat reckons it (see :attr:`Seat.talks_end`)."""
        self.best: FloatArray = best.max(axis=0)
        """Each actor's best utility among the deals every red line allows: where it starts."""
        self.types: list[FloatArray] = []
        self.weights: list[FloatArray] = []
        for actor in range(game.n):
            prior = game.priors[actor] if game.priors and not full else None
            if prior is None:
                self.types.append(np.array([game.reservation[actor]]))
                self.weights.append(np.array([1.0]))
            else:
                self.types.append(prior.values)
                self.weights.append(prior.weights.copy())

    def catch_up(self) -> None:
        """Update every belief with the votes recorded since the last read."""
        rows = self.minutes.since(self.read)
        self.read += len(rows)
        for round_, proposer, offer, *answers in rows.tolist():
            worth = self.game.utilities[offer]
            for actor, answer in enumerate(answers):
                if len(self.types[actor]) > 1:
                    said_yes = bool(answer) or actor == proposer
                    self._update(actor, round_, worth[actor], said_yes)

    def demand(self, actor: int, round_: int, walk_away: FloatArray | float) -> FloatArray:
        """The least utility an actor of a given walk-away accepts in a round (the shared curve).

        Parameters
        ----------
        actor
            The actor's column.
        round_
            The round.
        walk_away
            Its walk-away (one type, or many).

        Returns
        -------
        FloatArray
            ``f + (best − f)(1 − ((t + 1)/T)^e)``, undiscounted, where ``f = (w + c t)/δ^t``
            is the least utility that, agreed in round ``t``, beats leaving: its best at the
            start, ``f`` in the last round ``T − 1``, never below ``f``.
        """
        game = self.game
        floor = (np.asarray(walk_away) + game.cost[actor] * round_) / game.discount[actor] ** round_
        return concede(self.best[actor], floor, round_, self.end, self.exponent)

    def _update(self, actor: int, round_: int, worth: float, said_yes: bool) -> None:
        beaten = self.demand(actor, round_, self.types[actor]) <= worth + 1e-12
        likelihood = (
            np.where(beaten, 1.0, RULED_OUT) if said_yes else np.where(beaten, self.holdout, 1.0)
        )
        posterior = self.weights[actor] * likelihood
        self.weights[actor] = posterior / posterior.sum()

    def acceptance(self, outcomes: IntArray, round_: int) -> FloatArray:
        """Each actor's chance, by the belief, of accepting each outcome this round (its demand met).

        Parameters
        ----------
        outcomes
            The outcomes considered.
        round_
            The current round.

        Returns
        -------
        FloatArray
            (outcomes, actors); 0 where an actor's red lines rule the outcome out.
        """
        self.catch_up()
        worth = self.game.utilities[outcomes]
        chances = np.empty(worth.shape)
        for actor in range(self.game.n):
            asks = self.demand(actor, round_, self.types[actor])
            beaten = asks[np.newaxis, :] <= worth[:, actor, np.newaxis] + 1e-12
            chances[:, actor] = beaten @ self.weights[actor]
        admissible: BoolArray = self.game.admissible[outcomes]
        found: FloatArray = np.where(admissible, chances, 0.0)
        return found

    def expected_walk_away(self, actor: int) -> float:
        """The belief's mean walk-away of one actor.

        Parameters
        ----------
        actor
            The actor's column.

        Returns
        -------
        float
            The posterior mean.
        """
        self.catch_up()
        return float(self.types[actor] @ self.weights[actor])


def concede(
    best: float, floor: FloatArray | float, round_: int, end: int, exponent: float
) -> FloatArray:
    """A demand that falls from ``best`` to ``floor`` by round ``end − 1``.

    Parameters
    ----------
    best
        Where the demand starts.
    floor
        Where it ends (one value, or one per type).
    round_
        The round.
    end
        The number of rounds the actor plans for (at least 1).
    exponent
        NegMAS's convention: above 1 it holds firm and gives way late (Boulware), below 1 it
        gives way early (Conceder).

    Returns
    -------
    FloatArray
        The demand, never below the floor.
    """
    progress = min(1.0, (round_ + 1) / max(end, 1))
    floor = np.asarray(floor, dtype=np.float64)
    asked: FloatArray = floor + np.maximum(best - floor, 0.0) * (1.0 - progress**exponent)
    return asked
