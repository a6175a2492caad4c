"""Ratification rules and the zone of possible agreement (ZOPA).

An outcome is in the ZOPA when every track's ratification rule passes with each actor accepting
exactly the outcomes it finds acceptable (at least its reservation utility, its hard conditions met).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from negosim.arrays import BoolArray, FloatArray, row_sums
from negosim.scenario.model import Ratification


@dataclass(frozen=True, eq=False)
class Rule:
    """One track's rule as column masks over a table's actors."""

    parties: BoolArray
    vetoes: BoolArray
    quota: float | None = None
    consent: tuple[tuple[int, BoolArray], ...] = ()
    """(actor column, outcomes where that actor's consent is needed)."""

    @classmethod
    def of(
        cls,
        ratification: Ratification,
        actors: Sequence[str],
        consent_needed: Sequence[BoolArray] = (),
    ) -> Rule:
        """One track's ratification rule over a table's actors.

        Parameters
        ----------
        ratification
            The track's rule as the scenario states it.
        actors
            The table's actors, by column.
        consent_needed
            For each consent clause, the outcomes where that actor's consent is needed.

        Returns
        -------
        Rule
            The rule as column masks.
        """
        parties = np.array([a in ratification.parties for a in actors])
        vetoes = np.array([a in ratification.vetoes() for a in actors])
        consent = tuple(
            (actors.index(c.actor), needed)
            for c, needed in zip(ratification.consent, consent_needed, strict=True)
        )
        quota = ratification.quota if ratification.rule == "quota" else None
        return cls(parties, vetoes, quota, consent)

    def passes(
        self, accepts: BoolArray, power: FloatArray, outcomes: npt.ArrayLike | None = None
    ) -> BoolArray:
        """Which rows of answers this rule ratifies.

        Parameters
        ----------
        accepts
            (rows, actors) each actor's answer for each row.
        power
            Each actor's power (for a quota).
        outcomes
            The outcome of each row, when the rows are not the whole space in order.

        Returns
        -------
        BoolArray
            One flag per row.
        """
        passed: BoolArray = np.all(accepts[:, self.vetoes], axis=1)
        for column, needed in self.consent:
            rows = needed if outcomes is None else needed[np.asarray(outcomes, dtype=np.int64)]
            passed &= accepts[:, column] | ~rows
        if self.quota is None:
            unanimous: BoolArray = passed & np.all(accepts[:, self.parties], axis=1)
            return unanimous
        weights = np.where(self.parties, power, 0.0)
        share = row_sums(np.where(accepts, weights, 0.0)) / row_sums(weights[np.newaxis])[0]
        majority: BoolArray = passed & (share >= self.quota - 1e-12)
        return majority


def zopa_mask(
    accepts: BoolArray,
    rules: Sequence[Rule],
    power: FloatArray,
    outcomes: npt.ArrayLike | None = None,
) -> BoolArray:
    """Which rows of answers pass every rule.

    With each actor accepting exactly what it finds acceptable, this is the zone of possible
    agreement.

    Parameters
    ----------
    accepts
        (rows, actors) each actor's answer for each row.
    rules
        One rule per track.
    power
        Each actor's power.
    outcomes
        The outcome of each row, when the rows are not the whole space in order.

    Returns
    -------
    BoolArray
        One flag per row.
    """
    mask = np.ones(accepts.shape[0], dtype=np.bool_)
    for rule in rules:
        mask &= rule.passes(accepts, power, outcomes)
    return mask
