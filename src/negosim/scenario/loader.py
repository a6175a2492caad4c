"""Reading a scenario file: bytes → YAML with line numbers → pydantic → cross-references.

Every way a file can be wrong ends in a :class:`ScenarioError` listing all problems found with file,
line and field; nothing here lets a traceback reach the user for bad input.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from negosim.scenario.explain import explain
from negosim.scenario.model import Scenario
from negosim.scenario.problems import Problem, ScenarioError
from negosim.scenario.provenance import missing_provenance
from negosim.scenario.references import check_references
from negosim.scenario.yamlsource import MAX_BYTES, parse_yaml


@dataclass(frozen=True)
class LoadedScenario:
    scenario: Scenario
    file: str
    warnings: list[Problem]


def load_scenario(path: str | Path) -> Scenario:
    return read_scenario(path).scenario


def read_scenario(path: str | Path) -> LoadedScenario:
    file = str(path)
    return parse_scenario(_read_text(Path(path), file), file)


def parse_scenario(text: str, file: str = "<string>") -> LoadedScenario:
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
    problems = [p.at_line(document.line_of(p.path)[1]) for p in check_references(scenario)]
    if problems:
        raise ScenarioError(file, problems)
    warnings = [p.at_line(document.line_of(p.path)[1]) for p in missing_provenance(scenario)]
    return LoadedScenario(scenario, file, warnings)


def parse_bytes(data: bytes, file: str) -> LoadedScenario:
    """A scenario that arrives as bytes (a dashboard upload): the same checks as a file on disk."""
    return parse_scenario(_decode(data, file), file)


def _read_text(path: Path, file: str) -> str:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ScenarioError(file, [Problem((), f"file is larger than {MAX_BYTES} bytes")])
        return _decode(path.read_bytes(), file)
    except OSError as error:
        raise ScenarioError(
            file, [Problem((), f"cannot read the file: {error.strerror}")]
        ) from None


def _decode(data: bytes, file: str) -> str:
    if len(data) > MAX_BYTES:
        raise ScenarioError(file, [Problem((), f"file is larger than {MAX_BYTES} bytes")])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ScenarioError(
            file, [Problem((), f"not UTF-8 text ({error.reason} at byte {error.start})")]
        ) from None
