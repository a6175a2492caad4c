"""The compiled parameter draws are numpy's, to the bit, run by run.

The batch engine draws every run's parameters in one compiled pass over its own PCG64 stream;
:meth:`Sampler.draw`, with numpy's ``Generator`` seeded the same way, is the reference. The
distributions are chosen to reach every branch of numpy's algorithms: Jöhnk's beta (both shapes at
most 1), gammas below, at and above 1 (the ziggurat exponential and normal), Lemire's bounded
integers over value counts that are and are not powers of two, and weighted choices.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from negosim import pcg64
from negosim.experiments.sampling import Sampler
from negosim.experiments.seeds import generators, run_seeds, stream_words, words_of
from negosim.scenario.uncertainty import Distribution

ENTRY = TypeAdapter(Distribution)


def sampler(*entries: dict[str, Any]) -> Sampler:
    parsed = tuple(
        ENTRY.validate_python({"path": f"p{i}", "assumption": "a test", **entry})
        for i, entry in enumerate(entries)
    )
    return Sampler(parsed, (None,) * len(parsed))


def numpys(chosen: Sampler, words: np.ndarray) -> dict[str, list[float]]:
    rows = [chosen.draw(rng) for rng in generators(words)]
    return {c: [row[c] for row in rows] for c in chosen.columns}


def assert_drawn_alike(chosen: Sampler, experiment: int, runs: int) -> None:
    _, words, _ = run_seeds(words_of(experiment), 0, runs)
    reference = numpys(chosen, words)
    found = chosen.draw_columns(words)
    for column in chosen.columns:
        assert found[column].tolist() == reference[column], column


EVERY_BRANCH = [
    {"dist": "uniform", "low": 0.1, "high": 0.4},
    {"dist": "triangular", "low": 0.3, "mode": 0.4, "high": 0.5},
    {"dist": "triangular", "low": 0.0, "mode": 0.0, "high": 1.0},
    {"dist": "beta", "a": 1, "b": 80},
    {"dist": "beta", "a": 0.5, "b": 0.7, "low": -1.0, "high": 2.0},
    {"dist": "beta", "a": 0.3, "b": 4.0},
    {"dist": "beta", "a": 2.5, "b": 1.0},
    {"dist": "truncnormal", "mean": 0.25, "sd": 0.05, "low": 0.15, "high": 0.35},
    {"dist": "choice", "values": [1.0, 2.0, 4.0]},
    {"dist": "choice", "values": [0.5, 0.25, 0.125, 1.0]},
    {"dist": "choice", "values": [7.0]},
    {"dist": "choice", "values": [1.0, 2.0, 3.0], "weights": [0.2, 0.5, 0.3]},
    {"dist": "choice", "values": [1.0, 9.0], "weights": [3, 0]},
]


def test_every_branch_draws_numpys_values_on_many_runs() -> None:
    assert_drawn_alike(sampler(*EVERY_BRANCH), experiment=11, runs=3000)


def test_grand_bargains_uncertainty_draws_numpys_values() -> None:
    from negosim import load_scenario

    assert_drawn_alike(Sampler.of(load_scenario("grand_bargain")), experiment=0, runs=2000)


@settings(max_examples=60, deadline=None)
@given(
    experiment=st.integers(0, 2**64),
    entries=st.lists(st.sampled_from(EVERY_BRANCH), min_size=1, max_size=6),
)
def test_any_mix_of_entries_draws_numpys_values(
    experiment: int, entries: list[dict[str, Any]]
) -> None:
    assert_drawn_alike(sampler(*entries), experiment, runs=40)


@settings(max_examples=40, deadline=None)
@given(
    a=st.floats(0.05, 50.0),
    b=st.floats(0.05, 50.0),
    values=st.lists(st.floats(-1e3, 1e3), min_size=1, max_size=40),
    experiment=st.integers(0, 2**32),
)
def test_any_beta_and_choice_draws_numpys_values(
    a: float, b: float, values: list[float], experiment: int
) -> None:
    chosen = sampler({"dist": "beta", "a": a, "b": b}, {"dist": "choice", "values": values})
    assert_drawn_alike(chosen, experiment, runs=30)


def test_a_dirichlet_is_drawn_by_numpy_and_gives_the_same_columns() -> None:
    from negosim import load_scenario

    chosen = Sampler.of(load_scenario("minerals_deal"))
    assert any(entry.dist == "dirichlet" for entry in chosen.entries)
    assert_drawn_alike(chosen, experiment=4, runs=50)


@pytest.mark.parametrize("experiment", [0, 1, 2**63 + 5])
def test_the_compiled_bit_generator_is_numpys(experiment: int) -> None:
    _, words, _ = run_seeds(words_of(experiment), 0, 20)
    for row, rng in zip(words, generators(words), strict=True):
        state = pcg64.seeded(row)
        halves = [int(pcg64.next_uint32(state)) for _ in range(5)]
        assert halves == rng.integers(0, 2**32, size=5, dtype=np.uint32).tolist()
        assert [pcg64.next_double(state) for _ in range(7)] == rng.random(7).tolist()


def test_a_runs_negotiation_stream_is_default_rngs() -> None:
    """The breakdown draws come from ``default_rng(seed)`` of each run's model seed."""
    seeds = np.array([0, 1, 12345, 2**32 - 1, 4_000_000_000], dtype=np.int64)
    wanted = np.array([True, True, False, True, True])
    drawn = pcg64.uniforms(stream_words(seeds), 6, wanted)
    for row, seed, want in zip(drawn, seeds.tolist(), wanted.tolist(), strict=True):
        expected = np.random.default_rng(seed).random(6) if want else np.zeros(6)
        assert row.tolist() == expected.tolist()
