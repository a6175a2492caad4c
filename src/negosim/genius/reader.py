"""Reading GENIUS negotiation domains (the ANAC format): one domain file listing the issues and one
utility-space file per party with weights, evaluations, reservation value and discount factor.

XML is parsed with defusedxml (no external entities, no entity expansion bombs). Every problem is
reported with the file and the element it concerns.
"""

from __future__ import annotations

import math
import stat
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from negosim import limits


class GeniusError(ValueError):
    def __init__(self, file: Path, element: str, message: str) -> None:
        super().__init__(f"{file}: {element}: {message}")


REAL_LEVELS = 11
MAX_INTEGER_LEVELS = 1001


@dataclass(frozen=True)
class GeniusIssue:
    name: str
    values: tuple[str, ...]
    kind: str = "discrete"
    """discrete, integer or real; integer and real issues are laid on a grid of ``points``."""
    points: tuple[float, ...] = ()


@dataclass(frozen=True)
class GeniusParty:
    file: Path
    weights: dict[str, float]
    evaluations: dict[str, dict[str, float]]
    reservation: float | None
    discount: float | None


@dataclass(frozen=True)
class GeniusDomain:
    folder: Path
    file: Path
    issues: tuple[GeniusIssue, ...]
    parties: tuple[GeniusParty, ...]


def read_domain(path: Path) -> GeniusDomain:
    folder = path if path.is_dir() else path.parent
    if not folder.is_dir():
        raise GeniusError(path, "(path)", "no such file or folder")
    roots = {file: _parse(file) for file in sorted(folder.glob("*.xml"))}
    domains = [f for f, root in roots.items() if root.tag == "negotiation_template"]
    if len(domains) != 1:
        raise GeniusError(
            folder, "negotiation_template", f"expected one domain file, found {len(domains)}"
        )
    issues = _issues(domains[0], roots[domains[0]])
    parties = tuple(
        _party(f, root, issues) for f, root in roots.items() if root.tag == "utility_space"
    )
    if len(parties) < 2:
        raise GeniusError(
            folder, "utility_space", f"expected two or more party files, found {len(parties)}"
        )
    return GeniusDomain(folder, domains[0], issues, parties)


def _parse(file: Path) -> Element:
    """A regular file of at most the file-size limit, parsed; anything else refused unread."""
    try:
        if not stat.S_ISREG(file.stat().st_mode):
            raise GeniusError(file, "(document)", "not a regular file")
        allowed = limits.current().file_bytes
        if file.stat().st_size > allowed:
            setting = limits.Limits.variable("file_mb")
            raise GeniusError(file, "(document)", f"larger than {allowed:,} bytes ({setting})")
        root: Element = SafeET.parse(file).getroot()
    except (SafeET.ParseError, DefusedXmlException) as error:
        raise GeniusError(file, "(document)", f"not valid or not safe XML: {error}") from None
    return root


def _issues(file: Path, root: Element) -> tuple[GeniusIssue, ...]:
    found = []
    for issue in root.iter("issue"):
        name = _attribute(file, issue, "name")
        kind = issue.get("type", issue.get("etype", "discrete"))
        if kind in ("integer", "real"):
            found.append(_numeric_issue(file, issue, name, kind))
            continue
        if kind != "discrete":
            raise GeniusError(
                file,
                f"issue '{name}'",
                f"unknown issue type '{kind}'; allowed: discrete, integer, real",
            )
        values = tuple(_attribute(file, item, "value") for item in issue.iter("item"))
        if len(values) < 2 or len(set(values)) != len(values):
            raise GeniusError(file, f"issue '{name}'", "needs two or more distinct item values")
        found.append(GeniusIssue(name, values))
    if not found:
        raise GeniusError(file, "objective", "no issue")
    return tuple(found)


def _numeric_issue(file: Path, issue: Element, name: str, kind: str) -> GeniusIssue:
    """Integer issues take every integer in range; real ones a grid of REAL_LEVELS points."""
    holder = issue.find("range") if issue.find("range") is not None else issue
    assert holder is not None
    where = f"issue '{name}'"
    low, high = (_number(file, holder, key, where) for key in ("lowerbound", "upperbound"))
    if high <= low:
        raise GeniusError(file, where, f"upperbound {high:g} must exceed lowerbound {low:g}")
    if kind == "integer":
        if high - low + 1 > MAX_INTEGER_LEVELS:
            raise GeniusError(
                file, where, f"{high - low + 1:g} values; at most {MAX_INTEGER_LEVELS}"
            )
        points = tuple(float(x) for x in range(int(low), int(high) + 1))
        labels = tuple(str(int(x)) for x in points)
    else:
        points = tuple(low + (high - low) * i / (REAL_LEVELS - 1) for i in range(REAL_LEVELS))
        labels = tuple(f"{x:.10g}" for x in points)
    return GeniusIssue(name, labels, kind, points)


