"""Sweeps over a grid of what-ifs and SALib sensitivity analysis."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from negosim.cli import app
from negosim.engine.catalogue import load_scenario
from negosim.experiments import Options
from negosim.experiments.sensitivity import (
    SensitivityError,
    analyse,
    evaluate,
    problem_of,
    sample,
)
from negosim.experiments.sweep import SweepError, parse_settings, run_sweep
from tests.conftest import CONFIGS

runner = CliRunner()


def test_a_sweep_is_a_monte_carlo_per_cell_with_the_swept_values_as_columns(tmp_path: Path) -> None:
    scenario = load_scenario(CONFIGS / "minerals_deal.yaml")
    settings = parse_settings(
        scenario, ["actors.us.reservation=0.1,0.45", "actors.us.strategy.name=boulware,conceder"]
    )
    target = run_sweep(scenario, "m", settings, Options(runs=12, out=tmp_path / "s", chunk_size=5))
    table = pd.read_parquet(target)
    assert len(table) == 4 * 12
    assert set(table["sweep.actors.us.reservation"]) == {0.1, 0.45}
    assert set(table["sweep.actors.us.strategy.name"]) == {"boulware", "conceder"}
    cells = table.groupby(["sweep.actors.us.reservation", "sweep.actors.us.strategy.name"])
    assert cells.size().eq(12).all()
    # Common random numbers: every cell's run r has the same seed.
    assert cells["seed"].apply(list).map(tuple).nunique() == 1
    strict = table[table["sweep.actors.us.reservation"] == 0.45]
    loose = table[table["sweep.actors.us.reservation"] == 0.1]
    assert strict["agreement"].mean() <= loose["agreement"].mean()
    assert (strict.loc[strict["agreement"], "utility.us"] >= 0.45 - 1e-9).all()


def test_sweep_errors_name_the_setting(tmp_path: Path) -> None:
    scenario = load_scenario(CONFIGS / "minerals_deal.yaml")
    with pytest.raises(SweepError, match=r"--set actors\.us\.greed: no such field"):
        parse_settings(scenario, ["actors.us.greed=1,2"])
    with pytest.raises(SweepError, match="expected PATH=v1,v2"):
        parse_settings(scenario, ["actors.us.reservation"])
    settings = parse_settings(scenario, ["actors.us.reservation=0.2,7"])
    with pytest.raises(
        SweepError, match=r"actors\.us\.reservation=7\.0 makes the scenario invalid"
    ):
        run_sweep(scenario, "m", settings, Options(runs=2, out=tmp_path / "bad"))


def test_sweep_cli(tmp_path: Path) -> None:
    out = tmp_path / "cli"
    result = runner.invoke(
        app,
        [
            "sweep",
            "split_the_pie",
            "--set",
            "actors.bob.reservation=0.1,0.3",
            "--runs",
            "5",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "10 runs in 2 cells" in result.output
    again = runner.invoke(
        app,
        [
            "sweep",
            "split_the_pie",
            "--set",
            "actors.bob.reservation=0.1",
            "--runs",
            "5",
            "--out",
            str(out),
        ],
    )
    assert again.exit_code == 2
    assert "finished sweep; use --force" in again.output


def test_sobol_finds_the_parameter_that_decides_the_deal() -> None:
    """Alice's walk-away decides the deal (above what Bob can concede, there is none); her power
    plays no part under alternating offers with unanimity."""
    scenario = load_scenario(CONFIGS / "split_the_pie.yaml").model_validate(
        {
            **load_scenario(CONFIGS / "split_the_pie.yaml").model_dump(mode="json"),
            "uncertainty": [
                {
                    "path": "actors.alice.reservation",
                    "dist": "uniform",
                    "low": 0.2,
                    "high": 0.99,
                    "assumption": "t",
                },
                {
                    "path": "actors.alice.power",
                    "dist": "uniform",
                    "low": 0.5,
                    "high": 3.0,
                    "assumption": "t",
                },
            ],
        }
    )
    problem = problem_of(scenario)
    rows = sample(problem, "sobol", 64, seed=1)
    outputs = evaluate(scenario, problem["names"], rows, seed=1, workers=1)
    indices = analyse(problem, "sobol", rows, outputs, seed=1)
    agreement = indices[indices["output"] == "agreement"].set_index("parameter")
    assert agreement.loc["actors.alice.reservation", "ST"] > 0.5
    assert agreement.loc["actors.alice.power", "ST"] < 0.1
    morris_rows = sample(problem, "morris", 10, seed=1)
    morris_out = evaluate(scenario, problem["names"], morris_rows, seed=1, workers=2)
    morris = analyse(problem, "morris", morris_rows, morris_out, seed=1)
    effects = morris[morris["output"] == "agreement"].set_index("parameter")["mu_star"]
    assert effects["actors.alice.reservation"] > effects["actors.alice.power"]
    assert np.isfinite(effects).all()


def test_sensitivity_needs_scalar_uncertainty_and_a_power_of_two() -> None:
    with pytest.raises(SensitivityError, match="no scalar 'uncertainty'"):
        problem_of(load_scenario(CONFIGS / "split_the_pie.yaml"))
    problem = problem_of(load_scenario(CONFIGS / "grand_bargain.yaml"))
    with pytest.raises(SensitivityError, match="needs a power of two"):
        sample(problem, "sobol", 100, seed=0)
    bounds = dict(zip(problem["names"], problem["bounds"], strict=True))
    low, high = bounds["tracks.security.breakdown"]
    assert 0 <= low < high < 0.1, "a beta is varied over its central 98%, not [0, 1]"


def test_sensitivity_cli_writes_indices(tmp_path: Path) -> None:
    out = tmp_path / "sens"
    result = runner.invoke(
        app,
        ["sensitivity", "grand_bargain", "--method", "morris", "--samples", "4", "--out", str(out)],
        terminal_width=120,
    )
    assert result.exit_code == 0, result.output
    assert "Sensitivity of the agreement rate (morris)" in result.output
    indices = pd.read_parquet(out / "sensitivity.parquet")
    assert {"output", "parameter", "method", "mu_star", "sigma"} <= set(indices.columns)
    assert set(indices["output"]) >= {"agreement", "utility.us", "utility.russia"}
    bad = runner.invoke(app, ["sensitivity", "split_the_pie", "--out", str(tmp_path / "x")])
    assert bad.exit_code == 2
    assert "no scalar 'uncertainty' entries" in bad.output
