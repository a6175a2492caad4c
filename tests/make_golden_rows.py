"""Writes tests/data/golden_rows.json: the rows a few seeded Monte Carlos give on the machine's Python.

    python tests/make_golden_rows.py

Rerun it (and say why in the commit) only when a change is meant to change results; the test
`test_reproducible_rows.py` then holds every interpreter and Mesa version to them.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pandas as pd

from negosim import load_scenario
from negosim.experiments import Options, run_experiment

CASES = {"split_the_pie": 20, "minerals_deal": 10, "grand_bargain": 10}
COLUMNS = ("run", "seed", "agreement", "reason", "rounds")
GOLDEN = Path(__file__).parent / "data" / "golden_rows.json"


def rows(name: str, runs: int) -> list[dict[str, object]]:
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / name
        run_experiment(load_scenario(name), name, Options(runs=runs, out=out, workers=1))
        table = pd.read_parquet(out / "runs.parquet")
    kept = [c for c in table.columns if c in COLUMNS or c.startswith(("utility.", "outcome."))]
    found: list[dict[str, object]] = json.loads(table[kept].to_json(orient="records"))
    return found


if __name__ == "__main__":
    GOLDEN.write_text(json.dumps({n: rows(n, r) for n, r in CASES.items()}, indent=1) + "\n")
