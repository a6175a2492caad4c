"""When the talks must end, and whether the rules leave any deal: compiled, per run.

``Seat.talks_end`` (``_zone_closes``) and ``Game.conditions_block_every_deal`` for each run's
walk-aways, patience, costs and powers.
"""

from __future__ import annotations

import numpy as np

from negosim.arrays import BoolArray, FloatArray, IntArray
from negosim.compiled import numba
from negosim.engine.batch.rules import could_pass, mask_of, screen


@numba.njit(cache=True)
def any_passes(  # pragma: no cover - compiled
    admissible: BoolArray,
    power: FloatArray,
    rules: tuple,  # type: ignore[type-arg]
) -> bool:
    """Whether some outcome passes the rules on the hard conditions alone.

    Parameters
    ----------
    admissible
        (outcomes, actors) where each actor's red lines hold.
    power
        Each actor's power.
    rules
        :attr:`~negosim.engine.batch.rules.RuleArrays.fields`.

    Returns
    -------
    bool
        False when the conditions block every deal.
    """
    parties, quota, needed_yes, consent_yes = rules
    for text in range(admissible.shape[0]):
        yes = mask_of(admissible[text])
        if screen(yes, consent_yes[text], power, parties, quota, needed_yes):
            return True
    return False


BLOCK = 32
"""Texts per block of the sorted frontier whose best utilities are kept (:func:`ceilings`)."""


@numba.njit(cache=True)
def ceilings(frontier: FloatArray) -> FloatArray:  # pragma: no cover - compiled
    """Each actor's best utility in each block of :data:`BLOCK` consecutive texts.

    Parameters
    ----------
    frontier
        (texts, actors) the utilities, in the order the pass reads them.

    Returns
    -------
    FloatArray
        (blocks, actors).
    """
    best = np.full(((frontier.shape[0] + BLOCK - 1) // BLOCK, frontier.shape[1]), -np.inf)
    for text in range(frontier.shape[0]):
        for j in range(frontier.shape[1]):
            best[text // BLOCK, j] = max(best[text // BLOCK, j], frontier[text, j])
    return best


@numba.njit(cache=True)
def talks_end(  # pragma: no cover - compiled
    frontier: FloatArray,
    best: FloatArray,
    scaled: FloatArray,
    cost: FloatArray,
    reservation: FloatArray,
    power: FloatArray,
    rules: tuple,  # type: ignore[type-arg]
    needed: int,
) -> int:
    """The first round at which no frontier text passes at everyone's walk-away (``_zone_closes``).

    A text that fails in a round fails in every later one (worth only falls), so the round is one
    after the last at which some text passes: one pass over the frontier, each text checked only
    beyond the latest round found so far, where ``_zone_closes`` bisects the rounds. A block of
    texts is skipped when the rules refuse the answers its best utilities would get (no text in it
    gets more yeses). With the frontier sorted from ``needed``'s best text down (an actor every
    deal needs, or -1), the pass stops at the first block, and then at the first text, that actor
    refuses: every later one it values less, so refuses too.

    Parameters
    ----------
    frontier
        The utilities of the efficient, jointly admissible texts, one row each, sorted by
        ``needed``'s utility, best first (``rules``' consent masks have the same rows).
    best
        (blocks, actors) :func:`ceilings` of ``frontier``.
    scaled
        (deadline + 1, actors) ``δ ** t`` as numpy's array power computes it.
    cost, reservation, power
        Each actor's, in this run.
    rules
        :attr:`~negosim.engine.batch.rules.RuleArrays.fields`.
    needed
        An actor whose yes every deal needs, or -1.

    Returns
    -------
    int
        A number of rounds, at most the deadline.
    """
    deadline = scaled.shape[0] - 1
    parties, quota, needed_yes, consent_yes = rules
    latest = -1  # the last round at which some text still passes
    for block in range(best.shape[0]):
        if latest >= deadline - 1:
            break
        k = latest + 1  # passing beyond the latest round implies passing at 0
        if needed >= 0 and not _accepted(best, block, needed, k, scaled, cost, reservation):
            break
        yes = _answers(best, block, k, scaled, cost, reservation)
        if not could_pass(yes, power, parties, quota, needed_yes):
            continue
        for text in range(block * BLOCK, min((block + 1) * BLOCK, frontier.shape[0])):
            k = latest + 1
            refused = needed >= 0 and not _accepted(
                frontier, text, needed, k, scaled, cost, reservation
            )
            if k <= deadline - 1 and refused:
                break  # it refuses every later text too (the next block's first ends the pass)
            while latest + 1 <= deadline - 1:
                yes = _answers(frontier, text, latest + 1, scaled, cost, reservation)
                if not screen(yes, consent_yes[text], power, parties, quota, needed_yes):
                    break
                latest += 1
    return 0 if latest < 0 else min(latest + 1, deadline)


@numba.njit(cache=True, inline="always")
def _accepted(  # pragma: no cover - compiled
    u: FloatArray,
    row: int,
    j: int,
    k: int,
    scaled: FloatArray,
    cost: FloatArray,
    reservation: FloatArray,
) -> bool:
    """Whether actor ``j`` accepts row ``row`` of ``u`` at round ``k`` (at its walk-away)."""
    return bool(u[row, j] * scaled[k, j] - cost[j] * k >= reservation[j] - 1e-12)


@numba.njit(cache=True, inline="always")
def _answers(  # pragma: no cover - compiled
    u: FloatArray,
    row: int,
    k: int,
    scaled: FloatArray,
    cost: FloatArray,
    reservation: FloatArray,
) -> int:
    """The mask of the actors who accept row ``row`` of ``u`` at round ``k``."""
    yes = 0
    for j in range(u.shape[1]):
        if _accepted(u, row, j, k, scaled, cost, reservation):
            yes |= 1 << j
    return yes


@numba.njit(cache=True)
def talks_ends(  # pragma: no cover - compiled
    frontier: FloatArray,
    best: FloatArray,
    rules: tuple,  # type: ignore[type-arg]
    scaled: FloatArray,
    cost: FloatArray,
    reservation: FloatArray,
    power: FloatArray,
    needed: int,
) -> IntArray:
    """:func:`talks_end` of many runs: ``scaled``, ``cost``, ``reservation``, ``power`` by run.

    Parameters
    ----------
    frontier, best, rules, needed
        As :func:`talks_end` takes them, shared by the runs.
    scaled
        (runs, deadline + 1, actors).
    cost, reservation, power
        (runs, actors).

    Returns
    -------
    IntArray
        (runs,) each run's end of talks.
    """
    ends = np.empty(scaled.shape[0], dtype=np.int64)
    for r in range(scaled.shape[0]):
        ends[r] = talks_end(
            frontier, best, scaled[r], cost[r], reservation[r], power[r], rules, needed
        )
    return ends
