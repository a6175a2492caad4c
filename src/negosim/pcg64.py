"""numpy's PCG64 bit generator, compiled, so that every run's draws can be made in one loop.

A run's parameters come from its own ``default_rng(SeedSequence)`` stream. Starting a numpy
``Generator`` per run and calling it once per parameter costs more than the run's negotiation on the
batch engine, so this module steps the same 128-bit LCG with the same XSL-RR output
(``pcg64.h``: ``pcg_setseq_128_step_r``, ``pcg_output_xsl_rr_128_64``) and the same 32-bit
buffering. A state is a uint64 array: the state's high and low words, the increment's high and low
words, whether a 32-bit half is buffered, and that half. ``tests/test_compiled_draws.py`` checks
every output against numpy's.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from negosim.arrays import BoolArray, FloatArray, IntArray
from negosim.compiled import numba

MULTIPLIER_HIGH = np.uint64(2549297995355413924)
MULTIPLIER_LOW = np.uint64(4865540595714422341)
LOW_32 = np.uint64(0xFFFFFFFF)
UIntArray = npt.NDArray[np.uint64]
"""A generator's state."""
TO_DOUBLE = 1.0 / 9007199254740992.0
"""``next_double``: the top 53 bits of a 64-bit draw, scaled to [0, 1)."""


@numba.njit(cache=True, inline="always")
def _high_product(x: np.uint64, y: np.uint64) -> np.uint64:  # pragma: no cover - compiled
    """The high 64 bits of the 128-bit product of two 64-bit words."""
    x0, x1 = x & LOW_32, x >> np.uint64(32)
    y0, y1 = y & LOW_32, y >> np.uint64(32)
    low = x0 * y0
    middle = x1 * y0 + (low >> np.uint64(32))
    cross = (middle & LOW_32) + x0 * y1
    return x1 * y1 + (middle >> np.uint64(32)) + (cross >> np.uint64(32))


@numba.njit(cache=True, inline="always")
def _step(state: UIntArray) -> None:  # pragma: no cover - compiled
    """``state = state * multiplier + increment`` modulo 2¹²⁸."""
    high, low = state[0], state[1]
    product_high = (
        _high_product(low, MULTIPLIER_LOW) + high * MULTIPLIER_LOW + low * MULTIPLIER_HIGH
    )
    product_low = low * MULTIPLIER_LOW
    new_low = product_low + state[3]
    carry = np.uint64(1) if new_low < product_low else np.uint64(0)
    state[0] = product_high + state[2] + carry
    state[1] = new_low


@numba.njit(cache=True)
def seeded(words: IntArray) -> UIntArray:  # pragma: no cover - compiled
    """The state ``PCG64(SeedSequence)`` starts from, given the eight words it asks the sequence for.

    ``pcg64_srandom_r``: the increment is the stream shifted left and made odd; the state steps
    once from zero, adds the initial state, and steps again.

    Parameters
    ----------
    words
        Eight 32-bit words (int64): ``generate_state(4, uint64)`` read as 32-bit halves.

    Returns
    -------
    UIntArray
        The state, as this module keeps it (uint64, six words).
    """
    w = words.astype(np.uint64)
    initial_high, initial_low = w[0] | (w[1] << np.uint64(32)), w[2] | (w[3] << np.uint64(32))
    stream_high, stream_low = w[4] | (w[5] << np.uint64(32)), w[6] | (w[7] << np.uint64(32))
    state = np.zeros(6, dtype=np.uint64)
    state[2] = (stream_high << np.uint64(1)) | (stream_low >> np.uint64(63))
    state[3] = (stream_low << np.uint64(1)) | np.uint64(1)
    low = state[3] + initial_low
    carry = np.uint64(1) if low < initial_low else np.uint64(0)
    state[0], state[1] = state[2] + initial_high + carry, low
    _step(state)
    return state


@numba.njit(cache=True)
def next_uint64(state: UIntArray) -> np.uint64:  # pragma: no cover - compiled
    """The next 64-bit draw (``pcg64_next64``): step, then the XSL-RR output of the new state.

    Parameters
    ----------
    state
        The generator's state (updated).

    Returns
    -------
    numpy.uint64
        The draw.
    """
    _step(state)
    folded = state[0] ^ state[1]
    turn = state[0] >> np.uint64(58)
    return np.uint64((folded >> turn) | (folded << ((np.uint64(64) - turn) & np.uint64(63))))


@numba.njit(cache=True)
def next_double(state: UIntArray) -> float:  # pragma: no cover - compiled
    """A draw on [0, 1), as ``Generator.random`` makes it.

    Parameters
    ----------
    state
        The generator's state (updated).

    Returns
    -------
    float
        The draw.
    """
    return float(next_uint64(state) >> np.uint64(11)) * TO_DOUBLE


@numba.njit(cache=True)
def next_uint32(state: UIntArray) -> np.uint64:  # pragma: no cover - compiled
    """A 32-bit draw (``pcg64_next32``): the low half of a 64-bit draw, its high half kept for next.

    Parameters
    ----------
    state
        The generator's state (updated).

    Returns
    -------
    numpy.uint64
        The draw, below 2³².
    """
    if state[4]:
        state[4] = np.uint64(0)
        return np.uint64(state[5])
    drawn = next_uint64(state)
    state[4], state[5] = np.uint64(1), drawn >> np.uint64(32)
    return np.uint64(drawn & LOW_32)


@numba.njit(cache=True)
def uniforms(
    words: IntArray, size: int, wanted: BoolArray
) -> FloatArray:  # pragma: no cover - compiled
    """The first ``size`` draws of ``Generator.random`` from each wanted run's stream (zeros else).

    Parameters
    ----------
    words
        (runs, 8) the words each run's generator is seeded with.
    size
        Draws per run.
    wanted
        (runs,) whose draws are needed.

    Returns
    -------
    FloatArray
        (runs, size).
    """
    out = np.zeros((words.shape[0], size))
    for r in range(words.shape[0]):
        if wanted[r]:
            state = seeded(words[r])
            for i in range(size):
                out[r, i] = next_double(state)
    return out
