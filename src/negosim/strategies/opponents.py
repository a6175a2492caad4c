"""What a seat believes the others want.

A frequency model learnt from their offers or, for a strategy declared full-information, their
true utilities.

The frequency model is HardHeaded's (van Krimpen, Looije and Hajizadeh, 2013): an option an actor
offers often is one it values (each option's count, over the issue's largest count), and an issue
it keeps unchanged between consecutive offers is one it cares about (its weight grows by the
learning rate, then the weights are renormalised). Both models answer one question for the
offering policy: how far above its acceptance each actor is, outcome by outcome (its *margin*).
"""

from __future__ import annotations

from typing import Protocol as Interface

import numpy as np

from negosim.arrays import FloatArray, IntArray
from negosim.games.game import Game
from negosim.strategies.seat import Seat


class OpponentModel(Interface):
    """What the offering policy asks of a model of the others."""

    def observe(self, actor: int, offer: int) -> None:
        """Learn from an offer another actor made.

        Parameters
        ----------
        actor
            Who made it.
        offer
            The outcome offered.
        """
        ...

    def hear(self, offer: int, responses: tuple[bool, ...]) -> None:
        """Learn from every actor's answer to an offer.

        Parameters
        ----------
        offer
            The outcome voted on.
        responses
            Every actor's yes or no, by column.
        """
        ...

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
    game
        The game (its outcome space gives the issues and their levels).
    learning
        How much an unchanged issue's weight grows per offer, before renormalising.
    """

    def __init__(self, game: Game, learning: float = 0.2) -> None:
        assert game.space is not None, "a model needs issues"
        assert game.levels is not None
        self.levels: IntArray = game.levels
        shape = game.space.shape
        self.counts = np.zeros((game.n, len(shape), max(shape)))
        for issue, size in enumerate(shape):
            self.counts[:, issue, :size] = 1.0
        self.weights = np.full((game.n, len(shape)), 1.0 / len(shape))
        self.learning = learning
        self.previous: dict[int, IntArray] = {}
        self.rejected: dict[int, int] = {}
        """Each actor's latest refusal: what it wants is above that, by the model."""

    def observe(self, actor: int, offer: int) -> None:  # noqa: D102  # numpydoc ignore=GL08
        levels = self.levels[offer]
        self.counts[actor, np.arange(len(levels)), levels] += 1.0
        before = self.previous.get(actor)
        if before is not None:
            kept = before == levels
            if kept.any():
                self.weights[actor, kept] += self.learning
                self.weights[actor] /= self.weights[actor].sum()
        self.previous[actor] = levels

    def hear(self, offer: int, responses: tuple[bool, ...]) -> None:  # noqa: D102  # numpydoc ignore=GL08
        for actor, yes in enumerate(responses):
            if not yes:
                self.rejected[actor] = offer

    def values(self) -> FloatArray:
        """Each actor's estimated value of each option: its count over the issue's largest.

        Returns
        -------
        FloatArray
            (actors, issues, levels).
        """
        top = self.counts.max(axis=2, keepdims=True)
        values: FloatArray = self.counts / top
        return values

    def margins(self, outcomes: IntArray, round_: int) -> FloatArray:  # noqa: D102  # numpydoc ignore=GL08
        levels = self.levels[outcomes]
        values = self.values()
        issues = np.arange(levels.shape[1])
        estimated: FloatArray = np.einsum("ak,amk->ma", self.weights, values[:, issues, levels])
        if self.rejected:
            # An actor's margin is measured from the last offer it refused, by the same model.
            actors = np.array(list(self.rejected))
            refused = self.levels[[self.rejected[a] for a in actors]]
            bar = np.einsum(
                "ak,ak->a", self.weights[actors], values[actors[:, None], issues, refused]
            )
            estimated[:, actors] -= bar
        return estimated


class TrueUtilities:
    """A full-information seat's view: the others' real utilities, patience, costs and red lines.

    Parameters
    ----------
    seat
        The seat whose game is read.
    """

    def __init__(self, seat: Seat) -> None:
        self.game = seat.game

    def observe(self, actor: int, offer: int) -> None:  # noqa: D102  # numpydoc ignore=GL08
        return

    def hear(self, offer: int, responses: tuple[bool, ...]) -> None:  # noqa: D102  # numpydoc ignore=GL08
        return

    def margins(self, outcomes: IntArray, round_: int) -> FloatArray:  # noqa: D102  # numpydoc ignore=GL08
        game = self.game
        worth = game.utilities[outcomes] * game.discount**round_ - game.cost * round_
        margins: FloatArray = np.where(game.admissible[outcomes], worth - game.reservation, -np.inf)
        return margins
