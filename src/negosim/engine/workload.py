"""The work a scenario asks of a simulation, checked before any is done.

A valid scenario can still need tables of gigabytes or a backward induction of hours. Checking it
here, before a run starts or an experiment writes its first chunk, turns that into one message with
the estimate (and the limit to raise) rather than a machine that runs out of memory an hour later.
"""

from __future__ import annotations

from collections.abc import Sequence

from negosim import limits
from negosim.outcomes import build_space
from negosim.scenario import Scenario

SOLVES_BY_INDUCTION = frozenset({"subgame_perfect"})
"""Strategies that solve the game by backward induction before they play (under every protocol
but recognition)."""


def check_workload(
    scenario: Scenario, *, protocol: str | None = None, linkage: str | None = None
) -> None:
    """Refuse a scenario whose negotiations would exceed the configured limits.

    Parameters
    ----------
    scenario
        A validated scenario.
    protocol
        A protocol instead of the tracks' own.
    linkage
        A linkage instead of the scenario's own.

    Raises
    ------
    negosim.limits.WorkLimitError
        With the estimate and the limit: a table over ``table_mb``, or backward induction over
        ``induction_steps``.
    """
    for tracks in stages(scenario, linkage or scenario.linkage):
        space = build_space(scenario, tracks)
        first = scenario.tracks[tracks[0]]
        if (protocol or first.protocol) == "recognition":
            continue  # solved by Baron-Ferejohn's stationary equilibrium, not by induction
        actors = scenario.parties_of(list(tracks))
        if any(scenario.actors[a].strategy.name in SOLVES_BY_INDUCTION for a in actors):
            rounds = max(scenario.tracks[t].deadline for t in tracks)
            limits.check_induction(space.size, rounds)


def stages(scenario: Scenario, linkage: str) -> list[Sequence[str]]:
    """The tracks negotiated together, stage by stage.

    Parameters
    ----------
    scenario
        A validated scenario.
    linkage
        ``package`` (one stage), ``sequence`` or ``independent`` (a stage per track).

    Returns
    -------
    list
        Each stage's tracks.
    """
    tracks = scenario.negotiated_tracks()
    return [tracks] if linkage == "package" else [[t] for t in tracks]
