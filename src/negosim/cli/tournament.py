"""``negosim tournament`` and ``negosim strategies``: who plays well against whom."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
import yaml
from rich.table import Table

from negosim.cli.common import InputError, app, load_config, out, progress_bar, user_errors
from negosim.engine.catalogue import parse_scenario
from negosim.engine.narrative import write_table
from negosim.experiments.negmas_peer import negmas_rows
from negosim.experiments.tournament import (
    TournamentError,
    assignments,
    play_tournament,
    select_strategies,
    standings,
)
from negosim.genius import GeniusError, read_domain, to_document
from negosim.scenario.model import Scenario
from negosim.strategies import STRATEGIES


def _where(raw: list[str]) -> dict[str, bool]:
    """``--where key=true`` options as classifier values."""
    found = {}
    for text in raw:
        key, _, value = text.partition("=")
        if value.lower() not in ("true", "false"):
            raise InputError(f"--where {text}: expected KEY=true or KEY=false")
        found[key] = value.lower() == "true"
    return found


def _scenario(given: str) -> tuple[str, Scenario]:
    """A bundled name, a YAML file, or a GENIUS domain folder."""
    path = Path(given)
    if path.is_dir():
        try:
            document = to_document(read_domain(path))
        except GeniusError as error:
            raise InputError(str(error)) from None
        return path.name, parse_scenario(yaml.safe_dump(document), f"{path.name}.yaml").scenario
    loaded = load_config(given)
    return loaded.scenario.name, loaded.scenario


def _negmas(given: list[str], games: list[tuple[str, Scenario]], seeds: int) -> list[pd.DataFrame]:
    """NegMAS's reference rows on every scenario: a GENIUS folder as NegMAS reads it, any other
    scenario converted (its red lines and rules other than unanimity are not carried; said once)."""
    from negosim.genius.negmas import NegmasUnavailableError, to_negmas

    found = []
    for text, (name, scenario) in zip(given, games, strict=True):
        try:
            if Path(text).is_dir():
                found.append(negmas_rows(Path(text), name, scenario, seeds=seeds))
                continue
            exported = to_negmas(scenario)
            if exported.not_carried:
                typer.echo(
                    f"{name}: NegMAS plays without: {'; '.join(exported.not_carried)}", err=True
                )
            found.append(negmas_rows(exported.scenario, name, scenario, seeds=seeds))
        except (TournamentError, NegmasUnavailableError) as error:
            raise InputError(str(error)) from None
    return found


@app.command()
def strategies(
    where: Annotated[
        list[str] | None,
        typer.Option(help="Keep strategies whose classifier has KEY=true|false (repeatable)."),
    ] = None,
) -> None:
    """List the strategies with what kind of player each is (its classifier)."""
    keys = list(STRATEGIES["boulware"].classifier)
    with user_errors():
        wanted = _where(where or [])
        unknown = [k for k in wanted if k not in keys]
        if unknown:
            raise InputError(f"unknown classifier {', '.join(unknown)}; one of: {', '.join(keys)}")
    names = [
        n for n, c in STRATEGIES.items() if all(c.classifier[k] == v for k, v in wanted.items())
    ]
    table = Table(title="Strategies", title_justify="left")
    table.add_column("name", no_wrap=True)
    for key in keys:
        table.add_column(key.replace("_", " "))
    table.add_column("what it does")
    for name in names:
        cls = STRATEGIES[name]
        summary = (cls.__doc__ or "").strip().splitlines()[0]
        table.add_row(name, *("yes" if cls.classifier[k] else "" for k in keys), summary)
    out.print(table)


@app.command()
def tournament(
    scenarios: Annotated[
        list[str], typer.Argument(help="Bundled names, YAML files or GENIUS domain folders.")
    ],
    strategies: Annotated[
        str | None, typer.Option(help="Comma-separated strategy names (default: all).")
    ] = None,
    where: Annotated[
        list[str] | None,
        typer.Option(help="Keep strategies whose classifier has KEY=true|false (repeatable)."),
    ] = None,
    seeds: Annotated[int, typer.Option(min=1, max=10_000, help="Negotiations per pairing.")] = 3,
    seed: Annotated[int, typer.Option(min=0)] = 0,
    out_dir: Annotated[Path, typer.Option("--out", help="Results directory.")] = Path(
        "out/tournament"
    ),
    force: Annotated[bool, typer.Option(help="Overwrite a tournament already in OUT.")] = False,
    negmas: Annotated[
        bool,
        typer.Option(
            help="Also play NegMAS's Aspiration, tit-for-tat and MiCRO negotiators on the GENIUS "
            "domain folders given, for reference (needs negosim[crosscheck])."
        ),
    ] = False,
) -> None:
    """Every strategy against every other (and itself), in every seat, on every scenario."""
    with user_errors():
        target = out_dir / "tournament.parquet"
        if target.exists() and not force:
            raise InputError(f"{out_dir} holds a tournament; use --force to overwrite it")
        try:
            names = select_strategies(
                strategies.split(",") if strategies else None, _where(where or [])
            )
        except TournamentError as error:
            raise InputError(str(error)) from None
        games = [_scenario(given) for given in scenarios]
        out_dir.mkdir(parents=True, exist_ok=True)
    total = sum(len(assignments(names, len(s.parties_of(s.negotiated_tracks())))) for _, s in games)
    with progress_bar("tournament", total * seeds) as advance:
        table = play_tournament(games, names, seeds, seed, advance)
    if negmas:
        with user_errors():
            table = pd.concat([table, *_negmas(scenarios, games, seeds)], ignore_index=True)
    ranked = standings(table)
    with user_errors():
        write_table(table, target)
        write_table(ranked.reset_index(), out_dir / "standings.csv")
    shown = Table(title=f"Standings over {len(games)} scenario(s)", title_justify="left")
    for column in ("strategy", *ranked.columns):
        shown.add_column(column.replace("_", " "))
    for name, row in ranked.iterrows():
        shown.add_row(str(name), *(f"{v:.3f}" if isinstance(v, float) else str(v) for v in row))
    out.print(shown)
    out.print(f"rows in {target}; standings in {out_dir / 'standings.csv'}", markup=False)
