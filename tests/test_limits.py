"""Bounded work: every command finishes within the configured limits or refuses up front.

The limits come from environment variables (``negosim.limits``); each test sets them low enough to
trip on a small scenario, so that the refusal, its wording and what is still computed are checked
in milliseconds rather than by waiting for an hour of work.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from negosim import limits
from negosim.cli import app
from negosim.engine.catalogue import parse_scenario
from negosim.outcomes import SpaceTooLargeError, build_space
from negosim.scenario.synthetic import synthetic_scenario
from negosim.solutions import pareto_mask
from negosim.solutions.analysis import analyze
from negosim.solutions.backward_induction import backward_induction
from tests.conftest import CONFIGS

runner = CliRunner()


def fine_pie(tmp_path: Path, step: str, deadline: int, strategy: str = "boulware") -> Path:
    """split_the_pie cut finer, with a longer deadline and Alice's strategy replaced."""
    text = (CONFIGS / "split_the_pie.yaml").read_text(encoding="utf-8")
    text = text.replace("step: 0.01", f"step: {step}").replace(
        "deadline: 50", f"deadline: {deadline}"
    )
    path = tmp_path / "fine_pie.yaml"
    path.write_text(text.replace("name: boulware", f"name: {strategy}"), encoding="utf-8")
    return path


def test_the_defaults_hold_without_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("TABLE_MB", "INDUCTION_STEPS", "PARETO_CHECKS", "FILE_MB"):
        monkeypatch.delenv(f"NEGOSIM_MAX_{name}", raising=False)
    assert limits.current() == limits.Limits()
    monkeypatch.setenv("NEGOSIM_MAX_TABLE_MB", "512")
    assert limits.current().table_mb == 512


@pytest.mark.parametrize("text", ["lots", "0", "-5", "inf", "nan", ""])
def test_a_limit_that_is_not_a_positive_number_is_one_line_exit_2(
    monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    monkeypatch.setenv("NEGOSIM_MAX_INDUCTION_STEPS", text)
    with pytest.raises(limits.LimitSettingError, match="allowed is a positive number"):
        limits.current()
    result = runner.invoke(app, ["analyze", "split_the_pie"])
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"error: NEGOSIM_MAX_INDUCTION_STEPS={text!r}: allowed is a positive number"
    )


