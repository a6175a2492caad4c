"""Which uncertain parameters matter: Sobol indices or Morris elementary effects (SALib).

The parameters are the scenario's scalar ``uncertainty`` entries, each varied over its support
(uniform, truncated-normal and triangular bounds; a beta's central 98%; a choice's smallest to
largest value);
Dirichlet weight noise is left out and the weights stay as stated. Each sample row is one negotiation
whose seed derives from the experiment seed and the row, so the analysis is reproducible.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import numpy as np
import pandas as pd

from negosim.experiments.runner import RunPlayer, RunSpec, run_seed
from negosim.scenario.model import Scenario
from negosim.scenario.paths import document
from negosim.scenario.uncertainty import Beta, Choice, Dirichlet, Distribution

OUTPUT_AGREEMENT = "agreement"


class SensitivityError(ValueError):
    """Nothing to analyse, or a sample size SALib cannot use."""


def problem_of(scenario: Scenario) -> dict[str, Any]:
    """SALib's problem: every scalar uncertain parameter and the range it varies over.

    Parameters
    ----------
    scenario
        A validated scenario.

    Returns
    -------
    dict
        ``num_vars``, ``names`` and ``bounds``.

    Raises
    ------
    SensitivityError
        When the scenario has no scalar uncertainty.
    """
    entries = [e for e in scenario.uncertainty if not isinstance(e, Dirichlet)]
    if not entries:
        raise SensitivityError("the scenario has no scalar 'uncertainty' entries to analyse")
    return {
        "num_vars": len(entries),
        "names": [e.path for e in entries],
        "bounds": [list(_bounds(e)) for e in entries],
    }


def _bounds(entry: Distribution) -> tuple[float, float]:
    """The range a parameter is varied over: a beta's central 98%, otherwise its support."""
    if isinstance(entry, Choice):
        return min(entry.values), max(entry.values)
    if isinstance(entry, Beta):
        from scipy.stats import beta

        low, high = beta.ppf([0.01, 0.99], entry.a, entry.b)
        span = entry.high - entry.low
        return entry.low + span * float(low), entry.low + span * float(high)
    assert not isinstance(entry, Dirichlet)
    return float(entry.low), float(entry.high)


def sample(problem: dict[str, Any], method: str, samples: int, seed: int) -> np.ndarray:
    """SALib's sample of the parameters for a Sobol or Morris analysis.

    Parameters
    ----------
    problem
        SALib's problem.
    method
        ``sobol`` or ``morris``.
    samples
        Base samples (a power of two for Sobol) or Morris trajectories.
    seed
        The sample's seed.

    Returns
    -------
    numpy.ndarray
        (rows, parameters).
    """
    from SALib.sample import morris as morris_sample
    from SALib.sample import sobol as sobol_sample

    if method == "sobol":
        if samples & (samples - 1):
            raise SensitivityError(
                f"--samples {samples}: Sobol sampling needs a power of two "
                f"(e.g. {1 << max(samples.bit_length() - 1, 1)} or {1 << samples.bit_length()})"
            )
        return np.asarray(sobol_sample.sample(problem, samples, calc_second_order=False, seed=seed))
    return np.asarray(morris_sample.sample(problem, samples, seed=seed))


def evaluate(
    scenario: Scenario,
    names: list[str],
    rows: np.ndarray,
    seed: int,
    workers: int,
    progress: Callable[[int], None] | None = None,
) -> pd.DataFrame:
    """One run per sampled row: agreement and every actor's utility.

    Parameters
    ----------
    scenario
        A validated scenario.
    names
        The parameters' dotted paths, in column order.
    rows
        (rows, parameters) sampled values.
    seed
        The experiment's seed.
    workers
        Processes.
    progress
        Called with the number of rows done.

    Returns
    -------
    pandas.DataFrame
        One row per sample.
    """
    spec = RunSpec(document(scenario), seed)
    chunks = np.array_split(np.arange(len(rows)), max(1, min(len(rows), workers * 8)))
    tasks = [(spec, names, rows[c].tolist(), c.tolist()) for c in chunks if len(c)]
    parts: list[list[dict[str, Any]]] = []
    pool = ProcessPoolExecutor(max_workers=workers) if workers > 1 else None
    try:
        found = (
            pool.map(_evaluate_chunk, *zip(*tasks, strict=True))
            if pool
            else (_evaluate_chunk(*task) for task in tasks)
        )
        for part in found:
            parts.append(part)
            if progress is not None:
                progress(len(part))
    finally:
        if pool is not None:
            pool.shutdown()
    return pd.DataFrame([row for part in parts for row in part])


def _evaluate_chunk(
    spec: RunSpec, names: list[str], rows: list[list[float]], indices: list[int]
) -> list[dict[str, Any]]:
    factory = RunPlayer(spec)
    found = []
    for index, values in zip(indices, rows, strict=True):
        seed = run_seed(spec.seed, index)
        play_seed = int(np.random.SeedSequence(seed).spawn(2)[1].generate_state(1)[0])
        row, _ = factory.play_values(index, seed, dict(zip(names, values, strict=True)), play_seed)
        found.append(row)
    return found


def analyse(
    problem: dict[str, Any], method: str, rows: np.ndarray, outputs: pd.DataFrame, seed: int
) -> pd.DataFrame:
    """Sobol indices or Morris μ*/σ for agreement and each actor's utility.

    Parameters
    ----------
    problem
        SALib's problem.
    method
        ``sobol`` or ``morris``.
    rows
        The sampled values.
    outputs
        What :func:`evaluate` returned.
    seed
        The seed of SALib's bootstrap.

    Returns
    -------
    pandas.DataFrame
        One row per output and parameter.
    """
    from SALib.analyze import morris, sobol

    results = []
    columns = [OUTPUT_AGREEMENT, *(c for c in outputs.columns if c.startswith("utility."))]
    for column in columns:
        y = outputs[column].astype(float).to_numpy()
        if np.nanvar(y) == 0:
            results += [
                {"output": column, "parameter": name, "method": method, "note": "constant"}
                for name in problem["names"]
            ]
            continue
        keys: tuple[str, ...]
        if method == "sobol":
            found = sobol.analyze(problem, y, calc_second_order=False, seed=seed)
            keys = ("S1", "S1_conf", "ST", "ST_conf")
        else:
            found = morris.analyze(problem, rows, y, seed=seed)
            keys = ("mu_star", "mu_star_conf", "sigma")
        for i, name in enumerate(problem["names"]):
            results.append(
                {
                    "output": column,
                    "parameter": name,
                    "method": method,
                    **{k: float(found[k][i]) for k in keys},
                }
            )
    return pd.DataFrame(results)
