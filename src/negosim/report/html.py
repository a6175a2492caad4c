"""One self-contained HTML page per experiment: figures embedded, no network, prints well.

It opens with the headline numbers, then the scenario with where each parameter comes from (the
article's sentence or the stated assumption), then every figure with a one-sentence reading, and
ends with the run's manifest so the numbers can be reproduced.
"""

from __future__ import annotations

import base64
import html
import io
import json
from collections.abc import Iterable

from negosim.plots.data import Results
from negosim.plots.figures import Panel
from negosim.scenario.base import Provenance
from negosim.scenario.couplings import Condition, Coupling, CrossTrack, Interaction
from negosim.scenario.issues import ContinuousIssue

STYLE = """
body { font-family: Georgia, 'Times New Roman', serif; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; color: #1a1a1a; line-height: 1.45; }
h1, h2, h3 { font-family: Helvetica, Arial, sans-serif; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.92rem; }
th, td { border-bottom: 1px solid #ccc; padding: 0.25rem 0.6rem; text-align: left; vertical-align: top; }
.headline { font-size: 1.3rem; }
.source { color: #0b5394; } .assumption { color: #8a4b00; }
figure { margin: 1.5rem 0; page-break-inside: avoid; }
figure img { max-width: 100%; }
figcaption { font-style: italic; }
pre { background: #f4f4f4; padding: 0.6rem; overflow-x: auto; font-size: 0.8rem; }
@media print { body { max-width: none; margin: 0; } h2 { page-break-before: auto; } }
"""


def report_html(results: Results, figures: Iterable[Panel]) -> str:
    scenario = results.scenario
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{_e(scenario.title)}: negosim report</title><style>{STYLE}</style></head><body>",
        f"<h1>{_e(scenario.title)}</h1>",
        f"<p>{_e(scenario.summary)}</p>",
        *_headline(results),
        "<h2>The scenario</h2>",
        f"<p>{_e(scenario.description)}</p>",
        *_provenance_note(scenario),
        *_actors(results),
        *_issues(results),
        *_couplings(results),
        "<h2>Figures</h2>",
        *(_figure(panel) for panel in figures),
        "<h2>Run manifest</h2>",
        f"<pre>{_e(json.dumps(results.manifest or {}, indent=2))}</pre>",
        "</body></html>",
    ]
    return "\n".join(parts)


def _headline(results: Results) -> list[str]:
    summary = results.summary
    if summary is None:
        return []
    low, high = summary["agreement_rate_95ci"]
    reasons = ", ".join(f"{k}: {v:,}" for k, v in summary["no_deal_reasons"].items()) or "none"
    utilities = ", ".join(
        f"{_e(results.scenario.actors[a].label)} {v:.3f}"
        for a, v in summary["mean_utility"].items()
    )
    return [
        "<h2>Headline</h2>",
        f'<p class="headline">A deal in <strong>{summary["agreement_rate"]:.1%}</strong> of '
        f"{summary['runs']:,} runs (95% interval {low:.1%} to {high:.1%}).</p>",
        f"<p>{_e(_timing(summary))}</p>",
        f"<p>No deal: {_e(reasons)}. Mean utility: {utilities}.</p>",
    ]


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


def _provenance_note(scenario: object) -> list[str]:
    return [
        '<p>Each value is marked <span class="source">source</span> (a sentence of the article) or '
        '<span class="assumption">assumption</span> (why the modeller chose it).</p>'
    ]


def _cite(item: Provenance) -> str:
    cited = []
    if item.source:
        cited.append(f'<span class="source">“{_e(item.source)}”</span>')
    if item.assumption:
        cited.append(f'<span class="assumption">Assumption: {_e(item.assumption)}</span>')
    return "<br>".join(cited)


def _actors(results: Results) -> list[str]:
    rows = [
        "<h3>Stakeholders</h3><table><tr><th>actor</th><th>power</th><th>walk-away</th>"
        "<th>patience</th><th>strategy</th><th>why</th></tr>"
    ]
    rows.extend(
        f"<tr><td>{_e(actor.label)}</td><td>{actor.power.value:g}</td>"
        f"<td>{actor.reservation.value:g}</td><td>{actor.discount.value:g}</td>"
        f"<td>{_e(actor.strategy.name)}</td><td>{_cite(actor)}<br>{_cite(actor.reservation)}</td></tr>"
        for actor in results.scenario.actors.values()
    )
    rows.append("</table>")
    return rows


def _issues(results: Results) -> list[str]:
    rows = [
        "<h3>Issues</h3><table><tr><th>issue</th><th>track</th><th>options</th><th>draft</th>"
        "<th>why</th></tr>"
    ]
    for name, issue in results.scenario.issues.items():
        options = (
            f"{issue.min:g} to {issue.max:g} {issue.unit}"
            if isinstance(issue, ContinuousIssue)
            else ", ".join(issue.values)
        )
        rows.append(
            f"<tr><td>{_e(name)}</td><td>{_e(issue.track)}</td><td>{_e(options)}</td>"
            f"<td>{_e(str(issue.draft or '-'))}</td><td>{_cite(issue)}</td></tr>"
        )
    rows.append("</table>")
    return rows


def _couplings(results: Results) -> list[str]:
    couplings = results.scenario.couplings
    if not couplings:
        return []
    rows = [
        "<h3>Conditions and couplings</h3><table><tr><th>kind</th><th>what</th><th>why</th></tr>"
    ]
    rows.extend(
        f"<tr><td>{_e(c.kind)}</td><td>{_e(describe_coupling(c))}</td><td>{_cite(c)}</td></tr>"
        for c in couplings
    )
    rows.append("</table>")
    return rows


def describe_coupling(coupling: Coupling) -> str:
    """The coupling in one plain sentence."""
    if isinstance(coupling, Condition):
        if coupling.one_of is not None or coupling.none_of is not None:
            test = (
                f"is one of {', '.join(coupling.one_of)}"
                if coupling.one_of is not None
                else f"is not {', '.join(coupling.none_of or [])}"
            )
        else:
            bounds = [
                f"at least {coupling.at_least:g}" if coupling.at_least is not None else "",
                f"at most {coupling.at_most:g}" if coupling.at_most is not None else "",
            ]
            test = "is " + " and ".join(b for b in bounds if b)
        return f"{coupling.actor} accepts nothing unless {coupling.issue} {test}"
    if isinstance(coupling, Interaction):
        return (
            f"{coupling.actor}'s value of {', '.join(coupling.scales)} is scaled by "
            f"{coupling.floor:g} + {1 - coupling.floor:g} x ({coupling.factor.kind} in {coupling.by})"
        )
    assert isinstance(coupling, CrossTrack)
    return (
        f"the {coupling.track} track keeps {coupling.factor_without.value:g} of its value to "
        f"{', '.join(coupling.actors)} unless {coupling.depends_on} is settled"
    )


def _figure(panel: Panel) -> str:
    buffer = io.BytesIO()
    panel.figure.savefig(buffer, format="png", dpi=110)
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (
        f'<figure id="{_e(panel.name)}"><img alt="{_e(panel.name)}" '
        f'src="data:image/png;base64,{encoded}"><figcaption>{_e(panel.reading)}</figcaption></figure>'
    )


def _e(text: object) -> str:
    return html.escape(str(text))
