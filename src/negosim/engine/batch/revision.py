"""The mediator's revision of the single text, compiled (``MediatedText._revise``).

The same candidates in the same order (texts one issue away, two issues away, the frontier), the
same four sort keys added in the same order, the same ties (the text itself wins a tie, then the
later candidate), so that the batch engine revises exactly as the Mesa engine does.
"""

from __future__ import annotations

import numpy as np

from negosim.arrays import BoolArray, FloatArray, IntArray
from negosim.compiled import numba
from negosim.engine.batch import nearby
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
    yes = _keys(text, k, u, admissible, scaled, cost, reservation, objections, mediator, key)
    key[1] = 1.0 if screen(yes, consent, power, parties, quota, needed_yes) else 0.0


@numba.njit(cache=True, inline="always")
def _keys(  # pragma: no cover - compiled
    text: int,
    k: int,
    u: FloatArray,
    admissible: BoolArray,
    scaled: FloatArray,
    cost: FloatArray,
    reservation: FloatArray,
    objections: FloatArray,
    mediator: int,
    key: FloatArray,
) -> int:
    """:func:`_score`'s keys but the second (whether the text passes); the answers' mask."""
    n = u.shape[1]
    shortfall = 0.0
    lowest = np.inf
    yes = 0
    for j in range(n):
        margin = _margin(text, j, k, u, admissible, scaled, cost, reservation)
        part = min(margin, 0.0) * objections[j]
        shortfall = part if j == 0 else shortfall + part
        if margin >= -1e-12:
            yes |= 1 << j
        lowest = min(lowest, margin)
    total = u[text, 0]
    for j in range(1, n):
        total += u[text, j]
    key[0] = shortfall
    key[2] = lowest if mediator < 0 else u[text, mediator]
    key[3] = total
    return yes


@numba.njit(cache=True, inline="always")
def _margin(  # pragma: no cover - compiled
    text: int,
    j: int,
    k: int,
    u: FloatArray,
    admissible: BoolArray,
    scaled: FloatArray,
    cost: FloatArray,
    reservation: FloatArray,
) -> float:
    """Actor ``j``'s margin over its walk-away on ``text`` at round ``k``; -1 past a red line.

    ``MediatedText._scores``'s arithmetic, in one place: the keys, the shortfall check and
    :func:`_shortfalls` (the same operations on columns) must round alike.
    """
    worth = u[text, j] * scaled[k, j] - cost[j] * k
    return worth - reservation[j] if admissible[text, j] else -1.0


