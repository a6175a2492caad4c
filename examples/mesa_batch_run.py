"""Does a more resolute Bob get a better split? Mesa's own batch runner answers, on negosim's model.

    python examples/mesa_batch_run.py

`mesa.batch_run` builds `NegotiationModel(scenario=..., <path>=<value>, seed=...)` for every
combination of the parameters, steps it round by round and reads its data collector: the round
and the ending for the model, each stakeholder's utility of the offer on the table and its answer.
"""

from __future__ import annotations

import mesa
import pandas as pd

from negosim import NegotiationModel


def sweep(seeds: int = 3) -> pd.DataFrame:
    rows = mesa.batch_run(
        NegotiationModel,
        {
            "scenario": "split_the_pie",
            "actors.bob.reservation": [0.1, 0.3, 0.5],
            "seed": range(seeds),
        },
        max_steps=100,
        display_progress=False,
    )
    table = pd.DataFrame(rows)
    last = table[table["Step"] == table.groupby("RunId")["Step"].transform("max")]
    return (
        last[last["Actor"] == "bob"]
        .groupby("actors.bob.reservation")[["Agreement", "Round", "Utility"]]
        .mean()
    )


if __name__ == "__main__":
    print(sweep().round(3).to_string())
