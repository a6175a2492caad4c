"""Does linking the tracks help Ukraine?

Plays the grand bargain once per seed as one package (minerals and security together) and as a
sequence (security first, its result fixing what the minerals deal can rely on), and compares
Ukraine's outcomes. The article's own logic, "no minerals deal without security", is what the
sequence encodes.

    python examples/linking_tracks.py [RUNS]
"""

from __future__ import annotations

import sys

import pandas as pd

from negosim import load_scenario
from negosim.engine.simulate import simulate
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
    rows = []
    for seed in range(runs):
        for linkage, version in (("package", scenario), ("sequence", security_first)):
            stages = simulate(version, seed, linkage=linkage, record=False)
            last = stages[-1]
            ukraine = last.game.actors.index("ukraine")
            rows.append(
                {
                    "linkage": linkage,
                    "every track agreed": all(s.result.agreement for s in stages),
                    "Ukraine utility": float(last.result.utilities[ukraine]),
                }
            )
    return pd.DataFrame(rows).groupby("linkage").mean()


if __name__ == "__main__":
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    print(compare(runs).round(3).to_string())
