"""Draws one value per uncertain parameter for a run, from the run's own generator."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from negosim.arrays import FloatArray, IntArray
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

SHARED_TABLE_PARAMETER = re.compile(
    r"^(actors\.(?P<actor>\w+)\.(?P<parameter>power|reservation|discount|cost)"
    r"|tracks\.(?P<track>\w+)\.breakdown"
    r"|tracks\.(?P<war>\w+)\.war\.(?:(?P<victory>victory)|costs\.(?P<side>\w+))"
    r"|actors\.(?P<player>\w+)\.strategy\.params\.(?P<param>\w+))$"
)
"""Sampled parameters that leave the utility table as it is (powers, walk-aways, patience, breakdown
chances, a war's odds and costs, strategy parameters): runs that sample only these share one table
and its sorted orders."""


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

    def draw_many(self, generators: Iterable[np.random.Generator]) -> list[dict[str, float]]:
        """Many runs' parameters: for each generator what :meth:`draw` gives, faster.

        A truncated normal's inverse distribution function is applied to every run's uniform
        draw at once, where :meth:`draw` applies it to one.

        Parameters
        ----------
        generators
            Each run's generator for parameters, used in turn (one may be re-seeded for the next).

        Returns
        -------
        list of dict
            Dotted path to value, one dict per run.
        """
        drawn: list[dict[str, float]] = []
        for rng in generators:
            values: dict[str, float] = {}
            for entry, centre in zip(self.entries, self.centres, strict=True):
                if isinstance(entry, Dirichlet):
                    weights = _dirichlet(rng, entry.concentration, centre)
                    values.update({f"{entry.path}.{issue}": w for issue, w in weights.items()})
                elif isinstance(entry, TruncatedNormal):
                    values[entry.path] = float(rng.uniform())
                else:
                    values[entry.path] = _scalar(rng, entry)
            drawn.append(values)
        for entry in self.entries:
            if isinstance(entry, TruncatedNormal) and drawn:
                uniform = np.array([values[entry.path] for values in drawn])
                for values, value in zip(
                    drawn, _truncnorm_of(uniform, entry).tolist(), strict=True
                ):
                    values[entry.path] = value
        return drawn

    def draw_columns(self, words: IntArray) -> dict[str, FloatArray]:
        """Many runs' parameters as columns: what :meth:`draw` gives each run, in one compiled pass.

        Each run's generator is seeded from its words as :func:`~negosim.experiments.seeds.generators`
        seeds it; a Dirichlet entry sends every run through numpy's generator instead.

        Parameters
        ----------
        words
            (runs, 8) the runs' words (:func:`~negosim.experiments.seeds.run_seeds`).

        Returns
        -------
        dict
            Dotted path (:attr:`columns`) to one value per run.
        """
        from negosim.experiments import draws  # compiled: imported when runs are played
        from negosim.experiments.seeds import generators

        planned = draws.plan(self.entries)
        if planned is None:
            rows = self.draw_many(generators(words))
            return {c: np.array([row[c] for row in rows], dtype=np.float64) for c in self.columns}
        drawn = draws.draw_runs(words, *planned)
        columns = {entry.path: drawn[:, e] for e, entry in enumerate(self.entries)}
        for entry in self.entries:
            if isinstance(entry, TruncatedNormal):
                columns[entry.path] = _truncnorm_of(columns[entry.path], entry)
        return columns


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
    return float(_truncnorm_of(np.array([rng.uniform()]), entry)[0])


def _truncnorm_of(uniform: FloatArray, entry: TruncatedNormal) -> FloatArray:
    """The truncated normal's values at uniform draws: ``truncnorm.rvs``'s own arithmetic."""
    from scipy.stats import truncnorm

    low, high = (entry.low - entry.mean) / entry.sd, (entry.high - entry.mean) / entry.sd
    values: FloatArray = truncnorm._ppf(uniform, np.float64(low), np.float64(high))
    return values * entry.sd + entry.mean


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
