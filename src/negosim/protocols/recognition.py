"""Recognition bargaining (Baron and Ferejohn, 1989, closed rule).

Each round a proposer is drawn at random, equally or in proportion to power, and the others vote
under the ratification rule.
"""

from __future__ import annotations

from typing import ClassVar

from negosim.protocols.base import Protocol, Table


class Recognition(Protocol):
    """A proposer drawn each round; closed rule (the others vote yes or no)."""

    name: ClassVar[str] = "recognition"
    description: ClassVar[str] = "a random proposer each round; the others vote"

    def reset(self, table: Table) -> None:
        """Fix the recognition probabilities for this negotiation.

        Parameters
        ----------
        table
            The negotiation about to start.
        """
        self.probabilities = table.game.recognition_probabilities()

    def play_round(self, table: Table) -> None:
        """Draw a proposer, who tables an offer.

        Parameters
        ----------
        table
            The negotiation in progress.
        """
        proposer = int(table.rng.choice(table.game.n, p=self.probabilities))
        table.vote(proposer, table.propose(proposer))
