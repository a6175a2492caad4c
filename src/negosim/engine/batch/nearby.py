"""The mediator's nearby texts, kept per text: its candidates gathered once, read in order after.

Each round the mediator scores the texts one and two issues away from the text on the table:
hundreds of rows scattered over a table far larger than the core's cache, found again by walking
the moves. A few texts come back in most runs (in ``grand_bargain``, 165 texts take all 5,129
revisions of 1,000 runs), so each text's candidates, their utilities and red lines are copied
once into a slot, actor by actor, and every later visit reads them in order.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from negosim.arrays import BoolArray, FloatArray, IntArray
from negosim.compiled import numba

BUDGET = 16 * 2**20
"""Bytes of slots a pool may hold; texts beyond them are gathered every visit, as before."""

MOST_SLOTS = 1024
"""Slots a pool may hold at most, however small its texts' candidates."""


def slots(moves: IntArray, actors: int) -> tuple[Any, ...]:
    """Empty slots for one pool of candidates (the texts one, or two, issues away).

    Parameters
    ----------
    moves
        The pool's moves (:func:`neighbours`), one column each.
    actors
        The game's number of actors.

    Returns
    -------
    tuple
        The hash table's keys (texts, -1 when free; a power of two of them) and values (slots),
        the number of slots used, and per slot: the candidates, their utilities and red lines
        actor by actor, their consent masks, and how many there are.
    """
    width = moves.shape[1]
    count = int(min(MOST_SLOTS, BUDGET // max(1, width * (16 + 9 * actors))))
    keys = np.full(1 << (2 * max(count, 1)).bit_length(), -1, dtype=np.int64)  # under half full
    return (
        keys,
        np.zeros(len(keys), dtype=np.int64),
        np.zeros(1, dtype=np.int64),
        np.empty((count, width), dtype=np.int64),
        np.empty((count, actors, width), dtype=np.float64),
        np.empty((count, actors, width), dtype=np.uint8),
        np.empty((count, width), dtype=np.int64),
        np.zeros(count, dtype=np.int64),
    )


@numba.njit(cache=True)
def find(  # pragma: no cover - compiled
    text: int,
    pool: tuple,  # type: ignore[type-arg]
    moves: IntArray,
    shape: IntArray,
    u: FloatArray,
    admissible: BoolArray,
    consent_yes: IntArray,
) -> int:
    """The slot of ``text``'s candidates, filled on the first visit; -1 when every slot is taken.

    Parameters
    ----------
    text
        The text on the table.
    pool
        The pool's slots (:func:`slots`).
    moves, shape
        The pool's moves and the space's shape.
    u, admissible, consent_yes
        The utility table, the red lines and the consent masks.

    Returns
    -------
    int
        A slot, or -1.
    """
    keys, values, used, texts, columns, red, consent, sizes = pool
    mask = keys.shape[0] - 1
    at = (text * 2654435761 >> 16) & mask
    while keys[at] >= 0:
        if keys[at] == text:
            return int(values[at])
        at = (at + 1) & mask
    if used[0] >= texts.shape[0]:
        return -1
    slot = int(used[0])
    used[0] += 1
    size = neighbours(text, moves, shape, texts[slot])
    for i in range(size):
        consent[slot, i] = consent_yes[texts[slot, i]]
    for j in range(u.shape[1]):
        for i in range(size):
            columns[slot, j, i] = u[texts[slot, i], j]
            red[slot, j, i] = admissible[texts[slot, i], j]
    sizes[slot] = size
    keys[at], values[at] = text, slot
    return slot


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
