"""An independent reading of GENIUS profiles, written from GENIUS's own classes for the tests.

``AdditiveUtilitySpace.getUtility``: the sum over the issues of the objective tree of weight ×
evaluation, capped at 1; ``EvaluatorDiscrete``: evaluation / largest (0 if the largest < 1e-5);
``EvaluatorInteger``: clip(offset + slope · (x − lowerbound)); ``EvaluatorReal``: linear
clip(parameter0 + parameter1 · x), constant parameter0, triangular ``evalTriangular``. It shares no
code with negosim's reader, so a mistake in one shows against the other.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path

Evaluation = Callable[[str], float]


def issues_of(element: ET.Element) -> Iterator[ET.Element]:
    for child in element:
        if child.tag == "issue":
            yield child
        elif child.tag in ("objective", "utility_space"):
            yield from issues_of(child)


def weights_of(element: ET.Element) -> dict[str, float]:
    found: dict[str, float] = {}
    for child in element:
        if child.tag == "weight":
            found[child.attrib["index"]] = float(child.attrib["value"])
        elif child.tag in ("objective", "utility_space"):
            found.update(weights_of(child))
    return found


def clip(x: float) -> float:
    return 0.0 if x < 0 else 1.0 if x > 1 else x


def discrete(issue: ET.Element) -> Evaluation:
    table = {i.attrib["value"]: float(i.attrib["evaluation"]) for i in issue.findall("item")}
    top = max(table.values())
    return lambda label: 0.0 if top < 0.00001 else table[label] / top


def integer(issue: ET.Element) -> Evaluation:
    low = int(issue.attrib["lowerbound"])
    found = issue.findall("evaluator")
    slope = float(found[0].attrib["slope"]) if found else 0.0
    offset = float(found[0].attrib["offset"]) if found else 0.0
    return lambda label: clip(slope * (int(label) - low) + offset)


def real(issue: ET.Element) -> Evaluation:
    evaluator = issue.findall("evaluator")[0]
    kind = evaluator.attrib["ftype"]
    p = [float(evaluator.attrib.get(f"parameter{i}", "nan")) for i in range(3)]
    if kind == "constant":
        return lambda label: p[0]
    if kind == "linear":
        return lambda label: clip(p[1] * float(label) + p[0])

    def triangle(label: str) -> float:
        x, low, high, top = float(label), p[0], p[1], p[2]
        if x < low:
            return 0.0
        if x < top:
            return (x - low) / (top - low)
        return 1 - (x - top) / (high - top) if x < high else 0.0

    return triangle


READERS = {"discrete": discrete, "integer": integer, "real": real}


def utility_function(profile: Path) -> Callable[[dict[str, str]], float]:
    """The profile's utility of an outcome given as issue name → option label."""
    root = ET.parse(profile).getroot()
    weights = weights_of(root)
    parts = [
        (
            issue.attrib["name"],
            weights.get(issue.attrib["index"], 0.0),
            READERS[issue.get("type", "discrete")](issue),
        )
        for issue in issues_of(root)
    ]

    def utility(outcome: dict[str, str]) -> float:
        total = sum(weight * evaluate(outcome[name]) for name, weight, evaluate in parts)
        return 1.0 if total > 1 else total

    return utility


INT_MAX = 2147483647


def rectangle_value(element: ET.Element, bid: dict[int, int]) -> float:
    """``InclusiveHyperRectangle`` / ``ExclusiveHyperRectangle.getUtility`` for one bid."""
    worth = float(element.attrib["utility"]) * float(element.get("weight", "1"))
    excludes, includes = element.findall("EXCLUDES"), element.findall("INCLUDES")
    bounds = excludes or includes
    if not bounds:
        return worth
    holds = all(
        int(b.attrib["min"]) <= bid[int(b.attrib["index"])] <= int(b.attrib["max"]) for b in bounds
    )
    if excludes:
        return 0.0 if holds else worth
    return worth if holds else 0.0


def ufun_value(element: ET.Element, bid: dict[int, int]) -> float:
    """``UtilityFunction.getUtility``: constraints first, then nested ufuns times their weight."""
    kind = element.attrib["aggregation"].lower()
    total = {"sum": 0.0, "min": float(INT_MAX), "max": -float(INT_MAX)}[kind]
    parts = [rectangle_value(r, bid) for r in element.findall("hyperRectangle")]
    parts += [ufun_value(u, bid) * float(u.get("weight", "1")) for u in element.findall("ufun")]
    for part in parts:
        if kind == "sum":
            total += part
        elif kind == "max":
            total = max(total, part)
        else:
            total = min(total, part)
    return total


def nonlinear_utility_function(profile: Path) -> Callable[[dict[int, int]], float]:
    """``NonlinearUtilitySpace.getUtility`` of a bid given as issue index → integer value."""
    root = ET.parse(profile).getroot()
    utility = root.find(".//utility")
    assert utility is not None
    top = utility.find("ufun")
    assert top is not None
    maximum = float(utility.attrib["maxutility"])
    return lambda bid: min(ufun_value(top, bid) / maximum, 1.0)
