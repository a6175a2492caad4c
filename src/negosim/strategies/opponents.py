"""What a seat believes the others want.

Four levels of knowledge, chosen by a strategy's ``information`` parameter:

- ``offers`` (ANAC's setting): a frequency model learnt from the others' offers and votes;
- ``preferences`` (incomplete information about resolve, as in Chatterjee and Samuelson's
  bargaining with private reservation values): the others' utilities and red lines are known —
  stated in public, as the article's stakeholders state theirs — but how little each would settle
  for is not, and is learnt from their refusals;
- ``prior`` (incomplete information as Harsanyi models it): utilities and red lines known, each
  walk-away known by the scenario's distribution of it (the common prior) and updated by Bayes'
  rule from offers and votes (:mod:`negosim.strategies.beliefs`); an outcome's margin for an
  actor is the chance, so believed, that the actor takes it;
- ``full``: their true utilities, patience, costs, red lines and walk-aways.

The frequency model is HardHeaded's (van Krimpen, Looije and Hajizadeh, 2013): an option an actor
offers often is one it values (each option's count, over the issue's largest count), and an issue
it keeps unchanged between consecutive offers is one it cares about (its weight grows by the
learning rate, then the weights are renormalised). Both models answer one question for the
offering policy: how far above its acceptance each actor is, outcome by outcome (its *margin*).
"""

from __future__ import annotations

from typing import Any
from typing import Protocol as Interface

import numpy as np

from negosim.arrays import FloatArray, IntArray
from negosim.games.game import Game
from negosim.strategies.beliefs import WalkAwayBeliefs
from negosim.strategies.seat import Seat

INFORMATION = ("offers", "preferences", "prior", "full")
"""What a strategy may know of the others, least first."""


class OpponentModel(Interface):
    """What the offering policy asks of a model of the others.

    A model learns from the seat's minutes (every vote so far), catching up when asked.
    """

    def margins(self, outcomes: IntArray, round_: int) -> FloatArray:
        """How far above its acceptance each actor believes each outcome to be.

        Parameters
        ----------
        outcomes
            The outcomes considered.
        round_
            The current round.

        Returns
        -------
        FloatArray
            (outcomes, actors); larger is likelier accepted.
        """
        ...


class FrequencyModel:
    """HardHeaded's frequency model of every other actor.

    Parameters
    ----------
    seat
        The holder's seat: its game's outcome space gives the issues and their levels, its
        minutes the votes to learn from (those from when it sat down).
    learning
        How much an unchanged issue's weight grows per offer, before renormalising.
    """

    def __init__(self, seat: Seat, learning: float = 0.2) -> None:
        game = seat.game
        assert game.space is not None, "a model needs issues"
        self.me = seat.index
        self.minutes = seat.minutes
        self.read = len(seat.minutes)
        assert game.levels is not None
        self.levels: IntArray = game.levels
        shape = game.space.shape
        self.counts = np.zeros((game.n, len(shape), max(shape)))
        for issue, size in enumerate(shape):
            self.counts[:, issue, :size] = 1.0
        self.weights = np.full((game.n, len(shape)), 1.0 / len(shape))
        self.learning = learning
        self.previous = np.zeros((game.n, len(shape)), dtype=np.int64)
        self.seen = np.zeros(game.n, dtype=np.bool_)
        self.rejected = np.full(game.n, -1, dtype=np.int64)
        """Each actor's latest refusal: what it wants is above that, by the model."""

    def unread(self) -> IntArray:
        """The votes since the model last read the minutes, now marked read.

        Returns
        -------
        IntArray
            One row per vote, as :meth:`negosim.games.result.Minutes.since`.
        """
        rows = self.minutes.since(self.read)
        self.read += len(rows)
        return rows

    def catch_up(self) -> None:
        """Learn from every vote recorded since the model last read the minutes."""
        if self.read < len(self.minutes):
            _kernels().learn_votes(
                self.counts,
                self.weights,
                self.previous,
                self.seen,
                self.rejected,
                self.unread(),
                self.levels,
                self.learning,
                self.me,
            )

    def margins(self, outcomes: IntArray, round_: int) -> FloatArray:  # noqa: D102  # numpydoc ignore=GL08
        self.catch_up()
        found: FloatArray = _kernels().margins(
            self.counts, self.weights, self.levels, self.rejected, outcomes
        )
        return found

    def best_for_all(self, outcomes: IntArray, proposer: int) -> int:
        """Under unanimity, the outcome whose least pleased other actor is most pleased.

        Parameters
        ----------
        outcomes
            The candidates, best for the proposer first (ties go to the first).
        proposer
            The proposer's column.

        Returns
        -------
        int
            The chosen outcome.
        """
        return int(
            _kernels().learn_and_choose(
                self.counts,
                self.weights,
                self.previous,
                self.seen,
                self.rejected,
                self.unread(),
                self.levels,
                self.learning,
                outcomes,
                proposer,
            )
        )


