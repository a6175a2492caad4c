"""Rich renderings of results for the terminal; the data come from pure library functions."""

from __future__ import annotations

from typing import Any

from rich.console import RenderableType
from rich.table import Table

from negosim.scenario import Scenario
from negosim.solutions.analysis import SOLUTION_LABELS, Analysis


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
        f"{_count(result.pareto)} efficient outcomes; {_count(result.pareto_in_zopa)} efficient "
        "within the ZOPA",
    )
    if result.skipped:
        header.add_row(
            "[bold yellow]Skipped[/bold yellow]",
            f"{', '.join(result.skipped)}: over a work limit (why: on stderr)",
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


def _count(value: int | None) -> str:
    return "(not counted)" if value is None else f"{value:,}"


def _cell(value: object) -> str:
    if value is None:
        return "[dim]-[/dim]"
    return f"{value:.3f}" if isinstance(value, float) else str(value).replace("_", " ")


def summary_tables(
    scenario: Scenario, summary: dict[str, Any], options: Any
) -> list[RenderableType]:
    low, high = summary["agreement_rate_95ci"]
    header = Table.grid(padding=(0, 2))
    header.add_row(
        "[bold]Runs[/bold]", f"{summary['runs']:,} (seed {options.seed}) in {options.out}"
    )
    header.add_row(
        "[bold]Agreement[/bold]",
        f"{summary['agreement_rate']:.1%} (95% interval {low:.1%} to {high:.1%})",
    )
    given, early = (
        summary.get("agreement_given_no_breakdown"),
        summary.get("deals_before_last_quarter"),
    )
    if given is not None:
        header.add_row("[bold]Without breakdown[/bold]", f"{given:.1%} agree")
    if early is not None:
        header.add_row("[bold]Timing[/bold]", f"{early:.0%} of deals before the last quarter")
    reasons = ", ".join(f"{k} {v:,}" for k, v in summary["no_deal_reasons"].items()) or "none"
    header.add_row("[bold]No deal[/bold]", reasons)
    terms = Table(title="Agreed terms", title_justify="left")
    terms.add_column("issue", no_wrap=True)
    terms.add_column("median or most common")
    terms.add_column("spread")
    for issue, found in summary["terms"].items():
        if "median" in found:
            terms.add_row(
                issue, f"{found['median']:g}", f"quartiles {found['q1']:g} to {found['q3']:g}"
            )
        elif found:
            label, share = max(found["shares"].items(), key=lambda kv: kv[1])
            terms.add_row(issue, label.replace("_", " "), f"{share:.0%} of deals")
    gains = Table(title="Mean utility per actor", title_justify="left")
    gains.add_column("actor", no_wrap=True)
    gains.add_column("mean utility", justify="right")
    gains.add_column("walk-away", justify="right")
    gains.add_column("deals at walk-away", justify="right")
    gains.add_column("walked out", justify="right")
    walkaways = summary.get("mean_walkaway", {})
    for actor, value in summary["mean_utility"].items():
        stated = scenario.actors[actor].reservation
        walkaway = walkaways.get(actor, stated.value if stated is not None else float("nan"))
        gains.add_row(
            scenario.actors[actor].label,
            f"{value:.3f}",
            f"{walkaway:.3f}",
            _share(summary.get("at_walkaway", {}).get(actor)),
            _share(summary.get("walked_out", {}).get(actor, 0.0)),
        )
    return [header, terms, gains]


def _share(value: float | None) -> str:
    return "[dim]-[/dim]" if value is None else f"{value:.0%}"


def sensitivity_table(indices: Any, method: str) -> Table:
    """Indices for the agreement rate, largest first."""
    table = Table(title=f"Sensitivity of the agreement rate ({method})", title_justify="left")
    table.add_column("parameter", no_wrap=True)
    keys = ("S1", "ST") if method == "sobol" else ("mu_star", "sigma")
    for key in keys:
        table.add_column(key, justify="right")
    rows = indices[indices["output"] == "agreement"]
    order = "ST" if method == "sobol" else "mu_star"
    if order in rows:
        rows = rows.sort_values(order, ascending=False)
    for _, row in rows.iterrows():
        cells = ["constant" if row.get(k) != row.get(k) else f"{row[k]:.3f}" for k in keys]
        table.add_row(str(row["parameter"]), *cells)
    return table
