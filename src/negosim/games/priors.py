"""What the others believe of an actor's walk-away before the talks: Harsanyi's common prior.

A walk-away the scenario samples — stated under ``uncertainty`` for ``actors.X.reservation``, or
set by a war whose odds or costs are sampled — is the actor's *type*: each run draws it, the actor
knows its draw, and the others know only the distribution. The prior is that distribution on a
grid of equally likely quantiles (a war's odds and costs pass through what fighting is worth, so
the prior is over the walk-away itself). An actor whose walk-away nothing samples has none: its
walk-away is as public as the scenario states it.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product

import numpy as np

from negosim.arrays import FloatArray
from negosim.outcomes import UtilityTable
from negosim.outcomes.war import fighting_values
from negosim.scenario import Scenario
from negosim.scenario.uncertainty import (
    Beta,
    Choice,
    Distribution,
    Triangular,
    TruncatedNormal,
    _Range,
)

QUANTILES = 201
"""Grid points per continuous distribution: fine enough that a screening demand on a grid of
hundredths lands where the continuous prior puts it."""


@dataclass(frozen=True, eq=False)
class Prior:
    """An actor's possible walk-aways and their chances, as the others see them at the start.

    Attributes
    ----------
    values
        The possible walk-aways, ascending, without repeats.
    weights
        Each one's probability; they sum to 1.
    """

    values: FloatArray
    weights: FloatArray


def priors_of(scenario: Scenario, table: UtilityTable) -> tuple[Prior | None, ...]:
    """The common prior over each actor's walk-away, ``None`` where it is known.

    Parameters
    ----------
    scenario
        A validated scenario (its ``uncertainty`` holds the distributions).
    table
        The game's utility table (its war, when the war sets walk-aways).

    Returns
    -------
    tuple
        One :class:`Prior` or ``None`` per column of the table.
    """
    entries = {entry.path: entry for entry in scenario.uncertainty}
    found: list[Prior | None] = []
    for column, actor in enumerate(table.actors):
        stated = entries.get(f"actors.{actor}.reservation")
        if stated is not None:
            found.append(_merged(*points(stated)))
        else:
            found.append(_war_prior(scenario, table, column, entries))
    return tuple(found)


def points(entry: Distribution) -> tuple[FloatArray, FloatArray]:
    """A scalar distribution as equally likely quantiles (a choice: its own values and weights).

    Parameters
    ----------
    entry
        An ``uncertainty`` entry other than a Dirichlet.

    Returns
    -------
    tuple of FloatArray
        Values and their probabilities.
    """
    if isinstance(entry, Choice):
        weights = np.ones(len(entry.values)) if entry.weights is None else np.array(entry.weights)
        return np.array(entry.values, dtype=np.float64), weights / weights.sum()
    q = (np.arange(QUANTILES) + 0.5) / QUANTILES
    return _quantiles(entry, q), np.full(QUANTILES, 1.0 / QUANTILES)


def _quantiles(entry: Distribution, q: FloatArray) -> FloatArray:
    """The distribution's inverse distribution function at ``q`` (closed forms where there are)."""
    assert isinstance(entry, _Range), "a Dirichlet perturbs weights, not a walk-away"
    low, high = entry.low, entry.high
    if isinstance(entry, TruncatedNormal | Beta):
        return _scipy_quantiles(entry, q)
    if isinstance(entry, Triangular):
        c = (entry.mode - low) / (high - low)
        return low + (high - low) * np.where(
            q < c, np.sqrt(q * c), 1.0 - np.sqrt((1.0 - q) * (1.0 - c))
        )
    return low + (high - low) * q


def _scipy_quantiles(entry: TruncatedNormal | Beta, q: FloatArray) -> FloatArray:
    """Scipy's inverse distribution functions, for the two kinds without a closed form."""
    from scipy import stats

    low, high = entry.low, entry.high
    if isinstance(entry, TruncatedNormal):
        a, b = (low - entry.mean) / entry.sd, (high - entry.mean) / entry.sd
        found: FloatArray = stats.truncnorm.ppf(q, a, b, loc=entry.mean, scale=entry.sd)
        return found
    return low + (high - low) * np.asarray(stats.beta.ppf(q, entry.a, entry.b))


def _war_prior(
    scenario: Scenario, table: UtilityTable, column: int, entries: dict[str, Distribution]
) -> Prior | None:
    """The prior over a war payer's walk-away, when the war's odds or its cost are sampled."""
    war, track = table.war, _war_track(scenario, table)
    if war is None or track is None or column not in war.payers:
        return None
    base = f"tracks.{track}.war"
    payer = war.payers.index(column)
    odds = entries.get(f"{base}.victory")
    cost = entries.get(f"{base}.costs.{table.actors[column]}")
    if odds is None and cost is None:
        return None
    victories = points(odds) if odds is not None else _known(war.victory)
    costs = points(cost) if cost is not None else _known(war.costs[payer])
    grid = list(product(range(len(victories[0])), range(len(costs[0]))))
    chances = np.array([victories[0][i] for i, _ in grid])
    paid = np.tile(np.array(war.costs, dtype=np.float64), (len(grid), 1))
    paid[:, payer] = [costs[0][j] for _, j in grid]
    values = fighting_values(war, table.utilities, chances, paid)[:, payer]
    weights = np.array([victories[1][i] * costs[1][j] for i, j in grid])
    return _merged(values, weights)


def _war_track(scenario: Scenario, table: UtilityTable) -> str | None:
    """The track whose war the table compiled (the first with a war over an issue in the space)."""
    for track in table.space.tracks:
        war = scenario.tracks[track].war
        if war is not None and war.issue in table.space.names:
            return track
    return None


def _known(value: float) -> tuple[FloatArray, FloatArray]:
    return np.array([value]), np.array([1.0])


def _merged(values: FloatArray, weights: FloatArray) -> Prior:
    """Equal values as one (a walk-away clipped at 0 by a costly war), ascending."""
    unique, index = np.unique(np.round(values, 12), return_inverse=True)
    merged = np.bincount(index, weights=weights, minlength=len(unique))
    return Prior(values=unique, weights=merged / merged.sum())