@numba.njit(cache=True, inline="always")
def _cannot_win(key: FloatArray, best: FloatArray) -> bool:  # pragma: no cover - compiled
    """Whether ``key`` sorts before ``best`` whether or not its text passes (``key[1]`` unset)."""
    if key[0] < best[0]:
        return True
    if not (key[0] == best[0] and best[1] > 0.0):
        return False  # higher, or level with a best that fails: a pass would decide
    for i in range(2, 4):  # level with a best that passes: it wins only on the later keys
        if key[i] > best[i]:
            return False
        if key[i] < best[i]:
            return True
    return False


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
        margin = _margin(text, j, k, u, admissible, scaled, cost, reservation)
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
        The moves, the space's shape, the frontier, a buffer, the frontier's own rows of the
        tables (and its utilities and red lines actor by actor), each pool's kept candidates
        (:func:`negosim.engine.batch.nearby.slots`) and a buffer of flags.

    Returns
    -------
    tuple
        (the revised text, whether it improves on or passes where the text stood).
    """
    moves1, moves2, shape, frontier, buffer, near, kept, short = pools
    run = (scaled, cost, reservation, objections, mediator, power, rules, k)
    whole = (u, admissible, rules[3])
    current = np.empty(4)
    best_key = np.empty(4)
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
        best_key[:] = current
        if pool == 2:  # the frontier's own rows of the tables, in order
            tables = (near[0], near[1], near[2][3])
            best = _best_of(text, frontier, True, tables, run, best_key, near[3], True, short)
        else:
            moves = moves1 if pool == 0 else moves2
            slot = nearby.find(text, kept[pool], moves, shape, u, admissible, consent_yes)
            if slot >= 0:  # its candidates' own rows, kept actor by actor
                texts, columns, red, consent, sizes = kept[pool][3:]
                size = sizes[slot]
                rows = (columns[slot, :, :size].T, red[slot, :, :size].T, consent[slot, :size])
                by_actor = (columns[slot], red[slot])
                best = _best_of(
                    text, texts[slot, :size], True, rows, run, best_key, by_actor, True, short
                )
            else:  # every slot is taken: gather them as the Mesa engine does
                candidates = buffer[: nearby.neighbours(text, moves, shape, buffer)]
                best = _best_of(
                    text, candidates, False, whole, run, best_key, near[3], False, short
                )
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
    candidates: IntArray,
    by_position: bool,
    tables: tuple,  # type: ignore[type-arg]
    run: tuple,  # type: ignore[type-arg]
    best_key: FloatArray,
    by_actor: tuple,  # type: ignore[type-arg]
    known: bool,
    short: IntArray,
) -> int:
    """The candidate that sorts last with the text appended (``np.lexsort(...)[-1]``).

    ``best_key`` holds the text's keys on entry and the winner's on return. ``tables`` are the
    utilities, red lines and consent masks; with ``by_position``, candidate ``i``'s row in them
    is ``i`` (the frontier's own rows). When ``known``, ``by_actor`` holds the candidates'
    utilities and red lines actor by actor. When the text or some candidate
    leaves nobody short, the winner does too, and the candidates that leave someone short are
    skipped unscored.
    """
    u, admissible, consent_yes = tables
    scaled, cost, reservation, objections, mediator, power, rules, k = run
    parties, quota, needed_yes = rules[0], rules[1], rules[2]
    size = candidates.shape[0]
    if known:
        _shortfalls(k, by_actor, size, scaled, cost, reservation, short)
    else:
        for i in range(size):
            row = i if by_position else candidates[i]
            short[i] = _falls_short(row, k, u, admissible, scaled, cost, reservation, objections)
    current = best_key.copy()
    key = np.empty(4)
    best = text
    whole = best_key[0] >= 0.0  # someone leaves nobody short: only such candidates can win
    for i in range(0 if whole else size):
        if not short[i]:
            whole = True
            break
    for i in range(size):
        if whole and short[i]:
            continue  # its shortfall is below the winner's zero: it cannot win (nor need scoring)
        row = i if by_position else candidates[i]
        yes = _keys(row, k, u, admissible, scaled, cost, reservation, objections, mediator, key)
        if _cannot_win(key, best_key):
            continue  # sorts before the best whatever the vote: no need to screen it
        key[1] = 1.0 if screen(yes, consent_yes[row], power, parties, quota, needed_yes) else 0.0
        if _above(key, best_key) >= 0:
            best = candidates[i]
            best_key[:] = key
    if _above(current, best_key) >= 0:
        best = text  # the text itself, appended last, wins its ties
    return best


@numba.njit(cache=True)
def _shortfalls(  # pragma: no cover - compiled
    k: int,
    by_actor: tuple,  # type: ignore[type-arg]
    size: int,
    scaled: FloatArray,
    cost: FloatArray,
    reservation: FloatArray,
    short: IntArray,
) -> None:
    """:func:`_falls_short` of the first ``size`` candidates, an actor at a time.

    :func:`_margin`'s operations, in its order, with the round's factors read once per actor.

    Over columns read in order the check runs without a branch per candidate, several
    candidates per instruction; candidate by candidate it stalled on each one's early exit.
    Objections count from 1, so a weighted shortfall is below zero exactly when the margin is
    (a NaN margin being neither).
    """
    columns, red = by_actor
    short[:size] = False
    for j in range(columns.shape[0]):
        discount, spent, walkaway = scaled[k, j], cost[j] * k, reservation[j]
        accepts, utilities = red[j], columns[j]
        for i in range(size):
            margin = utilities[i] * discount - spent - walkaway
            short[i] |= np.uint8(accepts[i] == 0) | np.uint8(margin < 0.0)
