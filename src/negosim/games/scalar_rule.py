"""A ratification rule as index lists: the hot path of judging one outcome at a time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from negosim.arrays import BoolArray, FloatArray, row_sums
from negosim.outcomes.rules import Rule


@dataclass(frozen=True)
class ScalarRule:
    """A rule as index lists, to judge one outcome without numpy overhead."""

    must: tuple[int, ...]
    consent: tuple[tuple[int, BoolArray], ...]
    shares: tuple[tuple[int, float], ...]
    quota: float | None

    @classmethod
    def of(cls, rule: Rule, power: FloatArray) -> ScalarRule:
        """The scalar form of a rule under given powers.

        Parameters
        ----------
        rule
            A track's ratification rule.
        power
            Each actor's power.

        Returns
        -------
        ScalarRule
            The same rule as index lists and power shares.
        """
        vetoes = np.flatnonzero(
            rule.vetoes if rule.quota is not None else rule.vetoes | rule.parties
        )
        parties = np.flatnonzero(rule.parties)
        total = float(row_sums(power[np.newaxis, parties])[0]) if parties.size else 0.0
        shares = tuple((int(i), float(power[i]) / total) for i in parties)
        return cls(tuple(int(i) for i in vetoes), rule.consent, shares, rule.quota)

    def passes_one(self, accepts: Sequence[bool], outcome: int) -> bool:
        """Whether one outcome passes this rule.

        Parameters
        ----------
        accepts
            Each actor's answer, by column.
        outcome
            The outcome voted on.

        Returns
        -------
        bool
            True when vetoes, consents and the quota all hold.
        """
        if not all(accepts[i] for i in self.must):
            return False
        if not all(accepts[column] for column, needed in self.consent if needed[outcome]):
            return False
        if self.quota is None:
            return True
        share = 0.0  # added left to right, as the batch engine adds (Python 3.12's sum compensates)
        for i, weight in self.shares:
            if accepts[i]:
                share += weight
        return share >= self.quota - 1e-12
