"""A GENIUS domain with non-linear profiles as a negosim scenario: one issue whose options are bids.

A hyper-rectangle profile values whole bids, not issue by issue, so the scenario has a single
categorical issue, ``bid``, whose options are the kept bids (all of them when the domain is small
enough, a sample otherwise: :mod:`negosim.genius.sampling`), and each party's value table gives
GENIUS's utility of each — exact, additive parties included. Every command then works on it as on
any scenario; the frontier and the solutions are those of the kept bids, and the scenario says so.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from negosim.arrays import FloatArray, IntArray
from negosim.genius.parsing import GeniusIssue
from negosim.genius.profile import GeniusParty
from negosim.genius.reader import GeniusDomain
from negosim.genius.sampling import Bids, choose_bids

DEFAULT_BIDS = 20_000
"""How many bids a non-linear domain is played on when it has more (``negosim import --bids``)."""


def party_utilities(
    party: GeniusParty, issues: tuple[GeniusIssue, ...], levels: IntArray
) -> FloatArray:
    """A party's GENIUS utility of bids given as level indices (additive or non-linear).

    Parameters
    ----------
    party
        The profile.
    issues
        The domain's issues.
    levels
        (bids, issues) level index of each issue.

    Returns
    -------
    FloatArray
        One utility per bid (before clipping below 0).
    """
    if party.nonlinear is not None:
        points = [np.asarray(issue.points, dtype=np.float64) for issue in issues]
        values = np.column_stack([p[levels[:, k]] for k, p in enumerate(points)]).astype(np.int64)
        return party.nonlinear.utilities(values)
    total = np.zeros(len(levels))
    for k, issue in enumerate(issues):
        table = np.array([party.evaluations[issue.name][v] for v in issue.values])
        total = total + party.weights[issue.name] * table[levels[:, k]]
    return np.minimum(total, 1.0)


def bids_document(
    domain: GeniusDomain, parties: dict[str, GeniusParty], limit: int = DEFAULT_BIDS, seed: int = 0
) -> tuple[dict[str, Any], dict[str, Any], Bids]:
    """The ``bid`` issue and each party's value table of it.

    Parameters
    ----------
    domain
        The domain read.
    parties
        Actor name to profile.
    limit
        The most bids to keep.
    seed
        Seed of the sample, when one is needed.

    Returns
    -------
    tuple
        The issue's entry, each actor's values entry, and the kept bids.
    """
    issues = domain.issues
    order = list(parties.values())

    def utilities(levels: IntArray) -> FloatArray:
        return np.column_stack([party_utilities(p, issues, levels) for p in order])

    bids = choose_bids(tuple(len(i.values) for i in issues), utilities, limit, seed)
    labels = [
        " ".join(issue.values[k] for issue, k in zip(issues, row, strict=True))
        for row in bids.levels
    ]
    scores = np.clip(utilities(bids.levels), 0.0, 1.0)
    names = ", ".join(issue.name for issue in issues)
    entry = {
        "kind": "categorical",
        "track": "main",
        "values": labels,
        "label": f"Bid ({names})"[:4000],
        "source": f"{domain.file.name}: issues {names}"[:4000],
        "assumption": (
            "non-linear GENIUS profiles value whole bids: one option per bid, "
            f"{bids.describe(seed)}; each bid's utilities are GENIUS's exactly"
        ),
    }
    values = {
        name: {
            "bid": {
                "kind": "table",
                "table": dict(zip(labels, (float(u) for u in scores[:, column]), strict=True)),
                "source": f"{party.file.name}: "
                + (
                    "hyper-rectangle utility / maxutility"
                    if party.nonlinear
                    else "additive utility"
                ),
            }
        }
        for column, (name, party) in enumerate(parties.items())
    }
    return entry, values, bids
