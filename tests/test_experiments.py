"""Monte Carlo experiments: same rows for any worker count or backend, resumable, refusing to
overwrite, one row per run with its seed and sampled parameters."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from negosim.engine.catalogue import load_scenario, parse_scenario
from negosim.experiments import Options, StoreError, VariantError, run_experiment
from negosim.experiments.experiment import with_variant
from negosim.experiments.runner import RunPlayer, RunSpec, run_seed
from negosim.experiments.sampling import Sampler
from negosim.experiments.summary import wilson_interval
from negosim.scenario import Scenario, ScenarioError
from negosim.scenario.paths import document
from tests.conftest import CONFIGS


def scenario(name: str) -> Scenario:
    return load_scenario(CONFIGS / f"{name}.yaml")


def run(name: str, out: Path, **options: Any) -> pd.DataFrame:
    run_experiment(
        scenario(name), name, Options(out=out, **{"runs": 40, "chunk_size": 7, **options})
    )
    return pd.read_parquet(out / "runs.parquet")


def test_rows_do_not_depend_on_the_number_of_workers(tmp_path: Path) -> None:
    one = run("minerals_deal", tmp_path / "one", workers=1)
    two = run("minerals_deal", tmp_path / "two", workers=2)
    pd.testing.assert_frame_equal(one, two)
    assert list(one["run"]) == list(range(40))
    assert one["seed"].tolist() == [run_seed(0, r) for r in range(40)]


@pytest.mark.slow
def test_rows_do_not_depend_on_the_backend(tmp_path: Path) -> None:
    local = run("grand_bargain", tmp_path / "local", runs=24, chunk_size=6)
    dask = run("grand_bargain", tmp_path / "dask", runs=24, chunk_size=6, backend="dask", workers=2)
    pd.testing.assert_frame_equal(local, dask)


def test_a_row_per_run_with_terms_utilities_and_sampled_parameters(tmp_path: Path) -> None:
    rows = run("grand_bargain", tmp_path / "gb", runs=30)
    assert len(rows) == 30
    for column in (
        "run",
        "seed",
        "agreement",
        "rounds",
        "reason",
        "protocol",
        "outcome.revenue_share",
        "outcome.security_guarantee",
        "utility.russia",
        "walkaway.russia",
        "param.tracks.security.war.costs.russia",
        "param.tracks.security.breakdown",
    ):
        assert column in rows.columns
    assert rows["param.tracks.security.war.costs.russia"].between(0.1, 0.3).all()
    assert rows["param.actors.us.strategy.params.exponent"].isin([1.0, 2.0, 4.0]).all()
    agreed = rows[rows["agreement"]]
    assert (~agreed["outcome.security_guarantee"].isin(["none", "us_economic_presence"])).all(), (
        "Ukraine's condition holds"
    )
    assert rows.loc[~rows["agreement"], "outcome.revenue_share"].isna().all()
    assert set(rows["reason"]) <= {
        "agreement",
        "deadline",
        "breakdown",
        "deadlock",
        "condition unmet",
    }
    different = rows["param.tracks.security.war.costs.russia"].nunique()
    assert different == 30, "every run draws afresh"
    assert rows["walkaway.russia"].nunique() == 30, "and Russia's walk-away follows from the war"


def test_summary_reports_the_agreement_rate_with_an_interval(tmp_path: Path) -> None:
    rows = run("minerals_deal", tmp_path / "m", runs=50)
    summary = json.loads((tmp_path / "m" / "summary.json").read_text())
    assert summary["runs"] == 50
    assert summary["agreement_rate"] == pytest.approx(rows["agreement"].mean())
    low, high = summary["agreement_rate_95ci"]
    assert low <= summary["agreement_rate"] <= high
    agreed = rows.loc[rows["agreement"], "outcome.revenue_share"]
    assert summary["terms"]["revenue_share"]["median"] == pytest.approx(agreed.median())
    assert summary["mean_utility"]["us"] == pytest.approx(rows["utility.us"].mean())


def test_wilson_interval_known_values() -> None:
    assert wilson_interval(0, 10) == pytest.approx((0.0, 0.27753), abs=1e-5)
    assert wilson_interval(5, 10) == pytest.approx((0.23659, 0.76341), abs=1e-5)
    assert wilson_interval(10, 10) == pytest.approx((0.72247, 1.0), abs=1e-5)


@given(trials=st.integers(1, 100_000), share=st.floats(0, 1))
@example(trials=50, share=1.0)
def test_the_wilson_interval_always_holds_the_observed_rate(trials: int, share: float) -> None:
    """At a rate of exactly 1 rounding once put the upper bound below it, and the agreement
    figure's error bar went negative."""
    successes = round(share * trials)
    low, high = wilson_interval(successes, trials)
    assert 0.0 <= low <= successes / trials <= high <= 1.0


