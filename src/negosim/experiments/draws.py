"""Every run's parameters drawn in one compiled pass, each from the run's own numpy stream.

numpy's ``Generator`` algorithms (``distributions.c``: uniform, triangular, the ziggurat normal
and exponential, Marsaglia and Tsang's gamma, Jöhnk's and the gammas' beta, Lemire's bounded
integers, ``choice`` by cumulative weights) transcribed as numba transcribes them
(``numba.np.random.distributions``, whose ziggurat tables are used), over
:mod:`negosim.pcg64` instead of a numpy bit generator. A run's values are the ones
:meth:`negosim.experiments.sampling.Sampler.draw` gives, to the bit; ``tests/test_compiled_draws.py``
compares them over many seeds and every distribution.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numba.np.random import _constants as zig

from negosim.arrays import FloatArray, IntArray
from negosim.compiled import numba
from negosim.pcg64 import UIntArray, next_double, next_uint32, next_uint64, seeded
from negosim.scenario.uncertainty import (
    Beta,
    Choice,
    Dirichlet,
    Distribution,
    Triangular,
    TruncatedNormal,
    Uniform,
)

UNIFORM, TRIANGULAR, BETA, CHOICE, WEIGHTED_CHOICE = 0, 1, 2, 3, 4
"""Kinds of entry; a truncated normal is a uniform on [0, 1), mapped afterwards."""


@numba.njit(cache=True)
def _normal(state: UIntArray) -> float:  # pragma: no cover - compiled
    """``random_standard_normal``: the ziggurat, with its tail and wedge rejections."""
    while True:
        r = next_uint64(state)
        idx = r & np.uint64(0xFF)
        r >>= np.uint64(8)
        sign = r & np.uint64(1)
        rabs = (r >> np.uint64(1)) & np.uint64(0x000FFFFFFFFFFFFF)
        x = float(rabs) * zig.wi_double[idx]
        if sign:
            x = -x
        if rabs < zig.ki_double[idx]:
            return float(x)
        if idx == 0:
            while True:
                xx = -zig.ziggurat_nor_inv_r * np.log1p(-next_double(state))
                yy = -np.log1p(-next_double(state))
                if yy + yy > xx * xx:
                    tail = zig.ziggurat_nor_r + xx
                    return float(-tail if (rabs >> np.uint64(8)) & np.uint64(1) else tail)
        elif (zig.fi_double[idx - np.uint64(1)] - zig.fi_double[idx]) * next_double(
            state
        ) + zig.fi_double[idx] < np.exp(-0.5 * x * x):
            return float(x)


@numba.njit(cache=True)
def _exponential(state: UIntArray) -> float:  # pragma: no cover - compiled
    """``random_standard_exponential``: the ziggurat."""
    while True:
        ri = next_uint64(state) >> np.uint64(3)
        idx = ri & np.uint64(0xFF)
        ri >>= np.uint64(8)
        x = float(ri) * zig.we_double[idx]
        if ri < zig.ke_double[idx]:
            return float(x)
        if idx == 0:
            return float(zig.ziggurat_exp_r - np.log1p(-next_double(state)))
        if (zig.fe_double[idx - np.uint64(1)] - zig.fe_double[idx]) * next_double(
            state
        ) + zig.fe_double[idx] < np.exp(-x):
            return float(x)


@numba.njit(cache=True)
def _gamma(state: UIntArray, shape: float) -> float:  # pragma: no cover - compiled
    """``random_standard_gamma``: exponential, Ahrens–Dieter below 1, Marsaglia–Tsang above."""
    if shape == 1.0:
        return _exponential(state)
    if shape == 0.0:
        return 0.0
    if shape < 1.0:
        while True:
            u = next_double(state)
            v = _exponential(state)
            if u <= 1.0 - shape:
                x = u ** (1.0 / shape)
                if x <= v:
                    return float(x)
            else:
                y = -np.log((1 - u) / shape)
                x = (1.0 - shape + shape * y) ** (1.0 / shape)
                if x <= v + y:
                    return float(x)
    b = shape - 1.0 / 3.0
    c = 1.0 / np.sqrt(9 * b)
    while True:
        x = _normal(state)
        v = 1.0 + c * x
        while v <= 0.0:
            x = _normal(state)
            v = 1.0 + c * x
        v = v * v * v
        u = next_double(state)
        if u < 1.0 - 0.0331 * (x * x) * (x * x):
            return float(b * v)
        if np.log(u) < 0.5 * x * x + b * (1.0 - v + np.log(v)):
            return float(b * v)


@numba.njit(cache=True)
def _beta(state: UIntArray, a: float, b: float) -> float:  # pragma: no cover - compiled
    """``random_beta``: Jöhnk's algorithm when both shapes are at most 1, else two gammas."""
    if a <= 1.0 and b <= 1.0:
        while True:
            u, v = next_double(state), next_double(state)
            x, y = u ** (1.0 / a), v ** (1.0 / b)
            if not (x + y <= 1.0 and u + v > 0.0):
                continue
            if x + y > 0.0:
                return float(x / (x + y))
            log_x, log_y = np.log(u) / a, np.log(v) / b  # both powers underflowed
            least = min(log_x, log_y)
            log_x, log_y = log_x - least, log_y - least
            return float(np.exp(log_x - np.log(np.exp(log_x) + np.exp(log_y))))
    first = _gamma(state, a)
    return float(first / (first + _gamma(state, b)))


