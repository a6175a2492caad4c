"""What a click in the dashboard costs, server side, for each bundled scenario: opening a table
(building the game), replaying a whole negotiation (every click replays from round one), growing a
Monte Carlo batch by 500 runs, and drawing its three figures.

Run: ``python benchmarks/bench_web.py``. Times are the median of three, in one process, as the
dashboard runs them (the browser's rendering is not included).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from negosim.engine.catalogue import load_scenario
from negosim.scenario.bundled import resolve_config
from negosim.web.batch import Batch
from negosim.web.table import Table

SCENARIOS = ("split_the_pie", "minerals_deal", "nato_security", "grand_bargain")


def median_seconds(work: Callable[[], object], repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    print(
        f"{'scenario':<15} {'open table':>11} {'replay all':>11} {'+500 runs':>10} {'figures':>8}"
    )
    for name in SCENARIOS:
        scenario = load_scenario(resolve_config(name))
        opened = median_seconds(lambda s=scenario: Table(s).view())
        table = Table(scenario).to_the_end()
        table.view()
        replay = median_seconds(table.view)
        grow = median_seconds(lambda s=scenario: Batch(s).more(500), repeats=1)
        batch = Batch(scenario).more(500)
        draw = median_seconds(lambda b=batch: list(b.panels()), repeats=1)
        print(f"{name:<15} {opened:>10.3f}s {replay:>10.3f}s {grow:>9.2f}s {draw:>7.2f}s")


if __name__ == "__main__":
    main()
