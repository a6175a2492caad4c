"""A block's inputs and outputs: each run's numbers in, what each run produced out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from negosim.arrays import FloatArray, IntArray


@dataclass(frozen=True)
class Runs:
    """Each run's numbers: (runs, actors) unless said otherwise.

    Attributes
    ----------
    reservation, discount, cost, power
        Walk-aways, per-round patience, costs per round and powers.
    breakdown
        (runs,) the chance that talks collapse each round.
    streams
        (runs, 8) the words each run's negotiation generator (the model's ``rng``) is seeded with.
    params
        By actor column, the strategy parameters sampled per run: name to a (runs,) column.
    """

    reservation: FloatArray
    discount: FloatArray
    cost: FloatArray
    power: FloatArray
    breakdown: FloatArray
    streams: IntArray
    params: Mapping[int, Mapping[str, FloatArray]]


@dataclass(frozen=True)
class Played:
    """What each run produced, as the Mesa engine's results would say it.

    Attributes
    ----------
    reason
        (runs,) why each ended.
    rounds
        (runs,) rounds played.
    outcome
        (runs,) the agreed outcome, -1 for none.
    walked_out
        (runs,) the actor whose leaving ended the talks, -1 for none.
    utilities, discounted
        (runs, actors) what each got, undiscounted and discounted.
    """

    reason: list[str]
    rounds: IntArray
    outcome: IntArray
    walked_out: IntArray
    utilities: FloatArray
    discounted: FloatArray
