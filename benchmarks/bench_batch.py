"""The batch engine against the Mesa engine on the same runs: runs per CPU-second and the ratio.

Both engines play runs 0 to N - 1, in the chunks ``negosim run`` gives each (1,000 runs on the
batch engine, 250 on Mesa), of ``grand_bargain``'s Monte Carlo (experiment seed 0: sampled
walk-aways, Russia's power, breakdown chance and Washington's exponent), in this process, one
core, from parameter draws to the rows of ``runs.parquet``; the tables are checked equal. The
engines take turns, three times by default, and the best and median speeds are printed: a shared
machine's speed varies by a third from one minute to the next. Then:
the kernels' first-call compile time (a fresh process with an empty numba cache) and their load
time from the disk cache; the dashboard's "+500 runs"; and, with ``--million``, ``negosim run``
of 10⁶ runs on two workers (wall time and the process tree's peak memory).

Run: ``python benchmarks/bench_batch.py [--runs N] [--repeats R] [--million]``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from statistics import median
from typing import Any

import pyarrow as pa

from negosim.engine.catalogue import load_scenario
from negosim.experiments.experiment import CHUNK_SIZES
from negosim.experiments.runner import RunPlayer, RunSpec
from negosim.scenario.paths import document
from negosim.scenario.synthetic import synthetic_scenario

FIRST_BLOCK = """
import time
started = time.perf_counter()
from negosim.engine.catalogue import load_scenario
from negosim.experiments.experiment import CHUNK_SIZES
from negosim.experiments.runner import RunPlayer, RunSpec
from negosim.scenario.paths import document
from negosim.scenario.synthetic import synthetic_scenario
player = RunPlayer(RunSpec(document(load_scenario("grand_bargain")), 0))
ready = time.perf_counter()
player.batch.play(0, 50)
print(time.perf_counter() - ready)
"""


def per_cpu_second(
    play: Callable[[int, int], pa.Table], runs: int, chunk: int
) -> tuple[float, pa.Table]:
    """Runs per CPU-second of ``play(start, stop)`` over runs 0 to ``runs - 1``, in chunks."""
    started = time.process_time()
    tables = [play(start, min(start + chunk, runs)) for start in range(0, runs, chunk)]
    return runs / (time.process_time() - started), pa.concat_tables(tables)


def sao_set_up(actors: int) -> dict[str, Any]:
    """NegMAS's standard SAO set-up as a scenario: 3 issues of 11, 5 and 4 values, linear utilities,
    Boulware (even actors) against Conceder (odd), walk-aways drawn around 0.3 for every run, 100
    offers by each actor (100 × actors rounds), stacked alternating offers, unanimity."""
    data = document(synthetic_scenario(actors=actors, issues=3, levels=11, seed=1, agreement=0.0))
    for issue, values in zip(data["issues"], (11, 5, 4), strict=True):
        data["issues"][issue]["max"] = float(values - 1)
    data["tracks"]["main"].update(protocol="alternating_offers", deadline=100 * actors)
    for i, actor in enumerate(data["actors"]):
        name = "boulware" if i % 2 == 0 else "conceder"
        data["actors"][actor]["strategy"] = {"name": name, "assumption": "the NegMAS set-up"}
    data["uncertainty"] = [
        {
            "path": f"actors.{a}.reservation",
            "dist": "uniform",
            "low": 0.25,
            "high": 0.35,
            "assumption": "around NegMAS's 0.3",
        }
        for a in data["actors"]
    ]
    return data


def engines(title: str, data: dict[str, Any], runs: int, repeats: int) -> None:
    mesa = RunPlayer(RunSpec(data, 0, engine="mesa"))
    batch = RunPlayer(RunSpec(data, 0, engine="auto"))
    assert batch.batch is not None
    schema = batch.batch.schema
    batch.batch.play(0, 10)  # kernels loaded from the disk cache (or compiled) before timing
    mesa.play(0)

    def mesa_block(start: int, stop: int) -> pa.Table:
        return pa.Table.from_pylist([mesa.play(r)[0] for r in range(start, stop)], schema=schema)

    slow, fast, same = [], [], True
    for _ in range(repeats):  # alternated, so that a slow spell of the machine hits both
        speed, reference = per_cpu_second(mesa_block, runs, CHUNK_SIZES["mesa"])
        slow.append(speed)
        speed, found = per_cpu_second(batch.batch.play, runs, CHUNK_SIZES["batch"])
        fast.append(speed)
        same = same and found.equals(reference)
    agreed = sum(found["agreement"].to_pylist()) / runs
    print(
        f"{title}, runs 0-{runs - 1}, one core, best of {repeats} "
        f"(rows {'identical' if same else 'DIFFERENT'}; agreement {agreed:.2f}):"
    )
    print(f"  Mesa engine   {max(slow):9,.0f} runs per CPU-second   (median {median(slow):,.0f})")
    print(
        f"  batch engine  {max(fast):9,.0f} runs per CPU-second   (median {median(fast):,.0f}; "
        f"{max(fast) / max(slow):.1f}× the Mesa engine)"
    )


def compile_times() -> None:
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "NUMBA_CACHE_DIR": cache}
        cold = _first_block(env)
        warm = _first_block(env)
    print(
        f"first block of 50 runs in a fresh process: {cold:.1f} s with an empty numba cache "
        f"(compiling), {warm:.2f} s with the disk cache"
    )


def _first_block(env: dict[str, str]) -> float:
    done = subprocess.run(
        [sys.executable, "-c", FIRST_BLOCK], env=env, check=True, capture_output=True, text=True
    )
    return float(done.stdout.strip().splitlines()[-1])


def dashboard() -> None:
    from negosim.web.batch import Batch

    scenario = load_scenario("grand_bargain")
    Batch(scenario, 1).more(20)  # the page's player is built and warm
    batch = Batch(scenario, 0)
    batch.more(5)
    started = time.process_time()
    batch.more(500)
    print(f"dashboard '+500 runs' on grand_bargain: {time.process_time() - started:.2f} s of CPU")


def million(workers: int) -> None:
    with tempfile.TemporaryDirectory() as out:
        command = [
            "/usr/bin/time",
            "-v",
            sys.executable,
            "-m",
            "negosim.cli",
            "run",
            "grand_bargain",
            "--runs",
            "1000000",
            "--workers",
            str(workers),
            "--out",
            str(Path(out) / "m"),
        ]
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        wall = time.perf_counter() - started
    peak = next(
        int(line.split(":")[1]) for line in done.stderr.splitlines() if "Maximum resident" in line
    )
    print(
        f"negosim run grand_bargain --runs 1000000 --workers {workers}: {wall:.0f} s wall, "
        f"largest process {peak / 1024:.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2000, help="runs per engine")
    parser.add_argument("--repeats", type=int, default=3, help="timings per engine (best shown)")
    parser.add_argument("--million", action="store_true", help="also run 10⁶ runs on 2 workers")
    args = parser.parse_args()
    gb, pie = document(load_scenario("grand_bargain")), document(load_scenario("split_the_pie"))
    engines("grand_bargain Monte Carlo", gb, args.runs, args.repeats)
    engines("split_the_pie Monte Carlo", pie, args.runs, args.repeats)
    for actors in (2, 4):
        engines(f"SAO set-up, {actors} actors", sao_set_up(actors), args.runs // 4, args.repeats)
    compile_times()
    dashboard()
    if args.million:
        million(2)


if __name__ == "__main__":
    main()
