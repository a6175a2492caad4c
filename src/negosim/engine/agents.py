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
        self.seat = self._seat()
        strategy.reset(self.seat)

    def reseat(self) -> None:
        """After an event: the same strategy re-plans with the new parameters.

        It keeps what it has learnt from the table (a new negotiation would reset it).
        """
        self.seat = self._seat()
        self.strategy.replan(self.seat)

    def _seat(self) -> Seat:
        game = self.model.game
        return Seat(
            index=self.index,
            game=game,
            rng=self.model.rng,
            protocol=self.model.protocol.name,
            reservation=float(game.reservation[self.index]),
            discount=float(game.discount[self.index]),
            cost=float(game.cost[self.index]),
            minutes=self.model.minutes,
        )
