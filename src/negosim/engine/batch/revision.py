"""The mediator's revision of the single text, compiled (``MediatedText._revise``).

The same candidates in the same order (texts one issue away, two issues away, the frontier), the
same four sort keys added in the same order, the same ties (the text itself wins a tie, then the
later candidate), so that the batch engine revises exactly as the Mesa engine does.
"""

from __future__ import annotations

import numpy as np

from negosim.arrays import BoolArray, FloatArray, IntArray
from negosim.compiled import numba
from negosim.engine.batch.rules import screen


@numba.njit(cache=True, inline="always")
def _score(  # pragma: no cover - compiled
    text: int,
    k: int,
    u: FloatArray,
    admissible: BoolArray,
    consent: int,
    scaled: FloatArray,
    cost: FloatArray,
    reservation: FloatArray,
    objections: FloatArray,
    mediator: int,
    power: FloatArray,
    parties: BoolArray,
    quota: FloatArray,
    needed_yes: IntArray,
    key: FloatArray,
) -> None:
    """The mediator's four sort keys of one text at round ``k`` (``MediatedText._scores``).

    ``text`` is a row of ``u`` and ``admissible`` (the whole table's, or the frontier's own rows)
    and ``consent`` its consent mask. Arrays, not tuples of them: a tuple handed to this check
    inside the loop over candidates made the loop several times slower.
    """
    n = u.shape[1]
    shortfall = 0.0
    lowest = np.inf
    yes = 0
    for j in range(n):
        worth = u[text, j] * scaled[k, j] - cost[j] * k
        margin = worth - reservation[j] if admissible[text, j] else -1.0
        part = min(margin, 0.0) * objections[j]
        shortfall = part if j == 0 else shortfall + part
        if margin >= -1e-12:
            yes |= 1 << j
        lowest = min(lowest, margin)
    total = u[text, 0]
    for j in range(1, n):
        total += u[text, j]
    key[0] = shortfall
    key[1] = 1.0 if screen(yes, consent, power, parties, quota, needed_yes) else 0.0
    key[2] = lowest if mediator < 0 else u[text, mediator]
    key[3] = total


@numba.njit(cache=True, inline="always")
def _falls_short(  # pragma: no cover - compiled
    text: int,
    k: int,
    u: FloatArray,
    admissible: BoolArray,
    scaled: FloatArray,
    cost: FloatArray,
    reservation: FloatArray,
    objections: FloatArray,
) -> bool:
    """Whether some party's weighted shortfall on ``text`` is below zero (so is the sum)."""
    for j in range(u.shape[1]):
        worth = u[text, j] * scaled[k, j] - cost[j] * k
        margin = worth - reservation[j] if admissible[text, j] else -1.0
        if min(margin, 0.0) * objections[j] < 0.0:
            return True
    return False


@numba.njit(cache=True, inline="always")
def _above(a: FloatArray, b: FloatArray) -> int:  # pragma: no cover - compiled
    """1 when ``a`` sorts after ``b`` (lexicographically), 0 when equal, -1 when before."""
    for i in range(a.shape[0]):
        if a[i] > b[i]:
            return 1
        if a[i] < b[i]:
            return -1
    return 0


@numba.njit(cache=True)
def neighbours(  # pragma: no cover - compiled
    text: int, moves: IntArray, shape: IntArray, out: IntArray
) -> int:
    """Texts differing from ``text`` on the issues of ``moves`` (``mediated._neighbours``).

    Parameters
    ----------
    text
        The text on the table.
    moves
        (issues × (issue, new level, stride), moves), as ``mediated._moves`` lists them.
    shape
        Each issue's number of levels.
    out
        Filled with the neighbours, in the order of ``moves``.

    Returns
    -------
    int
        How many were written.
    """
    issues = shape.shape[0]
    levels = np.empty(issues, dtype=np.int64)
    rest = text
    for i in range(issues - 1, -1, -1):
        levels[i] = rest % shape[i]
        rest //= shape[i]
    found = 0
    step = moves.shape[0] // 3
    for m in range(moves.shape[1]):
        keep = True
        shift = 0
        for s in range(step):
            issue, to, stride = moves[3 * s, m], moves[3 * s + 1, m], moves[3 * s + 2, m]
            keep = keep and to != levels[issue]
            shift = (to - levels[issue]) * stride + shift
        if keep:
            out[found] = text + shift
            found += 1
    return found


