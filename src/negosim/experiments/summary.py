"""Headline numbers of an experiment: how often a deal is reached, on which terms, who gains."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pyarrow.compute as pc
import pyarrow.parquet as pq


def wilson_interval(successes: int, trials: int, z: float = 1.959964) -> tuple[float, float]:
    """95% Wilson score interval for a proportion; sensible at 0 and 1, unlike the normal one.

    Parameters
    ----------
    successes
        Runs with a deal.
    trials
        Runs.
    z
        The normal quantile of the confidence level.

    Returns
    -------
    tuple of float
        (low, high), always holding the observed rate.
    """
    if trials == 0:
        return (0.0, 1.0)
    from scipy.stats import binomtest, norm

    p = successes / trials
    level = float(2 * norm.cdf(z) - 1)
    interval = binomtest(successes, trials).proportion_ci(level, method="wilson")
    # The bounds hold p exactly: at p = 1 rounding can put the upper bound a hair below 1.
    return (min(p, float(interval.low)), max(p, float(interval.high)))


def _early_share(file: pq.ParquetFile, names: list[str], agreement: Any) -> float | None:
    """The share of deals reached before the last quarter of the deadline."""
    if "deadline" not in names or not agreement.any():
        return None
    rounds = file.read(columns=["rounds"]).column(0).to_numpy(zero_copy_only=False)[agreement]
    deadline = file.read(columns=["deadline"]).column(0).to_numpy(zero_copy_only=False)[agreement]
    return float(np.mean(rounds <= 0.75 * deadline))


def summarize(runs_path: Path) -> dict[str, Any]:
    """The headline numbers of a results table, one column in memory at a time.

    Parameters
    ----------
    runs_path
        ``runs.parquet``.

    Returns
    -------
    dict
        Agreement rate and interval, reasons, terms, mean utilities.
    """
    file = pq.ParquetFile(runs_path)
    names = file.schema_arrow.names
    agreement = file.read(columns=["agreement"]).column(0).to_numpy(zero_copy_only=False)
    trials, successes = len(agreement), int(agreement.sum())
    low, high = wilson_interval(successes, trials)
    counted = pc.value_counts(file.read(columns=["reason"]).column(0)).to_pylist()  # type: ignore[attr-defined]
    reasons = {item["values"]: item["counts"] for item in counted}
    broke = sum(count for reason, count in reasons.items() if reason == "breakdown")
    summary: dict[str, Any] = {
        "runs": trials,
        "agreement_rate": successes / trials if trials else 0.0,
        "agreement_rate_95ci": [low, high],
        "agreement_given_no_breakdown": successes / (trials - broke) if trials > broke else None,
        "deals_before_last_quarter": _early_share(file, names, agreement),
        "no_deal_reasons": {r: reasons[r] for r in sorted(reasons) if r != "agreement"},
        "terms": {},
        "mean_utility": {},
    }
    for name in (n for n in names if n.startswith("outcome.")):
        column = file.read(columns=[name]).column(0).to_numpy(zero_copy_only=False)[agreement]
        summary["terms"][name.removeprefix("outcome.")] = _terms(column)
    seated = _seated(file, names)
    for actor in seated:
        values = _floats(file, f"utility.{actor}")
        summary["mean_utility"][actor] = float(np.nanmean(values))
    summary["mean_walkaway"] = {
        actor: float(np.nanmean(_floats(file, f"walkaway.{actor}")))
        for actor in seated
        if f"walkaway.{actor}" in names
    }
    summary["at_walkaway"] = _at_walkaway(file, names, agreement)
    summary["walked_out"] = _walked_out(file, names, trials)
    summary["moves_agreement"] = _moves_agreement(file, names, agreement)
    return summary


def _floats(file: pq.ParquetFile, column: str) -> Any:
    return file.read(columns=[column]).column(0).to_numpy(zero_copy_only=False).astype(float)


def _seated(file: pq.ParquetFile, names: list[str]) -> list[str]:
    """The actors with a utility in some run: those at a table (one off it has none)."""
    actors = [n.removeprefix("utility.") for n in names if n.startswith("utility.")]
    return [a for a in actors if not np.isnan(_floats(file, f"utility.{a}")).all()]


def _moves_agreement(
    file: pq.ParquetFile, names: list[str], agreement: Any
) -> dict[str, dict[str, float]]:
    """Per sampled parameter, the agreement rate above its median and at or below it.

    A first reading of what drives agreement from the runs alone (``negosim sensitivity`` gives
    variance-based indices); parameters whose runs do not split are left out. Largest gap first.
    """
    found: dict[str, dict[str, float]] = {}
    for name in (n for n in names if n.startswith("param.")):
        values = file.read(columns=[name]).column(0).to_numpy(zero_copy_only=False).astype(float)
        high = values > np.nanmedian(values)
        if high.any() and (~high).any():
            above, below = float(agreement[high].mean()), float(agreement[~high].mean())
            found[name.removeprefix("param.")] = {"above_median": above, "below_median": below}
    return dict(
        sorted(found.items(), key=lambda kv: -abs(kv[1]["above_median"] - kv[1]["below_median"]))
    )


def _at_walkaway(file: pq.ParquetFile, names: list[str], agreement: Any) -> dict[str, float]:
    """Per actor, the share of deals that left it within the margin of its walk-away (binding)."""
    from negosim.engine.why import MARGIN

    shares: dict[str, float] = {}
    if not agreement.any():
        return shares
    for actor in _seated(file, names):
        name = f"walkaway.{actor}"
        if name not in names:
            continue
        walkaway, discounted = (
            file.read(columns=[column]).column(0).to_numpy(zero_copy_only=False).astype(float)
            for column in (name, f"discounted.{actor}")
        )
        spare = (discounted - walkaway)[agreement]
        spare = spare[~np.isnan(spare)]
        if spare.size:
            shares[actor] = float(np.mean(spare < MARGIN))
    return shares


def _walked_out(file: pq.ParquetFile, names: list[str], trials: int) -> dict[str, float]:
    """Per actor, the share of runs that ended with it walking out."""
    if "walked_out" not in names or trials == 0:
        return {}
    counted = pc.value_counts(file.read(columns=["walked_out"]).column(0)).to_pylist()  # type: ignore[attr-defined]
    return {
        item["values"]: item["counts"] / trials for item in counted if item["values"] is not None
    }


def _terms(column: np.ndarray) -> dict[str, Any]:
    if column.size == 0:
        return {}
    if column.dtype.kind == "f":
        q1, median, q3 = np.quantile(column, [0.25, 0.5, 0.75])
        return {"median": float(median), "q1": float(q1), "q3": float(q3)}
    labels, counts = np.unique(column.astype(str), return_counts=True)
    return {"shares": {str(k): int(c) / column.size for k, c in zip(labels, counts, strict=True)}}
