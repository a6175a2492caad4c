"""Draws one value per uncertain parameter for a run, from the run's own generator."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from negosim.scenario.model import Scenario
from negosim.scenario.paths import document, read
from negosim.scenario.uncertainty import (
    Beta,
    Choice,
    Dirichlet,
    Distribution,
    Triangular,
    TruncatedNormal,
    Uniform,
)


@dataclass(frozen=True)
class Sampler:
    """Draws a run's uncertain parameters from the scenario's ``uncertainty``.

    Attributes
    ----------
    entries
        The distributions, in the scenario's order.
    centres
        For a Dirichlet entry: the stated weights it perturbs (issue to weight).
    """

    entries: tuple[Distribution, ...]
    centres: tuple[Any, ...]
    """For a Dirichlet entry: the stated weights it perturbs (issue -> weight)."""

    @classmethod
    def of(cls, scenario: Scenario) -> Sampler:
        """The sampler of a scenario's uncertainty.

        Parameters
        ----------
        scenario
            A validated scenario.

        Returns
        -------
        Sampler
            Ready to draw.
        """
        data = document(scenario)
        centres = tuple(
            {k: float(w["value"]) for k, w in read(data, e.path).items()}
            if isinstance(e, Dirichlet)
            else None
            for e in scenario.uncertainty
        )
        return cls(tuple(scenario.uncertainty), centres)

    @property
    def columns(self) -> list[str]:
        """The parameter paths a run reports, one per sampled number.

        Returns
        -------
        list of str
            Dotted paths (a Dirichlet entry gives one per issue).
        """
        names: list[str] = []
        for entry, centre in zip(self.entries, self.centres, strict=True):
            names += [f"{entry.path}.{k}" for k in centre] if centre else [entry.path]
        return names

    def draw(self, rng: np.random.Generator) -> dict[str, float]:
        """One run's parameters.

        Parameters
        ----------
        rng
            The run's generator for parameters.

        Returns
        -------
        dict
            Dotted path to value.
        """
        values: dict[str, float] = {}
        for entry, centre in zip(self.entries, self.centres, strict=True):
            if isinstance(entry, Dirichlet):
                drawn = _dirichlet(rng, entry.concentration, centre)
                values.update({f"{entry.path}.{issue}": w for issue, w in drawn.items()})
            else:
                values[entry.path] = _scalar(rng, entry)
        return values


def _scalar(rng: np.random.Generator, entry: Distribution) -> float:
    if isinstance(entry, Uniform):
        return float(rng.uniform(entry.low, entry.high))
    if isinstance(entry, TruncatedNormal):
        return _truncated_normal(rng, entry)
    if isinstance(entry, Beta):
        return float(entry.low + (entry.high - entry.low) * rng.beta(entry.a, entry.b))
    if isinstance(entry, Triangular):
        return float(rng.triangular(entry.low, entry.mode, entry.high))
    assert isinstance(entry, Choice)
    weights = None if entry.weights is None else np.asarray(entry.weights) / sum(entry.weights)
    return float(rng.choice(entry.values, p=weights))


def _truncated_normal(rng: np.random.Generator, entry: TruncatedNormal) -> float:
    """Exact: the normal's inverse distribution function over the window (scipy's truncnorm).

    Rejection and clipping would pile probability on the bounds when the window sits in a tail.
    """
    from scipy.stats import truncnorm

    low, high = (entry.low - entry.mean) / entry.sd, (entry.high - entry.mean) / entry.sd
    return float(truncnorm.rvs(low, high, loc=entry.mean, scale=entry.sd, random_state=rng))


def _dirichlet(
    rng: np.random.Generator, concentration: float, centre: dict[str, float]
) -> dict[str, float]:
    """Weights drawn around the stated ones: mean equal to them, spread shrinking with concentration.

    Issues with zero weight keep zero.
    """
    names = [k for k, w in centre.items() if w > 0]
    stated = np.array([centre[k] for k in names])
    drawn = rng.dirichlet(concentration * stated / stated.sum()) * stated.sum()
    return {**dict.fromkeys(centre, 0.0), **dict(zip(names, drawn.tolist(), strict=True))}
