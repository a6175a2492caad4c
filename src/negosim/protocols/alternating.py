"""Stacked alternating offers: the proposer rotates through the actors in the scenario's order.

With two actors this is Rubinstein's game; with more, each offer needs the track's ratification
rule (unanimity, or a quota plus vetoes) to pass.
"""

from __future__ import annotations

from typing import ClassVar

from negosim.protocols.base import Protocol, Table


class AlternatingOffers(Protocol):
    """Actor ``round mod n`` proposes; the others answer."""

    name: ClassVar[str] = "alternating_offers"
    description: ClassVar[str] = (
        "proposer rotates; an offer passes when the ratification rule holds"
    )

    def play_round(self, table: Table) -> None:
        """The next actor in turn tables an offer.

        Parameters
        ----------
        table
            The negotiation in progress.
        """
        proposer = table.game.proposer(table.round)
        table.vote(proposer, table.propose(proposer))
