"""One party's GENIUS profile (an additive ``utility_space`` file), read as GENIUS reads it.

The evaluators follow :mod:`negosim.genius.evaluators`; the weights are taken as written (GENIUS
multiplies each evaluation by its weight and adds them up); reservation and discount factor are the
``<reservation>`` and ``<discount_factor>`` children of the root. A non-linear utility space
(ANAC 2014's hyperRectangle constraints) is read by :mod:`negosim.genius.nonlinear` instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element

from negosim.genius import evaluators
from negosim.genius.nonlinear import NonlinearProfile, read_nonlinear
from negosim.genius.parsing import (
    GeniusError,
    GeniusIssue,
    attribute,
    bounds,
    issue_elements,
    number,
)

WEIGHT_SLACK = 0.02
"""GENIUS's own check of a profile's weights allows sums of 0.98–1.02; beyond it, a note."""
NONLINEAR_TAGS = ("ufun", "hyperRectangle", "utility[@maxutility]")
"""What GENIUS's ``NonlinearUtilitySpace`` reads: ``<utility maxutility>`` holding ``<ufun>``s of
``<hyperRectangle>`` constraints."""
REAL_FUNCTIONS = ("linear", "constant", "triangular")


@dataclass(frozen=True)
class GeniusParty:
    file: Path
    weights: dict[str, float]
    """Issue name to its weight, as written."""
    evaluations: dict[str, dict[str, float]]
    """Issue name to each option's evaluation in [0, 1], as GENIUS's evaluator computes it."""
    reservation: float | None
    discount: float | None
    notes: tuple[str, ...] = ()
    """Where the file leaves something to a default GENIUS would also take."""
    nonlinear: NonlinearProfile | None = None
    """A non-linear profile's function (then there are no weights and evaluations)."""


def read_party(file: Path, root: Element, issues: tuple[GeniusIssue, ...]) -> GeniusParty:
    """A party's weights, evaluations, reservation value and discount factor.

    Parameters
    ----------
    file
        The profile's path, for errors.
    root
        Its ``<utility_space>`` element.
    issues
        The domain's issues.

    Returns
    -------
    GeniusParty
        The profile.
    """
    reservation = _unit(file, "reservation", _child_value(file, root, "reservation"), "a utility")
    discount = _unit(
        file, "discount_factor", _child_value(file, root, "discount_factor"), "0: none"
    )
    if _is_nonlinear(root):
        profile = read_nonlinear(file, root, issues)
        return GeniusParty(file, {}, {}, reservation, discount, nonlinear=profile)
    known = {i.name: i for i in issues}
    by_index: dict[str, str] = {}
    evaluations: dict[str, dict[str, float]] = {}
    notes: list[str] = []
    for element in issue_elements(root):
        name = attribute(file, element, "name")
        if name not in known:
            raise GeniusError(
                file, f"issue '{name}'", f"unknown issue; the domain has: {', '.join(known)}"
            )
        by_index[element.get("index", "")] = name
        evaluations[name] = _evaluations(file, element, known[name], notes)
    missing = [name for name in known if name not in evaluations]
    if missing:
        raise GeniusError(file, "objective", f"no evaluator for: {', '.join(missing)}")
    return GeniusParty(
        file,
        _weights(file, root, by_index, notes),
        evaluations,
        reservation,
        discount,
        tuple(notes),
    )


def _is_nonlinear(root: Element) -> bool:
    kind = root.get("type", "").lower()
    return kind in ("nonlinear", "non_linear") or any(
        root.find(f".//{tag}") is not None for tag in NONLINEAR_TAGS
    )


def _evaluations(
    file: Path, element: Element, issue: GeniusIssue, notes: list[str]
) -> dict[str, float]:
    if issue.kind == "discrete":
        return _discrete(file, element, issue)
    if issue.kind == "integer":
        return _integer(file, element, issue, notes)
    return _real(file, element, issue, notes)


def _discrete(file: Path, element: Element, issue: GeniusIssue) -> dict[str, float]:
    where = f"issue '{issue.name}'"
    table = {
        attribute(file, item, "value"): number(file, item, "evaluation", where)
        for item in element.findall("item")
    }
    missing = [v for v in issue.values if v not in table]
    if missing:
        raise GeniusError(file, where, f"no evaluation for: {', '.join(missing)}")
    if min(table.values()) < 0:
        raise GeniusError(file, where, "evaluations must be >= 0 (GENIUS's EvaluatorDiscrete)")
    scored = evaluators.discrete(table)
    return {value: scored[value] for value in issue.values}


