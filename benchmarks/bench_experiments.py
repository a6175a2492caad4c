"""Monte Carlo throughput: runs per second per core for each bundled scenario, the speed-up from one
to two workers, the wall time of 10,000 grand-bargain runs, and peak memory as N grows.

Run: ``python benchmarks/bench_experiments.py [--runs N] [--big N]``. Each measurement runs
``negosim run`` in a fresh process (so start-up, worker spawning and the final table are included)
and reads its peak memory (max RSS of the process and its children).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCENARIOS = ("split_the_pie", "minerals_deal", "nato_security", "grand_bargain")


def timed_run(scenario: str, runs: int, workers: int, out: Path) -> tuple[float, float]:
    """(wall seconds, peak MB of the children) of one `negosim run`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "negosim.cli",
            "run",
            scenario,
            "--runs",
            str(runs),
            "--workers",
            str(workers),
            "--out",
            str(out),
            "--force",
        ],
        check=True,
        capture_output=True,
    )
    wall = time.perf_counter() - started
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return wall, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2000, help="runs per throughput measurement")
    parser.add_argument("--big", type=int, default=200_000, help="runs for the memory measurement")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        print(f"{'scenario':<16} {'1 worker runs/s':>16} {'2 workers runs/s':>17} {'speed-up':>9}")
        for name in SCENARIOS:
            one, _ = timed_run(name, args.runs, 1, root / f"{name}-1")
            two, _ = timed_run(name, args.runs, 2, root / f"{name}-2")
            print(
                f"{name:<16} {args.runs / one:>16.0f} {args.runs / two:>17.0f} {one / two:>8.2f}x"
            )
        wall, peak = timed_run("grand_bargain", 10_000, 2, root / "gb-10k")
        print(f"grand_bargain, 10,000 runs, 2 workers: {wall:.1f} s wall, peak {peak:.0f} MB")
        wall, peak = timed_run("split_the_pie", args.big, 2, root / "pie-big")
        print(f"split_the_pie, {args.big:,} runs, 2 workers: {wall:.1f} s wall, peak {peak:.0f} MB")


if __name__ == "__main__":
    main()