def _evaluate(file: Path, evaluator: Element, issue: GeniusIssue) -> dict[str, float]:
    """A GENIUS evaluator (linear, triangular, quadratic) at the issue's grid points."""
    where = f"issue '{issue.name}' evaluator"
    kind = evaluator.get("ftype", "")

    def parameter(name: str, index: int, default: float) -> float:
        key = name if evaluator.get(name) is not None else f"parameter{index}"
        return _number(file, evaluator, key, where) if evaluator.get(key) is not None else default

    if kind == "linear":
        offset, slope = parameter("offset", 0, 0.0), parameter("slope", 1, 1.0)
        values = [offset + slope * x for x in issue.points]
    elif kind == "quadratic":
        bias, a1, a2 = parameter("offset", 0, 0.0), parameter("a1", 1, 1.0), parameter("a2", 2, 1.0)
        values = [bias + a1 * x + a2 * x * x for x in issue.points]
    elif kind == "triangular":
        start, end, middle = (
            parameter("start", 0, 0.0),
            parameter("end", 1, 1.0),
            parameter("middle", 2, 1.0),
        )
        values = [_triangle(x, start, middle, end) for x in issue.points]
    else:
        raise GeniusError(
            file, where, f"unknown ftype '{kind}'; allowed: linear, quadratic, triangular"
        )
    return dict(zip(issue.values, values, strict=True))


def _triangle(x: float, start: float, middle: float, end: float) -> float:
    if x <= start or x >= end:
        return 1.0 if x == middle else 0.0
    return (x - start) / (middle - start) if x <= middle else (end - x) / (end - middle)


def _party(file: Path, root: Element, issues: tuple[GeniusIssue, ...]) -> GeniusParty:
    known = {i.name: i for i in issues}
    by_index: dict[str, str] = {}
    evaluations: dict[str, dict[str, float]] = {}
    for issue in root.iter("issue"):
        name = _attribute(file, issue, "name")
        if name not in known:
            raise GeniusError(
                file, f"issue '{name}'", f"unknown issue; the domain has: {', '.join(known)}"
            )
        by_index[issue.get("index", "")] = name
        evaluator = issue.find("evaluator")
        if known[name].kind != "discrete":
            if evaluator is None:
                raise GeniusError(file, f"issue '{name}'", "a numeric issue needs an <evaluator>")
            evaluations[name] = _check_table(file, name, _evaluate(file, evaluator, known[name]))
            continue
        table = {
            _attribute(file, item, "value"): _number(file, item, "evaluation", f"issue '{name}'")
            for item in issue.iter("item")
        }
        missing = [v for v in known[name].values if v not in table]
        if missing:
            raise GeniusError(file, f"issue '{name}'", f"no evaluation for: {', '.join(missing)}")
        evaluations[name] = _check_table(file, name, table)
    weights = {
        by_index.get(w.get("index", ""), f"index {w.get('index')}"): _number(
            file, w, "value", f"weight index={w.get('index')}"
        )
        for w in root.iter("weight")
    }
    unknown = [k for k in weights if k not in evaluations]
    if unknown:
        raise GeniusError(file, "weight", f"weights for issues not evaluated: {', '.join(unknown)}")
    if abs(sum(weights.values()) - 1) > 1e-3:
        raise GeniusError(file, "weight", f"weights sum to {sum(weights.values()):.6g}, not 1")
    return GeniusParty(
        file,
        weights,
        evaluations,
        _unit(file, "reservation", _optional(file, root, "reservation"), "a utility"),
        _unit(file, "discount_factor", _optional(file, root, "discount_factor"), "0 or 1: none"),
    )


def _unit(file: Path, tag: str, value: float | None, meaning: str) -> float | None:
    """A value GENIUS defines on [0, 1]; anything else is refused, naming the file and field."""
    if value is not None and not 0.0 <= value <= 1.0:
        raise GeniusError(file, f"<{tag}>", f"{value:g} is outside [0, 1] ({meaning})")
    return value


def _check_table(file: Path, issue: str, table: dict[str, float]) -> dict[str, float]:
    if min(table.values()) < 0 or max(table.values()) <= 0:
        raise GeniusError(file, f"issue '{issue}'", "evaluations must be >= 0 and not all 0")
    return table


def _attribute(file: Path, element: Element, key: str) -> str:
    value = element.get(key)
    if value is None or not value.strip():
        raise GeniusError(
            file, f"<{element.tag} index={element.get('index')}>", f"no '{key}' attribute"
        )
    return value.strip()


def _number(file: Path, element: Element, key: str, where: str) -> float:
    text = _attribute(file, element, key)
    try:
        value = float(text)
    except ValueError:
        raise GeniusError(file, where, f"'{key}' is not a number: {text!r}") from None
    if not math.isfinite(value):
        raise GeniusError(file, where, f"'{key}' is not finite: {text!r}")
    return value


def _optional(file: Path, root: Element, tag: str) -> float | None:
    element = root.find(f".//{tag}")
    return None if element is None else _number(file, element, "value", f"<{tag}>")
