"""The article scenarios re-run under every protocol: the table on docs/textbook/article-rerun.md.

    python docs/make_article_rerun.py [RUNS]

For each bundled scenario and protocol, RUNS runs of ``negosim run`` (seed 0, the scenario's own
uncertainty), with every negotiated track put under that protocol. Prints a Markdown table.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pandas as pd

from negosim import load_scenario
from negosim.experiments import Options, run_experiment
from negosim.protocols import PROTOCOLS

SCENARIOS = ("minerals_deal", "nato_security", "grand_bargain", "split_the_pie")
BUILT_IN = ("alternating_offers", "recognition", "mediated", "expected_utility")


def row(name: str, protocol: str, runs: int) -> dict[str, object]:
    scenario = load_scenario(name)
    tracks = {k: t.model_copy(update={"protocol": protocol}) for k, t in scenario.tracks.items()}
    scenario = scenario.model_copy(update={"tracks": tracks})
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "r"
        summary = run_experiment(scenario, name, Options(runs=runs, out=out, workers=2))
        table = pd.read_parquet(out / "runs.parquet")
    reasons = table.loc[~table["agreement"], "reason"].value_counts()
    given = summary["agreement_given_no_breakdown"]
    early = summary["deals_before_last_quarter"]
    return {
        "scenario": name,
        "protocol": protocol,
        "agreement": f"{summary['agreement_rate']:.0%}",
        "given no breakdown": "-" if given is None else f"{given:.0%}",
        "deals before last quarter": "-" if early is None else f"{early:.0%}",
        "mean rounds of deals": f"{table.loc[table['agreement'], 'rounds'].mean():.1f}"
        if table["agreement"].any()
        else "-",
        "other endings": ", ".join(f"{k} {v}" for k, v in reasons.items() if k != "breakdown")
        or "-",
    }


if __name__ == "__main__":
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    assert set(BUILT_IN) <= set(PROTOCOLS)
    rows = [row(name, protocol, runs) for name in SCENARIOS for protocol in BUILT_IN]
    print(pd.DataFrame(rows).to_markdown(index=False))