def interrupt_after_three_chunks(name: str, options: Options) -> None:
    """Start the experiment and stop it (as Ctrl-C would) once three chunks are written."""
    seen: list[int] = []

    def stop_after_three_chunks(done: int) -> None:
        seen.append(done)
        if len(seen) > 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_experiment(scenario(name), name, options, stop_after_three_chunks)


def test_an_interrupted_experiment_resumes_to_the_same_rows(tmp_path: Path) -> None:
    whole = run("minerals_deal", tmp_path / "whole", runs=40)
    options = Options(runs=40, chunk_size=7, out=tmp_path / "cut")
    interrupt_after_three_chunks("minerals_deal", options)
    chunks = sorted((tmp_path / "cut" / "chunks").glob("runs-*.parquet"))
    assert len(chunks) == 3
    assert not (tmp_path / "cut" / "runs.parquet").exists()
    (tmp_path / "cut" / "chunks" / ".runs-000004.parquet.partial").write_bytes(b"half a file")
    with pytest.raises(StoreError, match="unfinished experiment; use --resume"):
        run_experiment(scenario("minerals_deal"), "m", options)
    resumed_progress: list[int] = []
    run_experiment(
        scenario("minerals_deal"),
        "m",
        Options(runs=40, chunk_size=7, out=tmp_path / "cut", resume=True),
        resumed_progress.append,
    )
    assert resumed_progress[0] == 21, "the three finished chunks count as done"
    pd.testing.assert_frame_equal(whole, pd.read_parquet(tmp_path / "cut" / "runs.parquet"))


def test_a_finished_experiment_is_not_overwritten_without_force(tmp_path: Path) -> None:
    run("split_the_pie", tmp_path / "p", runs=5)
    before = (tmp_path / "p" / "runs.parquet").read_bytes()
    with pytest.raises(StoreError, match="finished experiment; use --force"):
        run_experiment(scenario("split_the_pie"), "p", Options(runs=5, out=tmp_path / "p"))
    assert (tmp_path / "p" / "runs.parquet").read_bytes() == before
    run_experiment(scenario("split_the_pie"), "p", Options(runs=3, out=tmp_path / "p", force=True))
    assert len(pd.read_parquet(tmp_path / "p" / "runs.parquet")) == 3


def test_resume_refuses_a_changed_scenario(tmp_path: Path) -> None:
    options = Options(runs=20, chunk_size=5, out=tmp_path / "c")
    with pytest.raises(KeyboardInterrupt):
        run_experiment(scenario("minerals_deal"), "m", options, _interrupt_second_call())
    changed = scenario("minerals_deal").model_copy(update={"title": "Another title"})
    with pytest.raises(StoreError, match=r"scenario \(or variant\) changed since the first chunk"):
        run_experiment(
            changed, "m", Options(runs=20, chunk_size=5, out=tmp_path / "c", resume=True)
        )
    with pytest.raises(StoreError, match="--resume with runs=30"):
        run_experiment(
            scenario("minerals_deal"),
            "m",
            Options(runs=30, chunk_size=5, out=tmp_path / "c", resume=True),
        )


def _interrupt_second_call() -> Any:
    calls = []

    def callback(done: int) -> None:
        calls.append(done)
        if len(calls) == 2:
            raise KeyboardInterrupt

    return callback


