"""What a scenario's outcome space looks like before anyone negotiates.

Its size, its zone of possible agreement, its Pareto frontier and where the classic bargaining
solutions fall.

The disagreement point is each actor's reservation utility; solutions are sought among outcomes that
every track's ratification rule would pass (the ZOPA).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from negosim.arrays import BoolArray
from negosim.limits import WorkLimitError
from negosim.outcomes import OutcomeSpace, UtilityTable, build_space, utility_table
from negosim.outcomes.rules import zopa_mask
from negosim.outcomes.space import OutcomeValue
from negosim.scenario import Scenario
from negosim.solutions import (
    egalitarian_point,
    kalai_smorodinsky_point,
    nash_point,
    pareto_mask,
    utilitarian_point,
)
from negosim.solutions.backward_induction import backward_induction

SOLUTION_LABELS = {
    "nash": "Nash",
    "generalized_nash": "Nash (power)",
    "kalai_smorodinsky": "K-S",
    "utilitarian": "Utilitarian",
    "egalitarian": "Egalitarian",
    "spe": "SPE",
}


@dataclass(frozen=True)
class Solution:
    """One bargaining solution's outcome.

    Attributes
    ----------
    index
        The outcome's row in the table.
    outcome
        Its terms, issue by issue.
    utilities
        Each actor's utility of it.
    """

    index: int
    outcome: dict[str, OutcomeValue]
    utilities: dict[str, float]

    def to_json(self) -> dict[str, Any]:
        """The solution as plain data.

        Returns
        -------
        dict
            ``outcome`` and ``utilities``.
        """
        return {"outcome": self.outcome, "utilities": self.utilities}


@dataclass(frozen=True)
class Analysis:
    """What a scenario's outcome space looks like before anyone negotiates.

    Attributes
    ----------
    scenario
        The scenario's name.
    tracks
        The tracks analysed together.
    actors
        The parties, by column.
    outcomes
        The number of outcomes.
    zopa
        Outcomes every track's rule would ratify.
    pareto
        Outcomes no other outcome improves on for everyone (``None``: not counted, see
        ``skipped``).
    pareto_in_zopa
        Agreements no other agreement in the ZOPA improves on for everyone.
    reservation
        Each actor's walk-away utility.
    solutions
        Each bargaining solution, ``None`` when the ZOPA is empty or it was skipped.
    skipped
        What was not computed because it would exceed a work limit, and why.
    """

    scenario: str
    tracks: tuple[str, ...]
    actors: tuple[str, ...]
    outcomes: int
    zopa: int
    pareto: int | None
    pareto_in_zopa: int | None
    reservation: dict[str, float]
    solutions: dict[str, Solution | None]
    skipped: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The analysis as plain data (``negosim analyze --json``).

        Returns
        -------
        dict
            Counts, walk-aways and solutions.
        """
        return {
            "scenario": self.scenario,
            "tracks": list(self.tracks),
            "actors": list(self.actors),
            "outcomes": self.outcomes,
            "zopa": self.zopa,
            "pareto": self.pareto,
            "pareto_in_zopa": self.pareto_in_zopa,
            "reservation": self.reservation,
            "solutions": {k: None if s is None else s.to_json() for k, s in self.solutions.items()},
            "skipped": self.skipped,
        }


def analyze(
    scenario: Scenario,
    tracks: Sequence[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Analysis:
    """The ZOPA, the Pareto frontier and the classic bargaining solutions of a scenario.

    The disagreement point is each actor's walk-away; solutions are sought in the ZOPA. A part whose
    work would exceed a limit of :mod:`negosim.limits` is skipped and said in ``skipped``; the
    rest is still computed.

    Parameters
    ----------
    scenario
        A validated scenario.
    tracks
        The tracks analysed together (default: every negotiated track).
    progress
        Called with (rounds done, rounds) as the backward induction of a two-actor game goes.

    Returns
    -------
    Analysis
        Counts and solutions.
    """
    space = build_space(scenario, tracks)
    table = utility_table(scenario, space)
    zopa = zopa_mask(table.acceptable(), table.rules, table.power)
    skipped: dict[str, str] = {}
    parts: dict[str, Callable[[], int | None]] = {
        "pareto": lambda: int(pareto_mask(table.utilities).sum()),
        "pareto_in_zopa": lambda: int(pareto_mask(table.utilities[zopa]).sum()),
        **_finders(table, zopa),
    }
    if len(table.actors) == 2:
        parts["spe"] = lambda: _subgame_perfect(scenario, table, progress)
    found = {name: _within_limits(name, compute, skipped) for name, compute in parts.items()}
    return Analysis(
        scenario=scenario.name,
        tracks=space.tracks,
        actors=table.actors,
        outcomes=space.size,
        zopa=int(zopa.sum()),
        pareto=found.pop("pareto"),
        pareto_in_zopa=found.pop("pareto_in_zopa"),
        reservation=dict(zip(table.actors, table.reservation.tolist(), strict=True)),
        solutions={name: _solution(space, table, index) for name, index in found.items()},
        skipped=skipped,
    )


def _finders(table: UtilityTable, zopa: BoolArray) -> dict[str, Callable[[], int | None]]:
    u, d, power = table.utilities, table.reservation, table.power
    return {
        "nash": lambda: nash_point(u, d, feasible=zopa),
        "generalized_nash": lambda: nash_point(u, d, power, feasible=zopa),
        "kalai_smorodinsky": lambda: kalai_smorodinsky_point(u, d, feasible=zopa),
        "utilitarian": lambda: utilitarian_point(u, d, feasible=zopa),
        "egalitarian": lambda: egalitarian_point(u, d, feasible=zopa),
    }


def _within_limits(
    name: str, compute: Callable[[], int | None], skipped: dict[str, str]
) -> int | None:
    try:
        return compute()
    except WorkLimitError as error:
        skipped[name] = str(error)
        return None


def _subgame_perfect(
    scenario: Scenario, table: UtilityTable, progress: Callable[[int, int], None] | None
) -> int | None:
    """The offer made in round one of the backward-induction solution.

    Alternating offers between the two actors, the first listed proposing first, over the
    track's deadline.
    """
    deadline = max(scenario.tracks[t].deadline for t in table.space.tracks)
    discounts = [scenario.actors[a].discount.per_round(deadline) for a in table.actors]
    plan = backward_induction(
        table.utilities,
        discounts,
        [t % 2 for t in range(deadline)],
        table.reservation,
        lambda accepts: zopa_mask(accepts, table.rules, table.power),
        table.admissible,
        progress,
    )
    return plan.offers[0] if plan.offers[0] >= 0 else None


def _solution(space: OutcomeSpace, table: UtilityTable, index: int | None) -> Solution | None:
    if index is None:
        return None
    row = table.utilities[index]
    utilities = {a: round(float(v), 12) for a, v in zip(table.actors, row, strict=True)}
    return Solution(index, space.outcome(index), utilities)
