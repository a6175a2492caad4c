"""The ``negosim`` command line: thin wrappers that load, call one library function and print."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
import yaml
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from negosim import __version__
from negosim.analysis import analyze as analyze_scenario
from negosim.engine.narrative import log_lines, trace_table, write_table
from negosim.engine.simulate import simulate as run_simulation
from negosim.experiments import Options, StoreError, VariantError, run_experiment
from negosim.experiments.sensitivity import SensitivityError, analyse, evaluate, problem_of, sample
from negosim.experiments.store import write_scenario
from negosim.experiments.sweep import SweepError, parse_settings, run_sweep
from negosim.genius import GeniusError, export_genius, read_domain, to_document
from negosim.outcomes import SpaceTooLargeError
from negosim.plots import Results, ResultsError, load_results, panels
from negosim.protocols.names import PROTOCOL_NAMES
from negosim.render import analysis_tables, sensitivity_table, summary_tables
from negosim.report import report_html
from negosim.scenario import LoadedScenario, ScenarioError, parse_scenario, read_scenario
from negosim.scenario.bundled import bundled_dir, bundled_scenarios, resolve_config
from negosim.scenario.model import Scenario
from negosim.scenario.paths import document
from negosim.strategies.human import MissingCallbackError

app = typer.Typer(
    help="Play stakeholder negotiations out many times and see what tends to happen.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    add_completion=False,
)
out = Console(highlight=False)
out_console = out

ConfigArg = Annotated[
    str, typer.Argument(help="Scenario YAML file, or the name of a bundled scenario.")
]


class InputError(Exception):
    """Bad input from the user: reported as a message with exit status 2, never a traceback."""


@contextmanager
def _user_errors() -> Iterator[None]:
    try:
        yield
    except ScenarioError as error:
        typer.echo(error.render(), err=True)
        raise typer.Exit(2) from None
    except InputError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        typer.echo(f"error: {where}{error.strerror or error}", err=True)
        raise typer.Exit(2) from None


def _load(config: str) -> LoadedScenario:
    path = resolve_config(config)
    if not path.exists():
        names = ", ".join(s.name for s in bundled_scenarios())
        raise InputError(f"{config}: no such file, nor a bundled scenario (bundled: {names})")
    return read_scenario(path)


def _print_warnings(loaded: LoadedScenario) -> None:
    for warning in loaded.warnings:
        typer.echo(warning.render(loaded.file), err=True)


@app.command()
def validate(
    configs: Annotated[list[str], typer.Argument(help="Scenario files to check.")],
) -> None:
    """Check scenario files: exit 0 when all are valid, 2 with every problem listed otherwise."""
    failed = False
    for config in configs:
        try:
            with _user_errors():
                loaded = _load(config)
                _print_warnings(loaded)
                note = f" ({len(loaded.warnings)} provenance warnings)" if loaded.warnings else ""
                out.print(f"{loaded.file}: valid{note}", markup=False)
        except typer.Exit:
            failed = True
    if failed:
        raise typer.Exit(2)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the scenario format."""
    typer.echo(json.dumps(Scenario.model_json_schema(), indent=2))


@app.command()
def scenarios() -> None:
    """List the bundled scenarios with a one-line description."""
    out.print(f"Bundled scenarios ({bundled_dir()}):", markup=False)
    for bundled in bundled_scenarios():
        out.print(f"  [bold]{bundled.name:<16}[/bold] {bundled.summary}")


@app.command()
def analyze(
    config: ConfigArg,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    track: Annotated[
        list[str] | None, typer.Option(help="Analyse only this track (repeatable).")
    ] = None,
) -> None:
    """Outcome space, ZOPA, Pareto frontier and bargaining solutions of a scenario."""
    with _user_errors():
        loaded = _load(config)
        _print_warnings(loaded)
        unknown = [t for t in track or [] if t not in loaded.scenario.tracks]
        if unknown:
            known = ", ".join(loaded.scenario.tracks)
            raise InputError(f"--track: unknown track {', '.join(unknown)}; known tracks: {known}")
        try:
            result = analyze_scenario(loaded.scenario, track or None)
        except SpaceTooLargeError as error:
            raise InputError(f"{loaded.file}: {error}") from None
    if as_json:
        typer.echo(json.dumps(result.to_json(), indent=2))
    else:
        for renderable in analysis_tables(loaded.scenario, result):
            out.print(renderable)


