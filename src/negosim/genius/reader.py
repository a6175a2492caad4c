"""Reading GENIUS negotiation domains (the ANAC format): one domain file listing the issues and one
utility-space file per party with weights, evaluations, reservation value and discount factor.

XML is parsed with defusedxml (no external entities, no entity expansion bombs). Every problem is
reported with the file and the element it concerns.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException


class GeniusError(ValueError):
    def __init__(self, file: Path, element: str, message: str) -> None:
        super().__init__(f"{file}: {element}: {message}")


@dataclass(frozen=True)
class GeniusIssue:
    name: str
    values: tuple[str, ...]


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
    try:
        root: Element = SafeET.parse(file).getroot()
    except (SafeET.ParseError, DefusedXmlException) as error:
        raise GeniusError(file, "(document)", f"not valid or not safe XML: {error}") from None
    return root


def _issues(file: Path, root: Element) -> tuple[GeniusIssue, ...]:
    found = []
    for issue in root.iter("issue"):
        name = _attribute(file, issue, "name")
        kind = issue.get("type", issue.get("etype", "discrete"))
        if kind != "discrete":
            raise GeniusError(
                file,
                f"issue '{name}'",
                f"issue type '{kind}' is not supported yet (only discrete issues)",
            )
        values = tuple(_attribute(file, item, "value") for item in issue.iter("item"))
        if len(values) < 2 or len(set(values)) != len(values):
            raise GeniusError(file, f"issue '{name}'", "needs two or more distinct item values")
        found.append(GeniusIssue(name, values))
    if not found:
        raise GeniusError(file, "objective", "no issue")
    return tuple(found)


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
        table = {
            _attribute(file, item, "value"): _number(file, item, "evaluation", f"issue '{name}'")
            for item in issue.iter("item")
        }
        missing = [v for v in known[name].values if v not in table]
        if missing:
            raise GeniusError(file, f"issue '{name}'", f"no evaluation for: {', '.join(missing)}")
        if min(table.values()) < 0 or max(table.values()) <= 0:
            raise GeniusError(file, f"issue '{name}'", "evaluations must be >= 0 and not all 0")
        evaluations[name] = table
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
        _optional(file, root, "reservation"),
        _optional(file, root, "discount_factor"),
    )


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