def test_a_table_over_the_memory_limit_is_refused_with_its_estimate(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    scenario = synthetic_scenario(actors=3, issues=4, levels=10)  # 10,000 outcomes
    monkeypatch.setenv("NEGOSIM_MAX_TABLE_MB", "1")
    with pytest.raises(SpaceTooLargeError) as refused:
        build_space(scenario)
    # 10,000 outcomes x 3 actors x 40 bytes = 1.2 MB
    assert "10,000 outcomes" in str(refused.value)
    assert "about 1 MB, over the limit of 1 MB (NEGOSIM_MAX_TABLE_MB)" in str(refused.value)
    monkeypatch.setenv("NEGOSIM_MAX_TABLE_MB", "1.3")
    assert build_space(scenario).size == 10_000


def test_backward_induction_over_the_limit_is_refused_before_any_round(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rounds: list[int] = []
    u = np.linspace(0, 1, 101)
    utilities = np.column_stack([u, 1 - u])
    monkeypatch.setenv("NEGOSIM_MAX_INDUCTION_STEPS", str(101 * 10))
    plan = backward_induction(
        utilities, [0.9, 0.9], [t % 2 for t in range(10)], progress=lambda d, h: rounds.append(d)
    )
    assert rounds == list(range(1, 11))  # exactly at the limit: solved, progress each round
    assert plan.offers[0] >= 0
    rounds.clear()
    with pytest.raises(limits.WorkLimitError, match=r"101 outcomes x 11 rounds needs about 1,111"):
        backward_induction(
            utilities,
            [0.9, 0.9],
            [t % 2 for t in range(11)],
            progress=lambda d, h: rounds.append(d),
        )
    assert rounds == []


def test_analyze_skips_only_what_is_over_a_limit(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    scenario = parse_scenario(fine_pie(tmp_path, "0.001", 2000).read_text(), "fine_pie.yaml")
    monkeypatch.setenv("NEGOSIM_MAX_INDUCTION_STEPS", "1e6")  # 1,001 x 2,000 is over
    result = analyze(scenario.scenario)
    assert result.solutions["spe"] is None
    assert "1,001 outcomes x 2,000 rounds" in result.skipped["spe"]
    nash = result.solutions["nash"]
    assert nash is not None
    assert nash.utilities == {"alice": 0.55, "bob": 0.45}  # the rest is still computed
    assert result.to_json()["skipped"] == result.skipped
    monkeypatch.setenv("NEGOSIM_MAX_INDUCTION_STEPS", "3e6")
    steps: list[tuple[int, int]] = []
    solved = analyze(scenario.scenario, progress=lambda d, h: steps.append((d, h)))
    assert solved.skipped == {}
    assert solved.solutions["spe"] is not None
    assert steps[-1] == (2000, 2000)
    assert len(steps) == 2000


def test_a_pareto_frontier_over_the_check_budget_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = np.random.default_rng(3)
    points = rng.random((3000, 3))
    points /= points.sum(axis=1, keepdims=True)  # all on a simplex: every point efficient
    unlimited = pareto_mask(points)
    assert unlimited.all()
    monkeypatch.setenv("NEGOSIM_MAX_PARETO_CHECKS", "1000")
    with pytest.raises(
        limits.WorkLimitError, match=r"3,000 outcomes \(3 actors\) needs more than 1,000"
    ):
        pareto_mask(points)
    scenario = synthetic_scenario(actors=3, issues=3, levels=10)
    result = analyze(scenario)
    assert result.pareto is None
    assert "NEGOSIM_MAX_PARETO_CHECKS" in result.skipped["pareto"]
    assert result.solutions["nash"] is not None


def test_simulate_and_run_refuse_an_induction_over_the_limit_and_write_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config = fine_pie(tmp_path, "0.001", 100_000, strategy="subgame_perfect")
    monkeypatch.setenv("NEGOSIM_MAX_INDUCTION_STEPS", "1e7")
    simulated = runner.invoke(app, ["simulate", str(config)])
    assert simulated.exit_code == 2
    assert "Traceback" not in simulated.output
    assert (
        "1,001 outcomes x 100,000 rounds needs about 100,100,000 outcome-rounds" in simulated.output
    )
    monkeypatch.setenv("NEGOSIM_MAX_INDUCTION_STEPS", "1e7")
    out = tmp_path / "runs"
    ran = runner.invoke(app, ["run", str(config), "--runs", "3", "--out", str(out)])
    assert ran.exit_code == 2
    assert ran.output.startswith(f"error: {config}: backward induction over 1,001 outcomes")
    assert not out.exists()


def test_analyze_cli_says_what_it_skipped(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    config = fine_pie(tmp_path, "0.001", 100_000)
    monkeypatch.setenv("NEGOSIM_MAX_INDUCTION_STEPS", "1e7")
    result = runner.invoke(app, ["analyze", str(config)])
    assert result.exit_code == 0
    assert "skipped spe: backward induction over 1,001 outcomes x 100,000 rounds" in result.output
    assert "Skipped   spe: over a work limit (why: on stderr)" in result.output


@pytest.mark.parametrize("kind", ["fifo", "directory", "large"])
def test_genius_reads_only_regular_files_within_the_size_limit(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, kind: str
) -> None:
    from tests.test_genius import copy_domain

    folder = copy_domain(tmp_path, "Laptop")
    odd = folder / "odd.xml"
    if kind == "fifo":
        os.mkfifo(odd)
        message = "odd.xml: (document): not a regular file"
    elif kind == "directory":
        odd.mkdir()
        message = "odd.xml: (document): not a regular file"
    else:
        monkeypatch.setenv("NEGOSIM_MAX_FILE_MB", "0.001")
        message = (
            "laptop_buyer_utility.xml: (document): larger than 1,000 bytes (NEGOSIM_MAX_FILE_MB)"
        )
    result = runner.invoke(app, ["import", str(folder)])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_a_scenario_file_over_the_size_limit_names_the_setting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NEGOSIM_MAX_FILE_MB", "0.001")
    result = runner.invoke(app, ["validate", str(CONFIGS / "split_the_pie.yaml")])
    assert result.exit_code == 2
    assert "file is larger than 1,000 bytes (the limit; NEGOSIM_MAX_FILE_MB)" in result.output


def test_numba_caches_in_the_temporary_folder_when_nothing_else_is_writable(
    tmp_path: Path,
) -> None:
    from negosim.compiled import fallback_cache_dir

    assert fallback_cache_dir(tmp_path, {}) is None, "beside the sources when it can"
    assert fallback_cache_dir(tmp_path / "absent", {"NUMBA_CACHE_DIR": "/x"}) is None
    chosen = fallback_cache_dir(tmp_path / "absent", {})  # not writable: does not exist
    assert chosen is not None
    assert Path(chosen).parent == Path(tempfile.gettempdir())


def test_an_unwritable_install_with_no_home_caches_in_the_temporary_folder(tmp_path: Path) -> None:
    """The sources unwritable (``os.access`` says so, as it would to a non-root user of a system
    install) and HOME a file: the compiled kernels still run and are cached in TMPDIR."""
    code = (
        "import os; os.access = lambda *a, **k: False; "
        "import negosim.compiled as c, numpy as np; "
        "from negosim.solutions import pareto_mask; "
        "print(c.numba.config.CACHE_DIR, pareto_mask(np.eye(3)).tolist())"
    )
    (tmp_path / "home").write_text("", encoding="utf-8")
    env = {**os.environ, "HOME": str(tmp_path / "home"), "TMPDIR": str(tmp_path)}
    env.pop("NUMBA_CACHE_DIR", None)
    done = subprocess.run(
        [sys.executable, "-W", "error", "-c", code],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    folder, mask = done.stdout.strip().split(" ", 1)
    assert mask == "[True, True, True]"
    assert Path(folder).parent == tmp_path
    assert any(Path(folder).rglob("*.nbi")), "the kernels were cached there"
