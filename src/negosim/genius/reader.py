"""Reading GENIUS negotiation domains (the ANAC format): one domain file listing the issues and one
utility-space file per party with weights, evaluators, reservation value and discount factor.

XML is parsed with defusedxml (no external entities, no entity expansion bombs). The objective tree
is walked as GENIUS walks it: issues are the ``<issue>`` children of ``<objective>`` elements and an
issue's options are its *direct* ``<item>`` children (items nested deeper, e.g. in a
``<similarity_function>``, are not options). Files in the folder that are neither a domain nor a
profile (ANAC ships ``pareto.xml`` as CSV text, tournament set-ups, logs) are skipped with a note.
Every problem is reported with the file and the element it concerns.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass, replace
from pathlib import Path
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from negosim import limits
from negosim.genius.parsing import GeniusError, GeniusIssue, attribute, bounds, issue_elements
from negosim.genius.profile import GeniusParty, read_party
from negosim.scenario.issues import MAX_OPTIONS

REAL_LEVELS = 11
MAX_INTEGER_LEVELS = MAX_OPTIONS
DOCUMENTS = ("negotiation_template", "utility_space")


@dataclass(frozen=True)
class GeniusDomain:
    folder: Path
    file: Path
    issues: tuple[GeniusIssue, ...]
    parties: tuple[GeniusParty, ...]
    skipped: tuple[str, ...] = ()
    """One note per file of the folder that is neither a domain nor a profile."""

    @property
    def nonlinear(self) -> bool:
        """Whether some party's profile is a non-linear (hyper-rectangle) utility space.

        Returns
        -------
        bool
            True when at least one party is not additive.
        """
        return any(party.nonlinear is not None for party in self.parties)


def read_domain(path: Path) -> GeniusDomain:
    """A GENIUS domain folder (or one of its files), read as GENIUS reads it.

    Parameters
    ----------
    path
        The folder, or any file in it.

    Returns
    -------
    GeniusDomain
        The issues, each party's profile, and what was skipped.

    Raises
    ------
    GeniusError
        Naming the file and element of the first problem.
    """
    if not path.exists():
        raise GeniusError(path, "(path)", "no such file or folder")
    folder = path if path.is_dir() else path.parent
    roots, skipped = _documents(folder)
    domains = [f for f, root in roots.items() if root.tag == "negotiation_template"]
    if len(domains) != 1:
        found = f"found {len(domains)}" + (
            f" ({', '.join(f.name for f in domains)})" * bool(domains)
        )
        raise GeniusError(folder, "negotiation_template", f"expected one domain file, {found}")
    issues = _issues(domains[0], roots[domains[0]])
    parties = tuple(
        read_party(f, root, issues) for f, root in roots.items() if root.tag == "utility_space"
    )
    if len(parties) < 2:
        raise GeniusError(
            folder, "utility_space", f"expected two or more party files, found {len(parties)}"
        )
    return GeniusDomain(folder, domains[0], issues, parties, skipped)


def _documents(folder: Path) -> tuple[dict[Path, Element], tuple[str, ...]]:
    """The folder's domain and profile documents, and a note for every other file."""
    roots: dict[Path, Element] = {}
    skipped = []
    for file in sorted(folder.glob("*.xml")):
        if not _looks_like_xml(file):
            skipped.append(f"skipped {file.name}: not XML (ANAC ships pareto.xml as CSV text)")
            continue
        root = _parse(file)
        if root.tag in DOCUMENTS:
            roots[file] = root
        else:
            skipped.append(f"skipped {file.name}: <{root.tag}> is not a GENIUS domain or profile")
    return roots, tuple(skipped)


def _looks_like_xml(file: Path) -> bool:
    _check_file(file)
    with file.open("rb") as handle:
        start = handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    return start.startswith(b"<")


def _check_file(file: Path) -> None:
    """A regular file of at most the file-size limit; anything else refused unread."""
    if not stat.S_ISREG(file.stat().st_mode):
        raise GeniusError(file, "(document)", "not a regular file")
    allowed = limits.current().file_bytes
    if file.stat().st_size > allowed:
        setting = limits.Limits.variable("file_mb")
        raise GeniusError(file, "(document)", f"larger than {allowed:,} bytes ({setting})")


def _parse(file: Path) -> Element:
    try:
        root: Element = SafeET.parse(file).getroot()
    except (SafeET.ParseError, DefusedXmlException) as error:
        raise GeniusError(file, "(document)", f"not valid or not safe XML: {error}") from None
    return root


def _issues(file: Path, root: Element) -> tuple[GeniusIssue, ...]:
    found = [_issue(file, element) for element in issue_elements(root)]
    if not found:
        raise GeniusError(file, "objective", "no issue")
    return tuple(found)


def _issue(file: Path, issue: Element) -> GeniusIssue:
    found = _read_issue(file, issue)
    index = issue.get("index", "").strip()
    return replace(found, number=int(index) if index.isdigit() else None)


def _read_issue(file: Path, issue: Element) -> GeniusIssue:
    name = attribute(file, issue, "name")
    kind = issue.get("type", issue.get("etype", "discrete"))
    if kind in ("integer", "real"):
        return _numeric_issue(file, issue, name, kind)
    if kind != "discrete":
        raise GeniusError(
            file,
            f"issue '{name}'",
            f"unknown issue type '{kind}'; allowed: discrete, integer, real",
        )
    values = tuple(attribute(file, item, "value") for item in issue.findall("item"))
    if len(values) < 2 or len(set(values)) != len(values):
        raise GeniusError(file, f"issue '{name}'", "needs two or more distinct item values")
    return GeniusIssue(name, values)


def _numeric_issue(file: Path, issue: Element, name: str, kind: str) -> GeniusIssue:
    """Integer issues take every integer in range; real ones a grid of REAL_LEVELS points."""
    low, high = bounds(file, issue, f"issue '{name}'")
    if high <= low:
        raise GeniusError(
            file, f"issue '{name}'", f"upperbound {high:g} must exceed lowerbound {low:g}"
        )
    if kind == "integer":
        if high - low + 1 > MAX_INTEGER_LEVELS:
            raise GeniusError(
                file, f"issue '{name}'", f"{high - low + 1:g} values; at most {MAX_INTEGER_LEVELS}"
            )
        points = tuple(float(x) for x in range(int(low), int(high) + 1))
        return GeniusIssue(name, tuple(str(int(x)) for x in points), kind, points)
    points = tuple(low + (high - low) * i / (REAL_LEVELS - 1) for i in range(REAL_LEVELS))
    return GeniusIssue(name, tuple(f"{x:.10g}" for x in points), kind, points)
