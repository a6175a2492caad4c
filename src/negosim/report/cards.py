"""Seminar material: a public scenario card and a confidential role sheet per stakeholder.

A role sheet turns the actor's utility into points, as role-play packages do: each option of each
issue is worth 100 × its share of the actor's weight × its value, so a deal's points add up and the
walk-away point is 100 × the reservation utility. Hard conditions, couplings and the clock (the
deadline and how fast delay costs) are spelled out in words, with the article's quotes.
"""

from __future__ import annotations

from negosim.games.setup import walk_aways
from negosim.outcomes.space import make_axis
from negosim.outcomes.values import value_vector
from negosim.report.document import Block, Heading, Paragraph, Quote, TableBlock
from negosim.report.sentences import coupling_sentence
from negosim.scenario.couplings import Condition
from negosim.scenario.issues import ContinuousIssue
from negosim.scenario.model import Scenario


def scenario_card(scenario: Scenario) -> list[Block]:
    blocks: list[Block] = [Heading(scenario.title, 1), Paragraph(scenario.summary)]
    if scenario.description:
        blocks.append(Paragraph(scenario.description))
    blocks.append(Heading("The stakeholders"))
    for actor in scenario.actors.values():
        blocks.append(Paragraph(f"{actor.label}: {actor.description}".rstrip(": ")))
        if actor.source:
            blocks.append(Quote(actor.source))
    blocks.append(Heading("What is on the table"))
    for name, track in scenario.tracks.items():
        if not track.negotiated:
            continue
        parties = ", ".join(scenario.actors[p].label for p in track.ratification.parties)
        vetoes = ", ".join(scenario.actors[p].label for p in track.ratification.vetoes()) or "none"
        blocks += [
            Heading(f"{name.replace('_', ' ').capitalize()} track", 3),
            Paragraph(
                f"{track.description} Parties: {parties}. Veto: {vetoes}. "
                f"Deadline: {track.deadline} rounds."
            ),
        ]
        rows = tuple(_issue_row(scenario, issue) for issue in scenario.issues_of([name]))
        blocks.append(TableBlock(("issue", "options", "draft", "from the article"), rows))
    return blocks


def _issue_row(scenario: Scenario, name: str) -> tuple[str, ...]:
    issue = scenario.issues[name]
    options = (
        f"{issue.min:g} to {issue.max:g} ({issue.unit})"
        if isinstance(issue, ContinuousIssue)
        else ", ".join(v.replace("_", " ") for v in issue.values)
    )
    return (
        issue.label or name.replace("_", " "),
        options,
        str(issue.draft or "-"),
        issue.source or issue.assumption or "",
    )


def role_sheet(scenario: Scenario, actor_name: str) -> list[Block]:
    actor = scenario.actors[actor_name]
    total = sum(w.value for w in actor.weights.values()) or 1.0
    total = total if actor.weighting == "normalised" else 1.0
    blocks: list[Block] = [
        Heading(f"{actor.label}: confidential instructions", 1),
        Paragraph("CONFIDENTIAL — for the player of this role only."),
        Paragraph(actor.description or ""),
        Heading("Your priorities"),
    ]
    if actor.assumption:  # priorities the article does not state are labelled as a whole
        blocks.append(Paragraph(f"(Assumed: {actor.assumption})"))
    for issue, weight in sorted(actor.weights.items(), key=lambda kv: -kv[1].value):
        if weight.value <= 0:
            continue
        blocks.append(
            Paragraph(
                f"{issue.replace('_', ' ')}: {100 * weight.value / total:.0f} "
                f"of your 100 points at stake."
            )
        )
        if weight.source:
            blocks.append(Quote(weight.source))
        if weight.assumption:  # a quote read as a priority is still an assumption: say so
            blocks.append(Paragraph(f"(Assumed: {weight.assumption})"))
    blocks.append(Heading("Points for every option"))
    for issue, weight in actor.weights.items():
        if weight.value <= 0:
            continue
        points = _points(scenario, actor_name, issue, 100 * weight.value / total)
        rows = tuple((o, f"{p:.0f}") for o, p in _shown(points))
        blocks += [
            Heading(issue.replace("_", " "), 3, tile=True),
            TableBlock(("option", "points"), rows, tile=True),
        ]
    blocks += _limits(scenario, actor_name)
    return blocks


def _points(scenario: Scenario, actor: str, issue: str, stake: float) -> list[tuple[str, float]]:
    axis = make_axis(issue, scenario.issues[issue])
    values = value_vector(scenario.actors[actor].values[issue], axis)
    return [(str(axis.value(i)).replace("_", " "), stake * float(v)) for i, v in enumerate(values)]


