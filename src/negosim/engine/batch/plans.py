"""The concession strategies' plans for a block of runs at once, as the strategies compute them.

Every expression mirrors :mod:`negosim.strategies.concession` and :mod:`negosim.strategies.seat`
operation for operation (a power with a scalar exponent stays one, so that numpy takes the same
path), over arrays of runs instead of one seat: the targets and answers of the batch engine are
the Mesa engine's to the last bit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from negosim.arrays import FloatArray, IntArray


@dataclass(frozen=True)
class SeatsOfRuns:
    """One actor's seat in every run of a block.

    Attributes
    ----------
    best
        The actor's best admissible utility (its best utility if nothing is admissible).
    admissible_best
        The best admissible utility, or None when the actor's red lines rule out everything.
    reservation, discount, cost
        (runs,) the actor's walk-away, per-round patience and cost per round in each run.
    deadline
        The game's deadline.
    """

    best: float
    admissible_best: float | None
    reservation: FloatArray
    discount: FloatArray
    cost: FloatArray
    deadline: int


def horizons(seat: SeatsOfRuns) -> IntArray:
    """Each run's round at which the actor walks out, as ``Seat.horizon``.

    Parameters
    ----------
    seat
        The actor in every run.

    Returns
    -------
    IntArray
        (runs,) the first round at which its best agreed then is worth less than leaving.
    """
    runs = seat.reservation.shape[0]
    if seat.admissible_best is None:
        return np.zeros(runs, dtype=np.int64)
    rounds = np.arange(seat.deadline)
    c = seat.cost[:, np.newaxis]
    worth = _powers(seat.discount, rounds) * np.float64(seat.admissible_best) - c * rounds
    short = worth < seat.reservation[:, np.newaxis] - 1e-12
    found: IntArray = np.where(short.any(axis=1), short.argmax(axis=1), seat.deadline)
    return found.astype(np.int64)


def floors(seat: SeatsOfRuns, rounds: IntArray) -> FloatArray:
    """``(r + c t) / δ^t`` per run and round, as ``floors_to_beat_leaving``.

    Parameters
    ----------
    seat
        The actor in every run.
    rounds
        The rounds.

    Returns
    -------
    FloatArray
        (runs, rounds).
    """
    leaving = seat.reservation[:, np.newaxis] + seat.cost[:, np.newaxis] * rounds
    return undiscounted(leaving, seat, rounds)


def undiscounted(values: FloatArray, seat: SeatsOfRuns, rounds: IntArray) -> FloatArray:
    """``values / δ^t``, infinite where δ^t underflows (as ``negosim.strategies.seat.undiscounted``).

    Parameters
    ----------
    values
        (runs, rounds).
    seat
        The actor in every run.
    rounds
        The rounds.

    Returns
    -------
    FloatArray
        (runs, rounds).
    """
    shrink = _powers(seat.discount, rounds.astype(np.float64))
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        scaled: FloatArray = np.where(values != 0, values / shrink, 0.0)
    return scaled


def targets(
    seat: SeatsOfRuns, horizon: IntArray, talks_end: IntArray, shape: FloatArray, pace: FloatArray
) -> FloatArray:
    """Each run's target curve, as ``Concession.curve``.

    Runs are grouped by exponent, so that ``time ** e`` is numpy's power with a scalar exponent,
    as for one seat (numpy squares for e = 2 rather than calling ``pow``).

    Parameters
    ----------
    seat
        The actor in every run.
    horizon
        (runs,) its horizon.
    talks_end
        (runs,) the round by which the talks end.
    shape
        (runs,) the concession exponent.
    pace
        (runs,) the share of the time by which the target reaches the floor.

    Returns
    -------
    FloatArray
        (runs, deadline) one undiscounted target per round.
    """
    best = seat.best
    floor = np.minimum(seat.reservation, best)
    rounds = np.arange(seat.deadline)
    span = np.minimum(horizon, talks_end) * pace
    time = np.minimum(rounds / np.maximum(span - 1, 1)[:, np.newaxis], 1.0)
    bent = np.empty_like(time)
    for exponent in np.unique(shape):
        runs = shape == exponent
        bent[runs] = time[runs] ** float(exponent)
    curve = best - (best - floor)[:, np.newaxis] * bent
    planned: FloatArray = np.minimum(np.maximum(curve, floors(seat, rounds)), best)
    return planned


def next_thresholds(seat: SeatsOfRuns, planned: FloatArray, ends: IntArray) -> FloatArray:
    """AC_next's least utility accepted per run and round, as ``Concession.next_thresholds``.

    Parameters
    ----------
    seat
        The actor in every run.
    planned
        (runs, deadline) its targets.
    ends
        (runs,) the round after which no deal can be had (horizon or talks' end).

    Returns
    -------
    FloatArray
        (runs, deadline + 1).
    """
    rounds = np.arange(seat.deadline + 1)
    following = np.concatenate([planned[:, 1:], planned[:, -1:], planned[:, -1:]], axis=1)
    waiting = np.where(rounds + 1 < ends[:, np.newaxis], following, 0.0)
    leave = floors(seat, rounds)
    costs = np.repeat(seat.cost[:, np.newaxis], len(rounds), axis=1)
    wait = seat.discount[:, np.newaxis] * waiting - undiscounted(costs, seat, rounds)
    thresholds: FloatArray = np.maximum(leave, wait) - 1e-12
    return thresholds


def _powers(discount: FloatArray, rounds: npt.NDArray[np.int64] | FloatArray) -> FloatArray:
    """``δ ** t`` per run and round, each distinct δ raised once (runs mostly share theirs)."""
    distinct, which = np.unique(discount, return_inverse=True)
    table: FloatArray = (distinct[:, np.newaxis] ** rounds)[which]
    return table
