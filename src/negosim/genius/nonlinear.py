"""GENIUS's non-linear utility spaces (ANAC 2014), as ``NonlinearUtilitySpace`` defines them.

A profile holds ``<utility maxutility="M">`` with one ``<ufun aggregation="sum|min|max">``; a ufun
aggregates its ``<hyperRectangle utility="u" [weight="w"]>`` constraints and its nested ufuns (each
times the nested ufun's own ``weight``). A rectangle with ``<INCLUDES index min max>`` bounds is worth
u·w when every bound holds (integer values, both ends included) and 0 otherwise; with ``<EXCLUDES>``
bounds it is worth u·w when some bound fails; with neither it is worth u·w everywhere. The bid's
utility is the top ufun's value over M, capped at 1. Sums start at 0, minima at 2³¹ − 1 and maxima at
−(2³¹ − 1), as in GENIUS. Evaluation is vectorised over many bids at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element

import numpy as np

from negosim.arrays import FloatArray, IntArray
from negosim.genius.parsing import GeniusError, GeniusIssue, number

JAVA_INT_MAX = 2147483647.0
AGGREGATIONS = ("sum", "min", "max")


@dataclass(frozen=True)
class Rectangle:
    kind: str
    """inclusive, exclusive, or everywhere (no bounds)."""
    bounds: tuple[tuple[int, int, int], ...]
    """(issue position, min, max) per bound."""
    utility: float
    weight: float

    def evaluate(self, bids: IntArray) -> FloatArray:
        """The constraint's value for each row of ``bids`` (issue values, one column per issue).

        Parameters
        ----------
        bids
            (bids, issues) integer values.

        Returns
        -------
        FloatArray
            One value per bid.
        """
        worth = self.utility * self.weight
        inside = np.ones(len(bids), dtype=bool)
        for position, low, high in self.bounds:
            inside &= (bids[:, position] >= low) & (bids[:, position] <= high)
        if self.kind == "everywhere":
            inside[:] = True
        keep = inside if self.kind != "exclusive" else ~inside
        return np.where(keep, worth, 0.0)


@dataclass(frozen=True)
class Function:
    aggregation: str
    weight: float
    rectangles: tuple[Rectangle, ...]
    children: tuple[Function, ...]

    def evaluate(self, bids: IntArray) -> FloatArray:
        """``UtilityFunction.getUtility`` for each bid.

        Parameters
        ----------
        bids
            (bids, issues) integer values.

        Returns
        -------
        FloatArray
            One value per bid.
        """
        start = {"sum": 0.0, "min": JAVA_INT_MAX, "max": -JAVA_INT_MAX}[self.aggregation]
        total = np.full(len(bids), start)
        parts = [r.evaluate(bids) for r in self.rectangles]
        parts += [child.evaluate(bids) * child.weight for child in self.children]
        combine = {"sum": np.add, "min": np.minimum, "max": np.maximum}[self.aggregation]
        for part in parts:
            total = combine(total, part)
        return total


@dataclass(frozen=True)
class NonlinearProfile:
    max_utility: float
    function: Function

    def utilities(self, bids: IntArray) -> FloatArray:
        """``NonlinearUtilitySpace.getUtility``: the top ufun over ``maxutility``, capped at 1.

        Parameters
        ----------
        bids
            (bids, issues) integer values.

        Returns
        -------
        FloatArray
            One utility per bid.
        """
        return np.minimum(self.function.evaluate(bids) / self.max_utility, 1.0)


def read_nonlinear(file: Path, root: Element, issues: tuple[GeniusIssue, ...]) -> NonlinearProfile:
    """A non-linear profile's function, its issues mapped by their ``index`` numbers.

    Parameters
    ----------
    file
        The profile, for errors.
    root
        Its ``<utility_space>`` element.
    issues
        The domain's issues (all integer, as GENIUS's hyper-rectangles need).

    Returns
    -------
    NonlinearProfile
        What the profile computes.
    """
    not_integer = [i.name for i in issues if i.kind != "integer"]
    if not_integer:
        raise GeniusError(
            file,
            "utility",
            f"hyper-rectangles bound integer issues; not integer: {', '.join(not_integer)}",
        )
    utility = root.find(".//utility[@maxutility]")
    top = None if utility is None else utility.find("ufun")
    if utility is None or top is None:
        raise GeniusError(
            file, "utility", "a non-linear profile needs <utility maxutility> with a <ufun>"
        )
    maximum = number(file, utility, "maxutility", "<utility>")
    if maximum == 0:
        raise GeniusError(file, "<utility>", "maxutility is 0: every utility would divide by 0")
    positions = {issue.number: k for k, issue in enumerate(issues)}
    return NonlinearProfile(maximum, _function(file, top, positions))


def _function(file: Path, element: Element, positions: dict[int | None, int]) -> Function:
    aggregation = (element.get("aggregation") or "").lower()
    if aggregation not in AGGREGATIONS:
        raise GeniusError(
            file, "<ufun>", f"aggregation {aggregation!r}; allowed: {', '.join(AGGREGATIONS)}"
        )
    weight = number(file, element, "weight", "<ufun>") if element.get("weight") else 1.0
    return Function(
        aggregation,
        weight,
        tuple(_rectangle(file, r, positions) for r in element.findall("hyperRectangle")),
        tuple(_function(file, child, positions) for child in element.findall("ufun")),
    )


def _rectangle(file: Path, element: Element, positions: dict[int | None, int]) -> Rectangle:
    excludes, includes = element.findall("EXCLUDES"), element.findall("INCLUDES")
    kind, found = (
        ("exclusive", excludes)
        if excludes
        else ("inclusive", includes)
        if includes
        else ("everywhere", [])
    )
    bounds = []
    for bound in found:
        index, low, high = (_integer(file, bound, key) for key in ("index", "min", "max"))
        if index not in positions:
            raise GeniusError(file, f"<{bound.tag} index={index}>", "no issue has this index")
        bounds.append((positions[index], low, high))
    weight = number(file, element, "weight", "<hyperRectangle>") if element.get("weight") else 1.0
    return Rectangle(
        kind, tuple(bounds), number(file, element, "utility", "<hyperRectangle>"), weight
    )


def _integer(file: Path, element: Element, key: str) -> int:
    value = number(file, element, key, f"<{element.tag}>")
    if not value.is_integer():
        raise GeniusError(file, f"<{element.tag}>", f"'{key}' must be an integer: {value:g}")
    return int(value)
