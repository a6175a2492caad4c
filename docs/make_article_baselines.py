"""Each article scenario's baseline distribution: the tables on docs/textbook/modelling-the-article.md.

    python docs/make_article_baselines.py [RUNS]

For each article scenario and variant, RUNS runs of ``negosim run`` (seed 0, the scenario's own
uncertainty and protocol). Prints one Markdown table of outcomes and one of who binds per scenario.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pandas as pd

from negosim import load_scenario
from negosim.experiments import Options, run_experiment

CASES = (
    ("minerals_deal", None),
    ("minerals_deal", "security_clause"),
    ("nato_security", None),
    ("grand_bargain", None),
    ("grand_bargain", "bilateral_guarantee"),
    ("grand_bargain", "russia_holds_deposits"),
)
SHOWN = {
    "security_guarantee": None,
    "nato_path": None,
    "fund_governance": None,
    "repayment": None,
    "territory": "restored",
    "revenue_share": "in the fund",
}


def runs_of(name: str, variant: str | None, runs: int) -> tuple[pd.DataFrame, dict[str, object]]:
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "r"
        options = Options(runs=runs, out=out, workers=2, variant=variant)
        summary = run_experiment(load_scenario(name), name, options)
        return pd.read_parquet(out / "runs.parquet"), summary


def outcome_row(name: str, variant: str | None, table: pd.DataFrame) -> dict[str, str]:
    deals = table[table["agreement"]]
    ended = table.loc[~table["agreement"], "reason"].value_counts()
    row = {
        "scenario": name + (f" ({variant})" if variant else ""),
        "deals": f"{table['agreement'].mean():.0%}",
        "other endings": ", ".join(f"{k} {v / len(table):.0%}" for k, v in ended.items()) or "-",
    }
    for issue, unit in SHOWN.items():
        column = f"outcome.{issue}"
        if column not in deals or deals.empty:
            continue
        if unit is None:
            label, share = deals[column].value_counts(normalize=True).items().__next__()
            row[issue.replace("_", " ")] = f"{str(label).replace('_', ' ')} ({share:.0%})"
        else:
            row[issue.replace("_", " ")] = f"median {deals[column].astype(float).median():g} {unit}"
    return row


def binding_rows(
    name: str, variant: str | None, summary: dict[str, object]
) -> list[dict[str, str]]:
    walkaway = summary["mean_walkaway"]
    binding = summary["at_walkaway"]
    walked = summary["walked_out"]
    utility = summary["mean_utility"]
    assert isinstance(walkaway, dict)
    assert isinstance(binding, dict)
    assert isinstance(walked, dict)
    assert isinstance(utility, dict)
    return [
        {
            "scenario": name + (f" ({variant})" if variant else ""),
            "actor": actor,
            "walk-away (mean)": f"{walkaway[actor]:.2f}",
            "mean utility": f"{utility[actor]:.2f}",
            "deals at its walk-away": f"{binding.get(actor, 0.0):.0%}",
            "walked out": f"{walked.get(actor, 0.0):.0%}",
        }
        for actor in walkaway
    ]


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    outcomes, binds = [], []
    for scenario, variant in CASES:
        runs, summary = runs_of(scenario, variant, count)
        outcomes.append(outcome_row(scenario, variant, runs))
        binds += binding_rows(scenario, variant, summary)
    print(pd.DataFrame(outcomes).fillna("-").to_markdown(index=False))
    print()
    print(pd.DataFrame(binds).to_markdown(index=False))
