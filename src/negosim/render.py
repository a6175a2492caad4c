"""Rich renderings of results for the terminal; the data come from pure library functions."""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table

from negosim.analysis import SOLUTION_LABELS, Analysis
from negosim.scenario import Scenario


def analysis_tables(scenario: Scenario, result: Analysis) -> list[RenderableType]:
    share = result.zopa / result.outcomes
    header = Table.grid(padding=(0, 2))
    header.add_row("[bold]Scenario[/bold]", f"{scenario.title} ({scenario.name})")
    header.add_row("[bold]Tracks[/bold]", ", ".join(result.tracks))
    header.add_row("[bold]Outcomes[/bold]", f"{result.outcomes:,}")
    header.add_row(
        "[bold]ZOPA[/bold]", f"{result.zopa:,} outcomes ({share:.1%}) every track ratifies"
    )
    header.add_row(
        "[bold]Pareto[/bold]",
        f"{result.pareto:,} efficient outcomes; {result.pareto_in_zopa:,} efficient within the ZOPA",
    )
    if result.zopa == 0:
        header.add_row(
            "[bold red]No deal[/bold red]",
            "no outcome meets every veto player's reservation and conditions",
        )
    return [header, _terms_table(result), _utilities_table(scenario, result)]


def _terms_table(result: Analysis) -> Table:
    table = Table(title="Agreement terms at each solution", title_justify="left")
    table.add_column("issue", no_wrap=True)
    for key in result.solutions:
        table.add_column(SOLUTION_LABELS[key])
    issues = next((s.outcome for s in result.solutions.values() if s is not None), {})
    for issue in issues:
        cells = [_cell(s.outcome[issue] if s else None) for s in result.solutions.values()]
        table.add_row(issue, *cells)
    return table


def _utilities_table(scenario: Scenario, result: Analysis) -> Table:
    table = Table(title="Utility of each actor (reservation = walk-away)", title_justify="left")
    table.add_column("actor", no_wrap=True)
    table.add_column("reservation", justify="right")
    for key in result.solutions:
        table.add_column(SOLUTION_LABELS[key], justify="right")
    for actor in result.actors:
        cells = [_cell(s.utilities[actor] if s else None) for s in result.solutions.values()]
        table.add_row(scenario.actors[actor].label, f"{result.reservation[actor]:.3f}", *cells)
    return table


def _cell(value: object) -> str:
    if value is None:
        return "[dim]-[/dim]"
    return f"{value:.3f}" if isinstance(value, float) else str(value).replace("_", " ")
