"""Problems found in a scenario file, rendered for people: file, line, field, given, allowed."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a scenario, located for the person who must fix it.

    Attributes
    ----------
    path
        The field's path in the document.
    message
        What is wrong.
    given
        What the file says there.
    allowed
        What would be accepted.
    line
        The line in the file.
    severity
        ``error`` refuses the scenario; ``warning`` only informs.
    """

    path: Path
    message: str
    given: str | None = None
    allowed: str | None = None
    line: int | None = None
    severity: Literal["error", "warning"] = "error"

    @property
    def field(self) -> str:
        """The path as a dotted name.

        Returns
        -------
        str
            ``(document)`` for the whole file.
        """
        return ".".join(str(part) for part in self.path) or "(document)"

    def at_line(self, line: int | None) -> Problem:
        """The same problem, located at a line.

        Parameters
        ----------
        line
            The line number, or ``None``.

        Returns
        -------
        Problem
            A copy.
        """
        return replace(self, line=line)

    def render(self, file: str) -> str:
        """The problem as lines for a terminal: ``file:line: error: field: message``.

        Parameters
        ----------
        file
            The file's name.

        Returns
        -------
        str
            With ``given:`` and ``allowed:`` lines when known.
        """
        where = f"{file}:{self.line}" if self.line else file
        text = f"{where}: {self.severity}: {_printable(self.field)}: {_printable(self.message)}"
        if self.given is not None:
            text += f"\n    given: {_printable(self.given)}"
        if self.allowed is not None:
            text += f"\n    allowed: {_printable(self.allowed)}"
        return text


class ScenarioError(Exception):
    """A scenario that cannot be used; carries every problem found, not just the first.

    Parameters
    ----------
    file
        The file's name.
    problems
        Everything wrong with it.
    """

    def __init__(self, file: str, problems: Sequence[Problem]) -> None:
        self.file = file
        self.problems = list(problems)
        super().__init__(self.render())

    def render(self) -> str:
        """Every problem, one after the other.

        Returns
        -------
        str
            As :meth:`Problem.render` for each.
        """
        return "\n".join(problem.render(self.file) for problem in self.problems)


def _printable(text: str) -> str:
    """Control characters from the file are escaped so each problem stays on its own lines."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def one_of(options: Sequence[object]) -> str:
    """The allowed values, for a message.

    Parameters
    ----------
    options
        What is allowed.

    Returns
    -------
    str
        ``one of: a, b, c``.
    """
    shown = ", ".join(str(o) for o in options)
    return f"one of: {shown}" if shown else "(nothing is defined yet)"


def show(value: object, limit: int = 80) -> str:
    """A value as given, shortened for a message.

    Parameters
    ----------
    value
        What the file says.
    limit
        The longest text shown.

    Returns
    -------
    str
        Its ``repr``, cut with ``...`` past ``limit``.
    """
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def unknown(path: Path, what: str, given: str, known: Iterable[str]) -> Problem:
    """A name that refers to nothing, with the names that would.

    Parameters
    ----------
    path
        Where the name is.
    what
        What kind of thing it should name ("actor", "issue").
    given
        The name as written.
    known
        The names that exist.

    Returns
    -------
    Problem
        ``unknown actor 'x'``, allowed: the known names.
    """
    return Problem(path, f"unknown {what} '{given}'", show(given), one_of(list(known)))
