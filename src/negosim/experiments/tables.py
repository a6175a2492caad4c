"""Column types of the run and trace tables, fixed by the scenario so every chunk agrees."""

from __future__ import annotations

import pyarrow as pa

from negosim.scenario.issues import ContinuousIssue
from negosim.scenario.model import Scenario


def runs_schema(scenario: Scenario, parameters: list[str]) -> pa.Schema:
    """The Arrow schema of ``runs.parquet`` for a scenario.

    Parameters
    ----------
    scenario
        A validated scenario.
    parameters
        The sampled parameters' dotted paths.

    Returns
    -------
    pyarrow.Schema
        One field per column.
    """
    issues = scenario.issues_of(scenario.negotiated_tracks())
    fields = [
        pa.field("run", pa.int64()),
        pa.field("seed", pa.int64()),
        pa.field("variant", pa.string()),
        pa.field("protocol", pa.string()),
        pa.field("agreement", pa.bool_()),
        pa.field("reason", pa.string()),
        pa.field("rounds", pa.int32()),
        pa.field("deadline", pa.int32()),
        pa.field("walked_out", pa.string()),
    ]
    fields += [
        pa.field(
            f"outcome.{name}",
            pa.float64() if isinstance(scenario.issues[name], ContinuousIssue) else pa.string(),
        )
        for name in issues
    ]
    for actor in scenario.actors:
        fields += [
            pa.field(f"utility.{actor}", pa.float64()),
            pa.field(f"discounted.{actor}", pa.float64()),
        ]
    fields += [pa.field(f"param.{path}", pa.float64()) for path in parameters]
    return pa.schema(fields)


TRACES_SCHEMA = pa.schema(
    [
        pa.field("run", pa.int64()),
        pa.field("tracks", pa.string()),
        pa.field("round", pa.int32()),
        pa.field("proposer", pa.int32()),
        pa.field("actor", pa.string()),
        pa.field("accepts", pa.bool_()),
        pa.field("offer", pa.int64()),
        pa.field("utility", pa.float64()),
    ]
)
