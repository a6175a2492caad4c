"""The experiment directory: chunks written atomically, a manifest, the final tables and summary.

    DIR/manifest.json       what was asked (scenario hash, seed, runs, variant), versions, progress
    DIR/chunks/runs-NNNNNN.parquet (and traces-NNNNNN.parquet)   one per chunk, written then renamed
    DIR/runs.parquet        every run, in run order, streamed together from the chunks at the end
    DIR/traces.parquet      with --traces
    DIR/summary.json

A chunk file exists only once complete, so after a kill the chunks on disk are exactly the work done;
the manifest records each chunk's rows and checksum, and a resumed run redoes any chunk that no
longer matches (:mod:`negosim.experiments.verify`). Once the run is finished and the chunks joined,
the joined tables are recorded the same way and the chunks are removed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from negosim import __version__
from negosim.experiments.verify import file_record, mismatch

log = logging.getLogger(__name__)

DEPENDENCIES = ("mesa", "numpy", "pydantic", "pandas", "pyarrow", "numba")


class StoreError(ValueError):
    """The directory cannot be used as asked (finished, unfinished, or for another scenario)."""


def scenario_hash(document: dict[str, Any], variant: str | None) -> str:
    """A fingerprint of the validated scenario and variant, to refuse resuming a changed scenario.

    Parameters
    ----------
    document
        The scenario as plain data.
    variant
        The variant's name.

    Returns
    -------
    str
        SHA-256 of the canonical JSON.
    """
    canonical = json.dumps({"scenario": document, "variant": variant}, sort_keys=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True)
class Request:
    """What an experiment asks the store for.

    Attributes
    ----------
    file
        The scenario's file.
    hash
        The scenario's fingerprint.
    seed
        The experiment's seed.
    runs
        Number of runs.
    chunk_size
        Runs per chunk.
    variant
        The variant's name.
    traces
        Whether traces are kept.
    """

    file: str
    hash: str
    seed: int
    runs: int
    chunk_size: int
    variant: str | None
    traces: bool

    def chunks(self) -> list[tuple[int, int, int]]:
        """Every chunk of the experiment.

        Returns
        -------
        list of tuple
            (chunk index, first run, run after the last).
        """
        return [
            (i, start, min(start + self.chunk_size, self.runs))
            for i, start in enumerate(range(0, self.runs, self.chunk_size))
        ]


class Store:
    """A results directory: chunks written atomically, a manifest, and the final tables.

    Parameters
    ----------
    directory
        The results directory.
    """

    def __init__(self, directory: Path) -> None:
        self.dir = directory
        self.chunk_dir = directory / "chunks"
        self.manifest_path = directory / "manifest.json"
        self.records: dict[int, dict[str, Any]] = {}
        """Each written chunk's files: rows and checksum, as the manifest keeps them."""
        self.engine: dict[str, Any] | None = None
        """Which engine plays the runs (asked, used, why not the batch engine)."""

    def open(
        self, request: Request, *, resume: bool, force: bool, scenario: dict[str, Any] | None = None
    ) -> set[int]:
        """Prepare the directory, and tell which chunks are already done (only when resuming).

        The validated scenario is kept beside the results, so figures and reports need nothing else.

        Parameters
        ----------
        request
            The experiment.
        resume
            Continue an interrupted run.
        force
            Overwrite what is there.
        scenario
            The scenario as plain data, to keep beside the results.

        Returns
        -------
        set of int
            The chunks to skip.

        Raises
        ------
        StoreError
            When the directory holds a finished run, an unfinished one, or another scenario's.
        """
        manifest = self._manifest()
        if manifest is not None and not force:
            if manifest.get("status") == "finished":
                raise StoreError(
                    f"{self.dir} holds a finished experiment; use --force to overwrite it"
                )
            if not resume:
                raise StoreError(
                    f"{self.dir} holds an unfinished experiment; use --resume to complete it "
                    "or --force to start again"
                )
            self._check_same(manifest, request)
            recorded = manifest.get("chunk_records")
            self.records = (
                {int(k): v for k, v in recorded.items()} if isinstance(recorded, dict) else {}
            )
            found = self.verified(request)
            log.info(
                "resuming %s: %d of %d chunks verified", self.dir, len(found), len(request.chunks())
            )
            return found
        if force:
            self._clear()
        self.dir.mkdir(parents=True, exist_ok=True)
        self.chunk_dir.mkdir(exist_ok=True)
        if scenario is not None:
            write_scenario(self.dir, scenario)
        self._write_manifest(request, status="running", completed=[])
        return set()

    def verified(self, request: Request) -> set[int]:
        """The chunks on disk whose files match their records; the others are removed, to redo.

        Parameters
        ----------
        request
            The experiment (how many rows each chunk holds).

        Returns
        -------
        set of int
            The indices of the chunks to keep.
        """
        kept = set()
        for index, start, stop in request.chunks():
            names = ["runs", "traces"] if request.traces else ["runs"]
            record = self.records.get(index, {})
            paths = [self.chunk_dir / f"{name}-{index:06d}.parquet" for name in names]
            if not any(path.exists() for path in paths):
                continue
            problems = [
                f"{path.name} {problem}"
                for name, path in zip(names, paths, strict=True)
                if (problem := mismatch(path, record.get(name), _rows(name, record, stop - start)))
            ]
            if problems:
                log.warning("chunk %d is redone: %s", index, "; ".join(problems))
                for path in paths:
                    path.unlink(missing_ok=True)
                self.records.pop(index, None)
            else:
                kept.add(index)
        return kept

    def write_chunk(self, index: int, runs: pa.Table, traces: pa.Table | None) -> None:
        """Write one chunk's tables, each to a temporary file renamed into place.

        Parameters
        ----------
        index
            The chunk's index.
        runs
            Its rows.
        traces
            Its trace rows, when kept.
        """
        record = {}
        if traces is not None:
            path = self.chunk_dir / f"traces-{index:06d}.parquet"
            _atomic_parquet(traces, path)
            record["traces"] = file_record(path)
        path = self.chunk_dir / f"runs-{index:06d}.parquet"
        _atomic_parquet(runs, path)
        record["runs"] = file_record(path)
        self.records[index] = record

    def record_progress(self, request: Request) -> None:
        """Note the chunks done in the manifest.

        Parameters
        ----------
        request
            The experiment.
        """
        self._write_manifest(request, status="running", completed=sorted(self.records))

    def finish(
        self, request: Request, summarize: Callable[[Path], dict[str, Any]]
    ) -> dict[str, Any]:
        """Join the chunks into ``runs.parquet`` (and ``traces.parquet``), summarise, mark finished.

        The chunks are then removed: the joined tables hold every row.

        Parameters
        ----------
        request
            The experiment.
        summarize
            Turns ``runs.parquet`` into the summary.

        Returns
        -------
        dict
            The summary.
        """
        indices = [i for i, _, _ in request.chunks()]
        _concatenate(
            [self.chunk_dir / f"runs-{i:06d}.parquet" for i in indices], self.dir / "runs.parquet"
        )
        if request.traces:
            _concatenate(
                [self.chunk_dir / f"traces-{i:06d}.parquet" for i in indices],
                self.dir / "traces.parquet",
            )
        summary = summarize(self.dir / "runs.parquet")
        _atomic_text(json.dumps(summary, indent=2), self.dir / "summary.json")
        names = ["runs.parquet", "traces.parquet"] if request.traces else ["runs.parquet"]
        files = {name: file_record(self.dir / name) for name in names}
        self._write_manifest(request, status="finished", completed=indices, files=files)
        # The joined tables hold every row now; keeping the chunks would double the disk used.
        shutil.rmtree(self.chunk_dir, ignore_errors=True)
        log.info(
            "joined %d chunks into %s; chunks removed", len(indices), self.dir / "runs.parquet"
        )
        return summary

    def recorded_chunk_size(self) -> int | None:
        """The chunk size of the experiment already in the directory, if any.

        Returns
        -------
        int or None
            As its manifest records it; None without a readable manifest.
        """
        try:
            manifest = self._manifest()
        except StoreError:
            return None
        size = (manifest or {}).get("request", {}).get("chunk_size")
        return size if isinstance(size, int) and size > 0 else None

    def _manifest(self) -> dict[str, Any] | None:
        if not self.manifest_path.exists():
            return None
        try:
            found: dict[str, Any] = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as error:
            raise StoreError(f"{self.manifest_path}: unreadable manifest ({error})") from None
        return found

    def _check_same(self, manifest: dict[str, Any], request: Request) -> None:
        asked = manifest.get("request", {})
        if asked.get("hash") != request.hash:
            raise StoreError(
                f"{self.dir}: the scenario (or variant) changed since the first chunk was written; "
                "--resume needs the same scenario, or use --force to start again"
            )
        for key in ("seed", "runs", "chunk_size", "traces"):
            if asked.get(key) != getattr(request, key):
                raise StoreError(
                    f"{self.dir}: --resume with {key}={getattr(request, key)} but the experiment "
                    f"was started with {key}={asked.get(key)}"
                )

    def _write_manifest(
        self,
        request: Request,
        *,
        status: str,
        completed: Sequence[int],
        files: dict[str, Any] | None = None,
    ) -> None:
        manifest = {
            "status": status,
            "request": request.__dict__,
            "engine": self.engine,
            "completed_chunks": list(completed),
            "chunks": len(request.chunks()),
            "chunk_records": {str(k): v for k, v in sorted(self.records.items())},
            "versions": {"negosim": __version__, **_versions()},
        }
        if files is not None:
            manifest["files"] = files
        _atomic_text(json.dumps(manifest, indent=2), self.manifest_path)

    def _clear(self) -> None:
        for name in (
            "runs.parquet",
            "traces.parquet",
            "summary.json",
            "manifest.json",
            "scenario.json",
        ):
            (self.dir / name).unlink(missing_ok=True)
        shutil.rmtree(self.chunk_dir, ignore_errors=True)


