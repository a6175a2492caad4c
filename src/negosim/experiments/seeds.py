"""Every run's seeds at once: numpy's ``SeedSequence`` hashing, compiled, word for word.

Run ``r`` of an experiment with seed ``s`` draws its parameters from a generator seeded by
``SeedSequence(run_seed).spawn(2)[0]`` and plays from ``SeedSequence(run_seed).spawn(2)[1]``, where
``run_seed = SeedSequence(s, spawn_key=(r,)).generate_state(1)[0]`` (see
:mod:`negosim.experiments.runner`). Built one run at a time in Python, those objects cost more than a
whole negotiation on the batch engine. This module computes the same 32-bit words for a block of
runs in one compiled loop (O'Neill's seed-sequence hashing, as numpy's ``bit_generator.pyx``
implements it) and hands numpy's own PCG64 the words it would have asked the ``SeedSequence`` for.
``tests/test_batch_engine.py`` compares it with numpy over many seeds and runs.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from negosim.arrays import IntArray
from negosim.compiled import numba

MASK = 0xFFFFFFFF
INIT_A, MULT_A = 0x43B0D7E5, 0x931E8875
INIT_B, MULT_B = 0x8B51F9DD, 0x58F38DED
MIX_MULT_L, MIX_MULT_R = 0xCA01F9DD, 0x4973F715
XSHIFT, POOL = 16, 4


def words_of(value: int) -> IntArray:
    """A non-negative integer as numpy's ``SeedSequence`` reads it: 32-bit words, lowest first.

    Parameters
    ----------
    value
        The entropy.

    Returns
    -------
    IntArray
        At least one word.
    """
    found = [value & MASK]
    value >>= 32
    while value:
        found.append(value & MASK)
        value >>= 32
    return np.array(found, dtype=np.uint64).astype(np.int64)


@numba.njit(cache=True)
def _state(entropy: IntArray, key: int, words: int) -> IntArray:  # pragma: no cover - compiled
    """``SeedSequence(entropy, spawn_key=(key,)).generate_state(words)``, as int64 of uint32.

    A negative ``key`` stands for no spawn key.
    """
    size = max(entropy.shape[0], POOL)
    assembled = np.zeros(size + 2, dtype=np.int64)
    assembled[: entropy.shape[0]] = entropy
    if key < 0:  # no spawn key: the entropy alone, as ``SeedSequence(entropy)`` assembles it
        count = entropy.shape[0]
    else:
        assembled[size] = key & MASK
        count = size + 1
    if key > MASK:
        assembled[size + 1] = key >> 32
        count += 1
    pool = np.zeros(POOL, dtype=np.int64)
    hashed = INIT_A
    for i in range(POOL):
        pool[i], hashed = _hashmix(assembled[i], hashed)
    for source in range(POOL):
        for target in range(POOL):
            if source != target:
                value, hashed = _hashmix(pool[source], hashed)
                pool[target] = _mix(pool[target], value)
    for source in range(POOL, count):
        for target in range(POOL):
            value, hashed = _hashmix(assembled[source], hashed)
            pool[target] = _mix(pool[target], value)
    out = np.empty(words, dtype=np.int64)
    hashed = INIT_B
    for i in range(words):
        value = (pool[i % POOL] ^ hashed) & MASK
        hashed = (hashed * MULT_B) & MASK
        value = (value * hashed) & MASK
        out[i] = value ^ (value >> XSHIFT)
    return out


@numba.njit(cache=True, inline="always")
def _hashmix(value: int, hashed: int) -> tuple[int, int]:  # pragma: no cover - compiled
    value = (value ^ hashed) & MASK
    hashed = (hashed * MULT_A) & MASK
    value = (value * hashed) & MASK
    return value ^ (value >> XSHIFT), hashed


@numba.njit(cache=True, inline="always")
def _mix(x: int, y: int) -> int:  # pragma: no cover - compiled
    result = (MIX_MULT_L * x - MIX_MULT_R * y) & MASK
    return result ^ (result >> XSHIFT)


@numba.njit(cache=True)
def run_seeds(  # pragma: no cover - compiled
    experiment: IntArray, start: int, stop: int
) -> tuple[IntArray, IntArray, IntArray]:
    """Runs ``start`` to ``stop - 1``: their seeds, parameter generators' words, models' seeds.

    Parameters
    ----------
    experiment
        The experiment seed's words (:func:`words_of`).
    start
        The first run.
    stop
        The run after the last.

    Returns
    -------
    tuple of IntArray
        (runs,) each run's seed (``run_seed``); (runs, 8) the words PCG64 asks the run's
        parameter ``SeedSequence`` for; (runs,) the seed of the run's model (``play_stage``).
    """
    runs = stop - start
    seeds = np.empty(runs, dtype=np.int64)
    draws = np.empty((runs, 8), dtype=np.int64)
    models = np.empty(runs, dtype=np.int64)
    for i in range(runs):
        seed = _state(experiment, start + i, 1)[0]
        own = np.array([seed])
        draws[i] = _state(own, 0, 8)
        negotiate = _state(own, 1, 1)[0]
        models[i] = _state(np.array([negotiate]), 0, 1)[0]
        seeds[i] = seed
    return seeds, draws, models


@numba.njit(cache=True)
def stream_words(seeds: IntArray) -> IntArray:  # pragma: no cover - compiled
    """The words ``default_rng(seed)`` seeds PCG64 with, for each seed (a run's model, say).

    Parameters
    ----------
    seeds
        (runs,) seeds below 2³².

    Returns
    -------
    IntArray
        (runs, 8) 32-bit words.
    """
    words = np.empty((seeds.shape[0], 8), dtype=np.int64)
    for i in range(seeds.shape[0]):
        words[i] = _state(seeds[i : i + 1], -1, 8)
    return words


PCG_MULTIPLIER = (2549297995355413924 << 64) + 4865540595714422341
"""PCG64's 128-bit LCG multiplier (numpy's ``pcg64.h``)."""
MASK_128 = (1 << 128) - 1


def pcg64_state(words: IntArray) -> tuple[int, int]:
    """The PCG64 state numpy's ``PCG64(seed_sequence)`` starts from, given the sequence's words.

    ``pcg64_set_seed``: the first two 64-bit words are the initial state, the last two the stream;
    ``pcg64_srandom_r`` steps the generator once before and once after adding the initial state.

    Parameters
    ----------
    words
        Eight 32-bit words: ``generate_state(4, uint64)`` of the seed sequence.

    Returns
    -------
    tuple of int
        (state, increment), as ``PCG64.state`` holds them.
    """
    w = [int(x) for x in words]
    high, low, seq_high, seq_low = (w[i] | w[i + 1] << 32 for i in range(0, 8, 2))
    initial, sequence = (high << 64) | low, (seq_high << 64) | seq_low
    increment = ((sequence << 1) | 1) & MASK_128
    state = (increment + initial) & MASK_128
    return (state * PCG_MULTIPLIER + increment) & MASK_128, increment


def generators(words: IntArray) -> Iterator[np.random.Generator]:
    """Each run's parameter generator in turn, as ``default_rng`` of its ``SeedSequence`` draws.

    One generator is re-seeded for each run: use each before asking for the next.

    Parameters
    ----------
    words
        (runs, 8) the runs' words (:func:`run_seeds`).

    Yields
    ------
    numpy.random.Generator
        The run's generator.
    """
    bits = np.random.PCG64(0)
    shared = np.random.Generator(bits)
    for row in words:
        state, increment = pcg64_state(row)
        bits.state = {
            "bit_generator": "PCG64",
            "state": {"state": state, "inc": increment},
            "has_uint32": 0,
            "uinteger": 0,
        }
        yield shared
