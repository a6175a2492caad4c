"""How long the static analysis takes: utility tables, Pareto frontier and solutions.

Run: ``python benchmarks/bench_analysis.py``. Each case runs in a fresh subprocess so that peak memory
(max RSS) is the case's own; the numba kernel is compiled (or loaded from its cache) before timing.
Prints one line per case: outcomes, actors, frontier size and seconds for each stage.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

CASE = r"""
import json, resource, sys, time
import numpy as np
from negosim.solutions.analysis import analyze
from negosim.outcomes import build_space, utility_table
from negosim.engine.catalogue import load_scenario
from negosim.scenario.bundled import resolve_config
from negosim.scenario.synthetic import synthetic_scenario
from negosim.solutions import pareto_mask

pareto_mask(np.random.default_rng(0).random((50, 4)))  # compile or load the kernel
kind, arg = sys.argv[1], sys.argv[2]
scenario = (load_scenario(resolve_config(arg)) if kind == "bundled"
            else synthetic_scenario(agreement=float(arg)))
best = {}
for _ in range(3):
    t0 = time.perf_counter(); space = build_space(scenario); table = utility_table(scenario, space)
    t1 = time.perf_counter(); frontier = pareto_mask(table.utilities)
    t2 = time.perf_counter(); result = analyze(scenario)
    t3 = time.perf_counter()
    for key, value in (("tables", t1 - t0), ("pareto", t2 - t1), ("analyze", t3 - t2)):
        best[key] = min(best.get(key, value), value)
print(json.dumps({**best, "outcomes": space.size, "actors": len(table.actors),
                  "frontier": int(frontier.sum()), "zopa": result.zopa,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

CASES = [
    ("bundled", "split_the_pie", "split_the_pie.yaml"),
    ("bundled", "minerals_deal", "minerals_deal.yaml"),
    ("bundled", "nato_security", "nato_security.yaml"),
    ("bundled", "grand_bargain", "grand_bargain.yaml"),
    ("synthetic", "0.8", "synthetic 10^6 x 6, blocs agree 80%"),
    ("synthetic", "0.6", "synthetic 10^6 x 6, blocs agree 60%"),
]


def main() -> None:
    print(
        f"{'case':<40} {'outcomes':>10} {'actors':>6} {'frontier':>9} "
        f"{'tables s':>9} {'pareto s':>9} {'analyze s':>10} {'peak MB':>8}"
    )
    for kind, arg, label in CASES:
        started = time.perf_counter()
        output = subprocess.run(
            [sys.executable, "-c", CASE, kind, arg], check=True, capture_output=True, text=True
        ).stdout
        row = json.loads(output)
        print(
            f"{label:<40} {row['outcomes']:>10,} {row['actors']:>6} {row['frontier']:>9,} "
            f"{row['tables']:>9.3f} {row['pareto']:>9.3f} {row['analyze']:>10.3f} "
            f"{row['peak_mb']:>8.0f}   ({time.perf_counter() - started:.1f} s with start-up)"
        )


if __name__ == "__main__":
    main()