def test_traces_are_written_per_round(tmp_path: Path) -> None:
    run("split_the_pie", tmp_path / "t", runs=4, traces=True)
    traces = pd.read_parquet(tmp_path / "t" / "traces.parquet")
    runs = pd.read_parquet(tmp_path / "t" / "runs.parquet")
    assert set(traces["run"]) == set(range(4))
    last_rounds = traces.groupby("run")["round"].max()
    assert (last_rounds.values == runs["rounds"].values).all()
    # The same columns as `negosim simulate --trace`, the offer's terms decoded.
    assert {"proposer", "response", "utility", "discounted", "outcome.alice_share"} <= set(traces)
    assert set(traces["proposer"]) == {"alice", "bob"}
    assert set(traces["response"]) <= {"proposes", "accepts", "rejects"}
    alice = traces[traces["actor"] == "alice"]
    np.testing.assert_allclose(alice["utility"], alice["outcome.alice_share"])


def test_variants_override_the_scenario(tmp_path: Path) -> None:
    base = scenario("grand_bargain")
    what_if = with_variant(base, "bilateral_guarantee")
    table = what_if.actors["us"].values["security_guarantee"].table  # type: ignore[union-attr]
    assert table["bilateral_us"] == 1.0
    rows = run("grand_bargain", tmp_path / "v", runs=6, variant="bilateral_guarantee")
    assert set(rows["variant"]) == {"bilateral_guarantee"}
    with pytest.raises(VariantError, match="unknown variant 'peace'; known variants: bilateral"):
        with_variant(base, "peace")


def test_the_fast_path_matches_rebuilding_the_scenario() -> None:
    base = scenario("grand_bargain")
    fast = RunPlayer(RunSpec(document(base), seed=5))
    assert fast.base_game is not None
    slow = RunPlayer(RunSpec(document(base), seed=5))
    slow.base_game = None
    for r in range(6):
        assert fast.play(r)[0] == slow.play(r)[0]


def test_sampled_values_follow_their_distributions() -> None:
    sampler = Sampler.of(scenario("minerals_deal"))
    rng = np.random.default_rng(1)
    draws = [sampler.draw(rng) for _ in range(2000)]
    us = np.array(
        [[d[f"actors.us.weights.{k}"] for k in ("revenue_share", "repayment")] for d in draws]
    )
    assert us.mean(axis=0) == pytest.approx([0.30, 0.25], abs=0.01), "centred on the stated weights"
    totals = [sum(v for k, v in d.items() if k.startswith("actors.us.weights.")) for d in draws]
    assert totals == pytest.approx([1.0] * len(draws))
    reservations = np.array([d["actors.ukraine.reservation"] for d in draws])
    assert reservations.min() >= 0.15
    assert reservations.max() <= 0.30


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            {"path": "actors.alice.reservatio", "dist": "uniform", "low": 0, "high": 1},
            "not a numeric parameter for dist 'uniform'",
        ),
        (
            {"path": "actors.alice.reservation", "dist": "dirichlet", "concentration": 5},
            "not a weight vector for dist 'dirichlet'",
        ),
        (
            {"path": "actors.alice.reservation", "dist": "uniform", "low": 1, "high": 0},
            "high (0.0) must be greater than low (1.0)",
        ),
        (
            {"path": "actors.alice.reservation", "dist": "normal", "low": 0, "high": 1},
            "unknown kind",
        ),
        (
            {
                "path": "actors.alice.reservation",
                "dist": "beta",
                "a": 2,
                "b": 3,
                "low": 0.9,
                "high": 0.1,
            },
            "high (0.1) must be greater than low (0.9)",
        ),
        (
            {
                "path": "actors.alice.reservation",
                "dist": "triangular",
                "low": 0,
                "mode": 2,
                "high": 1,
            },
            "mode (2.0) must lie within [0.0, 1.0]",
        ),
        (
            {
                "path": "actors.alice.reservation",
                "dist": "truncnormal",
                "mean": -1,
                "sd": 0.1,
                "low": 0,
                "high": 1,
            },
            "mean (-1.0) must lie within [0.0, 1.0]",
        ),
    ],
)
def test_bad_uncertainty_is_a_validation_error(entry: dict[str, Any], message: str) -> None:
    document_ = yaml.safe_load((CONFIGS / "split_the_pie.yaml").read_text(encoding="utf-8"))
    document_["uncertainty"] = [{**entry, "assumption": "test"}]
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(yaml.safe_dump(document_), "u.yaml")
    assert message in caught.value.render()
    if entry["path"].endswith("reservatio"):
        assert "actors.alice.reservation" in caught.value.render().split("allowed:")[1]


