"""A Monte Carlo experiment from request to summary.

Open the store, play the missing chunks on the chosen backend, write each as it completes, then the
final tables and summary.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
from pydantic import ValidationError

from negosim.engine.workload import check_workload
from negosim.experiments.backends import run_dask, run_local
from negosim.experiments.runner import RunSpec, engine_of
from negosim.experiments.sampling import Sampler
from negosim.experiments.store import Request, Store, scenario_hash
from negosim.experiments.summary import summarize
from negosim.experiments.tables import runs_schema, traces_schema
from negosim.scenario.model import Scenario
from negosim.scenario.paths import document, with_values

Progress = Callable[[int], None]


class VariantError(ValueError):
    """An unknown variant, or one whose overrides make the scenario invalid."""


class EngineError(ValueError):
    """The batch engine was asked for, but cannot play this scenario's runs."""


log = logging.getLogger(__name__)
"""Diagnostics (``negosim -v``): what the run plans and does."""


@dataclass(frozen=True)
class Options:
    """How to run an experiment (``negosim run``'s options).

    Attributes
    ----------
    runs
        Number of runs.
    seed
        The experiment's seed; run ``r``'s seed derives from it.
    out
        The results directory.
    workers
        Processes (or Dask workers).
    variant
        A named what-if of the scenario.
    traces
        Keep every offer of every run.
    backend
        ``local`` or ``dask``.
    scheduler
        A Dask scheduler's address.
    resume
        Continue an interrupted run in ``out``.
    force
        Overwrite a finished run in ``out``.
    chunk_size
        Runs per chunk written to disk (default: 1,000 on the batch engine, 250 on Mesa; on
        ``resume``, the interrupted experiment's).
    engine
        ``auto`` (the batch engine where it can play the runs, else Mesa), ``batch`` or ``mesa``.
    information
        ``as_stated`` (each strategy knows what its scenario says) or ``full`` (every strategy
        that takes an ``information`` parameter also knows the others' walk-aways): run both to
        see what private information costs.
    """

    runs: int
    seed: int = 0
    out: Path = Path("out")
    workers: int = 1
    variant: str | None = None
    traces: bool = False
    backend: str = "local"
    scheduler: str | None = None
    resume: bool = False
    force: bool = False
    chunk_size: int | None = None
    engine: str = "auto"
    information: str = "as_stated"


def with_information(scenario: Scenario, information: str) -> Scenario:
    """The scenario with every strategy told the others' walk-aways, or as it is.

    Parameters
    ----------
    scenario
        A validated scenario.
    information
        ``as_stated`` or ``full``.

    Returns
    -------
    Scenario
        With ``information: full`` on every strategy that takes the parameter (``full``).
    """
    if information == "as_stated":
        return scenario
    from negosim.strategies.registry import STRATEGIES

    actors = {
        name: actor.model_copy(
            update={
                "strategy": actor.strategy.model_copy(
                    update={"params": {**actor.strategy.params, "information": "full"}}
                )
            }
        )
        if "information" in STRATEGIES[actor.strategy.name].parameters
        else actor
        for name, actor in scenario.actors.items()
    }
    return Scenario.model_validate(document(scenario.model_copy(update={"actors": actors})))


def with_variant(scenario: Scenario, variant: str | None) -> Scenario:
    """The scenario with a variant's settings applied.

    Parameters
    ----------
    scenario
        A validated scenario.
    variant
        A variant's name, or ``None`` for the scenario as it is.

    Returns
    -------
    Scenario
        The changed scenario, validated again.

    Raises
    ------
    VariantError
        When the variant is unknown or its settings do not validate.
    """
    if variant is None:
        return scenario
    if variant not in scenario.variants:
        known = ", ".join(scenario.variants) or "(this scenario defines none)"
        raise VariantError(f"unknown variant '{variant}'; known variants: {known}")
    changed = with_values(document(scenario), scenario.variants[variant].set)
    try:
        return Scenario.model_validate(changed)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise VariantError(
            f"variant '{variant}' makes the scenario invalid: {where}: {first['msg']}"
        ) from None


def check_engine(name: str, spec: RunSpec) -> tuple[str, str | None]:
    """The engine that will play the runs, refusing ``batch`` where it cannot play them.

    Parameters
    ----------
    name
        The scenario's name, for the message.
    spec
        The experiment (with the variant applied).

    Returns
    -------
    tuple
        (``batch`` or ``mesa``, why not the batch engine or None).

    Raises
    ------
    EngineError
        When ``batch`` is asked for and the batch engine cannot play these runs.
    """
    used, why_not = engine_of(spec)
    if spec.engine == "batch" and why_not is not None:
        raise EngineError(f"--engine batch cannot play {name}: {why_not}")
    return used, why_not


CHUNK_SIZES = {"batch": 1000, "mesa": 250}
"""Runs per chunk by engine, unless asked: a batch block amortises its set-up over more runs, and
fewer chunks mean fewer manifest updates."""


def _chunk_size(options: Options, engine: str, store: Store) -> int:
    """The chunk size asked for, else an interrupted experiment's, else the engine's default."""
    if options.chunk_size is not None:
        return options.chunk_size
    recorded = store.recorded_chunk_size() if options.resume else None
    return recorded if recorded is not None else CHUNK_SIZES[engine]


def run_experiment(
    scenario: Scenario, file: str, options: Options, progress: Progress | None = None
) -> dict[str, Any]:
    """A Monte Carlo of the scenario under its uncertainty, streamed to disk in chunks.

    Parameters
    ----------
    scenario
        A validated scenario.
    file
        Where it came from, for the manifest.
    options
        How to run.
    progress
        Called with the number of runs done as chunks complete.

    Returns
    -------
    dict
        The summary written to ``summary.json``.
    """
    scenario = with_information(with_variant(scenario, options.variant), options.information)
    check_workload(scenario)
    data = document(scenario)
    spec = RunSpec(data, options.seed, options.variant, options.traces, options.engine)
    used, why_not = check_engine(scenario.name, spec)
    store = Store(options.out)
    request = Request(
        file,
        scenario_hash(data, options.variant),
        options.seed,
        options.runs,
        _chunk_size(options, used, store),
        options.variant,
        options.traces,
    )
    store.engine = {"asked": options.engine, "used": used, "why_not_batch": why_not}
    log.info("engine: %s%s", used, f" ({why_not})" if why_not else "")
    done = store.open(request, resume=options.resume, force=options.force, scenario=data)
    pending = [c for c in request.chunks() if c[0] not in done]
    log.info(
        "%s: %d runs in %d chunks of %d (%d done before), seed %d, %s backend, %d workers, to %s",
        scenario.name,
        options.runs,
        len(request.chunks()),
        request.chunk_size,
        len(done),
        options.seed,
        options.backend,
        options.workers,
        options.out,
    )
    if progress is not None:
        progress(sum(stop - start for i, start, stop in request.chunks() if i in done))
    schema = runs_schema(scenario, Sampler.of(scenario).columns)
    trace_schema = traces_schema(scenario)
    if options.backend == "dask":
        completed = run_dask(spec, pending, options.workers, options.scheduler)
    else:
        completed = run_local(spec, pending, options.workers)
    for index, rows, traces in completed:
        trace_table = pa.Table.from_pylist(traces, schema=trace_schema) if options.traces else None
        table = rows if isinstance(rows, pa.Table) else pa.Table.from_pylist(rows, schema=schema)
        store.write_chunk(index, table, trace_table)
        log.debug("chunk %d written (%d runs)", index, len(rows))
        store.record_progress(request)
        if progress is not None:
            progress(len(rows))
    return store.finish(request, summarize)
