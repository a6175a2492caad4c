"""One self-contained HTML page per experiment: figures embedded, no network, prints well.

It opens with the headline numbers, then the scenario with where each parameter comes from (the
article's sentence or the stated assumption), then every figure with a one-sentence reading, and
ends with the run's manifest so the numbers can be reproduced.
"""

from __future__ import annotations

import base64
import io
import json
from collections.abc import Iterable, Mapping

from negosim.games.setup import walk_aways
from negosim.plots.data import Results, ResultsError, load_results
from negosim.plots.figures import Panel
from negosim.report.sentences import coupling_sentence
from negosim.report.templates import render
from negosim.scenario.issues import ContinuousIssue, Issue
from negosim.scenario.words import parameter_words


def report_html(results: Results, figures: Iterable[Panel]) -> str:
    """The experiment's page.

    Parameters
    ----------
    results
        What the results directory holds.
    figures
        The figures to embed, each with its reading.

    Returns
    -------
    str
        One self-contained HTML page.
    """
    scenario = results.scenario
    return render(
        "report.html.j2",
        scenario=scenario,
        walkaway={a: f"{v:g}" for a, v in walk_aways(scenario).items()},
        headline=_headline(results),
        why=_why(results),
        issues=[_issue(name, issue) for name, issue in scenario.issues.items()],
        couplings=[
            {"kind": c.kind, "what": coupling_sentence(c, scenario), "cited": c}
            for c in scenario.couplings
        ],
        figures=[_figure(panel) for panel in figures],
        manifest=json.dumps(results.manifest or {}, indent=2),
    )


def _headline(results: Results) -> dict[str, str] | None:
    summary = results.summary
    if summary is None:
        return None
    low, high = summary["agreement_rate_95ci"]
    return {
        "rate": f"{summary['agreement_rate']:.1%}",
        "runs": f"{summary['runs']:,}",
        "low": f"{low:.1%}",
        "high": f"{high:.1%}",
        "timing": _timing(summary),
        "reasons": ", ".join(f"{k}: {v:,}" for k, v in summary["no_deal_reasons"].items())
        or "none",
        "utilities": ", ".join(
            f"{results.scenario.actors[a].label} {v:.3f}"
            for a, v in summary["mean_utility"].items()
        ),
    }


def _why(results: Results) -> dict[str, object] | None:
    """Who binds, who walks out, and which sampled parameters move agreement, for the report."""
    summary = results.summary
    if summary is None or "mean_walkaway" not in summary:
        return None
    actors = [
        {
            "label": results.scenario.actors[a].label,
            "walkaway": f"{summary['mean_walkaway'][a]:.3f}",
            "binding": _percent(summary.get("at_walkaway", {}).get(a)),
            "walked_out": _percent(summary.get("walked_out", {}).get(a, 0.0)),
        }
        for a in summary["mean_walkaway"]
    ]
    movers = [
        {
            "parameter": parameter_words(results.scenario, path),
            "above": _percent(split["above_median"]),
            "below": _percent(split["below_median"]),
        }
        for path, split in list(summary.get("moves_agreement", {}).items())[:5]
    ]
    return {
        "actors": actors,
        "movers": movers,
        "information": _information(results),
        "compared": _information_cost(results),
    }


def _information_cost(results: Results) -> list[dict[str, str]] | None:
    """Private against complete information, when ``negosim run --information full`` has been run
    beside these runs (its directory is this one's name with ``-full-information``)."""
    if results.directory.name.endswith("-full-information"):
        return None
    beside = results.directory.with_name(results.directory.name + "-full-information")
    if not (beside / "summary.json").is_file():
        return None
    try:
        full = load_results(beside).summary
    except ResultsError:
        return None
    private = results.summary
    if full is None or private is None:
        return None
    rows = [
        ("deal", private["agreement_rate"], full["agreement_rate"], "{:.1%}"),
        (
            "deal, among runs without a breakdown",
            private.get("agreement_given_no_breakdown"),
            full.get("agreement_given_no_breakdown"),
            "{:.1%}",
        ),
    ]
    for actor, value in private["mean_utility"].items():
        label = results.scenario.actors[actor].label
        rows.append((f"mean utility, {label}", value, full["mean_utility"].get(actor), "{:.3f}"))
    return [
        {"what": what, "private": _shown(a, form), "full": _shown(b, form)}
        for what, a, b, form in rows
    ]


def _shown(value: object, form: str) -> str:
    return form.format(value) if isinstance(value, int | float) else "-"


def _information(results: Results) -> str:
    """What the negotiators knew of each other, in a sentence (the cost of private information is
    the gap between a run as stated and one with ``negosim run --information full``)."""
    known = {
        actor.label: _known(actor.strategy.name, actor.strategy.params)
        for actor in results.scenario.actors.values()
    }
    if all(value == "full" for value in known.values() if value != "-"):
        return (
            "Every strategy knew the others' utilities, red lines and walk-aways "
            "(negosim run --information full): the runs show what complete information gives."
        )
    told = ", ".join(f"{label}: {value}" for label, value in known.items())
    return (
        f"What each strategy knew of the others ({told}); walk-aways are private unless "
        "'full' ('prior': known by the scenario's distribution of them, updated from the "
        "table). Run again with negosim run --information full to see what private "
        "information costs."
    )


def _known(strategy: str, params: Mapping[str, object]) -> str:
    """A strategy's ``information``, as set or by default ("-" for one without the parameter)."""
    from negosim.strategies.registry import STRATEGIES

    spec = STRATEGIES[strategy].parameters.get("information") if strategy in STRATEGIES else None
    return str(params.get("information", spec[1] if spec else "-"))


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _issue(name: str, issue: Issue) -> dict[str, object]:
    options = (
        f"{issue.min:g} to {issue.max:g} {issue.unit}"
        if isinstance(issue, ContinuousIssue)
        else ", ".join(issue.values)
    )
    draft = str(issue.draft or "-")
    return {"name": name, "track": issue.track, "options": options, "draft": draft, "cited": issue}


def _timing(summary: dict[str, object]) -> str:
    """Agreement among the runs that did not break down, and how early the deals came."""
    given = summary.get("agreement_given_no_breakdown")
    early = summary.get("deals_before_last_quarter")
    parts = []
    if isinstance(given, float):
        parts.append(f"Among runs without a breakdown, a deal in {given:.1%}.")
    if isinstance(early, float):
        parts.append(f"{early:.0%} of deals came before the last quarter of the deadline.")
    return " ".join(parts)


def _figure(panel: Panel) -> dict[str, str]:
    buffer = io.BytesIO()
    panel.figure.savefig(buffer, format="png", dpi=110)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return {"name": panel.name, "data": data, "reading": panel.reading}
