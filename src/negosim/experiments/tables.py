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
    fields += _outcome_fields(scenario)
    for actor in scenario.actors:
        fields += [
            pa.field(f"utility.{actor}", pa.float64()),
            pa.field(f"discounted.{actor}", pa.float64()),
            pa.field(f"walkaway.{actor}", pa.float64()),
        ]
    fields += [pa.field(f"param.{path}", pa.float64()) for path in parameters]
    return pa.schema(fields)


def traces_schema(scenario: Scenario) -> pa.Schema:
    """The Arrow schema of ``traces.parquet``: ``negosim simulate --trace``'s columns, and the run.

    Parameters
    ----------
    scenario
        A validated scenario.

    Returns
    -------
    pyarrow.Schema
        One field per column; the offer's terms decoded issue by issue (``outcome.<issue>``).
    """
    fields = [
        pa.field("run", pa.int64()),
        pa.field("tracks", pa.string()),
        pa.field("round", pa.int32()),
        pa.field("proposer", pa.string()),
        pa.field("actor", pa.string()),
        pa.field("response", pa.string()),
        pa.field("utility", pa.float64()),
        pa.field("discounted", pa.float64()),
    ]
    return pa.schema(fields + _outcome_fields(scenario))


def _outcome_fields(scenario: Scenario) -> list[pa.Field]:
    """``outcome.<issue>`` for every negotiated issue: numbers for continuous issues, else names."""
    return [
        pa.field(
            f"outcome.{name}",
            pa.float64() if isinstance(scenario.issues[name], ContinuousIssue) else pa.string(),
        )
        for name in scenario.issues_of(scenario.negotiated_tracks())
    ]
