"""A grid of what-ifs: every combination of the swept values is a Monte Carlo of its own.

Cells use the same experiment seed, so run ``r`` of every cell shares its random draws (common
random numbers): differences between cells come from the swept values, not from luck. A swept
parameter is fixed in its cell: any uncertainty the scenario declares on it is set aside.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import ValidationError

from negosim.experiments.experiment import Options, Progress, run_experiment
from negosim.experiments.store import StoreError, concatenate, write_scenario
from negosim.scenario.model import Scenario
from negosim.scenario.paths import document, exists, fixing

Setting = tuple[str, list[Any]]


class SweepError(ValueError):
    """A --set that names no field, or values that make the scenario invalid."""


def parse_settings(scenario: Scenario, raw: Sequence[str]) -> list[Setting]:
    """``--set PATH=v1,v2`` options as (path, values) pairs, checked against the scenario.

    Parameters
    ----------
    scenario
        A validated scenario.
    raw
        The options as typed.

    Returns
    -------
    list of tuple
        (dotted path, values).

    Raises
    ------
    SweepError
        When an option is malformed or names no field.
    """
    data, settings = document(scenario), []
    for text in raw:
        path, _, values = text.partition("=")
        if not values:
            raise SweepError(f"--set {text}: expected PATH=v1,v2,...")
        if not exists(data, path):
            raise SweepError(f"--set {path}: no such field in this scenario")
        settings.append((path, [_parse(v) for v in values.split(",")]))
    return settings


def _parse(value: str) -> Any:
    try:
        return float(value)
    except ValueError:
        return value.strip()


def run_sweep(
    scenario: Scenario,
    file: str,
    settings: list[Setting],
    options: Options,
    progress: Progress | None = None,
) -> Path:
    """A grid of what-ifs, each cell a Monte Carlo with the same seed (common random numbers).

    Parameters
    ----------
    scenario
        A validated scenario.
    file
        Where it came from.
    settings
        The swept paths and values.
    options
        How to run each cell.
    progress
        Called with the number of runs done.

    Returns
    -------
    Path
        ``sweep.parquet``.
    """
    target = options.out / "sweep.parquet"
    if target.exists() and not options.force:
        raise StoreError(f"{options.out} holds a finished sweep; use --force to overwrite it")
    cells = list(itertools.product(*(values for _, values in settings)))
    paths = [path for path, _ in settings]
    write_scenario(options.out, document(scenario))
    for k, cell in enumerate(cells):
        cell_dir = options.out / "cells" / f"cell-{k:04d}"
        if options.resume and _finished(cell_dir):
            if progress is not None:
                progress(options.runs)
            continue
        run_experiment(
            _cell_scenario(scenario, paths, cell), file, replace(options, out=cell_dir), progress
        )
    _collect(options.out, paths, cells, target)
    return target


def _cell_scenario(scenario: Scenario, paths: list[str], cell: tuple[Any, ...]) -> Scenario:
    """The scenario with the cell's values; a swept parameter is no longer uncertain in it."""
    data = fixing(document(scenario), dict(zip(paths, cell, strict=True)))
    try:
        return Scenario.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        shown = ", ".join(f"{p}={v}" for p, v in zip(paths, cell, strict=True))
        raise SweepError(
            f"{shown} makes the scenario invalid: "
            f"{'.'.join(map(str, first['loc']))}: {first['msg']}"
        ) from None


def _finished(cell_dir: Path) -> bool:
    manifest = cell_dir / "manifest.json"
    return manifest.exists() and json.loads(manifest.read_text()).get("status") == "finished"


def _collect(out: Path, paths: list[str], cells: list[tuple[Any, ...]], target: Path) -> None:
    """One table, a cell at a time in memory: the cells' rows with the swept values as columns."""
    concatenate((_with_swept(out, k, paths, cell) for k, cell in enumerate(cells)), target)


def _with_swept(out: Path, k: int, paths: list[str], cell: tuple[Any, ...]) -> pa.Table:
    table = pq.read_table(out / "cells" / f"cell-{k:04d}" / "runs.parquet")
    for path, value in zip(paths, cell, strict=True):
        kind = pa.float64() if isinstance(value, float) else pa.string()
        table = table.append_column(
            pa.field(f"sweep.{path}", kind), pa.array([value] * len(table), type=kind)
        )
    return table
