"""Start-up time of the command line, as a ratio to an empty Python process.

Run: ``python benchmarks/bench_startup.py [--repeats N]``. Each command runs N times in a fresh
process; the best time of each is compared with ``python -c pass`` (best of N too). The target for
``negosim --help`` is at most 5x.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

CONFIG = Path(__file__).resolve().parents[1] / "configs" / "grand_bargain.yaml"
COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "negosim --help": [sys.executable, "-m", "negosim.cli", "--help"],
    "negosim --version": [sys.executable, "-m", "negosim.cli", "--version"],
    "negosim validate grand_bargain.yaml": [sys.executable, "-m", "negosim.cli", "validate", str(CONFIG)],
    "negosim simulate split_the_pie": [sys.executable, "-m", "negosim.cli", "simulate", "split_the_pie"],
}  # fmt: skip


def best_of(command: list[str], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7, help="fresh processes per command")
    repeats = parser.parse_args().repeats
    baseline = best_of(COMMANDS["python -c pass"], repeats)
    print(f"{'command':<38} {'best s':>7} {'x python':>9}")
    for label, command in COMMANDS.items():
        seconds = best_of(command, repeats)
        print(f"{label:<38} {seconds:>7.3f} {seconds / baseline:>9.1f}")


if __name__ == "__main__":
    main()
