"""Synthetic scenarios of any size, for benchmarks and scale tests.

Actors fall into two blocs whose members lean the same way on most issues, as in real negotiations
(a bloc of guarantors and a bloc of challengers), with Dirichlet weights for salience. Nothing here
comes from the article: every parameter is labelled as an assumption.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from negosim.scenario.model import Scenario

_WHY = {"assumption": "synthetic scenario for benchmarks"}


def synthetic_scenario(
    actors: int = 6, issues: int = 6, levels: int = 10, seed: int = 0, agreement: float = 0.8
) -> Scenario:
    """A one-track scenario with ``levels ** issues`` outcomes, for benchmarks at scale.

    Parameters
    ----------
    actors
        Number of actors, in two blocs.
    issues
        Number of issues.
    levels
        Options per issue.
    seed
        Seed of the preferences.
    agreement
        The chance that an actor leans with its bloc on an issue.

    Returns
    -------
    Scenario
        A validated scenario.
    """
    rng = np.random.default_rng(seed)
    names = [f"actor_{i}" for i in range(actors)]
    issue_names = [f"issue_{k}" for k in range(issues)]
    bloc_direction = rng.random(issues) < 0.5
    document: dict[str, Any] = {
        "name": "synthetic",
        "title": f"Synthetic: {actors} actors, {issues} issues of {levels} levels",
        "summary": "Generated for benchmarks.",
        **_WHY,
        "tracks": {
            "main": {"ratification": {"rule": "unanimity", "parties": names, **_WHY}, **_WHY}
        },
        "issues": {
            name: {
                "kind": "continuous",
                "track": "main",
                "min": 0.0,
                "max": float(levels - 1),
                "step": 1.0,
                "unit": "level",
                **_WHY,
            }
            for name in issue_names
        },
        "actors": {
            name: _actor(rng, issue_names, bloc_direction ^ (i % 2 == 1), agreement)
            for i, name in enumerate(names)
        },
    }
    return Scenario.model_validate(document)


def _actor(
    rng: np.random.Generator, issues: list[str], bloc: np.ndarray, agreement: float
) -> dict[str, Any]:
    weights = rng.dirichlet(np.ones(len(issues)))
    leans = np.where(rng.random(len(issues)) < agreement, bloc, ~bloc)
    return {
        "label": "synthetic actor",
        "power": {"value": float(rng.uniform(0.5, 2.0)), **_WHY},
        "reservation": {"value": float(rng.uniform(0.2, 0.4)), **_WHY},
        "discount": {"value": 0.9, **_WHY},
        "strategy": {"name": "boulware", **_WHY},
        "weights": {k: {"value": float(w), **_WHY} for k, w in zip(issues, weights, strict=True)},
        "values": {
            k: {"kind": "linear", "direction": "increasing" if up else "decreasing", **_WHY}
            for k, up in zip(issues, leans, strict=True)
        },
        **_WHY,
    }