@app.command()
def simulate(
    config: ConfigArg,
    seed: Annotated[
        int, typer.Option(min=0, help="Random seed; the same seed gives the same run.")
    ] = 0,
    trace: Annotated[
        Path | None, typer.Option(help="Write the round-by-round trace (.csv or .parquet).")
    ] = None,
    protocol: Annotated[
        str | None, typer.Option(help=f"Override the protocol: {', '.join(PROTOCOL_NAMES)}.")
    ] = None,
    linkage: Annotated[
        str | None, typer.Option(help="Override the linkage: package, sequence or independent.")
    ] = None,
) -> None:
    """Play one negotiation round by round and print what happened."""
    with _user_errors():
        loaded = _load(config)
        _print_warnings(loaded)
        _check_choice("--protocol", protocol, PROTOCOL_NAMES)
        _check_choice("--linkage", linkage, ("package", "sequence", "independent"))
        if trace is not None and trace.suffix not in (".csv", ".parquet"):
            raise InputError(f"--trace {trace}: the file name must end in .csv or .parquet")
        if trace is not None and not trace.parent.is_dir():
            raise InputError(f"--trace {trace}: no directory {trace.parent}")
        try:
            runs = run_simulation(loaded.scenario, seed, protocol=protocol, linkage=linkage)
        except (SpaceTooLargeError, MissingCallbackError) as error:
            raise InputError(f"{loaded.file}: {error}") from None
    for run in runs:
        for line in log_lines(run):
            out.print(line, markup=False, highlight=False, soft_wrap=True)
    if trace is not None:
        with _user_errors():
            write_table(trace_table(runs), trace)
        out.print(f"trace written to {trace}", markup=False)


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
    chunk_size: Annotated[int, typer.Option(min=1, max=1_000_000, help="Runs per chunk.")] = 250,
) -> None:
    """Play the scenario many times under its uncertainty and store one row per run."""
    with _user_errors():
        loaded = _load(config)
        _print_warnings(loaded)
        _check_choice("--backend", backend, ("local", "dask"))
        if scheduler is not None and backend != "dask":
            raise InputError("--scheduler goes with --backend dask")
        name = loaded.scenario.name + (f"-{variant}" if variant else "")
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
        )
        try:
            summary = _run_with_progress(loaded.scenario, loaded.file, options)
        except (StoreError, VariantError) as error:
            raise InputError(str(error)) from None
    for renderable in summary_tables(loaded.scenario, summary, options):
        out_console.print(renderable)


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
    with _user_errors():
        loaded = _load(config)
        _check_choice("--backend", backend, ("local", "dask"))
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
            with _progress(f"{loaded.scenario.name}: {cells} cells", runs * cells) as advance:
                target = run_sweep(loaded.scenario, loaded.file, settings, options, advance)
        except (SweepError, StoreError, VariantError) as error:
            raise InputError(str(error)) from None
    out_console.print(f"{runs * cells:,} runs in {cells} cells written to {target}", markup=False)


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
    with _user_errors():
        loaded = _load(config)
        _check_choice("--method", method, ("sobol", "morris"))
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
    with _progress(f"{loaded.scenario.name}: samples", len(rows)) as advance:
        outputs = evaluate(loaded.scenario, problem["names"], rows, seed, workers, advance)
    indices = analyse(problem, method, rows, outputs, seed)
    with _user_errors():
        write_scenario(directory, document(loaded.scenario))
        write_table(outputs, directory / "sensitivity_runs.parquet")
        write_table(indices, target)
    out_console.print(sensitivity_table(indices, method))


