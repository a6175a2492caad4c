"""Stacked alternating offers: the proposer rotates through the actors in the scenario's order.

With two actors this is Rubinstein's game; with more, each offer needs the track's ratification
rule (unanimity, or a quota plus vetoes) to pass.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from negosim.protocols.base import Protocol

if TYPE_CHECKING:
    from negosim.model import NegotiationModel


class AlternatingOffers(Protocol):
    name: ClassVar[str] = "alternating_offers"
    description: ClassVar[str] = (
        "proposer rotates; an offer passes when the ratification rule holds"
    )

    def reset(self, model: NegotiationModel) -> None:
        self.strategies = [agent.strategy for agent in model.stakeholders]

    def play_round(self, model: NegotiationModel) -> None:
        proposer = model.round % len(self.strategies)
        model.vote(proposer, self.strategies[proposer].propose(model.round))
