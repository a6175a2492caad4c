"""Checks of transferable goods and blocs that need the whole scenario: who they name."""

from __future__ import annotations

from collections.abc import Iterator

from negosim.scenario.issues import ContinuousIssue
from negosim.scenario.model import Scenario
from negosim.scenario.problems import Problem, unknown


def check_transfers(scenario: Scenario) -> Iterator[Problem]:
    """A good's rates name actors, who value it by their rate alone.

    Parameters
    ----------
    scenario
        A scenario whose parts each passed pydantic's checks.

    Yields
    ------
    Problem
        One per unknown actor, or actor that also weighs the good.
    """
    for name, issue in scenario.issues.items():
        if not isinstance(issue, ContinuousIssue):
            continue
        for actor in issue.rates:
            path = ("issues", name, "rates", actor)
            if actor not in scenario.actors:
                yield unknown(path, "actor", actor, scenario.actors)
            elif name in scenario.actors[actor].weights:
                yield Problem(
                    ("actors", actor, "weights", name),
                    f"'{name}' is a transferable good: {actor} values it by its rate",
                    allowed=f"remove weights.{name} and values.{name}, or the rate",
                )


def check_blocs(scenario: Scenario) -> Iterator[Problem]:
    """A bloc's members are actors at the table, each in one bloc only.

    Parameters
    ----------
    scenario
        A scenario whose parts each passed pydantic's checks.

    Yields
    ------
    Problem
        One per unknown member, member of a second bloc, or member who votes on no track.
    """
    seen: dict[str, str] = {}
    voting = {
        p for t in scenario.negotiated_tracks() for p in scenario.tracks[t].ratification.parties
    }
    for bloc, spec in scenario.blocs.items():
        for j, member in enumerate(spec.members):
            path = ("blocs", bloc, "members", j)
            if member not in scenario.actors:
                yield unknown(path, "actor", member, scenario.actors)
            elif member in seen:
                yield Problem(path, f"{member} is already in bloc '{seen[member]}'", member)
            elif member not in voting:
                yield Problem(path, f"{member} votes on no negotiated track", member)
            seen.setdefault(member, bloc)
