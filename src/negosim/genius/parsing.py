"""What every GENIUS document shares: the issue record, the walk of the objective tree, and
reading attributes with errors that name the file and the element."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element


class GeniusError(ValueError):
    def __init__(self, file: Path, element: str, message: str) -> None:
        super().__init__(f"{file}: {element}: {message}")


@dataclass(frozen=True)
class GeniusIssue:
    name: str
    values: tuple[str, ...]
    kind: str = "discrete"
    """discrete, integer or real; integer and real issues are laid on a grid of ``points``."""
    points: tuple[float, ...] = ()
    number: int | None = None
    """The issue's ``index`` in the domain file, by which profiles refer to it."""


def issue_elements(root: Element) -> Iterator[Element]:
    """The ``<issue>`` children of the objective tree, in document order, as GENIUS walks it.

    Parameters
    ----------
    root
        A domain's or profile's root element.

    Yields
    ------
    Element
        Each issue element.
    """
    for child in root:
        if child.tag == "issue":
            yield child
        elif child.tag in ("utility_space", "objective"):
            yield from issue_elements(child)


def bounds(file: Path, issue: Element, where: str) -> tuple[float, float]:
    """An issue's ``lowerbound`` and ``upperbound``: on the element, or on its ``<range>`` child.

    Parameters
    ----------
    file
        The document, for errors.
    issue
        The issue element.
    where
        The element's name in errors.

    Returns
    -------
    tuple of float
        Lower and upper bound.
    """
    holder = issue.find("range")
    holder = issue if holder is None else holder
    low, high = (number(file, holder, key, where) for key in ("lowerbound", "upperbound"))
    return low, high


def attribute(file: Path, element: Element, key: str) -> str:
    """An attribute that must be there and not blank.

    Parameters
    ----------
    file
        The document, for errors.
    element
        The element.
    key
        The attribute's name.

    Returns
    -------
    str
        Its value, stripped.
    """
    value = element.get(key)
    if value is None or not value.strip():
        raise GeniusError(
            file, f"<{element.tag} index={element.get('index')}>", f"no '{key}' attribute"
        )
    return value.strip()


def number(file: Path, element: Element, key: str, where: str) -> float:
    """A finite number in an attribute.

    Parameters
    ----------
    file
        The document, for errors.
    element
        The element.
    key
        The attribute's name.
    where
        The element's name in errors.

    Returns
    -------
    float
        The number.
    """
    text = attribute(file, element, key)
    try:
        value = float(text)
    except ValueError:
        raise GeniusError(file, where, f"'{key}' is not a number: {text!r}") from None
    if not math.isfinite(value):
        raise GeniusError(file, where, f"'{key}' is not finite: {text!r}")
    return value
