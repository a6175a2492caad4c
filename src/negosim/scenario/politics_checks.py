"""Checks of the wars that need the whole scenario: sides, issue, costs and what may be sampled."""

from __future__ import annotations

from collections.abc import Iterator

from negosim.scenario.model import Scenario, Track
from negosim.scenario.problems import Path, Problem, show, unknown


def check_wars(scenario: Scenario) -> Iterator[Problem]:
    """Every war's sides are parties who value its issue, each with a cost of fighting.

    Parameters
    ----------
    scenario
        A scenario whose parts each passed pydantic's checks.

    Yields
    ------
    Problem
        Each thing wrong with a war, or with sampling a walk-away that a war decides.
    """
    at_war = [name for name, track in scenario.tracks.items() if track.war is not None]
    for name in at_war:
        yield from _check_war(scenario, ("tracks", name, "war"), name, scenario.tracks[name])
    for name in at_war[1:]:
        yield Problem(
            ("tracks", name, "war"),
            "only one track may carry a war",
            allowed=f"the war on track '{at_war[0]}' alone",
        )
    sides = {payer for track in scenario.tracks.values() if track.war for payer in track.war.costs}
    for name, actor in scenario.actors.items():
        if actor.reservation is None and name not in sides:
            yield Problem(
                ("actors", name),
                "no walk-away: give a reservation, or a cost in a war that sets it",
                allowed="reservation: a number between 0 and 1",
            )
    for name, variant in scenario.variants.items():
        for path in variant.set:
            parts = path.split(".")
            if (
                parts[:1] == ["actors"]
                and parts[1:2]
                and parts[1] in sides
                and parts[2:3] == ["reservation"]
            ):
                yield Problem(
                    ("variants", name, "set", path),
                    f"{parts[1]}'s walk-away is what the war is worth to it, set by the war",
                    show(path),
                    "set the war's victory or costs instead",
                )
    for i, entry in enumerate(scenario.uncertainty):
        parts = entry.path.split(".")
        if (
            len(parts) == 3
            and parts[0] == "actors"
            and parts[1] in sides
            and parts[2] == "reservation"
        ):
            yield Problem(
                ("uncertainty", i, "path"),
                f"{parts[1]}'s walk-away is what the war is worth to it, set by the war",
                show(entry.path),
                "sample the war's victory or costs instead",
            )


def _check_war(scenario: Scenario, base: Path, name: str, track: Track) -> Iterator[Problem]:
    assert track.war is not None
    war, issues = track.war, scenario.issues_of([name])
    if war.issue not in issues:
        yield unknown((*base, "issue"), f"issue of track '{name}'", war.issue, issues)
    for i, side in enumerate(war.sides):
        if side not in track.ratification.parties:
            yield unknown((*base, "sides", i), "party", side, track.ratification.parties)
        elif side in scenario.actors and war.issue not in _valued(scenario, side):
            yield Problem(
                (*base, "sides", i),
                f"{side} puts no weight on '{war.issue}', so winning it is worth nothing to it",
                show(side),
                f"a positive weight on {war.issue} in actors.{side}.weights",
            )
        if side not in war.costs:
            yield Problem((*base, "costs"), f"no cost of fighting for {side}", allowed=side)
    for payer in war.costs.keys() - set(track.ratification.parties):
        yield unknown((*base, "costs", payer), "party", payer, track.ratification.parties)


def _valued(scenario: Scenario, actor: str) -> set[str]:
    """The issues an actor puts a positive weight on."""
    return {issue for issue, weight in scenario.actors[actor].weights.items() if weight.value > 0}
