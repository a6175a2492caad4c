"""The single negotiating text, compiled: every run of a block played round by round.

A transcription of :class:`negosim.protocols.mediated.MediatedText` played by
:class:`negosim.engine.model.NegotiationModel` with concession strategies answering: the same
walk-outs, breakdown draws, votes, revisions (one issue, two issues, the frontier; the same sort
keys and ties) and endings, in the same order. The equivalence tests compare the two engines'
rows for every bundled scenario; a change to either side shows there.
"""

from __future__ import annotations

import numpy as np

from negosim.arrays import BoolArray, FloatArray, IntArray
from negosim.compiled import numba
from negosim.engine.batch.revision import revise
from negosim.engine.batch.rules import ratified
from negosim.engine.batch.seats import (
    AGREEMENT,
    DEADLINE,
    DEADLOCK,
    answer,
    round_opens,
)


@numba.njit(cache=True)
def play_runs(  # pragma: no cover - compiled
    u: FloatArray,
    admissible: BoolArray,
    opening: int,
    mediator: int,
    needs: BoolArray,
    conditions: IntArray,
    rules: tuple,  # type: ignore[type-arg]
    unanimous: bool,
    pools: tuple,  # type: ignore[type-arg]
    reservation: FloatArray,
    cost: FloatArray,
    power: FloatArray,
    breakdown: FloatArray,
    draws: FloatArray,
    scaled: FloatArray,
    powers: FloatArray,
    planned: FloatArray,
    thresholds: FloatArray,
    horizon: IntArray,
    ends: IntArray,
    accept_time: FloatArray,
    out: IntArray,
) -> None:
    """Play every run; write (reason, last round, outcome or -1, who walked out or -1) to ``out``.

    Parameters
    ----------
    u, admissible
        The game's utility table and red lines, shared by the runs.
    opening
        The draft text the mediator opens with.
    mediator
        The mediator's column, -1 for a neutral mediator.
    needs
        Whether each actor's leaving ends the talks.
    conditions
        Each actor's acceptance condition code.
    rules
        :attr:`~negosim.engine.batch.rules.RuleArrays.fields`.
    unanimous
        Whether every actor holds an unconditional veto.
    pools
        What :func:`negosim.engine.batch.revision.revise` takes as ``pools``.
    reservation, cost, power
        (runs, actors) per run.
    breakdown
        (runs,) each run's chance of breakdown per round.
    draws
        (runs, deadline) each run's uniform draws, in the order the model draws them.
    scaled
        (runs, deadline + 1, actors) ``δ ** t`` as numpy's array power computes it.
    powers
        (runs, deadline + 1, actors) ``δ ** t`` as Python's float power computes it.
    planned, thresholds
        (runs, actors, deadline[+1]) the strategies' targets and AC_next thresholds.
    horizon, ends
        (runs, actors) each actor's horizon and end of its talks.
    accept_time
        (runs, actors) T of AC_time and AC_combi.
    out
        (runs, 4) filled in.
    """
    runs, n = reservation.shape
    received = np.zeros((n, draws.shape[1], 2))
    heard = np.zeros(n, dtype=np.int64)
    for r in range(runs):
        heard[:] = 0
        plan = (reservation[r], cost[r], powers[r], planned[r], horizon[r], ends[r], accept_time[r])
        table = (u, admissible, mediator, conditions, rules, unanimous, pools)
        seat = (scaled[r], cost[r], reservation[r], power[r], thresholds[r], plan)
        ended = _play_one(opening, needs, breakdown[r], draws[r], table, seat, received, heard)
        out[r, :] = ended


@numba.njit(cache=True)
def _play_one(  # pragma: no cover - compiled
    text: int,
    needs: BoolArray,
    breakdown: float,
    draws: FloatArray,
    table: tuple,  # type: ignore[type-arg]
    seat: tuple,  # type: ignore[type-arg]
    received: FloatArray,
    heard: IntArray,
) -> tuple[int, int, int, int]:
    """One run (``NegotiationModel.step`` until it ends): reason, round, outcome, who left."""
    u, admissible, mediator, conditions, rules, unanimous, pools = table
    scaled, cost, reservation, power, thresholds, plan = seat
    horizon = plan[4]
    n = u.shape[1]
    objections = np.ones(n)
    left = np.zeros(n, dtype=np.bool_)
    responses = np.empty(n, dtype=np.bool_)
    exit_round = horizon.min()
    for round_ in range(draws.shape[0]):
        ended, walked, exit_round = round_opens(
            round_, exit_round, left, horizon, needs, breakdown, draws
        )
        if ended >= 0:
            return ended, round_, -1, walked
        answer(
            text,
            round_,
            u,
            admissible,
            mediator,
            conditions,
            left,
            thresholds,
            plan,
            received,
            heard,
            responses,
        )
        if ratified(responses, text, power, rules, unanimous):
            return AGREEMENT, round_, text, -1
        for j in range(n):
            if not responses[j]:
                objections[j] += 1.0
        text, improved = revise(
            text,
            round_ + 1,
            u,
            admissible,
            scaled,
            cost,
            reservation,
            objections,
            mediator,
            power,
            rules,
            pools,
        )
        if not improved:
            return DEADLOCK, round_, -1, -1
    return DEADLINE, draws.shape[0] - 1, -1, -1