@app.command()
def plot(
    directory: Annotated[
        Path, typer.Argument(help="A directory written by run, sweep or sensitivity.")
    ],
    format_: Annotated[str, typer.Option("--format", help="png, svg or pdf.")] = "png",
) -> None:
    """Write every figure the directory's data supports to DIRECTORY/figures/."""
    with _user_errors():
        _check_choice("--format", format_, ("png", "svg", "pdf"))
        results = _results(directory)
        target = directory / "figures"
        target.mkdir(exist_ok=True)
        for panel in panels(results):
            path = target / f"{panel.name}.{format_}"
            temporary = path.with_name(f".{path.name}.partial")
            panel.figure.savefig(temporary, format=format_, dpi=130)
            temporary.replace(path)
            out_console.print(f"{path}: {panel.reading}", markup=False, soft_wrap=True)


@app.command()
def report(
    directory: Annotated[
        Path, typer.Argument(help="A directory written by run, sweep or sensitivity.")
    ],
) -> None:
    """Write DIRECTORY/report.html: one self-contained page with figures, provenance and manifest."""
    with _user_errors():
        results = _results(directory)
        page = report_html(results, panels(results))
        path = directory / "report.html"
        temporary = path.with_name(".report.html.partial")
        temporary.write_text(page, encoding="utf-8")
        temporary.replace(path)
    out_console.print(f"report written to {path}", markup=False)


def _results(directory: Path) -> Results:
    try:
        return load_results(directory)
    except ResultsError as error:
        raise InputError(str(error)) from None


@app.command("import")
def import_(
    path: Annotated[Path, typer.Argument(help="A GENIUS domain folder (domain + party files).")],
    format_: Annotated[str, typer.Option("--format", help="Only genius for now.")] = "genius",
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Scenario file to write (default: stdout)."),
    ] = None,
) -> None:
    """Convert a negotiation domain from another format into a negosim scenario (YAML)."""
    with _user_errors():
        _check_choice("--format", format_, ("genius",))
        try:
            document_ = to_document(read_domain(path))
        except GeniusError as error:
            raise InputError(str(error)) from None
        text = yaml.safe_dump(document_, sort_keys=False, allow_unicode=True, width=100)
        parse_scenario(text, str(output or path))
        if output is None:
            typer.echo(text)
            return
        temporary = output.with_name(f".{output.name}.partial")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(output)
    out.print(
        f"{output}: {len(document_['actors'])} parties, {len(document_['issues'])} issues",
        markup=False,
        soft_wrap=True,
    )


@app.command()
def export(
    config: ConfigArg,
    output: Annotated[Path, typer.Option("-o", "--output", help="Directory to write.")],
    format_: Annotated[str, typer.Option("--format", help="Only genius for now.")] = "genius",
) -> None:
    """Write a scenario in another format; what that format cannot express is listed."""
    with _user_errors():
        _check_choice("--format", format_, ("genius",))
        loaded = _load(config)
        try:
            lost = export_genius(loaded.scenario, output)
        except SpaceTooLargeError as error:
            raise InputError(f"{loaded.file}: {error}") from None
    out.print(f"GENIUS domain written to {output}", markup=False)
    for item in lost:
        typer.echo(f"not exported: {item}", err=True)


@contextmanager
def _progress(description: str, total: int | None) -> Iterator[Callable[[int], None]]:
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True)) as progress:
        task = progress.add_task(description, total=total)
        yield lambda n: progress.advance(task, n)


def _run_with_progress(scenario: Scenario, file: str, options: Options) -> dict[str, object]:
    done = 0

    def advance(runs: int) -> None:
        nonlocal done
        done += runs
        tick(runs)

    with _progress(f"{scenario.name}: runs", options.runs) as tick:
        try:
            return run_experiment(scenario, file, options, advance)
        except KeyboardInterrupt:
            typer.echo(
                f"\ninterrupted after {done} of {options.runs} runs; the finished chunks "
                f"are kept in {options.out}: rerun with --resume to complete",
                err=True,
            )
            raise typer.Exit(130) from None


def _check_choice(option: str, value: str | None, allowed: tuple[str, ...]) -> None:
    if value is not None and value not in allowed:
        raise InputError(f"{option}: unknown value '{value}'; allowed: {', '.join(allowed)}")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"negosim {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """negosim: a stakeholder negotiation game simulator."""


if __name__ == "__main__":
    app()
