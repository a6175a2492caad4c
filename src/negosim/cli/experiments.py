"""Commands that play a scenario many times: Monte Carlo, sweeps, sensitivity."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from negosim.cli.common import (
    ConfigArg,
    InputError,
    app,
    check_choice,
    load_config,
    needs_extra,
    print_warnings,
    progress_bar,
    user_errors,
)
from negosim.cli.common import out as console
from negosim.cli.render import sensitivity_table, summary_tables
from negosim.engine.narrative import write_table
from negosim.engine.workload import check_workload
from negosim.experiments import Options, StoreError, VariantError, run_experiment
from negosim.experiments.backends import ClusterLostError
from negosim.experiments.experiment import (
    EngineError,
    check_engine,
    with_information,
    with_variant,
)
from negosim.experiments.runner import RunSpec
from negosim.experiments.sensitivity import SensitivityError, analyse, evaluate, problem_of, sample
from negosim.experiments.store import write_scenario
from negosim.experiments.sweep import SweepError, parse_settings, run_sweep
from negosim.limits import WorkLimitError
from negosim.scenario.model import Scenario
from negosim.scenario.paths import document


@app.command()
def run(
    config: ConfigArg,
    runs: Annotated[int, typer.Option(min=1, max=100_000_000, help="Number of runs.")] = 1000,
    seed: Annotated[
        int, typer.Option(min=0, help="Experiment seed; each run's seed derives from it.")
    ] = 0,
    out: Annotated[
        Path | None, typer.Option(help="Directory for the results (default out/NAME).")
    ] = None,
    workers: Annotated[int, typer.Option(min=1, max=1024, help="Worker processes.")] = 1,
    variant: Annotated[
        str | None, typer.Option(help="A what-if variant defined in the scenario.")
    ] = None,
    traces: Annotated[bool, typer.Option(help="Also write every round to traces.parquet.")] = False,
    backend: Annotated[str, typer.Option(help="local or dask.")] = "local",
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address (default: a LocalCluster).")
    ] = None,
    resume: Annotated[
        bool, typer.Option(help="Complete an interrupted experiment in OUT.")
    ] = False,
    force: Annotated[bool, typer.Option(help="Overwrite an experiment already in OUT.")] = False,
    chunk_size: Annotated[
        int | None,
        typer.Option(
            min=1,
            max=1_000_000,
            help="Runs per chunk (default 1,000 on the batch engine, 250 on Mesa).",
        ),
    ] = None,
    engine: Annotated[
        str,
        typer.Option(
            help="auto (the batch engine where it can play the runs), batch or mesa; "
            "both give the same rows."
        ),
    ] = "auto",
    information: Annotated[
        str,
        typer.Option(
            help="as_stated, or full: every strategy also knows the others' walk-aways "
            "(run both to see what private information costs)."
        ),
    ] = "as_stated",
) -> None:
    """Play the scenario many times under its uncertainty and store one row per run."""
    with user_errors():
        loaded = load_config(config)
        print_warnings(loaded)
        check_choice("--backend", backend, ("local", "dask"))
        check_choice("--engine", engine, ("auto", "batch", "mesa"))
        check_choice("--information", information, ("as_stated", "full"))
        if backend == "dask":
            needs_extra("dask")
        if scheduler is not None and backend != "dask":
            raise InputError("--scheduler goes with --backend dask")
        name = loaded.scenario.name + (f"-{variant}" if variant else "")
        name += "-full-information" if information == "full" else ""
        options = Options(
            runs,
            seed,
            out or Path("out") / name,
            workers,
            variant,
            traces,
            backend,
            scheduler,
            resume,
            force,
            chunk_size,
            engine,
            information,
        )
        try:
            check_workload(loaded.scenario)  # before the progress bar: a refusal is one line
            if engine == "batch":
                varied = with_information(with_variant(loaded.scenario, variant), information)
                spec = RunSpec(document(varied), seed, variant, traces, engine)
                check_engine(varied.name, spec)
            summary = _run_with_progress(loaded.scenario, loaded.file, options)
        except (StoreError, VariantError, EngineError) as error:
            raise InputError(str(error)) from None
        except WorkLimitError as error:
            raise InputError(f"{loaded.file}: {error}") from None
    for renderable in summary_tables(with_variant(loaded.scenario, variant), summary, options):
        console.print(renderable)


def _run_with_progress(scenario: Scenario, file: str, options: Options) -> dict[str, object]:
    done = 0

    def advance(runs: int) -> None:
        nonlocal done
        done += runs
        tick(runs)

    stopped: tuple[str, int] | None = None
    with progress_bar(f"{scenario.name}: runs", options.runs) as tick:
        try:
            return run_experiment(scenario, file, options, advance)
        except KeyboardInterrupt:
            stopped = ("", 130)
        except ClusterLostError as error:
            stopped = (f"{error}: ", 1)
    # Said after the progress bar's last redraw, so that it is the last line on the terminal.
    _interrupted(done, options, stopped[0])
    raise typer.Exit(stopped[1])


def _interrupted(done: int, options: Options, why: str) -> None:
    typer.echo(
        f"\n{why}interrupted after {done} of {options.runs} runs; the finished chunks are kept "
        f"in {options.out}: rerun with --resume to complete",
        err=True,
    )


@app.command()
def verify(
    directory: Annotated[Path, typer.Argument(help="A directory `negosim run` wrote.")],
) -> None:
    """Check a results directory against its manifest: checksums, row counts, every run once."""
    from negosim.experiments.verify import verify_directory

    problems = verify_directory(directory)
    if problems:
        for problem in problems:
            typer.echo(f"error: {problem}", err=True)
        raise typer.Exit(2)
    console.print(f"{directory}: verified (checksums and row counts match)", markup=False)


@app.command()
def sweep(
    config: ConfigArg,
    set_: Annotated[
        list[str], typer.Option("--set", help="PATH=v1,v2,... (repeatable): the grid to sweep.")
    ],
    runs: Annotated[int, typer.Option(min=1, max=10_000_000, help="Runs per cell.")] = 200,
    seed: Annotated[int, typer.Option(min=0, help="Experiment seed, shared by every cell.")] = 0,
    out: Annotated[Path | None, typer.Option(help="Directory (default out/NAME-sweep).")] = None,
    workers: Annotated[int, typer.Option(min=1, max=1024)] = 1,
    backend: Annotated[str, typer.Option(help="local or dask.")] = "local",
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address.")] = None,
    resume: Annotated[bool, typer.Option(help="Skip the cells already finished.")] = False,
    force: Annotated[bool, typer.Option(help="Overwrite a sweep already in OUT.")] = False,
) -> None:
    """A grid of what-ifs, each cell a Monte Carlo, to OUT/sweep.parquet."""
    with user_errors():
        loaded = load_config(config)
        check_choice("--backend", backend, ("local", "dask"))
        if backend == "dask":
            needs_extra("dask")
        try:
            settings = parse_settings(loaded.scenario, set_)
            cells = 1
            for _, values in settings:
                cells *= len(values)
            options = Options(
                runs,
                seed,
                out or Path("out") / f"{loaded.scenario.name}-sweep",
                workers,
                None,
                False,
                backend,
                scheduler,
                resume,
                force,
            )
            with progress_bar(f"{loaded.scenario.name}: {cells} cells", runs * cells) as advance:
                target = run_sweep(loaded.scenario, loaded.file, settings, options, advance)
        except (SweepError, StoreError, VariantError) as error:
            raise InputError(str(error)) from None
    console.print(f"{runs * cells:,} runs in {cells} cells written to {target}", markup=False)


@app.command()
def sensitivity(
    config: ConfigArg,
    method: Annotated[str, typer.Option(help="sobol or morris.")] = "sobol",
    samples: Annotated[int, typer.Option(min=2, max=1_000_000, help="Base samples (N).")] = 64,
    seed: Annotated[int, typer.Option(min=0)] = 0,
    out: Annotated[
        Path | None, typer.Option(help="Directory (default out/NAME-sensitivity).")
    ] = None,
    workers: Annotated[int, typer.Option(min=1, max=1024)] = 1,
    force: Annotated[bool, typer.Option(help="Overwrite results already in OUT.")] = False,
) -> None:
    """Sobol or Morris indices of the scenario's uncertain parameters (SALib)."""
    with user_errors():
        loaded = load_config(config)
        check_choice("--method", method, ("sobol", "morris"))
        directory = out or Path("out") / f"{loaded.scenario.name}-sensitivity"
        target = directory / "sensitivity.parquet"
        if target.exists() and not force:
            raise InputError(
                f"{directory} holds sensitivity results; use --force to overwrite them"
            )
        directory.mkdir(parents=True, exist_ok=True)
        try:
            problem = problem_of(loaded.scenario)
            rows = sample(problem, method, samples, seed)
        except SensitivityError as error:
            raise InputError(f"{loaded.file}: {error}") from None
    with progress_bar(f"{loaded.scenario.name}: samples", len(rows)) as advance:
        outputs = evaluate(loaded.scenario, problem["names"], rows, seed, workers, advance)
    indices = analyse(problem, method, rows, outputs, seed)
    with user_errors():
        write_scenario(directory, document(loaded.scenario))
        write_table(outputs, directory / "sensitivity_runs.parquet")
        write_table(indices, target)
    console.print(sensitivity_table(indices, method))
