"""Checks that need the whole scenario: names that refer to other parts, and kinds that must match.

Pydantic checks each part on its own; these checks report unknown names together with the names
that are known, so a typo can be fixed without opening the documentation.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from negosim.scenario.actors import Actor
from negosim.scenario.catalogue import Catalogue
from negosim.scenario.coalition_checks import check_blocs, check_transfers
from negosim.scenario.couplings import Condition, CrossTrack, Interaction, IssueTest
from negosim.scenario.issues import ContinuousIssue, Issue
from negosim.scenario.model import Scenario
from negosim.scenario.politics import Ratifier
from negosim.scenario.politics_checks import check_wars
from negosim.scenario.problems import Path, Problem, one_of, show, unknown
from negosim.scenario.values import COMPATIBLE_VALUE_KINDS, ValueFunction


def check_references(scenario: Scenario, catalogue: Catalogue) -> list[Problem]:
    """Every name that refers to another part of the scenario, or to the engine, checked.

    Parameters
    ----------
    scenario
        A scenario whose parts each passed pydantic's checks.
    catalogue
        The protocols and strategies the engine offers.

    Returns
    -------
    list of Problem
        Every problem found, empty when the scenario is consistent.
    """
    return [
        *_check_tracks(scenario),
        *_check_issues(scenario),
        *(
            p
            for name, actor in scenario.actors.items()
            for p in _check_actor(scenario, name, actor)
        ),
        *_check_couplings(scenario),
        *_check_events(scenario),
        *_check_engine_names(scenario, catalogue),
        *_check_uncertainty(scenario),
        *check_wars(scenario),
        *check_transfers(scenario),
        *check_blocs(scenario),
    ]


def _check_uncertainty(scenario: Scenario) -> Iterator[Problem]:
    from negosim.scenario.paths import WEIGHTS, document, exists, numeric_paths

    paths = numeric_paths(scenario)
    scalars = sorted(p for p, kind in paths.items() if kind != WEIGHTS)
    for i, entry in enumerate(scenario.uncertainty):
        wanted = WEIGHTS if entry.dist == "dirichlet" else "scalar"
        if paths.get(entry.path) != wanted:
            examples = [p for p, kind in paths.items() if kind == wanted]
            yield Problem(
                ("uncertainty", i, "path"),
                f"not a {'weight vector' if wanted == WEIGHTS else 'numeric parameter'}"
                f" for dist '{entry.dist}'",
                show(entry.path),
                _some(examples, entry.path),
            )
    data = document(scenario)
    sampled = {entry.path: i for i, entry in enumerate(scenario.uncertainty)}
    for name, variant in scenario.variants.items():
        for path, value in variant.set.items():
            if not exists(data, path) and not _adds_entry(data, path, value):
                yield Problem(
                    ("variants", name, "set", path),
                    "no such field in this scenario",
                    show(path),
                    _some(scalars, path),
                )
            elif path in sampled:
                yield Problem(
                    ("variants", name, "set", path),
                    f"sampled by uncertainty.{sampled[path]}: every run would draw it afresh",
                    show(path),
                    f"set the distribution instead (uncertainty.{sampled[path]}.low, .high, ...)",
                )


def _adds_entry(data: dict[str, Any], path: str, value: Any) -> bool:
    """Whether a variant adds a whole named entry (an issue, a bloc) to a table of them."""
    from negosim.scenario.paths import exists, read

    parent, _, key = path.rpartition(".")
    return (
        bool(parent)
        and isinstance(value, dict)
        and exists(data, parent)
        and isinstance(read(data, parent), dict)
        and key.isidentifier()
    )


def _some(paths: list[str], near: str) -> str:
    """A few allowed paths, those sharing the longest prefix with ``near`` first."""

    def shared(path: str) -> int:
        """How many leading parts ``path`` shares with the path given.

        Parameters
        ----------
        path
            An allowed path.

        Returns
        -------
        int
            Shared leading parts.
        """
        pairs = zip(path.split("."), near.split("."), strict=False)
        return sum(1 for _ in itertools.takewhile(lambda pair: pair[0] == pair[1], pairs))

    shown = sorted(paths, key=lambda p: (-shared(p), p))[:8]
    more = f" (and {len(paths) - len(shown)} more)" if len(paths) > len(shown) else ""
    return "one of: " + ", ".join(shown) + more


def _check_events(scenario: Scenario) -> Iterator[Problem]:
    for i, event in enumerate(scenario.events):
        if event.actor not in scenario.actors:
            yield _unknown(("events", i, "actor"), "actor", event.actor, scenario.actors)
        elif event.issue is not None and event.issue not in scenario.actors[event.actor].weights:
            yield _unknown(
                ("events", i, "issue"),
                f"issue weighted by {event.actor}",
                event.issue,
                scenario.actors[event.actor].weights,
            )
        if event.by is not None and event.by not in scenario.actors:
            yield _unknown(("events", i, "by"), "actor", event.by, scenario.actors)
        if event.when is not None:
            yield from _check_test(scenario, ("events", i, "when"), event.when)


def _check_engine_names(scenario: Scenario, catalogue: Catalogue) -> Iterator[Problem]:
    for name, track in scenario.tracks.items():
        if track.protocol not in catalogue.protocols:
            yield _unknown(
                ("tracks", name, "protocol"), "protocol", track.protocol, catalogue.protocols
            )
        if track.mediator is not None and track.mediator not in track.ratification.parties:
            yield _unknown(
                ("tracks", name, "mediator"), "party", track.mediator, track.ratification.parties
            )
    for name, actor in scenario.actors.items():
        path: Path = ("actors", name, "strategy")
        if actor.strategy.name not in catalogue.strategies:
            yield _unknown((*path, "name"), "strategy", actor.strategy.name, catalogue.strategies)
            continue
        params = actor.strategy.params
        for key, message, allowed in catalogue.parameter_problems(actor.strategy.name, params):
            yield Problem(
                (*path, "params", key), message, show(actor.strategy.params.get(key)), allowed
            )


_unknown = unknown


def _check_tracks(scenario: Scenario) -> Iterator[Problem]:
    if not scenario.negotiated_tracks():
        yield Problem(
            ("tracks",), "no track is negotiated", allowed="at least one negotiated track"
        )
    for name, track in scenario.tracks.items():
        base: Path = ("tracks", name, "ratification")
        for field in ("parties", "veto"):
            for i, actor in enumerate(getattr(track.ratification, field)):
                if actor not in scenario.actors:
                    yield _unknown((*base, field, i), "actor", actor, scenario.actors)
                elif field == "veto" and actor not in track.ratification.parties:
                    yield Problem(
                        (*base, field, i),
                        "a veto player must be a party",
                        show(actor),
                        one_of(track.ratification.parties),
                    )
        for i, consent in enumerate(track.ratification.consent):
            path = (*base, "consent", i)
            if consent.actor not in track.ratification.parties:
                yield Problem(
                    (*path, "actor"),
                    "only a party can be asked to consent",
                    show(consent.actor),
                    one_of(track.ratification.parties),
                )
            yield from _check_test(scenario, path, consent)
        if track.negotiated and not scenario.issues_of([name]):
            yield Problem(
                ("tracks", name),
                "negotiated track has no issue",
                allowed="give at least one issue 'track: " + name + "'",
            )


def _check_issues(scenario: Scenario) -> Iterator[Problem]:
    for name, issue in scenario.issues.items():
        if issue.track not in scenario.tracks:
            yield _unknown(("issues", name, "track"), "track", issue.track, scenario.tracks)


def _check_actor(scenario: Scenario, name: str, actor: Actor) -> Iterator[Problem]:
    base: Path = ("actors", name)
    yield from _check_preferences(scenario, base, actor)
    for issue in actor.salience:
        if issue not in scenario.issues:
            yield _unknown((*base, "salience", issue), "issue", issue, scenario.issues)
    if actor.ratifier is not None:
        yield from _check_preferences(scenario, (*base, "ratifier"), actor.ratifier)
    yield from _check_party_cares(scenario, name, actor)


def _check_preferences(scenario: Scenario, base: Path, spec: Actor | Ratifier) -> Iterator[Problem]:
    """Weights and value functions name known issues, pair up, and fit their issues."""
    for field in ("weights", "values"):
        for issue in getattr(spec, field):
            if issue not in scenario.issues:
                yield _unknown((*base, field, issue), "issue", issue, scenario.issues)
    known = scenario.issues.keys()
    for issue in sorted((spec.weights.keys() - spec.values.keys()) & known):
        yield Problem(
            (*base, "weights", issue),
            "weighted issue has no value function",
            allowed=f"add values.{issue}",
        )
    for issue in sorted((spec.values.keys() - spec.weights.keys()) & known):
        yield Problem(
            (*base, "values", issue),
            "value function for an issue with no weight",
            allowed=f"add weights.{issue} or remove this value function",
        )
    for issue, function in spec.values.items():
        if issue in scenario.issues:
            yield from _check_value_function(
                (*base, "values", issue), scenario.issues[issue], function
            )


def _check_party_cares(scenario: Scenario, name: str, actor: Actor) -> Iterator[Problem]:
    for track_name in scenario.negotiated_tracks():
        if name not in scenario.tracks[track_name].ratification.parties:
            continue
        issues = scenario.issues_of([track_name])
        rated = [i for i in issues if getattr(scenario.issues[i], "rates", {}).get(name)]
        if not rated and sum(actor.weights[i].value for i in issues if i in actor.weights) <= 0:
            yield Problem(
                ("actors", name, "weights"),
                f"party to track '{track_name}' but puts no weight on its issues",
                allowed="a positive weight on one of: " + ", ".join(issues),
            )


def _check_value_function(path: Path, issue: Issue, function: ValueFunction) -> Iterator[Problem]:
    allowed_kinds = COMPATIBLE_VALUE_KINDS[issue.kind]
    if function.kind not in allowed_kinds:
        yield Problem(
            (*path, "kind"),
            f"not usable on a {issue.kind} issue",
            show(function.kind),
            one_of(allowed_kinds),
        )
        return
    if function.kind == "table":
        labels = list(getattr(issue, "values", []))
        for label in function.table.keys() - set(labels):
            yield _unknown((*path, "table", label), "option", label, labels)
        missing = [label for label in labels if label not in function.table]
        if missing:
            yield Problem(
                (*path, "table"),
                "table does not score every option",
                allowed="add: " + ", ".join(missing),
            )
        return
    for anchor in function.anchors:
        yield from _check_point((*path, anchor), issue, getattr(function, anchor))


def _check_point(path: Path, issue: Issue, point: float | str) -> Iterator[Problem]:
    if isinstance(issue, ContinuousIssue):
        if isinstance(point, str):
            yield Problem(
                path,
                "must be a number on a continuous issue",
                show(point),
                f"a number in [{issue.min}, {issue.max}]",
            )
        elif not issue.min <= point <= issue.max:
            yield Problem(
                path,
                "outside the issue's bounds",
                show(point),
                f"a number in [{issue.min}, {issue.max}]",
            )
    elif str(point) not in issue.values:
        yield Problem(path, "unknown option", show(point), one_of(issue.values))


def _check_couplings(scenario: Scenario) -> Iterator[Problem]:
    for i, coupling in enumerate(scenario.couplings):
        base: Path = ("couplings", i)
        actors = coupling.actors if isinstance(coupling, CrossTrack) else [coupling.actor]
        field = "actors" if isinstance(coupling, CrossTrack) else "actor"
        for j, actor in enumerate(actors):
            if actor not in scenario.actors:
                path = (*base, field, j) if field == "actors" else (*base, field)
                yield _unknown(path, "actor", actor, scenario.actors)
        if isinstance(coupling, Condition):
            yield from _check_test(scenario, base, coupling)
        elif isinstance(coupling, Interaction):
            yield from _check_interaction(scenario, base, coupling)
        else:
            yield from _check_cross_track(scenario, base, coupling)


def _check_test(scenario: Scenario, base: Path, condition: IssueTest) -> Iterator[Problem]:
    issue = scenario.issues.get(condition.issue)
    if issue is None:
        yield _unknown((*base, "issue"), "issue", condition.issue, scenario.issues)
        return
    labelled = condition.one_of is not None or condition.none_of is not None
    if isinstance(issue, ContinuousIssue) == labelled:
        wanted = "at_least / at_most" if isinstance(issue, ContinuousIssue) else "one_of / none_of"
        yield Problem(
            (*base, "issue"), f"a {issue.kind} issue needs {wanted}", show(condition.issue)
        )
        return
    for field in ("one_of", "none_of"):
        for j, label in enumerate(getattr(condition, field) or []):
            if label not in getattr(issue, "values", []):
                yield _unknown((*base, field, j), "option", label, getattr(issue, "values", []))


def _check_interaction(scenario: Scenario, base: Path, coupling: Interaction) -> Iterator[Problem]:
    actor = scenario.actors.get(coupling.actor)
    for j, issue in enumerate(coupling.scales):
        if actor is not None and issue not in actor.weights:
            yield _unknown(
                (*base, "scales", j), f"issue weighted by {coupling.actor}", issue, actor.weights
            )
    by = scenario.issues.get(coupling.by)
    if by is None:
        yield _unknown((*base, "by"), "issue", coupling.by, scenario.issues)
    else:
        yield from _check_value_function((*base, "factor"), by, coupling.factor)


def _check_cross_track(scenario: Scenario, base: Path, coupling: CrossTrack) -> Iterator[Problem]:
    for field in ("track", "depends_on"):
        name = getattr(coupling, field)
        if name not in scenario.tracks:
            yield _unknown((*base, field), "track", name, scenario.tracks)
    if coupling.track == coupling.depends_on:
        yield Problem(
            (*base, "depends_on"),
            "a track cannot depend on itself",
            show(coupling.depends_on),
            one_of([t for t in scenario.tracks if t != coupling.track]),
        )
