"""A person's seat that the scenario's strategy takes over from a given round.

A classroom seat whose person goes quiet is played on by its strategy (issue 13). The strategy
has watched the table from the first round — every offer and vote is forwarded to it — so from
the round it takes over it plays as it would have, knowing what it saw.
"""

from __future__ import annotations

from typing import ClassVar

from negosim.strategies.base import NEVER, Strategy
from negosim.strategies.human import Human
from negosim.strategies.seat import Seat


class StandIn(Strategy):
    """The person until round ``from_round``, the scenario's strategy from then on.

    Parameters
    ----------
    person
        The seat's person (a :class:`~negosim.strategies.human.Human`).
    deputy
        The scenario's strategy for the seat.
    from_round
        The first round the deputy plays (a round no talks reach: never).
    """

    name: ClassVar[str] = "stand_in"
    drafts_texts: ClassVar[bool] = True
    leaves_table: ClassVar[bool] = False

    def __init__(self, person: Human, deputy: Strategy, from_round: int = NEVER) -> None:
        super().__init__()
        self.person, self.deputy, self.from_round = person, deputy, from_round

    def reset(self, seat: Seat) -> None:  # noqa: D102  # numpydoc ignore=GL08
        super().reset(seat)
        self.person.reset(seat)
        self.deputy.reset(seat)

    def replan(self, seat: Seat) -> None:  # noqa: D102  # numpydoc ignore=GL08
        super().replan(seat)
        self.person.replan(seat)
        self.deputy.replan(seat)

    def propose(self, round_: int) -> int:  # noqa: D102  # numpydoc ignore=GL08
        return (self.deputy if round_ >= self.from_round else self.person).propose(round_)

    def respond(self, round_: int, offer: int, proposer: int) -> bool:  # noqa: D102  # numpydoc ignore=GL08
        player = self.deputy if round_ >= self.from_round else self.person
        return player.respond(round_, offer, proposer)

    def observe(self, round_: int, proposer: int, offer: int) -> None:  # noqa: D102  # numpydoc ignore=GL08
        self.deputy.observe(round_, proposer, offer)

    def hear(self, round_: int, proposer: int, offer: int, responses: tuple[bool, ...]) -> None:  # noqa: D102  # numpydoc ignore=GL08
        self.deputy.hear(round_, proposer, offer, responses)

    def leaves_at(self) -> int:  # noqa: D102  # numpydoc ignore=GL08
        if self.from_round >= NEVER or not self.deputy.leaves_table:
            return NEVER
        return max(self.from_round, self.deputy.leaves_at())

    def walks_out(self, round_: int) -> bool:  # noqa: D102  # numpydoc ignore=GL08
        return round_ >= self.leaves_at()
