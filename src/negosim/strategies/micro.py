"""MiCRO (de Jonge, 2022): minimal concession in reply to offers.

The negotiator walks down its acceptable outcomes from best to worst, one step for each new offer
the others make: while it has made no more distinct offers than it has received, it proposes the
next outcome of its list; otherwise it repeats one of its earlier offers at random. It accepts an
offer at least as good as the next new offer it would make. It uses no model and no clock, and
needs no parameter. With several others, every distinct offer received counts (a mediator's texts
included).
"""

from __future__ import annotations

from typing import Any, ClassVar

from negosim.strategies.base import Strategy


class MiCRO(Strategy):
    """Concedes one step down its list for each new offer it receives."""

    name: ClassVar[str] = "micro"
    classifier: ClassVar[dict[str, Any]] = {
        **Strategy.classifier,
        "reactive": True,
        "stochastic": True,
    }

    def forget(self) -> None:
        """Start again from the best outcome, nothing received."""
        self.made = 0
        self.received: set[int] = set()

    def propose(self, round_: int) -> int:  # noqa: D102  # numpydoc ignore=GL08
        order, _ = self.me.ranked
        if self.made < len(order) and len(self.received) >= self.made:
            self.made += 1
            return int(order[self.made - 1])
        return int(order[self.me.rng.integers(max(self.made, 1))])

    def respond(self, round_: int, offer: int, proposer: int) -> bool:  # noqa: D102  # numpydoc ignore=GL08
        self.received.add(offer)
        order, utilities = self.me.ranked
        floor = float(utilities[min(self.made, len(order) - 1)])
        return super().respond(round_, offer, proposer) and bool(
            self.me.utilities[offer] >= floor - 1e-12
        )

    def observe(self, round_: int, proposer: int, offer: int) -> None:  # noqa: D102  # numpydoc ignore=GL08
        if proposer != self.me.index:
            self.received.add(offer)
