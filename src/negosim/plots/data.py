"""Everything an experiment directory holds, read once for figures and reports."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from pydantic import ValidationError

from negosim.scenario.model import Scenario


class ResultsError(ValueError):
    """The directory is missing, empty, or not one negosim wrote."""


@dataclass(frozen=True)
class Results:
    directory: Path
    scenario: Scenario
    manifest: dict[str, Any] | None
    summary: dict[str, Any] | None
    runs: pd.DataFrame | None
    traces: pd.DataFrame | None
    sweep: pd.DataFrame | None
    sensitivity: pd.DataFrame | None

    @property
    def seed(self) -> int | None:
        return None if self.manifest is None else int(self.manifest["request"]["seed"])


def load_results(directory: Path) -> Results:
    if not directory.is_dir():
        raise ResultsError(f"{directory}: no such directory")
    scenario_file = directory / "scenario.json"
    if not scenario_file.exists():
        raise ResultsError(
            f"{directory}: no scenario.json here; expected a directory written by negosim run, "
            "sweep or sensitivity"
        )
    try:
        scenario = Scenario.model_validate(json.loads(scenario_file.read_text(encoding="utf-8")))
    except (json.JSONDecodeError, ValidationError) as error:
        raise ResultsError(f"{scenario_file}: unreadable ({str(error).splitlines()[0]})") from None
    found = Results(
        directory=directory,
        scenario=scenario,
        manifest=_json(directory / "manifest.json"),
        summary=_json(directory / "summary.json"),
        runs=_parquet(directory / "runs.parquet"),
        traces=_parquet(directory / "traces.parquet"),
        sweep=_parquet(directory / "sweep.parquet"),
        sensitivity=_parquet(directory / "sensitivity.parquet"),
    )
    if all(t is None for t in (found.runs, found.sweep, found.sensitivity)):
        raise ResultsError(
            f"{directory}: no finished results (runs.parquet, sweep.parquet or sensitivity.parquet); "
            "an interrupted run can be completed with negosim run --resume"
        )
    return found


def _json(path: Path) -> dict[str, Any] | None:
    if not path.exists():
        return None
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def _parquet(path: Path) -> pd.DataFrame | None:
    return pd.read_parquet(path) if path.exists() else None
