"""A block's inputs and outputs: each run's numbers in, what each run produced out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

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
    seeds
        (runs,) the seed of each run's negotiation (the model's ``rng``).
    params
        Per run, the strategy parameters that differ from the scenario's, by actor column.
    """

    reservation: FloatArray
    discount: FloatArray
    cost: FloatArray
    power: FloatArray
    breakdown: FloatArray
    seeds: Sequence[int]
    params: Sequence[Mapping[int, Mapping[str, Any]]]


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
