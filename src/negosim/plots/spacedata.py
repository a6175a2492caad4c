"""What the utility-space figures draw, computed once from a scenario: a sample of every outcome
for two actors, the Pareto frontier, the walk-aways and the theory's points."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from negosim.games.setup import walk_aways
from negosim.outcomes import build_space, utility_table
from negosim.scenario.model import Scenario
from negosim.solutions import pareto_mask
from negosim.solutions.analysis import analyze

MAX_POINTS = 20_000
SOLUTIONS = (("nash", "Nash (all actors)"), ("kalai_smorodinsky", "Kalai-Smorodinsky"))


@dataclass(frozen=True)
class SpaceData:
    outcomes: pd.DataFrame
    """The two actors' utilities (first two columns) and ``pareto``; labels in ``attrs``."""
    reservation: dict[str, float]
    points: dict[str, tuple[float, float]]


def space_data(scenario: Scenario, pair: tuple[str, str] | None = None) -> SpaceData:
    """``pair`` names the two actors on the axes (the scenario's first two by default)."""
    table = utility_table(scenario, build_space(scenario))
    a, b = pair or table.actors[:2]
    columns = [table.actors.index(a), table.actors.index(b)]
    both = table.utilities[:, columns]
    efficient = pareto_mask(both)
    keep = np.random.default_rng(0).permutation(len(both))[:MAX_POINTS]
    outcomes = pd.concat(
        [
            pd.DataFrame({a: both[keep, 0], b: both[keep, 1], "pareto": efficient[keep]}),
            pd.DataFrame({a: both[efficient, 0], b: both[efficient, 1], "pareto": True}),
        ]
    )
    outcomes.attrs.update({a: scenario.actors[a].label, b: scenario.actors[b].label})
    analysis = analyze(scenario)
    points = {
        label: (s.utilities[a], s.utilities[b])
        for key, label in SOLUTIONS
        if (s := analysis.solutions.get(key)) is not None
    }
    walkaway = walk_aways(scenario)
    reservation = {actor: walkaway[actor] for actor in table.actors}
    return SpaceData(outcomes, reservation, points)