class StatedPreferences:
    """The others' utilities and red lines known, their walk-aways learnt from refusals.

    An actor who refused an outcome wants more than it was worth to it then; until it refuses
    anything, any outcome within its red lines is taken as acceptable.

    Parameters
    ----------
    seat
        The seat whose game is read, and whose minutes give the refusals (those from when it sat
        down).
    """

    def __init__(self, seat: Seat) -> None:
        self.game = seat.game
        self.minutes = seat.minutes
        self.read = len(seat.minutes)
        self.bars = np.full(seat.game.n, -np.inf)
        """What each actor's latest refusal was worth to it (in the round it refused)."""

    def catch_up(self) -> None:
        """Raise or lower each actor's bar to its latest refusal's worth."""
        rows = self.minutes.since(self.read)
        self.read += len(rows)
        for round_, _, offer, *answers in rows.tolist():
            refused = np.array(answers) == 0
            if refused.any():
                worth = _worth(self.game, np.array([offer]), round_)[0]
                self.bars = np.where(refused, worth, self.bars)

    def margins(self, outcomes: IntArray, round_: int) -> FloatArray:  # noqa: D102  # numpydoc ignore=GL08
        self.catch_up()
        game = self.game
        worth = _worth(game, outcomes, round_) - np.maximum(self.bars, 0.0)
        margins: FloatArray = np.where(game.admissible[outcomes], worth, -np.inf)
        return margins


def _worth(game: Game, outcomes: IntArray, round_: int) -> FloatArray:
    """Each actor's utility of ``outcomes`` agreed in ``round_``: discounted, less its costs."""
    worth: FloatArray = game.utilities[outcomes] * game.discount**round_ - game.cost * round_
    return worth


class PriorBeliefs:
    """The others' walk-aways known by the common prior, learnt by Bayes' rule.

    Parameters
    ----------
    seat
        The seat whose game gives the priors and whose minutes the votes.
    exponent
        The concession curve the others are taken to follow (the holder's own).
    """

    def __init__(self, seat: Seat, exponent: float) -> None:
        self.beliefs = WalkAwayBeliefs(seat, holdout=0.5, full=False, exponent=exponent)

    @property
    def game(self) -> Game:
        """The game read (an event may replace it).

        Returns
        -------
        Game
            The beliefs' game.
        """
        return self.beliefs.game

    @game.setter
    def game(self, game: Game) -> None:  # numpydoc ignore=GL08
        self.beliefs.game = game

    def margins(self, outcomes: IntArray, round_: int) -> FloatArray:  # noqa: D102  # numpydoc ignore=GL08
        return self.beliefs.acceptance(outcomes, round_)


class TrueUtilities:
    """A full-information seat's view: the others' real utilities, patience, costs and red lines.

    Parameters
    ----------
    seat
        The seat whose game is read.
    """

    def __init__(self, seat: Seat) -> None:
        self.game = seat.game

    def margins(self, outcomes: IntArray, round_: int) -> FloatArray:  # noqa: D102  # numpydoc ignore=GL08
        game = self.game
        worth = _worth(game, outcomes, round_) - game.reservation
        margins: FloatArray = np.where(game.admissible[outcomes], worth, -np.inf)
        return margins


def _kernels() -> Any:
    """The compiled loops (numba), imported when a frequency model is first used."""
    from negosim.strategies import kernels

    return kernels
