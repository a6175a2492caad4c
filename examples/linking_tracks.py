"""Does linking the tracks help Ukraine?

Plays the grand bargain once per seed as one package (minerals and security together) and as a
sequence (security first, its result fixing what the minerals deal can rely on), and compares
Ukraine's outcomes. The article's own logic, "no minerals deal without security", is what the
sequence encodes. Both are valued on the package's utility table, so that the comparison is like
for like: every term of the final deal counts, whichever stage settled it; without a full deal,
Ukraine keeps its walk-away.

    python examples/linking_tracks.py [RUNS]
"""

from __future__ import annotations

import sys

import pandas as pd

from negosim import load_scenario
from negosim.engine.simulate import simulate
from negosim.games.game import game_from_scenario
from negosim.scenario.bundled import resolve_config


def compare(runs: int) -> pd.DataFrame:
    scenario = load_scenario(resolve_config("grand_bargain"))
    security_first = scenario.model_copy(
        update={
            "tracks": {
                "security": scenario.tracks["security"],
                "minerals": scenario.tracks["minerals"],
            }
        }
    )
    package = game_from_scenario(scenario)
    assert package.space is not None
    ukraine = package.actors.index("ukraine")
    rows = []
    for seed in range(runs):
        for linkage, version in (("package", scenario), ("sequence", security_first)):
            stages = simulate(version, seed, linkage=linkage, record=False)
            agreed = all(s.result.agreement for s in stages)
            terms: dict[str, object] = {}
            for stage in stages:
                if stage.result.outcome is not None:
                    terms.update(stage.game.describe(stage.result.outcome))
            utility = (
                float(package.utilities[package.space.index_of(terms), ukraine])
                if agreed
                else float(package.reservation[ukraine])
            )
            rows.append(
                {"linkage": linkage, "every track agreed": agreed, "Ukraine utility": utility}
            )
    return pd.DataFrame(rows).groupby("linkage").mean()


if __name__ == "__main__":
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    print(compare(runs).round(3).to_string())