@numba.njit(cache=True)
def revise(  # pragma: no cover - compiled
    text: int,
    k: int,
    u: FloatArray,
    admissible: BoolArray,
    scaled: FloatArray,
    cost: FloatArray,
    reservation: FloatArray,
    objections: FloatArray,
    mediator: int,
    power: FloatArray,
    rules: tuple,  # type: ignore[type-arg]
    pools: tuple,  # type: ignore[type-arg]
) -> tuple[int, bool]:
    """The mediator's revision and whether it improves (``MediatedText._revise``).

    Parameters
    ----------
    text
        The text that failed.
    k
        The round it is revised for (the next).
    u, admissible
        The utility table and the red lines.
    scaled
        (rounds, actors) ``δ ** t`` as numpy's array power computes it.
    cost, reservation, power
        Each actor's in this run.
    objections
        How often each actor has objected (from 1).
    mediator
        The mediator's column, -1 for a neutral mediator.
    rules
        The rules' arrays (see :func:`negosim.engine.batch.rules.screen`).
    pools
        The moves, shape, frontier, a buffer and the frontier's own rows of the tables.

    Returns
    -------
    tuple
        (the revised text, whether it improves on or passes where the text stood).
    """
    moves1, moves2, shape, frontier, buffer, near = pools
    run = (scaled, cost, reservation, objections, mediator, power, rules)
    whole = (u, admissible, rules[3])
    current = np.empty(4)
    best_key = np.empty(4)
    key = np.empty(4)
    parties, quota, needed_yes, consent_yes = rules
    _score(
        text,
        k,
        u,
        admissible,
        consent_yes[text],
        scaled,
        cost,
        reservation,
        objections,
        mediator,
        power,
        parties,
        quota,
        needed_yes,
        current,
    )
    improving = -1
    for pool in range(3):
        if pool == 2:  # the frontier's rows of the tables are contiguous: read them in order
            size, candidates, tables = frontier.shape[0], frontier, (near[0], near[1], near[2][3])
        else:
            size = neighbours(text, moves1 if pool == 0 else moves2, shape, buffer)
            candidates, tables = buffer, whole
        if size == 0:
            continue
        best_key[:] = current
        best = _best_of(text, k, candidates[:size], pool == 2, tables, run, best_key, key)
        if best != text and _above(best_key, current) > 0:
            if best_key[1] > 0:
                return best, True
            if improving < 0:
                improving = best
    if improving >= 0:
        return improving, True
    return text, current[1] > 0


@numba.njit(cache=True)
def _best_of(  # pragma: no cover - compiled
    text: int,
    k: int,
    candidates: IntArray,
    by_position: bool,
    tables: tuple,  # type: ignore[type-arg]
    run: tuple,  # type: ignore[type-arg]
    best_key: FloatArray,
    key: FloatArray,
) -> int:
    """The candidate that sorts last with the text appended (``np.lexsort(...)[-1]``).

    ``best_key`` holds the text's keys on entry and the winner's on return. ``tables`` are the
    utilities, red lines and consent masks; with ``by_position``, candidate ``i``'s row in them
    is ``i`` (the frontier's own rows). When the text or some candidate leaves nobody short, the
    winner does too, and the candidates that leave someone short are skipped unscored: a first
    pass looks for such a candidate, reading only utilities and red lines.
    """
    u, admissible, consent_yes = tables
    scaled, cost, reservation, objections, mediator, power, rules = run
    parties, quota, needed_yes = rules[0], rules[1], rules[2]
    current = best_key.copy()
    best = text
    whole = best_key[0] >= 0.0  # someone leaves nobody short: only such candidates can win
    for i in range(0 if whole else candidates.shape[0]):
        row = i if by_position else candidates[i]
        if not _falls_short(row, k, u, admissible, scaled, cost, reservation, objections):
            whole = True
            break
    for i in range(candidates.shape[0]):
        row = i if by_position else candidates[i]
        if whole and _falls_short(row, k, u, admissible, scaled, cost, reservation, objections):
            continue  # its shortfall is below the winner's zero: it cannot win (nor need scoring)
        _score(
            row,
            k,
            u,
            admissible,
            consent_yes[row],
            scaled,
            cost,
            reservation,
            objections,
            mediator,
            power,
            parties,
            quota,
            needed_yes,
            key,
        )
        if _above(key, best_key) >= 0:
            best = candidates[i]
            best_key[:] = key
    if _above(current, best_key) >= 0:
        best = text  # the text itself, appended last, wins its ties
    return best
