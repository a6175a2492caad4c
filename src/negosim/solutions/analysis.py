"""What a scenario's outcome space looks like before anyone negotiates.

Its size, its zone of possible agreement, its Pareto frontier and where the classic bargaining
solutions fall.

The disagreement point is each actor's reservation utility; solutions are sought among outcomes that
every track's ratification rule would pass (the ZOPA).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

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
        Outcomes no other outcome improves on for everyone.
    pareto_in_zopa
        Agreements no other agreement in the ZOPA improves on for everyone.
    reservation
        Each actor's walk-away utility.
    solutions
        Each bargaining solution, ``None`` when the ZOPA is empty.
    """

    scenario: str
    tracks: tuple[str, ...]
    actors: tuple[str, ...]
    outcomes: int
    zopa: int
    pareto: int
    pareto_in_zopa: int
    """Agreements no other agreement in the ZOPA improves on for everyone."""
    reservation: dict[str, float]
    solutions: dict[str, Solution | None]

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
        }


def analyze(scenario: Scenario, tracks: Sequence[str] | None = None) -> Analysis:
    """The ZOPA, the Pareto frontier and the classic bargaining solutions of a scenario.

    The disagreement point is each actor's walk-away; solutions are sought in the ZOPA.

    Parameters
    ----------
    scenario
        A validated scenario.
    tracks
        The tracks analysed together (default: every negotiated track).

    Returns
    -------
    Analysis
        Counts and solutions.
    """
    space = build_space(scenario, tracks)
    table = utility_table(scenario, space)
    zopa = zopa_mask(table.acceptable(), table.rules, table.power)
    pareto = pareto_mask(table.utilities)
    finders: dict[str, Callable[[], int | None]] = {
        "nash": lambda: nash_point(table.utilities, table.reservation, feasible=zopa),
        "generalized_nash": lambda: nash_point(
            table.utilities, table.reservation, table.power, feasible=zopa
        ),
        "kalai_smorodinsky": lambda: kalai_smorodinsky_point(
            table.utilities, table.reservation, feasible=zopa
        ),
        "utilitarian": lambda: utilitarian_point(table.utilities, table.reservation, feasible=zopa),
        "egalitarian": lambda: egalitarian_point(table.utilities, table.reservation, feasible=zopa),
    }
    if len(table.actors) == 2:
        finders["spe"] = lambda: _subgame_perfect(scenario, table)
    return Analysis(
        scenario=scenario.name,
        tracks=space.tracks,
        actors=table.actors,
        outcomes=space.size,
        zopa=int(zopa.sum()),
        pareto=int(pareto.sum()),
        pareto_in_zopa=int(pareto_mask(table.utilities[zopa]).sum()),
        reservation=dict(zip(table.actors, table.reservation.tolist(), strict=True)),
        solutions={name: _solution(space, table, find()) for name, find in finders.items()},
    )


def _subgame_perfect(scenario: Scenario, table: UtilityTable) -> int | None:
    """The offer made in round one of the backward-induction solution.

    Alternating offers between the two actors, the first listed proposing first, over the
    track's deadline.
    """
    deadline = max(scenario.tracks[t].deadline for t in table.space.tracks)
    discounts = [scenario.actors[a].discount.value for a in table.actors]
    plan = backward_induction(
        table.utilities,
        discounts,
        [t % 2 for t in range(deadline)],
        table.reservation,
        lambda accepts: zopa_mask(accepts, table.rules, table.power),
        table.admissible,
    )
    return plan.offers[0] if plan.offers[0] >= 0 else None


def _solution(space: OutcomeSpace, table: UtilityTable, index: int | None) -> Solution | None:
    if index is None:
        return None
    row = table.utilities[index]
    utilities = {a: round(float(v), 12) for a, v in zip(table.actors, row, strict=True)}
    return Solution(index, space.outcome(index), utilities)