SHOWN_OPTIONS = 25
"""Beyond this many options (a GENIUS domain's bids), a sheet lists the best ones and a count."""


def _shown(points: list[tuple[str, float]]) -> list[tuple[str, float]]:
    if len(points) <= SHOWN_OPTIONS:
        return points
    best = sorted(points, key=lambda point: -point[1])[: SHOWN_OPTIONS - 1]
    return [*best, (f"... {len(points) - len(best):,} more options, none worth more", best[-1][1])]


def _walk_away(scenario: Scenario, actor_name: str) -> str:
    """The walk-away in points; where a war sets it, what the war is worth and why."""
    points = 100 * walk_aways(scenario)[actor_name]
    text = f"Walk away below {points:.0f} points: that is what no deal is worth to you."
    war = next((t.war for t in scenario.tracks.values() if t.war is not None), None)
    if war is None or actor_name not in war.costs:
        return text
    first, second = (scenario.actors[side].label for side in war.sides)
    issue = war.issue.replace("_", " ")
    moving = " Your walk-away moves with the front line." if war.front and war.front.chance else ""
    return (
        f"{text} No deal means the war goes on: {first} wins the fight over {issue} with "
        f"probability {war.victory.value:.0%}, otherwise {second} does, and the war costs you "
        f"{100 * war.costs[actor_name].value:.0f} points.{moving}"
    )


def _limits(scenario: Scenario, actor_name: str) -> list[Block]:
    actor = scenario.actors[actor_name]
    delay = 100 * (1 - actor.discount.value)
    patience = (
        f"Each round of delay costs you about {delay:.0f}% of a deal's value."
        if actor.discount.per == "round"
        else f"Delay wears a deal down: at the deadline it is worth {100 - delay:.0f}% of "
        "what it is worth now."
    )
    deadlines = ", ".join(
        f"{t}: {tr.deadline} rounds"
        for t, tr in scenario.tracks.items()
        if tr.negotiated and actor_name in tr.ratification.parties
    )
    blocks: list[Block] = [
        Heading("Your limits"),
        Paragraph(_walk_away(scenario, actor_name)),
        Paragraph(f"Deadlines — {deadlines}. {patience}"),
    ]
    own = [
        c
        for c in scenario.couplings
        if getattr(c, "actor", None) == actor_name or actor_name in getattr(c, "actors", [])
    ]
    for coupling in own:
        heading = "Your red line" if isinstance(coupling, Condition) else "Keep in mind"
        sentence = coupling_sentence(coupling, scenario, you=actor_name)
        first, _, rest = sentence.partition(" ")
        if first in ("You", "What", "Unless"):  # a label keeps its capital after the colon
            sentence = f"{first.lower()} {rest}"
        blocks.append(Paragraph(f"{heading}: {sentence}."))
        if coupling.source:
            blocks.append(Quote(coupling.source))
    return blocks + _coalitions(scenario, actor_name)


def _coalitions(scenario: Scenario, actor_name: str) -> list[Block]:
    """What the actor gains or pays by each transferable good, and the bloc it speaks in."""
    blocks: list[Block] = []
    for name, issue in scenario.issues.items():
        rate = getattr(issue, "rates", {}).get(actor_name)
        if rate is None:
            continue
        unit = getattr(issue, "unit", "unit")
        side = "you gain" if rate.value > 0 else "it costs you"
        blocks.append(
            Paragraph(
                f"{name.replace('_', ' ')} can change hands: {side} {100 * abs(rate.value):.0f} "
                f"points per {unit}, counted from where it stands now."
            )
        )
        if rate.assumption:
            blocks.append(Paragraph(f"(Assumed: {rate.assumption})"))
    for bloc in scenario.blocs.values():
        if actor_name in bloc.members:
            others = [scenario.actors[m].label for m in bloc.members if m != actor_name]
            share = bloc.weights()[bloc.members.index(actor_name)]
            blocks.append(
                Paragraph(
                    f"You speak as one bloc with {', '.join(others)}: you weigh a deal by the "
                    f"bloc's points (yours count {share:.0%}), the bloc proposes once, and no "
                    "member signs what another's red lines forbid or what leaves it below its "
                    "own walk-away."
                )
            )
            if bloc.assumption:
                blocks.append(Paragraph(f"(Assumed: {bloc.assumption})"))
    return blocks
