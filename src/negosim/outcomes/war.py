"""Bargaining in the shadow of war (Fearon 1995): no deal means fighting, and fighting has a value.

Each side's walk-away is the expected utility of the war — the first side wins with probability
``victory`` and the winner sets the fought-over issue to its own best option, every other term
staying where it is — minus the side's cost of fighting. An actor that is not a side but bears a
cost of the war going on (an ally that pays for it, a broker that wants it ended) gets its walk-away
the same way. On a unit pie with utilities equal to
shares this is Fearon's ``p − c_A`` and ``1 − p − c_B``, so the deals both prefer to fighting are
exactly the shares in ``[p − c_A, p + c_B]``. When the front line moves, ``victory`` moves and the
walk-aways with it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from negosim.arrays import FloatArray
from negosim.outcomes.space import OutcomeSpace
from negosim.outcomes.values import value_vector
from negosim.scenario.model import Scenario


@dataclass(frozen=True)
class WarProcess:
    """A war compiled to the game's columns and rows.

    Attributes
    ----------
    issue
        The fought-over issue.
    sides
        The two belligerents' columns, the first side first.
    wins
        The outcome row each side's victory leads to.
    victory
        The first side's probability of winning.
    payers
        The columns of the actors whose walk-away the war sets: the sides, and any actor at the
        table that bears a cost of it (an ally paying for the war, a broker wanting it ended).
    costs
        Each payer's cost of the war going on, in utility.
    front
        The chance, each round, that the front line moves (0: it never does).
    step
        How far ``victory`` moves when it does.
    favours_first
        The chance that a move favours the first side.
    """

    issue: str
    sides: tuple[int, int]
    wins: tuple[int, int]
    victory: float
    payers: tuple[int, ...]
    costs: tuple[float, ...]
    front: float = 0.0
    step: float = 0.0
    favours_first: float = 0.5

    def walk_aways(self, utilities: FloatArray) -> FloatArray:
        """What the war is worth to each payer: its expected utility minus the payer's cost.

        Parameters
        ----------
        utilities
            The game's (outcomes, actors) utilities.

        Returns
        -------
        FloatArray
            One value per payer (see :func:`fighting_values`).
        """
        runs = fighting_values(self, utilities, np.array([self.victory]), np.array([self.costs]))
        per_payer: FloatArray = runs[0]
        return per_payer

    def with_terms(
        self, victory: float | None = None, costs: dict[int, float] | None = None
    ) -> WarProcess:
        """The same war with another probability of victory or other costs (a sampled run's).

        Parameters
        ----------
        victory
            The first side's probability of winning, if it changes.
        costs
            New costs by payer position.

        Returns
        -------
        WarProcess
            A copy.
        """
        new_costs = list(self.costs)
        for k, cost in (costs or {}).items():
            new_costs[k] = cost
        chance = self.victory if victory is None else victory
        return replace(self, victory=chance, costs=tuple(new_costs))

    def at_front(self, reservation: FloatArray, utilities: FloatArray) -> FloatArray:
        """The game's walk-aways with the payers' replaced by what the war is worth now.

        Parameters
        ----------
        reservation
            Every actor's walk-away.
        utilities
            The game's (outcomes, actors) utilities.

        Returns
        -------
        FloatArray
            A copy; other actors' walk-aways unchanged.
        """
        updated = reservation.copy()
        updated[list(self.payers)] = self.walk_aways(utilities)
        return updated

    def moved(self, towards_first: bool) -> WarProcess:
        """The war after the front line moves one step.

        Parameters
        ----------
        towards_first
            Whether the move favours the first side.

        Returns
        -------
        WarProcess
            A copy with ``victory`` one step up or down, within [0, 1].
        """
        shift = self.step if towards_first else -self.step
        return replace(self, victory=float(min(1.0, max(0.0, self.victory + shift))))


def fighting_values(
    war: WarProcess, utilities: FloatArray, victory: FloatArray, costs: FloatArray
) -> FloatArray:
    """What the war is worth to each payer, for many runs' probabilities of victory and costs.

    One expression for a single game and for a block of runs, so that both give the same bits.

    Parameters
    ----------
    war
        The war (its sides, the outcomes each victory leads to, its payers).
    utilities
        The game's (outcomes, actors) utilities.
    victory
        (runs,) the first side's probability of winning in each run.
    costs
        (runs, payers) each payer's cost in each run.

    Returns
    -------
    FloatArray
        (runs, payers): ``p u(first side wins) + (1 − p) u(second side wins) − c``, clipped to
        [0, 1] like every utility and rounded to 12 decimals, so that a deal on the edge of
        Fearon's range (``1 − 0.6 − 0.05``) is worth exactly what fighting is.
    """
    values = np.empty((len(victory), len(war.payers)))
    first, second = war.wins
    for k, payer in enumerate(war.payers):
        won, lost = utilities[first, payer], utilities[second, payer]
        values[:, k] = victory * won + (1.0 - victory) * lost - costs[:, k]
    fighting: FloatArray = np.clip(values, 0.0, 1.0).round(12)
    return fighting


def compile_war(
    scenario: Scenario, space: OutcomeSpace, actors: tuple[str, ...]
) -> WarProcess | None:
    """The war of the first negotiated track that has one, if its issue and sides are in the game.

    Parameters
    ----------
    scenario
        A validated scenario.
    space
        The game's outcome space.
    actors
        The game's actors, by column.

    Returns
    -------
    WarProcess or None
        ``None`` when no war concerns this game.
    """
    for track in space.tracks:
        war = scenario.tracks[track].war
        if war is None or war.issue not in space.names:
            continue
        if not all(side in actors for side in war.sides):
            continue
        front = war.front
        payers = [name for name in war.costs if name in actors]
        return WarProcess(
            issue=war.issue,
            sides=(actors.index(war.sides[0]), actors.index(war.sides[1])),
            wins=(
                _victory_row(scenario, space, war.issue, war.sides[0]),
                _victory_row(scenario, space, war.issue, war.sides[1]),
            ),
            victory=war.victory.value,
            payers=tuple(actors.index(name) for name in payers),
            costs=tuple(war.costs[name].value for name in payers),
            front=front.chance if front else 0.0,
            step=front.step if front else 0.0,
            favours_first=front.favours_first if front else 0.5,
        )
    return None


def _victory_row(scenario: Scenario, space: OutcomeSpace, issue: str, side: str) -> int:
    """The outcome after ``side`` wins: the issue at the side's best option, the rest as it is."""
    levels = [axis.status_quo for axis in space.axes]
    position = space.names.index(issue)
    axis = space.axes[position]
    levels[position] = int(np.argmax(value_vector(scenario.actors[side].values[issue], axis)))
    return int(np.ravel_multi_index(levels, space.shape))
