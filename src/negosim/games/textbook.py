"""Games from the textbook, built directly as arrays.

Dividing a pie between two or more players, and NegMAS's standard random linear-additive set-up.
Used by the theory tests and the benchmarks.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np

from negosim.games.game import Game
from negosim.outcomes.rules import Rule
from negosim.outcomes.space import Axis, OutcomeSpace


def division_game(
    players: int,
    steps: int,
    discounts: Sequence[float],
    deadline: int,
    quota: float | None = None,
    reservation: Sequence[float] | None = None,
    protocol: str = "alternating_offers",
) -> Game:
    """Every split of a unit pie into ``players`` shares on a grid of ``1/steps``.

    Parameters
    ----------
    players
        Number of players.
    steps
        Grid resolution: shares are multiples of ``1/steps``.
    discounts
        Each player's per-round discount factor.
    deadline
        Rounds before the game ends without a deal.
    quota
        ``None`` for unanimity; 0.5 for a strict majority of equally powerful players.
    reservation
        Each player's walk-away utility (default 0).
    protocol
        The protocol that plays it.

    Returns
    -------
    Game
        The division game, utilities equal to shares.
    """
    shares = [c for c in itertools.product(range(steps + 1), repeat=players - 1) if sum(c) <= steps]
    utilities = np.array([(*c, steps - sum(c)) for c in shares], dtype=np.float64) / steps
    everyone = np.ones(players, dtype=np.bool_)
    rule = Rule(everyone, everyone if quota is None else ~everyone, quota)
    return Game(
        actors=tuple(f"player_{i + 1}" for i in range(players)),
        utilities=utilities,
        admissible=np.ones_like(utilities, dtype=np.bool_),
        reservation=np.zeros(players) if reservation is None else np.asarray(reservation, float),
        discount=np.asarray(discounts, dtype=np.float64),
        power=np.ones(players),
        rules=(rule,),
        deadline=deadline,
        protocol=protocol,
    )


LinearTables = tuple[list[list[float]], list[list[list[float]]]]
"""Per actor: issue weights, and per issue the value of each option."""


def linear_additive_tables(
    actors: int, levels: Sequence[int], seed: int = 0, opposed: bool = True
) -> LinearTables:
    """Random linear-additive preferences: Dirichlet weights, option values scaled to [0, 1].

    Parameters
    ----------
    actors
        Number of actors.
    levels
        Number of options of each issue.
    seed
        Seed of the draw.
    opposed
        Make every odd actor value each option as 1 minus its predecessor does, so that
        negotiations last rather than settling on the first offer.

    Returns
    -------
    LinearTables
        Per actor, its issue weights and its value of each option.
    """
    rng = np.random.default_rng(seed)
    weights: list[list[float]] = []
    values: list[list[list[float]]] = []
    for a in range(actors):
        weights.append(rng.dirichlet(np.ones(len(levels))).tolist())
        if opposed and a % 2 == 1:
            values.append([[1.0 - v for v in issue] for issue in values[a - 1]])
            continue
        actor_values = []
        for size in levels:
            raw = rng.random(size)
            actor_values.append(((raw - raw.min()) / (raw.max() - raw.min())).tolist())
        values.append(actor_values)
    return weights, values


def linear_additive_game(
    actors: int = 2,
    levels: Sequence[int] = (11, 5, 4),
    reservation: float = 0.3,
    deadline: int = 100,
    seed: int = 0,
    opposed: bool = True,
) -> Game:
    """NegMAS's standard SAO set-up as a game.

    Parameters
    ----------
    actors
        Number of actors.
    levels
        Number of options of each issue.
    reservation
        The same walk-away utility for every actor.
    deadline
        Rounds before talks end.
    seed
        Seed of the preferences.
    opposed
        As in :func:`linear_additive_tables`.

    Returns
    -------
    Game
        Random linear-additive utilities under unanimity.
    """
    weights, values = linear_additive_tables(actors, levels, seed, opposed)
    shape = tuple(levels)
    utilities = np.zeros((*shape, actors))
    for a in range(actors):
        for k, size in enumerate(shape):
            broadcast = [1] * len(shape)
            broadcast[k] = size
            utilities[..., a] += weights[a][k] * np.asarray(values[a][k]).reshape(broadcast)
    flat = utilities.reshape(-1, actors)
    axes = tuple(
        Axis(
            f"issue_{k}",
            "categorical",
            "main",
            np.arange(size, dtype=np.float64),
            tuple(f"v{i}" for i in range(size)),
            0,
        )
        for k, size in enumerate(shape)
    )
    everyone = np.ones(actors, dtype=np.bool_)
    return Game(
        actors=tuple(f"agent_{i}" for i in range(actors)),
        utilities=flat,
        admissible=np.ones_like(flat, dtype=np.bool_),
        reservation=np.full(actors, reservation),
        discount=np.ones(actors),
        power=np.ones(actors),
        rules=(Rule(everyone, everyone),),
        deadline=deadline,
        space=OutcomeSpace(axes, ("main",)),
    )
