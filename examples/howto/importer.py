"""How-to: write an importer (included in docs/how-to/write-an-importer.md; tested).

An importer turns another format into a scenario *document* (plain data in the YAML schema) and then
validates it exactly as a file would be, so every problem is reported with its field. Here: a CSV
with one row per actor (``actor,power,walk_away,ideal_share``) becomes a one-issue negotiation over
a share, each actor's value peaking at its ideal share.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import yaml

from negosim import Scenario, parse_scenario


def positions_document(path: Path) -> dict[str, Any]:
    """The scenario document of a positions CSV.

    Parameters
    ----------
    path
        A CSV with the columns ``actor``, ``power``, ``walk_away`` and ``ideal_share``.

    Returns
    -------
    dict
        A scenario document, not yet validated.
    """
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    source = f"{path.name}, row "
    actors = {
        row["actor"]: {
            "label": row["actor"].replace("_", " ").title(),
            "source": source + str(i),
            "power": float(row["power"]),
            "reservation": float(row["walk_away"]),
            "discount": 0.95,
            "weights": {"share": 1.0},
            "values": {"share": {"kind": "peaked", "ideal": float(row["ideal_share"])}},
        }
        for i, row in enumerate(rows, start=2)
    }
    return {
        "name": path.stem,
        "title": f"Positions from {path.name}",
        "summary": "One share negotiated by the actors of a positions table.",
        "assumption": "every actor's value falls linearly away from its ideal share",
        "tracks": {"main": {"deadline": 30, "ratification": {"parties": list(actors)}}},
        "issues": {
            "share": {
                "track": "main",
                "kind": "continuous",
                "min": 0,
                "max": 1,
                "step": 0.05,
                "unit": "share",
            }
        },
        "actors": actors,
    }


def import_positions(path: Path) -> Scenario:
    """A validated scenario from a positions CSV.

    Parameters
    ----------
    path
        The CSV file.

    Returns
    -------
    Scenario
        Validated like a YAML file, with the CSV's name in every message.
    """
    document = positions_document(path)
    return parse_scenario(yaml.safe_dump(document, sort_keys=False), str(path)).scenario
