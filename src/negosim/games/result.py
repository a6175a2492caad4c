"""What one negotiation produced: the result, and (when recorded) what happened round by round."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from negosim.arrays import FloatArray, IntArray

Reason = Literal[
    "agreement",
    "deadline",
    "breakdown",
    "deadlock",
    "condition unmet",
    "walked out",
    "not ratified at home",
    "interrupted",
]

NEUTRAL_MEDIATOR = -1
"""The speaker id of a mediator who is not one of the actors."""
FORECAST = -2
"""The speaker id of the expected-utility forecast put to a vote."""
SPEAKER_NAMES = {NEUTRAL_MEDIATOR: "The mediator", FORECAST: "The expected-utility forecast"}
"""How the non-actor speakers are named in narratives."""


@dataclass(frozen=True, eq=False)
class Result:
    """What one negotiation produced.

    Attributes
    ----------
    agreement
        Whether a deal was reached.
    reason
        Why the negotiation ended.
    rounds
        Rounds played, the concluding one included.
    outcome
        The agreed outcome, ``None`` without a deal.
    proposer
        Who tabled the agreed text: an actor's column, :data:`NEUTRAL_MEDIATOR` or :data:`FORECAST`.
    utilities
        Each actor's utility of the agreement, or its reservation when there is none.
    discounted
        What the result was worth to each actor: ``δ^t u − c t`` for an agreement at round ``t``
        (patience and cost per round), the walk-away otherwise.
    walked_out
        The actor who left the table and ended the talks (reason ``walked out``).
    """

    agreement: bool
    reason: Reason
    rounds: int
    """Rounds played, the concluding one included."""
    outcome: int | None
    proposer: int | None
    """Who tabled the agreed text: an actor's column, :data:`NEUTRAL_MEDIATOR` or :data:`FORECAST`."""
    utilities: FloatArray
    """Each actor's utility of the agreement, or its reservation when there is none."""
    discounted: FloatArray
    walked_out: int | None = None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Result):
            return NotImplemented
        same = (
            self.agreement,
            self.reason,
            self.rounds,
            self.outcome,
            self.proposer,
            self.walked_out,
        ) == (
            other.agreement,
            other.reason,
            other.rounds,
            other.outcome,
            other.proposer,
            other.walked_out,
        )
        return (
            same
            and np.array_equal(self.utilities, other.utilities)
            and np.array_equal(self.discounted, other.discounted)
        )

    __hash__ = None  # type: ignore[assignment]


@dataclass
class Move:
    """One offer at the table and every actor's answer.

    Attributes
    ----------
    round
        The round, from 0.
    proposer
        Who made the offer.
    offer
        The outcome offered.
    responses
        Each actor's yes or no, by column (the proposer's own is yes).
    note
        Anything said with it.
    """

    round: int
    proposer: int
    offer: int
    responses: tuple[bool, ...]
    note: str = ""


@dataclass
class Trace:
    """A lean recorder: one entry per offer; turned into a table only when asked."""

    moves: list[Move] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)

    def record(self, move: Move) -> None:
        """Add one offer.

        Parameters
        ----------
        move
            The offer and its answers.
        """
        self.moves.append(move)

    def note(self, round_: int, text: str) -> None:
        """Add a remark about a round (an event, a forecast).

        Parameters
        ----------
        round_
            The round it concerns.
        text
            The remark.
        """
        self.notes.append((round_, text))


class Minutes:
    """Every vote of one negotiation, in order: what strategies learn from, read when they need it.

    The engine writes one row per vote; a model of the others catches up from where it last read,
    so that hearing a vote costs one row written rather than a call on every strategy. Votes are
    public, so every seat reads the same minutes. A row is ``round, proposer, offer`` and then
    every actor's answer (1 for yes).

    Parameters
    ----------
    actors
        How many actors answer each vote.
    """

    def __init__(self, actors: int) -> None:
        self.rows: IntArray = np.zeros((32, 3 + actors), dtype=np.int64)
        self.count = 0

    def record(self, round_: int, proposer: int, offer: int, responses: tuple[bool, ...]) -> None:
        """Add one vote.

        Parameters
        ----------
        round_
            The round of the vote.
        proposer
            Who made the offer (a non-actor speaker id for a mediator).
        offer
            The outcome voted on.
        responses
            Every actor's yes or no, by column.
        """
        if self.count == len(self.rows):
            self.rows = np.concatenate([self.rows, np.zeros_like(self.rows)])
        self.rows[self.count] = (round_, proposer, offer, *responses)
        self.count += 1

    def __len__(self) -> int:
        return self.count

    def since(self, start: int) -> IntArray:
        """The votes from number ``start`` on, one row each: round, proposer, offer, answers.

        Parameters
        ----------
        start
            The first vote wanted.

        Returns
        -------
        IntArray
            (votes, 3 + actors), a view of the minutes.
        """
        return self.rows[start : self.count]
