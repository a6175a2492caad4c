"""Stacked alternating offers, compiled: every run of a block played round by round.

A transcription of :class:`negosim.protocols.alternating.AlternatingOffers` played by
:class:`negosim.engine.model.NegotiationModel` with concession strategies that learn the others
from their offers (HardHeaded's frequency model, ``information: offers``) under unanimity: actor
``round mod n`` proposes the outcome of its target window that the model says the least pleased of
the others likes most, the others answer, and every vote goes into the minutes the models learn
from. The frequency model's own kernels (:mod:`negosim.strategies.kernels`) do the learning and
the choice, as they do for the Mesa engine.
"""

from __future__ import annotations

import numpy as np

from negosim.arrays import FloatArray, IntArray
from negosim.compiled import numba
from negosim.engine.batch.rules import ratified
from negosim.engine.batch.seats import (
    AGREEMENT,
    DEADLINE,
    answer,
    round_opens,
)
from negosim.strategies.kernels import learn_and_choose

MAX_CANDIDATES = 2048
"""As :data:`negosim.strategies.offering.MAX_CANDIDATES`."""


@numba.njit(cache=True)
def play_runs(  # pragma: no cover - compiled
    table: tuple,  # type: ignore[type-arg]
    offering: tuple,  # type: ignore[type-arg]
    runs: tuple,  # type: ignore[type-arg]
    out: IntArray,
) -> None:
    """Play every run; write (reason, last round, outcome or -1, who walked out or -1) to ``out``.

    Parameters
    ----------
    table
        Shared by the runs: utilities, red lines, whether each actor's leaving ends the talks,
        acceptance condition codes, the rules' arrays, unanimity.
    offering
        Shared by the runs: each actor's ranked outcomes (padded), every outcome's issue levels,
        each issue's number of levels, the frequency model's learning rate.
    runs
        Per run: breakdown chances, uniform draws, powers, AC_next thresholds, the answering
        plans (see :func:`~negosim.engine.batch.seats.answer`), each actor's target windows'
        first and after-last positions per round.
    out
        (runs, 4) filled in.
    """
    breakdown, draws, power, thresholds, plans, starts, meets = runs
    u = table[0]
    n, deadline = u.shape[1], draws.shape[1]
    received = np.zeros((n, deadline, 2))
    heard = np.zeros(n, dtype=np.int64)
    for r in range(breakdown.shape[0]):
        heard[:] = 0
        plan = (
            plans[0][r],
            plans[1][r],
            plans[2][r],
            plans[3][r],
            plans[4][r],
            plans[5][r],
            plans[6][r],
        )
        seat = (power[r], thresholds[r], plan, starts[r], meets[r])
        ended = _play_one(breakdown[r], draws[r], table, offering, seat, received, heard)
        out[r, :] = ended


@numba.njit(cache=True)
def _play_one(  # pragma: no cover - compiled
    breakdown: float,
    draws: FloatArray,
    table: tuple,  # type: ignore[type-arg]
    offering: tuple,  # type: ignore[type-arg]
    seat: tuple,  # type: ignore[type-arg]
    received: FloatArray,
    heard: IntArray,
) -> tuple[int, int, int, int]:
    """One run (``NegotiationModel.step`` until it ends): reason, round, outcome, who left."""
    u, admissible, needs, conditions, rules, unanimous = table
    power, thresholds, plan, starts, meets = seat
    horizon = plan[4]
    n, deadline = u.shape[1], draws.shape[0]
    models = _fresh_models(n, offering)
    minutes = np.zeros((deadline, 3 + n), dtype=np.int64)
    read = np.zeros(n, dtype=np.int64)
    left = np.zeros(n, dtype=np.bool_)
    responses = np.empty(n, dtype=np.bool_)
    exit_round = horizon.min()
    for round_ in range(deadline):
        ended, walked, exit_round = round_opens(
            round_, exit_round, left, horizon, needs, breakdown, draws
        )
        if ended >= 0:
            return ended, round_, -1, walked
        proposer = round_ % n
        window = _window(offering[0][proposer], starts[proposer, round_], meets[proposer, round_])
        offer = window[0]
        if window.shape[0] > 1:
            offer = _choose(proposer, window, models, minutes[read[proposer] : round_], offering)
            read[proposer] = round_
        answer(
            offer,
            round_,
            u,
            admissible,
            proposer,
            conditions,
            left,
            thresholds,
            plan,
            received,
            heard,
            responses,
        )
        minutes[round_, 0], minutes[round_, 1], minutes[round_, 2] = round_, proposer, offer
        for j in range(n):
            minutes[round_, 3 + j] = 1 if responses[j] else 0
        if ratified(responses, offer, power, rules, unanimous):
            return AGREEMENT, round_, offer, -1
    return DEADLINE, deadline - 1, -1, -1


@numba.njit(cache=True)
def _window(ranked: IntArray, start: int, stop: int) -> IntArray:  # pragma: no cover - compiled
    """The target window's outcomes, at most :data:`MAX_CANDIDATES` spread evenly (``spread``)."""
    found = ranked[start:stop]
    size = found.shape[0]
    if size <= MAX_CANDIDATES:
        return found
    # np.linspace(0, size - 1, MAX_CANDIDATES).astype(np.int64), term by term
    step = (size - 1) / (MAX_CANDIDATES - 1)
    kept = np.empty(MAX_CANDIDATES, dtype=np.int64)
    for i in range(MAX_CANDIDATES - 1):
        kept[i] = found[int(i * step)]
    kept[MAX_CANDIDATES - 1] = found[size - 1]
    return kept


@numba.njit(cache=True)
def _fresh_models(n: int, offering: tuple) -> tuple:  # type: ignore[type-arg]  # pragma: no cover
    """Every actor's frequency model of the table as ``FrequencyModel.__init__`` starts it."""
    shape = offering[2]
    issues, widest = shape.shape[0], shape.max()
    counts = np.zeros((n, n, issues, widest))
    for h in range(n):
        for a in range(n):
            for k in range(issues):
                counts[h, a, k, : shape[k]] = 1.0
    weights = np.full((n, n, issues), 1.0 / issues)
    previous = np.zeros((n, n, issues), dtype=np.int64)
    seen = np.zeros((n, n), dtype=np.bool_)
    rejected = np.full((n, n), -1, dtype=np.int64)
    return counts, weights, previous, seen, rejected


@numba.njit(cache=True)
def _choose(  # pragma: no cover - compiled
    proposer: int,
    window: IntArray,
    models: tuple,  # type: ignore[type-arg]
    unread: IntArray,
    offering: tuple,  # type: ignore[type-arg]
) -> int:
    """``FrequencyModel.best_for_all``: learn the unread votes, then choose."""
    counts, weights, previous, seen, rejected = models
    levels, learning = offering[1], offering[3]
    return learn_and_choose(
        counts[proposer],
        weights[proposer],
        previous[proposer],
        seen[proposer],
        rejected[proposer],
        unread,
        levels,
        learning,
        window,
        proposer,
    )