def _profile_bounds(
    file: Path, element: Element, issue: GeniusIssue, notes: list[str]
) -> tuple[float, float]:
    """The bounds the evaluator uses: the profile's own, else the domain's (with a note)."""
    holder = element.find("range") if issue.kind == "real" else element
    if holder is not None and holder.get("lowerbound") is not None:
        return bounds(file, element, f"issue '{issue.name}'")
    notes.append(f"{file.name}: issue '{issue.name}' states no bounds; the domain's are used")
    return issue.points[0], issue.points[-1]


def _integer(
    file: Path, element: Element, issue: GeniusIssue, notes: list[str]
) -> dict[str, float]:
    """``EvaluatorInteger``: slope and offset of the first ``<evaluator>`` (0 and 0 without one)."""
    lower, _ = _profile_bounds(file, element, issue, notes)
    evaluator = element.find("evaluator")
    where = f"issue '{issue.name}' evaluator"
    slope, offset = (0.0, 0.0)
    if evaluator is None:
        notes.append(f"{file.name}: issue '{issue.name}' has no evaluator; GENIUS scores it 0")
    else:
        slope, offset = (number(file, evaluator, key, where) for key in ("slope", "offset"))
    return {
        label: evaluators.integer(x, lower, slope, offset)
        for label, x in zip(issue.values, issue.points, strict=True)
    }


def _real(file: Path, element: Element, issue: GeniusIssue, notes: list[str]) -> dict[str, float]:
    _profile_bounds(file, element, issue, notes)
    evaluator = element.find("evaluator")
    where = f"issue '{issue.name}' evaluator"
    if evaluator is None:
        raise GeniusError(file, f"issue '{issue.name}'", "a real issue needs an <evaluator>")
    kind = evaluator.get("ftype", "").lower()
    if kind not in REAL_FUNCTIONS:
        raise GeniusError(
            file,
            where,
            f"ftype '{kind}' is not evaluated by GENIUS's EvaluatorReal; "
            f"allowed: {', '.join(REAL_FUNCTIONS)}",
        )
    p = [_parameter(file, evaluator, i, where) for i in range(3 if kind == "triangular" else 2)]
    if kind == "constant":
        value = p[0]
        if not 0 <= value <= 1:
            raise GeniusError(file, where, f"constant {value:g} is outside [0, 1]")
        scores = [value] * len(issue.points)
    elif kind == "linear":
        scores = [evaluators.real_linear(x, p[0], p[1]) for x in issue.points]
    else:
        scores = [evaluators.triangular(x, p[0], p[1], p[2]) for x in issue.points]
    return dict(zip(issue.values, scores, strict=True))


ALIASES = {0: ("offset", "start"), 1: ("slope", "end"), 2: ("middle",)}
"""Names some writers use for ``parameterN``; GENIUS itself reads only ``parameterN``."""


def _parameter(file: Path, evaluator: Element, index: int, where: str) -> float:
    for key in (f"parameter{index}", *ALIASES[index]):
        if evaluator.get(key) is not None:
            return number(file, evaluator, key, where)
    if index == 1 and evaluator.get("ftype", "").lower() == "constant":
        return 0.0
    return number(file, evaluator, f"parameter{index}", where)


def _weights(
    file: Path, root: Element, by_index: dict[str, str], notes: list[str]
) -> dict[str, float]:
    weights: dict[str, float] = {}
    for element in _weight_elements(root):
        index = element.get("index", "")
        if index in by_index:
            weights[by_index[index]] = number(file, element, "value", f"weight index={index}")
    unweighted = [name for name in by_index.values() if name not in weights]
    if unweighted:
        raise GeniusError(
            file,
            "weight",
            f"no <weight> for {', '.join(unweighted)}: GENIUS gives such an issue no evaluator "
            "and cannot score a bid",
        )
    negative = [name for name, weight in weights.items() if weight < 0]
    if negative:
        raise GeniusError(file, "weight", f"weights must be >= 0: {', '.join(negative)}")
    total = sum(weights.values())
    if abs(total - 1) > WEIGHT_SLACK:
        notes.append(
            f"{file.name}: weights sum to {total:.6g}; utilities are weight x evaluation summed "
            "and capped at 1, as GENIUS computes them"
        )
    return weights


def _weight_elements(root: Element) -> list[Element]:
    found = [child for child in root if child.tag == "weight"]
    for child in root:
        if child.tag in ("objective", "utility_space"):
            found += _weight_elements(child)
    return found


def _unit(file: Path, tag: str, value: float | None, meaning: str) -> float | None:
    """A value GENIUS defines on [0, 1]; anything else is refused, naming the file and field."""
    if value is not None and not 0.0 <= value <= 1.0:
        raise GeniusError(file, f"<{tag}>", f"{value:g} is outside [0, 1] ({meaning})")
    return value


def _child_value(file: Path, root: Element, tag: str) -> float | None:
    element = root.find(tag)
    return None if element is None else number(file, element, "value", f"<{tag}>")
