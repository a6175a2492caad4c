"""Recognition bargaining (Baron and Ferejohn, 1989, closed rule): each round a proposer is drawn at
random, equally or in proportion to power, and the others vote under the ratification rule."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from negosim.protocols.base import Protocol

if TYPE_CHECKING:
    from negosim.model import NegotiationModel


class Recognition(Protocol):
    name: ClassVar[str] = "recognition"
    description: ClassVar[str] = "a random proposer each round; the others vote"

    def reset(self, model: NegotiationModel) -> None:
        self.probabilities = model.game.recognition_probabilities()

    def play_round(self, model: NegotiationModel) -> None:
        proposer = int(model.rng.choice(model.game.n, p=self.probabilities))
        model.vote(proposer, model.stakeholders[proposer].propose())
