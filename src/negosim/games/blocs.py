"""Blocs: actors who speak with one voice (Europe and Ukraine), compiled to the game's columns.

Each member decides by the bloc's utility — the members' utilities weighed by their shares — and
the bloc's walk-away, weighed the same way; none offers or accepts what any member's red lines
rule out, or what leaves any member below its own walk-away (a member would rather leave the bloc
than that); and the bloc proposes once where its members would each have proposed. The members'
own utilities and walk-aways are kept, for what a run reports.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from negosim.arrays import BoolArray, FloatArray
from negosim.scenario import Scenario


@dataclass(frozen=True)
class Pooled:
    """A game's arrays with every bloc's columns pooled.

    Attributes
    ----------
    utilities
        (outcomes, actors): a member's column is its bloc's utility.
    reservation
        A member's walk-away is its bloc's.
    admissible
        A member's red lines are every member's, and every member's walk-away.
    voice
        Who speaks for each column: itself, or its bloc's first member.
    """

    utilities: FloatArray
    reservation: FloatArray
    admissible: BoolArray
    voice: tuple[int, ...]


def blocs_of(scenario: Scenario, actors: tuple[str, ...]) -> list[tuple[list[int], list[float]]]:
    """The blocs whose members all sit at this table, as columns and shares.

    Parameters
    ----------
    scenario
        A validated scenario.
    actors
        The game's actors, by column.

    Returns
    -------
    list of tuple
        (member columns, shares) per bloc; a bloc with a member away from this table (a stage of
        a sequence) does not speak as one here.
    """
    return [
        ([actors.index(m) for m in bloc.members], bloc.weights())
        for bloc in scenario.blocs.values()
        if all(member in actors for member in bloc.members)
    ]


def pool(
    utilities: FloatArray,
    reservation: FloatArray,
    admissible: BoolArray,
    blocs: list[tuple[list[int], list[float]]],
) -> Pooled:
    """Every bloc's members given the bloc's utility, walk-away and joint red lines.

    Parameters
    ----------
    utilities
        (outcomes, actors) each actor's own utilities.
    reservation
        Each actor's own walk-away.
    admissible
        (outcomes, actors) each actor's own red lines, before any bloc's.
    blocs
        (member columns, shares) per bloc.

    Returns
    -------
    Pooled
        Copies; the inputs are left as they are.
    """
    pooled_u, pooled_r, pooled_a = utilities.copy(), reservation.copy(), admissible.copy()
    voice = list(range(utilities.shape[1]))
    for members, shares in blocs:
        weights = np.asarray(shares)
        pooled_u[:, members] = (utilities[:, members] @ weights)[:, np.newaxis]
        pooled_r[members] = float(reservation[members] @ weights)
        rational = utilities[:, members] >= reservation[members] - 1e-12
        joint = (admissible[:, members] & rational).all(axis=1)
        pooled_a[:, members] = np.asarray(joint)[:, np.newaxis]
        for member in members:
            voice[member] = members[0]
    return Pooled(pooled_u, pooled_r, pooled_a, tuple(voice))
