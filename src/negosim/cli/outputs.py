"""Commands that produce material to read: figures, reports, scenario cards and role sheets."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pandas as pd
import typer

from negosim.cli.common import (
    ConfigArg,
    InputError,
    app,
    check_choice,
    load_config,
    out,
    user_errors,
)
from negosim.experiments.tournament import standings
from negosim.plots import Results, ResultsError, load_results, panels
from negosim.plots.style import Caption
from negosim.plots.tournament import standings_figure
from negosim.report import report_html
from negosim.report.cards import role_sheet, scenario_card
from negosim.report.document import Block, to_html, to_markdown


@app.command()
def plot(
    directory: Annotated[
        Path, typer.Argument(help="A directory written by run, sweep or sensitivity.")
    ],
    format_: Annotated[str, typer.Option("--format", help="png, svg or pdf.")] = "png",
) -> None:
    """Write every figure the directory's data supports to DIRECTORY/figures/."""
    with user_errors():
        check_choice("--format", format_, ("png", "svg", "pdf"))
        if (directory / "tournament.parquet").exists():
            _plot_tournament(directory, format_)
            return
        results = _results(directory)
        target = directory / "figures"
        target.mkdir(exist_ok=True)
        for panel in panels(results):
            path = target / f"{panel.name}.{format_}"
            temporary = path.with_name(f".{path.name}.partial")
            panel.figure.savefig(temporary, format=format_, dpi=130)
            temporary.replace(path)
            out.print(f"{path}: {panel.reading}", markup=False, soft_wrap=True)


@app.command()
def report(
    directory: Annotated[
        Path, typer.Argument(help="A directory written by run, sweep or sensitivity.")
    ],
) -> None:
    """Write DIRECTORY/report.html: one self-contained page with figures, provenance and manifest."""
    with user_errors():
        results = _results(directory)
        page = report_html(results, panels(results))
        path = directory / "report.html"
        temporary = path.with_name(".report.html.partial")
        temporary.write_text(page, encoding="utf-8")
        temporary.replace(path)
    out.print(f"report written to {path}", markup=False)


def _plot_tournament(directory: Path, format_: str) -> None:
    """A tournament folder's standings figure."""
    table = pd.read_parquet(directory / "tournament.parquet")
    scenarios = sorted(table["scenario"].unique())
    caption = Caption(", ".join(scenarios), runs=int(table["assignment"].nunique()))
    figure = standings_figure(standings(table), caption)
    target = directory / "figures"
    target.mkdir(exist_ok=True)
    path = target / f"standings.{format_}"
    temporary = path.with_name(f".{path.name}.partial")
    figure.savefig(temporary, format=format_, dpi=130)
    temporary.replace(path)
    out.print(f"{path}: each strategy's own utility, agreement and distance to the frontier")


def _results(directory: Path) -> Results:
    try:
        return load_results(directory)
    except ResultsError as error:
        raise InputError(str(error)) from None


@app.command()
def card(
    config: ConfigArg,
    actor: Annotated[
        list[str] | None, typer.Option(help="Only this actor's role sheet (repeatable).")
    ] = None,
    out_dir: Annotated[Path, typer.Option("--out", help="Directory to write.")] = Path("cards"),
) -> None:
    """The public scenario card and a confidential role sheet per actor, as HTML and Markdown."""
    with user_errors():
        loaded = load_config(config)
        scenario = loaded.scenario
        unknown = [a for a in actor or [] if a not in scenario.actors]
        if unknown:
            known = ", ".join(scenario.actors)
            raise InputError(f"--actor: unknown actor {', '.join(unknown)}; known actors: {known}")
        out_dir.mkdir(parents=True, exist_ok=True)
        written = [_write_both(out_dir / "scenario-card", scenario.title, scenario_card(scenario))]
        for name in actor or list(scenario.actors):
            title = f"{scenario.actors[name].label}: role sheet"
            written.append(_write_both(out_dir / f"role-{name}", title, role_sheet(scenario, name)))
    for path in written:
        out.print(f"{path}.html and .md", markup=False, soft_wrap=True)


def _write_both(stem: Path, title: str, blocks: list[Block]) -> Path:
    for suffix, text in ((".md", to_markdown(blocks)), (".html", to_html(title, blocks))):
        path = stem.with_suffix(suffix)
        temporary = path.with_name(f".{path.name}.partial")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(path)
    return stem
