"""Commands on one scenario: check it, describe it, analyse it, play it once."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from negosim import limits
from negosim.cli.common import (
    ConfigArg,
    InputError,
    app,
    check_choice,
    load_config,
    out,
    print_warnings,
    progress_bar,
    user_errors,
)
from negosim.limits import WorkLimitError
from negosim.outcomes import SpaceTooLargeError
from negosim.protocols import PROTOCOLS
from negosim.scenario.bundled import bundled_dir, bundled_scenarios
from negosim.scenario.model import Scenario

# analyze and simulate import what they play with (the engine, Mesa, pandas) when they run, so
# that validate, schema and scenarios start quickly.

PROTOCOL_HELP = "; ".join(f"{name} ({cls.description})" for name, cls in PROTOCOLS.items())


@app.command()
def validate(
    configs: Annotated[list[str], typer.Argument(help="Scenario files to check.")],
) -> None:
    """Check scenario files: exit 0 when all are valid, 2 with every problem listed otherwise."""
    failed = False
    for config in configs:
        try:
            with user_errors():
                loaded = load_config(config)
                print_warnings(loaded)
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
    from negosim.cli.render import analysis_tables
    from negosim.solutions.analysis import analyze as analyze_scenario

    with user_errors():
        loaded = load_config(config)
        print_warnings(loaded)
        unknown = [t for t in track or [] if t not in loaded.scenario.tracks]
        if unknown:
            known = ", ".join(loaded.scenario.tracks)
            raise InputError(f"--track: unknown track {', '.join(unknown)}; known tracks: {known}")
        try:
            rounds = _long_induction(loaded.scenario, track or None)
            if rounds is None:
                result = analyze_scenario(loaded.scenario, track or None)
            else:
                with progress_bar("backward induction: rounds", rounds) as tick:
                    result = analyze_scenario(loaded.scenario, track or None, lambda *_: tick(1))
        except SpaceTooLargeError as error:
            raise InputError(f"{loaded.file}: {error}") from None
    for part, why in result.skipped.items():
        typer.echo(f"skipped {part}: {why}", err=True)
    if as_json:
        typer.echo(json.dumps(result.to_json(), indent=2))
    else:
        for renderable in analysis_tables(loaded.scenario, result):
            out.print(renderable)


LONG_INDUCTION = 20_000_000
"""Outcome-rounds of backward induction (about half a second) above which analyze shows progress."""


def _long_induction(scenario: Scenario, tracks: list[str] | None) -> int | None:
    """The horizon of a two-actor backward induction long enough to show progress for."""
    from negosim.outcomes import build_space

    space = build_space(scenario, tracks)
    if len(scenario.parties_of(list(space.tracks))) != 2:
        return None
    rounds = max(scenario.tracks[t].deadline for t in space.tracks)
    steps = space.size * rounds
    return rounds if LONG_INDUCTION < steps <= limits.current().induction_steps else None


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
        str | None, typer.Option(help=f"Override the protocol: {PROTOCOL_HELP}.")
    ] = None,
    linkage: Annotated[
        str | None, typer.Option(help="Override the linkage: package, sequence or independent.")
    ] = None,
    variant: Annotated[
        str | None, typer.Option(help="A what-if variant defined in the scenario.")
    ] = None,
) -> None:
    """Play one negotiation round by round and print what happened."""
    from negosim.engine.narrative import log_lines, trace_table, write_table
    from negosim.engine.simulate import simulate as run_simulation
    from negosim.engine.workload import check_workload
    from negosim.experiments.experiment import VariantError, with_variant
    from negosim.strategies.human import MissingCallbackError

    with user_errors():
        loaded = load_config(config)
        print_warnings(loaded)
        try:
            scenario = with_variant(loaded.scenario, variant)
        except VariantError as error:
            raise InputError(f"{loaded.file}: {error}") from None
        check_choice("--protocol", protocol, tuple(PROTOCOLS))
        check_choice("--linkage", linkage, ("package", "sequence", "independent"))
        if trace is not None and trace.suffix not in (".csv", ".parquet"):
            raise InputError(f"--trace {trace}: the file name must end in .csv or .parquet")
        if trace is not None and not trace.parent.is_dir():
            raise InputError(f"--trace {trace}: no directory {trace.parent}")
        try:
            check_workload(scenario, protocol=protocol, linkage=linkage)
            runs = run_simulation(scenario, seed, protocol=protocol, linkage=linkage)
        except (WorkLimitError, MissingCallbackError) as error:
            raise InputError(f"{loaded.file}: {error}") from None
    for run in runs:
        for line in log_lines(run):
            out.print(line, markup=False, highlight=False, soft_wrap=True)
    if trace is not None:
        with user_errors():
            write_table(trace_table(runs), trace)
        out.print(f"trace written to {trace}", markup=False)