def _rows(name: str, record: dict[str, Any], runs: int) -> int:
    """Rows a chunk file must hold: one per run for runs, as recorded for traces."""
    if name == "runs":
        return runs
    traces = record.get("traces")
    return int(traces.get("rows", -1)) if isinstance(traces, dict) else -1


def write_scenario(directory: Path, scenario: dict[str, Any]) -> None:
    """Keep the validated scenario beside the results (``scenario.json``).

    Parameters
    ----------
    directory
        The results directory.
    scenario
        The scenario as plain data.
    """
    directory.mkdir(parents=True, exist_ok=True)
    _atomic_text(json.dumps(scenario, indent=1), directory / "scenario.json")


def _versions() -> dict[str, str]:
    found = {}
    for name in DEPENDENCIES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def _atomic_parquet(table: pa.Table, path: Path) -> None:
    temporary = path.with_name(f".{path.name}.partial")
    pq.write_table(table, temporary)
    os.replace(temporary, path)


def _atomic_text(text: str, path: Path) -> None:
    temporary = path.with_name(f".{path.name}.partial")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def concatenate(tables: Iterable[pa.Table], path: Path) -> None:
    """Stream tables into one Parquet file, one table in memory at a time, renamed into place.

    Parameters
    ----------
    tables
        Tables of one schema.
    path
        The file to write.
    """
    temporary = path.with_name(f".{path.name}.partial")
    writer: pq.ParquetWriter | None = None
    try:
        for table in tables:
            if writer is None:
                writer = pq.ParquetWriter(temporary, table.schema)
            writer.write_table(table.cast(writer.schema))
    finally:
        if writer is not None:
            writer.close()
    os.replace(temporary, path)


def _concatenate(parts: list[Path], path: Path) -> None:
    concatenate((pq.read_table(part) for part in parts), path)
