"""Checksums of what an experiment writes, so that nothing silently wrong is resumed or reported.

Each chunk's files are recorded in the manifest as they are written (row count and SHA-256); a
resumed run keeps only the chunks whose files still match their record and redoes the others
(missing, truncated, empty, replaced or altered), saying so. A finished run records its joined
tables the same way; :func:`verify_directory` (``negosim verify DIR``) checks them, and that the
rows are exactly runs ``0 .. N-1``.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

log = logging.getLogger(__name__)


def file_record(path: Path) -> dict[str, Any]:
    """A Parquet file's row count and SHA-256.

    Parameters
    ----------
    path
        The file.

    Returns
    -------
    dict
        ``{"rows": ..., "sha256": ...}``.
    """
    return {"rows": pq.ParquetFile(path).metadata.num_rows, "sha256": digest(path)}


def digest(path: Path) -> str:
    """SHA-256 of a file, read in blocks.

    Parameters
    ----------
    path
        The file.

    Returns
    -------
    str
        The hex digest.
    """
    found = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            found.update(block)
    return found.hexdigest()


def mismatch(path: Path, record: dict[str, Any] | None, rows: int) -> str | None:
    """Why a chunk or table file cannot be trusted, or ``None`` when it matches its record.

    Parameters
    ----------
    path
        The file.
    record
        What the manifest recorded for it (``None``: nothing recorded).
    rows
        How many rows it must hold.

    Returns
    -------
    str or None
        The problem, in a few words.
    """
    if not path.is_file():
        return "missing"
    if record is None:
        return "not recorded in the manifest (written before it could be recorded)"
    if path.stat().st_size == 0:
        return "empty"
    if digest(path) != record.get("sha256"):
        return "its checksum differs from the one recorded (altered, truncated or replaced)"
    if record.get("rows") != rows:
        return f"it holds {record.get('rows')} rows, {rows} expected"
    return None


def verify_directory(directory: Path) -> list[str]:
    """Every problem with a results directory (an empty list when it is sound).

    Parameters
    ----------
    directory
        What ``negosim run`` wrote.

    Returns
    -------
    list of str
        One line per problem.
    """
    manifest_path = directory / "manifest.json"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        return [f"{manifest_path}: unreadable ({error})"]
    if not isinstance(manifest, dict) or not isinstance(manifest.get("request"), dict):
        return [f"{manifest_path}: not a negosim manifest"]
    if manifest.get("status") != "finished":
        done = len(manifest.get("completed_chunks", []))
        return [f"{directory}: unfinished ({done} chunks done); rerun with --resume"]
    runs = int(manifest["request"].get("runs", -1))
    files = manifest.get("files")
    if not isinstance(files, dict):
        return [f"{manifest_path}: no checksums recorded (written by an older negosim)"]
    problems = [
        f"{directory / name}: {problem}"
        for name, record in files.items()
        if (problem := _table_problem(directory / name, record, name, runs)) is not None
    ]
    if not problems:
        problems += _run_numbers(directory / "runs.parquet", runs)
    return problems


def _table_problem(path: Path, record: Any, name: str, runs: int) -> str | None:
    expected = runs if name == "runs.parquet" else record.get("rows", -1)
    return mismatch(path, record if isinstance(record, dict) else None, expected)


def _run_numbers(path: Path, runs: int) -> list[str]:
    numbers = pq.read_table(path, columns=["run"]).column("run").to_pylist()
    if numbers != list(range(runs)):
        return [f"{path}: the rows are not runs 0 to {runs - 1} in order"]
    return []
