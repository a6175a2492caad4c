"""What a protocol is and what it may do at the table.

A protocol decides who speaks each round and what counts as a deal. It sees the negotiation through
:class:`Table`, the small interface the engine's model provides, so protocols depend on the game
layer and never on the engine that plays them.
"""

from __future__ import annotations

from typing import ClassVar
from typing import Protocol as Interface

import numpy as np

from negosim.games.game import Game
from negosim.games.result import Reason, Trace


class Table(Interface):
    """The negotiation as a protocol sees it (the engine's ``NegotiationModel`` provides it)."""

    game: Game
    """The game being played, with any event applied so far."""
    round: int
    """The current round, from 0."""
    rng: np.random.Generator
    """The negotiation's only source of randomness."""
    trace: Trace | None
    """The round-by-round record, or ``None`` when not recording."""

    last_no: tuple[bool, ...]
    """Who objected to the latest offer put to a vote, by column."""

    def drafts(self, actor: int) -> bool:
        """Whether ``actor``'s seat drafts texts itself (a person in the mediator's chair).

        Parameters
        ----------
        actor
            The actor's column.

        Returns
        -------
        bool
            True when the protocol should ask it for the text.
        """
        ...

    def propose(self, actor: int) -> int:
        """Ask ``actor``'s strategy for its offer this round.

        Parameters
        ----------
        actor
            The proposer's column.

        Returns
        -------
        int
            The offered outcome.
        """
        ...

    def vote(self, proposer: int, offer: int) -> bool:
        """Table ``offer`` for every actor to answer; conclude with a deal if it is ratified.

        Parameters
        ----------
        proposer
            The proposer's column, or a non-actor speaker id.
        offer
            The outcome put to the vote.

        Returns
        -------
        bool
            Whether the offer was ratified (the negotiation is then over).
        """
        ...

    def conclude(self, outcome: int | None, reason: Reason, proposer: int | None) -> None:
        """End the negotiation.

        Parameters
        ----------
        outcome
            The agreed outcome, or ``None`` for no deal.
        reason
            Why it ended.
        proposer
            Who tabled the agreed text, ``None`` for no deal.
        """
        ...


class Protocol:
    """Base class of the negotiation protocols: one round at a time on a :class:`Table`."""

    name: ClassVar[str] = "protocol"
    """The name a scenario uses (``tracks.<name>.protocol``)."""
    description: ClassVar[str] = ""
    """One line for people: listed by ``negosim protocols``."""

    def reset(self, table: Table) -> None:
        """Prepare for a new negotiation, after the stakeholders are seated.

        Parameters
        ----------
        table
            The negotiation about to start.
        """

    def play_round(self, table: Table) -> None:
        """Play one round: table an offer (or a text), let the actors answer, maybe conclude.

        Parameters
        ----------
        table
            The negotiation in progress.
        """
        raise NotImplementedError
