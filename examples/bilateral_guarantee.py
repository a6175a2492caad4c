"""What if the US offers Ukraine a bilateral security guarantee?

Runs the grand bargain as stated and under its `bilateral_guarantee` variant, with the same seed
(so both face the same uncertainty, run by run), and compares how often a deal is reached, which
guarantee it carries, and what each side gets.

    python examples/bilateral_guarantee.py [RUNS]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pandas as pd

from negosim import load_scenario
from negosim.experiments import Options, run_experiment
from negosim.scenario.bundled import resolve_config


def compare(runs: int) -> pd.DataFrame:
    scenario = load_scenario(resolve_config("grand_bargain"))
    rows = {}
    with tempfile.TemporaryDirectory() as scratch:
        for variant in (None, "bilateral_guarantee"):
            out = Path(scratch) / (variant or "baseline")
            run_experiment(scenario, "grand_bargain", Options(runs=runs, out=out, variant=variant))
            table = pd.read_parquet(out / "runs.parquet")
            deals = table[table["agreement"]]
            rows[variant or "as stated"] = {
                "agreement rate": table["agreement"].mean(),
                "deals with a bilateral US guarantee": (
                    deals["outcome.security_guarantee"] == "bilateral_us"
                ).mean(),
                "Ukraine mean utility": table["utility.ukraine"].mean(),
                "US mean utility": table["utility.us"].mean(),
            }
    return pd.DataFrame(rows)


if __name__ == "__main__":
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    print(compare(runs).round(3).to_string())
