"""How-to: add a protocol (included in docs/how-to/add-a-protocol.md; tested in tests/test_howtos.py).

A protocol decides who speaks each round and what counts as a deal. It sees the negotiation through
:class:`~negosim.protocols.Table`: ``table.propose(actor)`` asks an actor's strategy for an offer,
``table.vote(proposer, offer)`` lets everyone answer under the ratification rule and ends the talks
on a deal, ``table.conclude(...)`` ends them otherwise. ``register_protocol`` lets scenarios name it.
"""

from __future__ import annotations

from typing import ClassVar

from negosim.protocols import Protocol, Table, register_protocol


@register_protocol
class StrongestFirst(Protocol):
    """The most powerful actor proposes every round; the others answer."""

    name: ClassVar[str] = "strongest_first"
    description: ClassVar[str] = "the most powerful actor proposes every round"

    def play_round(self, table: Table) -> None:
        """The strongest actor tables an offer.

        Parameters
        ----------
        table
            The negotiation in progress.
        """
        proposer = int(table.game.power.argmax())
        table.vote(proposer, table.propose(proposer))
