"""How-to: add a strategy (included in docs/how-to/add-a-strategy.md; tested in tests/test_howtos.py).

A strategy is a small class with a readable ``name``, a ``classifier`` and its ``parameters``. The
engine gives it a :class:`~negosim.strategies.Seat` in ``reset`` (its utilities, walk-away,
patience), then asks it to ``propose`` and ``respond``. ``register_strategy`` lets scenarios name it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from negosim.strategies import Strategy, register_strategy
from negosim.strategies.base import ParameterSpec


@register_strategy
class HalfwayThenFirm(Strategy):
    """Asks for its best outcome until ``switch`` of the deadline, then for its median one."""

    name: ClassVar[str] = "halfway_then_firm"
    classifier: ClassVar[dict[str, Any]] = {**Strategy.classifier, "time_dependent": True}
    parameters: ClassVar[dict[str, ParameterSpec]] = {
        "switch": (float, 0.5, "share of the deadline after which it asks for less"),
    }

    def propose(self, round_: int) -> int:
        """Its best acceptable outcome early, its median acceptable outcome late.

        Parameters
        ----------
        round_
            The current round.

        Returns
        -------
        int
            The outcome offered.
        """
        order, _ = self.me.ranked
        late = round_ >= float(self.params["switch"]) * self.me.deadline
        return int(order[len(order) // 2] if late else order[0])
