"""A protocol decides who speaks each round and what counts as a deal."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from negosim.model import NegotiationModel


class Protocol:
    name: ClassVar[str] = "protocol"
    description: ClassVar[str] = ""

    def reset(self, model: NegotiationModel) -> None:
        """Called once, after the stakeholders are seated."""

    def play_round(self, model: NegotiationModel) -> None:
        raise NotImplementedError
