"""What every seat does at a compiled table: answer an offer, walk out, as the strategies do.

Shared by the protocols' kernels: the concession strategies' answers (``Concession.respond``
and :func:`negosim.strategies.acceptance.accepts`) and the table's walk-outs
(``NegotiationModel._walk_outs``).
"""

from __future__ import annotations

from negosim.arrays import BoolArray, FloatArray, IntArray
from negosim.compiled import numba

AGREEMENT, BREAKDOWN, DEADLINE, DEADLOCK, WALKED_OUT = 0, 1, 2, 3, 4
"""Reason codes; ``condition unmet`` is decided afterwards from the rules alone."""
NEXT, TIME, COMBI = 0, 1, 2
"""Acceptance conditions by code."""


@numba.njit(cache=True)
def _accepts(  # pragma: no cover - compiled
    j: int,
    round_: int,
    utility: float,
    condition: int,
    plan: tuple,  # type: ignore[type-arg]
    received: FloatArray,
    heard: IntArray,
) -> bool:
    """AC_time or AC_combi (``negosim.strategies.acceptance.accepts``), the offer received."""
    reservation, cost, powers, planned, horizon, ends, accept_time = plan
    last = planned.shape[1] - 1
    waiting = planned[j, min(round_ + 1, last)] if round_ + 1 < ends[j] else 0.0
    now = powers[round_, j] * utility - cost[j] * round_
    if now < reservation[j] - 1e-12:
        return False
    later = powers[round_ + 1, j] * waiting - cost[j] * (round_ + 1)
    ac_next = now >= later - 1e-12
    late = round_ >= accept_time[j] * (horizon[j] - 1)
    if condition == TIME:
        return bool(late)
    remaining = max(horizon[j] - round_, 1)
    best = 0.0
    for i in range(heard[j]):
        if received[j, i, 0] >= round_ - remaining:
            best = max(best, received[j, i, 1])
    return ac_next or (late and utility >= best - 1e-12)


@numba.njit(cache=True)
def walk_outs(  # pragma: no cover - compiled
    round_: int, left: BoolArray, horizon: IntArray, needs: BoolArray
) -> int:
    """Seat out whoever's horizon has come (``NegotiationModel._walk_outs``).

    Parameters
    ----------
    round_
        The current round.
    left
        Who has left (updated).
    horizon
        Each actor's horizon.
    needs
        Whether each actor's leaving ends the talks.

    Returns
    -------
    int
        The actor whose leaving ends the talks, or -1.
    """
    for j in range(left.shape[0]):
        if left[j] or round_ < horizon[j]:
            continue
        if needs[j]:
            return j
        left[j] = True
    return -1


@numba.njit(cache=True)
def round_opens(  # pragma: no cover - compiled
    round_: int,
    exit_round: int,
    left: BoolArray,
    horizon: IntArray,
    needs: BoolArray,
    breakdown: float,
    draws: FloatArray,
) -> tuple[int, int, int]:
    """The start of a round in ``NegotiationModel.step``: walk-outs, then the breakdown draw.

    Parameters
    ----------
    round_
        The current round.
    exit_round
        The earliest round at which someone still at the table would leave.
    left
        Who has left (updated).
    horizon
        Each actor's horizon.
    needs
        Whether each actor's leaving ends the talks.
    breakdown
        The chance that talks collapse this round.
    draws
        The run's uniform draws, one per round.

    Returns
    -------
    tuple of int
        (the reason the talks end, or -1 when they go on; who walked out, or -1; the next
        earliest exit).
    """
    if round_ >= exit_round:
        walked = walk_outs(round_, left, horizon, needs)
        if walked >= 0:
            return WALKED_OUT, walked, exit_round
        exit_round = first_exit(left, horizon)
    if breakdown > 0 and draws[round_] < breakdown:
        return BREAKDOWN, -1, exit_round
    return -1, -1, exit_round


@numba.njit(cache=True)
def first_exit(left: BoolArray, horizon: IntArray) -> int:  # pragma: no cover - compiled
    """The earliest horizon of those still at the table (``_plan_exits``).

    Parameters
    ----------
    left
        Who has left.
    horizon
        Each actor's horizon.

    Returns
    -------
    int
        A round, or 10⁹ when nobody is left to leave.
    """
    first = 10**9
    for j in range(left.shape[0]):
        if not left[j]:
            first = min(first, horizon[j])
    return first


@numba.njit(cache=True)
def answer(  # pragma: no cover - compiled
    text: int,
    round_: int,
    u: FloatArray,
    admissible: BoolArray,
    mediator: int,
    conditions: IntArray,
    left: BoolArray,
    thresholds: FloatArray,
    plan: tuple,  # type: ignore[type-arg]
    received: FloatArray,
    heard: IntArray,
    responses: BoolArray,
) -> None:
    """Every actor's answer to the text (``NegotiationModel.vote`` and ``Concession.respond``).

    Parameters
    ----------
    text
        The outcome on the table.
    round_
        The current round.
    u, admissible
        The utility table and the red lines.
    mediator
        Who tabled it (its own yes is given), -1 for a neutral mediator.
    conditions
        Each actor's acceptance condition code.
    left
        Who has left (they say no).
    thresholds
        (actors, rounds) AC_next's least utility accepted.
    plan
        Walk-aways, costs, Python's ``δ ** t``, targets, horizons, ends of talks, T.
    received, heard
        Each actor's offers received so far (round, utility) and their number (updated).
    responses
        Filled with each actor's answer.
    """
    for j in range(u.shape[1]):
        if j == mediator:
            responses[j] = True
        elif left[j]:
            responses[j] = False
        elif conditions[j] == NEXT:
            responses[j] = admissible[text, j] and u[text, j] >= thresholds[j, round_]
        else:
            utility = u[text, j]
            received[j, heard[j], 0] = round_
            received[j, heard[j], 1] = utility
            heard[j] += 1
            responses[j] = admissible[text, j] and _accepts(
                j, round_, utility, conditions[j], plan, received, heard
            )
