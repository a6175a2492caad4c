"""A seat taken by a person: every move comes from a callback (terminal play, the web app)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, Literal

from negosim.strategies.base import Strategy

Move = Literal["propose", "respond"]
Callback = Callable[[Move, int, int | None, int | None], int | bool]
"""(move, round, offer or None, proposer or None) -> an outcome index, or yes/no."""


class MissingCallbackError(ValueError):
    """The ``human`` strategy was chosen without anyone to play it."""


class Human(Strategy):
    """Every move comes from a person at the table.

    Parameters
    ----------
    callback
        Answers for the person: called with ``("propose", round, None, None)`` for an offer and
        ``("respond", round, offer, proposer)`` for a yes or no.
    **params
        Unused; accepted like every strategy's.
    """

    name: ClassVar[str] = "human"
    drafts_texts: ClassVar[bool] = True
    leaves_table: ClassVar[bool] = False
    classifier: ClassVar[dict[str, Any]] = {**Strategy.classifier, "stochastic": True}

    def __init__(self, callback: Callback | None = None, **params: Any) -> None:
        super().__init__(**params)
        if callback is None:
            raise MissingCallbackError(
                "strategy 'human' needs a person at the table: use 'negosim play' or pass a callback"
            )
        self.callback = callback

    def propose(self, round_: int) -> int:
        """The person's offer.

        Parameters
        ----------
        round_
            The current round.

        Returns
        -------
        int
            The outcome the person offers.
        """
        return int(self.callback("propose", round_, None, None))

    def respond(self, round_: int, offer: int, proposer: int) -> bool:
        """The person's answer.

        Parameters
        ----------
        round_
            The current round.
        offer
            The outcome offered.
        proposer
            Who offers it.

        Returns
        -------
        bool
            Whether the person accepts.
        """
        return bool(self.callback("respond", round_, offer, proposer))
