"""Commands that read and write other negotiation formats (GENIUS)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
import yaml

from negosim.cli.common import (
    ConfigArg,
    InputError,
    app,
    check_choice,
    load_config,
    out,
    user_errors,
)
from negosim.engine.catalogue import parse_scenario
from negosim.genius import GeniusError, export_genius, read_domain, to_document
from negosim.genius.bids import DEFAULT_BIDS
from negosim.outcomes import SpaceTooLargeError
from negosim.scenario.issues import MAX_OPTIONS
from negosim.scenario.problems import ScenarioError


@app.command("import")
def import_(
    path: Annotated[Path, typer.Argument(help="A GENIUS domain folder (domain + party files).")],
    format_: Annotated[str, typer.Option("--format", help="Only genius for now.")] = "genius",
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Scenario file to write (default: stdout)."),
    ] = None,
    bids: Annotated[
        int,
        typer.Option(
            "--bids",
            min=2,
            max=MAX_OPTIONS,
            help="Non-linear profiles: play on at most this many bids (all if fewer).",
        ),
    ] = DEFAULT_BIDS,
    seed: Annotated[int, typer.Option("--seed", min=0, help="Seed of that sample.")] = 0,
) -> None:
    """Convert a negotiation domain from another format into a negosim scenario (YAML)."""
    with user_errors():
        check_choice("--format", format_, ("genius",))
        try:
            domain = read_domain(path)
            document_ = to_document(domain, bids, seed)
        except GeniusError as error:
            raise InputError(str(error)) from None
        for note in (*domain.skipped, *(n for p in domain.parties for n in p.notes)):
            typer.echo(f"note: {note}", err=True)
        if domain.nonlinear:
            played = document_["issues"]["bid"]["assumption"]
            typer.echo(f"note: {played}", err=True)
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        text = yaml.dump(document_, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
        try:
            parse_scenario(text, str(path))
        except ScenarioError as error:
            # Named after the domain, without lines of a YAML text the user never saw.
            found = "; ".join(f"{p.field}: {p.message}" for p in error.problems)
            written = "" if output is None else f" ({output} is not written)"
            raise InputError(f"{path}: imports to an invalid scenario{written}: {found}") from None
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
    with user_errors():
        check_choice("--format", format_, ("genius",))
        loaded = load_config(config)
        try:
            lost = export_genius(loaded.scenario, output)
        except SpaceTooLargeError as error:
            raise InputError(f"{loaded.file}: {error}") from None
    out.print(f"GENIUS domain written to {output}", markup=False)
    for item in lost:
        typer.echo(f"not exported: {item}", err=True)
