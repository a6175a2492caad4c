"""`negosim run` as a user calls it."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from negosim import load_scenario
from negosim.cli import app
from negosim.experiments import Options, run_experiment

runner = CliRunner()


def test_run_writes_rows_manifest_and_summary(tmp_path: Path) -> None:
    out = tmp_path / "gb"
    result = runner.invoke(
        app,
        [
            "run",
            "grand_bargain",
            "--runs",
            "20",
            "--seed",
            "3",
            "--out",
            str(out),
            "--chunk-size",
            "8",
        ],
        terminal_width=120,
    )
    assert result.exit_code == 0, result.output
    assert "Agreement" in result.output
    assert "95% interval" in result.output
    rows = pd.read_parquet(out / "runs.parquet")
    assert len(rows) == 20
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["status"] == "finished"
    assert manifest["request"]["seed"] == 3
    assert manifest["completed_chunks"] == [0, 1, 2]
    assert not (out / "chunks").exists(), "joined into runs.parquet, the chunks are removed"
    assert {"negosim", "mesa", "numpy"} <= set(manifest["versions"])
    assert len(manifest["request"]["hash"]) == 64
    assert json.loads((out / "summary.json").read_text())["runs"] == 20


def test_run_refuses_to_overwrite_and_explains(tmp_path: Path) -> None:
    out = tmp_path / "p"
    assert (
        runner.invoke(app, ["run", "split_the_pie", "--runs", "3", "--out", str(out)]).exit_code
        == 0
    )
    again = runner.invoke(app, ["run", "split_the_pie", "--runs", "3", "--out", str(out)])
    assert again.exit_code == 2
    assert "finished experiment; use --force to overwrite it" in again.output
    assert "Traceback" not in again.output


def test_bad_run_options_exit_2(tmp_path: Path) -> None:
    cases = [
        (["--variant", "peace"], "unknown variant 'peace'"),
        (["--backend", "spark"], "--backend: unknown value 'spark'"),
        (["--scheduler", "tcp://127.0.0.1:8786"], "--scheduler goes with --backend dask"),
        (["--runs", "0"], "Invalid value for '--runs'"),
    ]
    blocker = tmp_path / "a_file"
    blocker.write_text("not a directory", encoding="utf-8")
    result = runner.invoke(app, ["run", "split_the_pie", "--runs", "2", "--out", str(blocker)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert blocker.read_text(encoding="utf-8") == "not a directory", (
        "nothing already written is lost"
    )
    for args, message in cases:
        result = runner.invoke(app, ["run", "grand_bargain", "--out", str(tmp_path / "x"), *args])
        assert result.exit_code == 2, args
        assert message in result.output, result.output


@pytest.mark.slow
def test_a_killed_run_resumes_to_the_rows_of_an_uninterrupted_one(tmp_path: Path) -> None:
    """SIGKILL mid-run (no chance to clean up), then --resume: same rows as a run never killed."""
    import signal
    import subprocess
    import sys
    import time

    command = [
        sys.executable,
        "-m",
        "negosim.cli",
        "run",
        "minerals_deal",
        "--runs",
        "500",
        "--chunk-size",
        "10",
        "--seed",
        "9",
    ]
    killed = subprocess.Popen(
        [*command, "--out", str(tmp_path / "killed")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    chunks = tmp_path / "killed" / "chunks"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and len(list(chunks.glob("runs-*.parquet"))) < 3:
        time.sleep(0.005)
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    assert not (tmp_path / "killed" / "runs.parquet").exists(), "killed before the end"
    resumed = subprocess.run(
        [*command, "--out", str(tmp_path / "killed"), "--resume"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert resumed.returncode == 0, resumed.stderr
    scenario = load_scenario("minerals_deal")
    options = Options(runs=500, seed=9, chunk_size=10, out=tmp_path / "whole")
    run_experiment(scenario, "minerals_deal", options)
    pd.testing.assert_frame_equal(
        pd.read_parquet(tmp_path / "killed" / "runs.parquet"),
        pd.read_parquet(tmp_path / "whole" / "runs.parquet"),
    )


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.mark.slow
@pytest.mark.xdist_group("subprocess")
def test_a_lost_dask_scheduler_ends_the_run_with_one_line_and_resume_completes_it(
    tmp_path: Path,
) -> None:
    """The scheduler is killed mid-run: one line says how far the run got and to resume, no
    traceback; after a new cluster comes up, --resume gives the rows of an uninterrupted run."""
    import os
    import signal
    import subprocess
    import sys
    import time

    bin_dir = Path(sys.executable).parent

    def cluster(port: int) -> list[subprocess.Popen[bytes]]:
        address = f"tcp://127.0.0.1:{port}"
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        scheduler = subprocess.Popen(
            [bin_dir / "dask", "scheduler", "--port", str(port), "--dashboard-address", ":0"],
            **quiet,
        )
        worker = subprocess.Popen(
            [bin_dir / "dask", "worker", address, "--nthreads", "1", "--no-dashboard"], **quiet
        )
        return [scheduler, worker]

    def stop(processes: list[subprocess.Popen[bytes]]) -> None:
        for process in processes:
            process.kill()
            process.wait()

    port = free_port()
    command = [
        sys.executable,
        "-m",
        "negosim.cli",
        "run",
        "split_the_pie",
        "--runs",
        "4000",
        "--chunk-size",
        "20",
        "--backend",
        "dask",
        "--scheduler",
        f"tcp://127.0.0.1:{port}",
        "--out",
        str(tmp_path / "lost"),
    ]
    env = {**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "60s"}
    first = cluster(port)
    try:
        running = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env
        )
        chunks = tmp_path / "lost" / "chunks"
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline and len(list(chunks.glob("runs-*.parquet"))) < 2:
            assert running.poll() is None, running.stderr.read() if running.stderr else ""
            time.sleep(0.05)
        first[0].send_signal(signal.SIGKILL)
        _, errors = running.communicate(timeout=600)
    finally:
        stop(first)
    assert running.returncode == 1, errors
    assert "Traceback" not in errors
    last = errors.strip().splitlines()[-1]
    assert "lost the Dask scheduler or a worker" in last
    assert "rerun with --resume" in last

    second = cluster(port)
    try:
        resumed = subprocess.run(
            [*command, "--resume"], capture_output=True, text=True, env=env, check=False
        )
    finally:
        stop(second)
    assert resumed.returncode == 0, resumed.stderr
    whole = tmp_path / "whole"
    run_experiment(
        load_scenario("split_the_pie"), "s", Options(runs=4000, chunk_size=20, out=whole)
    )
    pd.testing.assert_frame_equal(
        pd.read_parquet(tmp_path / "lost" / "runs.parquet"), pd.read_parquet(whole / "runs.parquet")
    )


@pytest.mark.xdist_group("subprocess")
def test_verbose_says_what_is_done_and_quiet_says_nothing(tmp_path: Path) -> None:
    import subprocess
    import sys

    def run_with(flag: str, out: str) -> subprocess.CompletedProcess[str]:
        command = ["run", "split_the_pie", "--runs", "30", "--chunk-size", "10", "--out", out]
        return subprocess.run(
            [sys.executable, "-m", "negosim.cli", flag, *command],
            capture_output=True,
            text=True,
            check=True,
            cwd=tmp_path,
        )

    loud = run_with("-v", "loud").stderr
    assert "INFO negosim.experiments.experiment: split_the_pie: 30 runs in 3 chunks" in loud
    assert "chunks removed" in loud
    quiet = run_with("--quiet", "quiet")
    assert quiet.stderr == "", "no progress bar, no diagnostics"
    assert "Agreement" in quiet.stdout, "the results are still printed"
