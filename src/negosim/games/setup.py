"""What a game takes from its scenario besides the utility table: positions, ratifiers, options.

Also each actor's walk-away as the talks open, for the views that show it (role sheets, reports,
figures, GENIUS export).
"""

from __future__ import annotations

import numpy as np

from negosim.games.home import HomeRatifier
from negosim.games.options import Positions
from negosim.outcomes import OutcomeSpace, UtilityTable, build_space, utility_table
from negosim.scenario import Scenario


def walk_aways(scenario: Scenario) -> dict[str, float]:
    """Every actor's walk-away as the package game starts: stated, or what the war is worth.

    Parameters
    ----------
    scenario
        A validated scenario.

    Returns
    -------
    dict
        Actor name to walk-away utility (actors off the table: as stated, 0 if not stated).
    """
    table = utility_table(scenario, build_space(scenario))
    found = {
        name: (actor.reservation.value if actor.reservation is not None else 0.0)
        for name, actor in scenario.actors.items()
    }
    found.update(zip(table.actors, table.reservation.tolist(), strict=True))
    return found


def option_value(scenario: Scenario, actor: str) -> float:
    """An actor's outside option, NaN without one.

    Parameters
    ----------
    scenario
        A validated scenario.
    actor
        The actor's name.

    Returns
    -------
    float
        The option's value, or NaN.
    """
    option = scenario.actors[actor].outside_option
    return np.nan if option is None else option.value


def ratifiers_of(scenario: Scenario, table: UtilityTable) -> tuple[HomeRatifier, ...]:
    """The actors' domestic ratifiers, as the outcomes each would ratify.

    Parameters
    ----------
    scenario
        A validated scenario.
    table
        Its utility table (which holds each ratifier's verdict per outcome).

    Returns
    -------
    tuple of HomeRatifier
        One per actor with a ratifier, by column.
    """
    found = []
    for column, name in enumerate(table.actors):
        ratifier = scenario.actors[name].ratifier
        if ratifier is not None and table.home is not None:
            found.append(
                HomeRatifier(column, ratifier.label, table.home[:, column], ratifier.anticipated)
            )
    return tuple(found)


def positions_of(scenario: Scenario, space: OutcomeSpace, actors: tuple[str, ...]) -> Positions:
    """Each actor's ideal point and salience per issue, for the expected-utility protocol.

    A salience the scenario states is used as it is; otherwise the issue's weight over the actor's
    largest weight among the issues negotiated, so that the issue it cares most about has
    salience 1.

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
    Positions
        Ideal points, saliences and the track's rules.
    """
    from negosim.outcomes.values import value_vector

    ideal = np.zeros((len(actors), len(space.axes)))
    salience = np.zeros_like(ideal)
    for i, name in enumerate(actors):
        actor = scenario.actors[name]
        top = max(
            (actor.weights[a.name].value for a in space.axes if a.name in actor.values), default=0.0
        )
        for k, axis in enumerate(space.axes):
            if axis.name in actor.values:
                ideal[i, k] = axis.points[
                    int(np.argmax(value_vector(actor.values[axis.name], axis)))
                ]
                weight = actor.weights[axis.name].value
                salience[i, k] = weight / top if top > 0 else 0.0
            else:
                ideal[i, k] = axis.points[axis.status_quo]
            if axis.name in actor.salience:
                salience[i, k] = actor.salience[axis.name].value
    rules = scenario.tracks[space.tracks[0]].variant
    return Positions(ideal, salience, rules)
