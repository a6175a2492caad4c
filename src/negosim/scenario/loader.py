"""Reading a scenario file: bytes → YAML with line numbers → pydantic → cross-references.

Every way a file can be wrong ends in a :class:`ScenarioError` listing all problems found with file,
line and field; nothing here lets a traceback reach the user for bad input.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from negosim import limits
from negosim.scenario.catalogue import Catalogue
from negosim.scenario.explain import explain
from negosim.scenario.model import Scenario
from negosim.scenario.problems import Problem, ScenarioError
from negosim.scenario.provenance import missing_provenance
from negosim.scenario.references import check_references
from negosim.scenario.yamlsource import parse_yaml


@dataclass(frozen=True)
class LoadedScenario:
    """A validated scenario with the file it came from and its provenance warnings."""

    scenario: Scenario
    file: str
    warnings: list[Problem]


def read_scenario(path: str | Path, *, catalogue: Catalogue) -> LoadedScenario:
    """A scenario file, validated.

    Parameters
    ----------
    path
        The YAML file.
    catalogue
        The protocols and strategies the scenario may name.

    Returns
    -------
    LoadedScenario
        The scenario and the warnings about missing provenance.

    Raises
    ------
    ScenarioError
        Listing every problem with its file, line and field.
    """
    file = str(path)
    return parse_scenario(_read_text(Path(path), file), file, catalogue=catalogue)


def parse_scenario(text: str, file: str = "<string>", *, catalogue: Catalogue) -> LoadedScenario:
    """A scenario from YAML text, validated as a file would be.

    Parameters
    ----------
    text
        The YAML document.
    file
        The name to give in messages.
    catalogue
        The protocols and strategies the scenario may name.

    Returns
    -------
    LoadedScenario
        The scenario and the warnings about missing provenance.

    Raises
    ------
    ScenarioError
        Listing every problem with its file, line and field.
    """
    document, problems = parse_yaml(text)
    if document is None:
        raise ScenarioError(file, problems)
    if document.data is None:
        raise ScenarioError(
            file,
            [
                Problem(
                    (),
                    "the file is empty",
                    allowed="a mapping with name, title, tracks, issues, actors",
                )
            ],
        )
    if not isinstance(document.data, dict):
        raise ScenarioError(
            file,
            [
                Problem(
                    (),
                    "the document must be a mapping of fields",
                    type(document.data).__name__,
                    line=1,
                )
            ],
        )
    try:
        scenario = Scenario.model_validate(document.data)
    except ValidationError as error:
        raise ScenarioError(file, explain(error, Scenario, document.line_of)) from None
    problems = [
        p.at_line(document.line_of(p.path)[1]) for p in check_references(scenario, catalogue)
    ]
    if problems:
        raise ScenarioError(file, problems)
    warnings = [p.at_line(document.line_of(p.path)[1]) for p in missing_provenance(scenario)]
    return LoadedScenario(scenario, file, warnings)


def parse_bytes(data: bytes, file: str, *, catalogue: Catalogue) -> LoadedScenario:
    """A scenario that arrives as bytes (a dashboard upload): the same checks as a file on disk.

    Parameters
    ----------
    data
        The uploaded bytes.
    file
        The name to give in messages.
    catalogue
        The protocols and strategies the scenario may name.

    Returns
    -------
    LoadedScenario
        The scenario and its warnings.
    """
    return parse_scenario(_decode(data, file), file, catalogue=catalogue)


def _read_text(path: Path, file: str) -> str:
    """At most the file-size limit of a regular file; a device, FIFO or directory is refused unopened.

    (``/dev/zero`` would never end, a FIFO would wait for a writer; ``st_size`` says 0 of both.)
    """
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise ScenarioError(file, [Problem((), "not a regular file", allowed="a YAML file")])
        with path.open("rb") as stream:
            return _decode(stream.read(limits.current().file_bytes + 1), file)
    except OSError as error:
        raise ScenarioError(
            file, [Problem((), f"cannot read the file: {error.strerror}")]
        ) from None


def _decode(data: bytes, file: str) -> str:
    allowed = limits.current().file_bytes
    if len(data) > allowed:
        setting = limits.Limits.variable("file_mb")
        raise ScenarioError(
            file, [Problem((), f"file is larger than {allowed:,} bytes (the limit; {setting})")]
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ScenarioError(
            file, [Problem((), f"not UTF-8 text ({error.reason} at byte {error.start})")]
        ) from None
