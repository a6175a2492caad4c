"""Commands that turn results into figures and reports."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from negosim.cli.common import InputError, _check_choice, _user_errors, app, out
from negosim.plots import Results, ResultsError, load_results, panels
from negosim.report import report_html


@app.command()
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
            out.print(f"{path}: {panel.reading}", markup=False, soft_wrap=True)


@app.command()
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
    out.print(f"report written to {path}", markup=False)


def _results(directory: Path) -> Results:
    try:
        return load_results(directory)
    except ResultsError as error:
        raise InputError(str(error)) from None