def test_a_variant_naming_no_field_is_a_validation_error() -> None:
    document_ = yaml.safe_load((CONFIGS / "split_the_pie.yaml").read_text(encoding="utf-8"))
    document_["variants"] = {
        "greedy": {"description": "d", "set": {"actors.alice.greed": 1}, "assumption": "t"}
    }
    with pytest.raises(
        ScenarioError, match=r"variants.greedy.set.actors.alice.greed: no such field"
    ):
        parse_scenario(yaml.safe_dump(document_), "v.yaml")


def test_a_truncated_normal_in_a_tail_window_follows_the_truncated_distribution() -> None:
    """Exact sampling: in a window a hundredth of a deviation wide, on one side of the mean, draws
    follow the truncated normal (its mean, nothing piled on the bounds); rejection would give up
    and clip about one draw in three."""
    from scipy.stats import truncnorm

    from negosim.experiments.sampling import _truncated_normal
    from negosim.scenario.uncertainty import TruncatedNormal

    entry = TruncatedNormal(path="x", dist="truncnormal", mean=0.2, sd=1.0, low=0.2, high=0.21)
    rng = np.random.default_rng(0)
    draws = np.array([_truncated_normal(rng, entry) for _ in range(4000)])
    assert ((draws > 0.2) & (draws < 0.21)).all()
    expected = truncnorm.mean(0.0, 0.01, loc=0.2, scale=1.0)
    assert abs(draws.mean() - expected) < 4 * draws.std() / np.sqrt(len(draws))


def _flip_a_bit(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 1
    path.write_bytes(bytes(data))


CORRUPTIONS = {
    "replaced by another chunk": lambda chunks: (chunks / "runs-000001.parquet").write_bytes(
        (chunks / "runs-000000.parquet").read_bytes()
    ),
    "one bit flipped": lambda chunks: _flip_a_bit(chunks / "runs-000001.parquet"),
    "truncated": lambda chunks: (chunks / "runs-000001.parquet").write_bytes(
        (chunks / "runs-000001.parquet").read_bytes()[:100]
    ),
    "empty": lambda chunks: (chunks / "runs-000001.parquet").write_bytes(b""),
    "deleted": lambda chunks: (chunks / "runs-000001.parquet").unlink(),
}


@pytest.mark.parametrize("corruption", sorted(CORRUPTIONS))
def test_resume_redoes_a_corrupted_chunk_and_gives_the_uninterrupted_rows(
    tmp_path: Path, corruption: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Each chunk's checksum and rows are in the manifest: a chunk that no longer matches is
    redone (and said so), never trusted."""
    whole = run("split_the_pie", tmp_path / "whole", runs=30, chunk_size=7)
    interrupt_after_three_chunks(
        "split_the_pie", Options(runs=30, chunk_size=7, out=tmp_path / "cut")
    )
    CORRUPTIONS[corruption](tmp_path / "cut" / "chunks")
    resumed: list[int] = []
    with caplog.at_level("INFO", logger="negosim"):
        run_experiment(
            scenario("split_the_pie"),
            "s",
            Options(runs=30, chunk_size=7, out=tmp_path / "cut", resume=True),
            resumed.append,
        )
    assert resumed[0] == 14, "chunks 0 and 2 are kept, chunk 1 is redone"
    if corruption != "deleted":
        assert "chunk 1 is redone" in caplog.text
    pd.testing.assert_frame_equal(whole, pd.read_parquet(tmp_path / "cut" / "runs.parquet"))


def test_verify_accepts_a_sound_directory_and_names_what_is_wrong(tmp_path: Path) -> None:
    from negosim.experiments.verify import verify_directory

    run("split_the_pie", tmp_path / "ok", runs=20, chunk_size=7)
    assert verify_directory(tmp_path / "ok") == []
    _flip_a_bit(tmp_path / "ok" / "runs.parquet")
    (problem,) = verify_directory(tmp_path / "ok")
    assert "runs.parquet: its checksum differs" in problem
    assert "unreadable" in verify_directory(tmp_path / "nothing")[0]
