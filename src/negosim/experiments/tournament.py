"""A tournament, as Axelrod's and ANAC's: every strategy against every other (and itself).

On each scenario, every pairing of two strategies takes every seat assignment in which one of them
holds one seat and the other every other seat, each played over several seeds. Each negotiation
is scored by ANAC's measures: agreement, rounds, each actor's utility, social welfare, the
distance of the result to the Pareto frontier and to the Nash point (in utility space, the
result being the walk-away point when there is no deal). Seeds come from
``SeedSequence(seed, spawn_key=(crc32(scenario name), crc32(assignment), repeat))``, so any subset
of the tournament plays exactly as it does within the whole.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from negosim.engine.model import NegotiationModel
from negosim.games.game import Game, game_from_scenario
from negosim.scenario.model import Scenario
from negosim.solutions import nash_point, pareto_mask
from negosim.strategies import STRATEGIES, make_strategy

SKIPPED = frozenset({"human"})
"""Strategies that cannot enter: a person plays them."""
NOT_BY_DEFAULT = SKIPPED | {"negmas"}
"""Left out unless named: NegMAS's negotiators are the ``--negmas`` reference (and need it)."""
"""Strategies that cannot play without a person."""


class TournamentError(ValueError):
    """A tournament that cannot be played as asked (unknown strategy, nothing selected)."""


def select_strategies(
    names: Sequence[str] | None = None, where: Mapping[str, bool] | None = None
) -> list[str]:
    """The strategies taking part: those named (default all), filtered by their classifier.

    Parameters
    ----------
    names
        Strategy names; ``None`` for every registered strategy that plays without a person.
    where
        Classifier values every entrant must have (``{"full_information": False}``).

    Returns
    -------
    list of str
        The entrants, in registry order.

    Raises
    ------
    TournamentError
        When a name is unknown, a classifier key does not exist, or nothing is left.
    """
    chosen = list(names) if names else [n for n in STRATEGIES if n not in NOT_BY_DEFAULT]
    unknown = [n for n in chosen if n not in STRATEGIES or n in SKIPPED]
    if unknown:
        playable = ", ".join(n for n in STRATEGIES if n not in SKIPPED)
        raise TournamentError(f"unknown strategy {', '.join(unknown)}; one of: {playable}")
    keys = set(STRATEGIES["boulware"].classifier)
    for key in where or {}:
        if key not in keys:
            raise TournamentError(f"unknown classifier '{key}'; one of: {', '.join(sorted(keys))}")
    kept = [
        n for n in chosen if all(STRATEGIES[n].classifier[k] == v for k, v in (where or {}).items())
    ]
    if not kept:
        raise TournamentError("no strategy has those classifier values")
    return kept


def assignments(strategies: Sequence[str], seats: int) -> list[tuple[str, ...]]:
    """Every seat assignment of one strategy against another: one seat to ``a``, the rest to ``b``.

    Parameters
    ----------
    strategies
        The entrants.
    seats
        The number of actors.

    Returns
    -------
    list of tuple of str
        Distinct assignments, one strategy name per seat.
    """
    found: dict[tuple[str, ...], None] = {}
    for a in strategies:
        for b in strategies:
            for seat in range(seats):
                found[tuple(a if i == seat else b for i in range(seats))] = None
    return list(found)


@dataclass(frozen=True)
class Yardsticks:
    """What a negotiation's result is measured against, once per scenario.

    Attributes
    ----------
    frontier
        (points, actors) utilities of the Pareto-efficient outcomes.
    nash
        The Nash point's utilities, or ``None`` when the ZOPA is empty.
    """

    frontier: np.ndarray
    nash: np.ndarray | None

    @classmethod
    def of(cls, game: Game) -> Yardsticks:
        """The frontier and the Nash point of a game.

        Parameters
        ----------
        game
            The game.

        Returns
        -------
        Yardsticks
            Computed once, used for every negotiation of the scenario.
        """
        accepts = game.admissible & (game.utilities >= game.reservation)
        zopa = game.ratify_matrix(accepts)
        nash = nash_point(game.utilities, game.reservation, feasible=zopa)
        frontier = game.utilities[pareto_mask(game.utilities)]
        return cls(frontier, None if nash is None else game.utilities[nash])


def play_tournament(
    scenarios: Sequence[tuple[str, Scenario]],
    strategies: Sequence[str],
    seeds: int = 3,
    seed: int = 0,
    progress: Callable[[int], None] | None = None,
) -> pd.DataFrame:
    """Play every assignment on every scenario ``seeds`` times.

    Parameters
    ----------
    scenarios
        (name, scenario) pairs; every negotiated track is played as one package.
    strategies
        The entrants.
    seeds
        Negotiations per assignment.
    seed
        The tournament's seed.
    progress
        Called with 1 after each negotiation.

    Returns
    -------
    pandas.DataFrame
        One row per negotiation and seat: scenario, assignment, repeat, seat, strategy, agreement,
        rounds, reason, utility, welfare, Pareto and Nash distances.
    """
    rows: list[dict[str, Any]] = []
    for name, scenario in scenarios:
        game = game_from_scenario(scenario)
        yardsticks = Yardsticks.of(game)
        for a, assignment in enumerate(assignments(strategies, game.n)):
            key = (zlib.crc32(name.encode()), zlib.crc32("|".join(assignment).encode()))
            for repeat in range(seeds):
                run_seed = np.random.SeedSequence(seed, spawn_key=(*key, repeat))
                rows += _negotiation(name, game, yardsticks, assignment, a, repeat, run_seed)
                if progress is not None:
                    progress(1)
    return pd.DataFrame(rows)


def _negotiation(
    name: str,
    game: Game,
    yardsticks: Yardsticks,
    assignment: tuple[str, ...],
    index: int,
    repeat: int,
    seed: np.random.SeedSequence,
) -> list[dict[str, Any]]:
    """One negotiation's rows, one per seat."""
    players = [make_strategy(strategy, {}) for strategy in assignment]
    model = NegotiationModel(game, players, seed=int(seed.generate_state(1)[0]), record=False)
    result = model.run()
    point = result.utilities
    pareto = float(np.min(np.linalg.norm(yardsticks.frontier - point, axis=1)))
    nash = None if yardsticks.nash is None else float(np.linalg.norm(yardsticks.nash - point))
    shared = {
        "scenario": name,
        "assignment": index,
        "pairing": " vs ".join(dict.fromkeys(assignment)),
        "repeat": repeat,
        "agreement": result.agreement,
        "reason": result.reason,
        "rounds": result.rounds,
        "welfare": float(point.sum()),
        "pareto_distance": pareto,
        "nash_distance": nash,
    }
    return [
        {**shared, "seat": game.actors[i], "strategy": strategy, "utility": float(point[i])}
        for i, strategy in enumerate(assignment)
    ]


def standings(table: pd.DataFrame) -> pd.DataFrame:
    """Each strategy's record over every seat it held.

    Parameters
    ----------
    table
        What :func:`play_tournament` returned.

    Returns
    -------
    pandas.DataFrame
        Per strategy: negotiations, agreement rate, mean own utility, mean welfare, mean Pareto
        and Nash distances, sorted by mean own utility.
    """
    grouped = table.groupby("strategy")
    found = pd.DataFrame(
        {
            "negotiations": grouped.size(),
            "agreement": grouped["agreement"].mean(),
            "utility": grouped["utility"].mean(),
            "welfare": grouped["welfare"].mean(),
            "pareto_distance": grouped["pareto_distance"].mean(),
            "nash_distance": grouped["nash_distance"].mean(),
        }
    )
    return found.sort_values("utility", ascending=False)