@numba.njit(cache=True)
def _bounded(state: UIntArray, top: int) -> np.int64:  # pragma: no cover - compiled
    """``integers(0, top + 1)`` for ``top`` below 2³² - 1: Lemire's method on 32-bit draws."""
    if top == 0:
        return np.int64(0)
    span = np.uint64(top + 1)
    m = next_uint32(state) * span
    leftover = m & np.uint64(0xFFFFFFFF)
    if leftover < span:
        threshold = (np.uint64(0xFFFFFFFF) - np.uint64(top)) % span
        while leftover < threshold:
            m = next_uint32(state) * span
            leftover = m & np.uint64(0xFFFFFFFF)
    return np.int64(m >> np.uint64(32))


@numba.njit(cache=True)
def _one(  # pragma: no cover - compiled
    state: UIntArray, kind: int, numbers: FloatArray, table: FloatArray
) -> float:
    """One entry's value: ``numbers`` are its parameters, ``table`` its values and their weights."""
    if kind == UNIFORM:
        return float(numbers[0] + numbers[1] * next_double(state))
    if kind == TRIANGULAR:
        left, mode, right = numbers[0], numbers[1], numbers[2]
        base, left_base = right - left, mode - left
        u = next_double(state)
        if u <= left_base / base:
            return float(left + np.sqrt(u * (left_base * base)))
        return float(right - np.sqrt((1.0 - u) * ((right - mode) * base)))
    if kind == BETA:
        return float(numbers[0] + numbers[1] * _beta(state, numbers[2], numbers[3]))
    size = int(numbers[0])
    if kind == CHOICE:
        return float(table[0, _bounded(state, size - 1)])
    return float(table[0, np.searchsorted(table[1, :size], next_double(state), side="right")])


@numba.njit(cache=True)
def draw_runs(  # pragma: no cover - compiled
    words: IntArray, kinds: IntArray, numbers: FloatArray, tables: FloatArray
) -> FloatArray:
    """Every run's values, entry after entry from the run's own stream.

    Parameters
    ----------
    words
        (runs, 8) the words each run's parameter generator is seeded with.
    kinds
        (entries,) each entry's kind.
    numbers
        (entries, 4) each entry's parameters: (low, high - low) for a uniform; (left, mode,
        right) for a triangular; (low, high - low, a, b) for a beta; the number of values for a
        choice.
    tables
        (entries, 2, values) a choice's values and cumulative weights.

    Returns
    -------
    FloatArray
        (runs, entries).
    """
    out = np.empty((words.shape[0], kinds.shape[0]))
    for r in range(words.shape[0]):
        state = seeded(words[r])
        for e in range(kinds.shape[0]):
            out[r, e] = _one(state, kinds[e], numbers[e], tables[e])
    return out


def plan(entries: Sequence[Distribution]) -> tuple[IntArray, FloatArray, FloatArray] | None:
    """The entries as :func:`draw_runs` takes them, or None when one has no compiled draw.

    A Dirichlet has none (its gammas' count depends on the scenario's weights); a truncated
    normal is drawn as the uniform its inverse distribution function is applied to.

    Parameters
    ----------
    entries
        The scenario's uncertainty, in order.

    Returns
    -------
    tuple or None
        (kinds, numbers, tables).
    """
    if any(isinstance(entry, Dirichlet) for entry in entries):
        return None
    width = max([len(e.values) for e in entries if isinstance(e, Choice)], default=1)
    kinds = np.empty(len(entries), dtype=np.int64)
    numbers = np.zeros((len(entries), 4))
    tables = np.zeros((len(entries), 2, width))
    for e, entry in enumerate(entries):
        kinds[e], numbers[e] = _kind(entry)
        if isinstance(entry, Choice):
            tables[e, 0, : len(entry.values)] = entry.values
            if entry.weights is not None:
                # the cumulative weights as Generator.choice builds them from the normalised ones
                cdf = (np.asarray(entry.weights) / sum(entry.weights)).cumsum()
                tables[e, 1, : len(entry.values)] = cdf / cdf[-1]
    return kinds, numbers, tables


def _kind(entry: Distribution) -> tuple[int, list[float]]:
    if isinstance(entry, Uniform):
        return UNIFORM, [entry.low, entry.high - entry.low, 0.0, 0.0]
    if isinstance(entry, TruncatedNormal):
        return UNIFORM, [0.0, 1.0, 0.0, 0.0]
    if isinstance(entry, Triangular):
        return TRIANGULAR, [entry.low, entry.mode, entry.high, 0.0]
    if isinstance(entry, Beta):
        return BETA, [entry.low, entry.high - entry.low, entry.a, entry.b]
    assert isinstance(entry, Choice)
    kind = CHOICE if entry.weights is None else WEIGHTED_CHOICE
    return kind, [float(len(entry.values)), 0.0, 0.0, 0.0]
