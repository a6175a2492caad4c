"""Axiomatic bargaining solutions over a finite set of outcomes.

Each function takes a utility matrix ``u`` (outcomes × actors), the disagreement point ``d`` and an
optional mask of feasible outcomes, and returns the index of the chosen outcome, or ``None`` when no
feasible outcome gives every actor at least its disagreement utility. Ties go to the lowest index,
so results are deterministic.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from negosim.arrays import BoolArray, FloatArray
from negosim.solutions.pareto import pareto_mask


def individually_rational(
    u: npt.ArrayLike, d: npt.ArrayLike, feasible: npt.ArrayLike | None = None
) -> BoolArray:
    """Outcomes every actor weakly prefers to disagreement.

    Parameters
    ----------
    u
        (outcomes, actors) utilities.
    d
        The disagreement point.
    feasible
        Outcomes allowed at all (e.g. the ZOPA).

    Returns
    -------
    BoolArray
        One flag per outcome.
    """
    utilities, disagreement = _as_arrays(u, d)
    mask: BoolArray = np.all(utilities >= disagreement, axis=1)
    return mask if feasible is None else mask & np.asarray(feasible, dtype=np.bool_)


def nash_point(
    u: npt.ArrayLike,
    d: npt.ArrayLike,
    weights: npt.ArrayLike | None = None,
    feasible: npt.ArrayLike | None = None,
) -> int | None:
    """Maximises the (weighted) Nash product Π (u_i − d_i)^w_i.

    With ``weights`` it is the generalised (asymmetric) Nash solution, the weights being
    bargaining power.

    Parameters
    ----------
    u
        (outcomes, actors) utilities.
    d
        The disagreement point.
    weights
        Bargaining powers (default: equal).
    feasible
        Outcomes allowed at all (e.g. the ZOPA).

    Returns
    -------
    int or None
        The Nash outcome's row, ``None`` when no outcome is individually rational.

    Examples
    --------
    >>> nash_point([[0.0, 1.0], [0.5, 0.5], [1.0, 0.0]], [0.0, 0.0])
    1
    """
    utilities, disagreement = _as_arrays(u, d)
    candidates = np.flatnonzero(individually_rational(utilities, disagreement, feasible))
    if candidates.size == 0:
        return None
    w = np.ones(utilities.shape[1]) if weights is None else np.asarray(weights, dtype=np.float64)
    if w.shape != disagreement.shape or not np.all(w > 0):
        raise ValueError(f"weights must be positive, one per actor; got {w.tolist()}")
    gains = utilities[candidates] - disagreement
    with np.errstate(divide="ignore"):
        score = np.log(gains) @ w
    if not np.isfinite(score).any():
        score = gains.sum(axis=1)
    return int(candidates[int(np.argmax(score))])


def kalai_smorodinsky_point(
    u: npt.ArrayLike, d: npt.ArrayLike, feasible: npt.ArrayLike | None = None
) -> int | None:
    """The Pareto-optimal outcome whose gains are most nearly proportional to the ideal gains.

    It maximises min_i (u_i − d_i) / (ideal_i − d_i) over the individually rational frontier.

    Parameters
    ----------
    u
        (outcomes, actors) utilities.
    d
        The disagreement point.
    feasible
        Outcomes allowed at all (e.g. the ZOPA).

    Returns
    -------
    int or None
        The outcome's row, ``None`` when no outcome is individually rational.

    Examples
    --------
    >>> kalai_smorodinsky_point([[0.0, 1.0], [0.4, 0.8], [0.5, 0.5], [1.0, 0.0]], [0.0, 0.0])
    1
    """
    utilities, disagreement = _as_arrays(u, d)
    candidates = np.flatnonzero(individually_rational(utilities, disagreement, feasible))
    if candidates.size == 0:
        return None
    # Every actor's best gain is reached on the frontier, and whatever dominates a point of best
    # worst-off gain has it too: so the frontier points of the tied best are the frontier's best,
    # and only that (small) tie needs the Pareto filter.
    gains = utilities[candidates] - disagreement
    ideal_gain = gains.max(axis=0)
    normalised = np.divide(gains, ideal_gain, out=np.ones_like(gains), where=ideal_gain > 0)
    worst_off = normalised.min(axis=1)
    tied = candidates[worst_off == worst_off.max()]
    return int(tied[pareto_mask(utilities[tied])][0])


def utilitarian_point(
    u: npt.ArrayLike, d: npt.ArrayLike, feasible: npt.ArrayLike | None = None
) -> int | None:
    """Maximises the sum of utilities among individually rational outcomes.

    Ties (to 1e-9) go to the larger smallest gain, so a pie is split evenly rather than at its
    first grid point.

    Parameters
    ----------
    u
        (outcomes, actors) utilities.
    d
        The disagreement point.
    feasible
        Outcomes allowed at all (e.g. the ZOPA).

    Returns
    -------
    int or None
        The outcome's row, ``None`` when no outcome is individually rational.
    """
    utilities, disagreement = _as_arrays(u, d)
    candidates = np.flatnonzero(individually_rational(utilities, disagreement, feasible))
    if candidates.size == 0:
        return None
    gains = utilities[candidates] - disagreement
    order = np.lexsort((-gains.min(axis=1), -np.round(gains.sum(axis=1), 9)))
    return int(candidates[order[0]])


def egalitarian_point(
    u: npt.ArrayLike, d: npt.ArrayLike, feasible: npt.ArrayLike | None = None
) -> int | None:
    """Maximises the smallest gain over disagreement.

    Ties go to the larger total gain, which keeps the point on the Pareto frontier.

    Parameters
    ----------
    u
        (outcomes, actors) utilities.
    d
        The disagreement point.
    feasible
        Outcomes allowed at all (e.g. the ZOPA).

    Returns
    -------
    int or None
        The outcome's row, ``None`` when no outcome is individually rational.
    """
    utilities, disagreement = _as_arrays(u, d)
    candidates = np.flatnonzero(individually_rational(utilities, disagreement, feasible))
    if candidates.size == 0:
        return None
    gains = utilities[candidates] - disagreement
    order = np.lexsort((-gains.sum(axis=1), -gains.min(axis=1)))
    return int(candidates[order[0]])


def _as_arrays(u: npt.ArrayLike, d: npt.ArrayLike) -> tuple[FloatArray, FloatArray]:
    utilities = np.asarray(u, dtype=np.float64)
    disagreement = np.asarray(d, dtype=np.float64)
    if utilities.ndim != 2 or disagreement.shape != (utilities.shape[1],):
        raise ValueError(
            f"u must be (outcomes, actors) and d (actors,); got {utilities.shape} and {disagreement.shape}"
        )
    return utilities, disagreement
