"""The stakeholder agent: a seat at the table played by a strategy."""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa

from negosim.strategies import Seat, Strategy

if TYPE_CHECKING:
    from negosim.engine.model import NegotiationModel


class Stakeholder(mesa.Agent):  # type: ignore[misc]
    """One actor of the scenario: a seat at the table played by a strategy.

    Countries are data: the name, utilities and patience come from the game, the behaviour from
    the strategy.

    Parameters
    ----------
    model
        The negotiation.
    index
        The actor's column in the game.
    strategy
        What plays the seat.
    """

    def __init__(self, model: NegotiationModel, index: int, strategy: Strategy) -> None:
        super().__init__(model)
        self.index = index
        self.name = model.game.actors[index]
        self.strategy = strategy
        self.seat = Seat(
            index=index,
            game=model.game,
            rng=model.rng,
            protocol=model.protocol.name,
            reservation=float(model.game.reservation[index]),
            discount=float(model.game.discount[index]),
        )
        strategy.reset(self.seat)

    def propose(self) -> int:
        """The strategy's offer for this round.

        Returns
        -------
        int
            The offered outcome.
        """
        return self.strategy.propose(self.model.round)

    def observe(self, proposer: int, offer: int) -> None:
        """Show the strategy an offer made at the table.

        Parameters
        ----------
        proposer
            Who made it.
        offer
            The outcome offered.
        """
        self.strategy.observe(self.model.round, proposer, offer)

    def reseat(self) -> None:
        """After an event: the same strategy re-plans with the new game and parameters."""
        game = self.model.game
        self.seat = Seat(
            self.index,
            game,
            self.model.rng,
            self.model.protocol.name,
            float(game.reservation[self.index]),
            float(game.discount[self.index]),
        )
        self.strategy.reset(self.seat)
