"""A GENIUS domain as a negosim scenario, with provenance pointing at the source files.

Utilities are GENIUS's exactly: an outcome is worth the sum over issues of weight × evaluation, capped
at 1, with the weights as written (``weighting: as_written``; ANAC files' weights often sum to
0.9999 or 1.00005). The discount factor is GENIUS's time-based one: ``discount: {per: deadline}``.
"""

from __future__ import annotations

import re
from typing import Any

from negosim.genius.bids import DEFAULT_BIDS, bids_document
from negosim.genius.parsing import GeniusIssue
from negosim.genius.profile import GeniusParty
from negosim.genius.reader import GeniusDomain


def slug(text: str, used: set[str], prefix: str) -> str:
    base = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or prefix
    if not base[0].isalpha():
        base = f"{prefix}_{base}"
    name, n = base[:60], 2
    while name in used:
        name, n = f"{base[:56]}_{n}", n + 1
    used.add(name)
    return name


def to_document(domain: GeniusDomain, bids: int = DEFAULT_BIDS, seed: int = 0) -> dict[str, Any]:
    """The scenario document of a GENIUS domain.

    Parameters
    ----------
    domain
        The domain read.
    bids
        For a domain with non-linear profiles: the most bids to play on (all when it has fewer).
    seed
        Seed of that sample.

    Returns
    -------
    dict
        A scenario document, every value with its provenance.
    """
    issue_names: set[str] = set()
    issues = {slug(i.name, issue_names, "issue"): i for i in domain.issues}
    party_names: set[str] = set()
    parties = {slug(p.file.stem, party_names, "party"): p for p in domain.parties}
    document = _frame(domain, parties, issues)
    if not domain.nonlinear:
        document["actors"] = {name: _actor(party, issues) for name, party in parties.items()}
        return document
    entry, values, kept = bids_document(domain, parties, bids, seed)
    document["issues"] = {"bid": entry}
    document["summary"] = (
        f"Imported from GENIUS: {len(parties)} parties, non-linear profiles; "
        f"{len(kept.levels):,} bids of {kept.total:.3g}."
    )[:200]
    document["actors"] = {
        name: {
            **_actor(party, {}),
            "weights": {"bid": {"value": 1.0, "source": "the bid is the whole agreement"}},
            "values": values[name],
        }
        for name, party in parties.items()
    }
    return document


def _frame(
    domain: GeniusDomain, parties: dict[str, GeniusParty], issues: dict[str, GeniusIssue]
) -> dict[str, Any]:
    where = domain.file.name
    return {
        "name": slug(domain.folder.name, set(), "domain"),
        "title": f"{domain.folder.name} (GENIUS domain)",
        "summary": f"Imported from GENIUS: {len(parties)} parties over {len(issues)} issues."[:200],
        "source": f"GENIUS domain file {where}",
        "tracks": {
            "main": {
                "protocol": "alternating_offers",
                "deadline": 100,
                "assumption": "GENIUS domains state no protocol; stacked alternating offers, 100 rounds "
                "(the ANAC default)",
                "ratification": {
                    "rule": "unanimity",
                    "parties": list(parties),
                    "assumption": "in GENIUS every party must accept",
                },
            }
        },
        "issues": {
            name: {
                "kind": "categorical" if issue.kind == "discrete" else "ordinal",
                "track": "main",
                "values": list(issue.values),
                "label": issue.name,
                "source": f"{where}: issue '{issue.name}'",
                **(
                    {"assumption": f"the real range is laid on {len(issue.values)} even points"}
                    if issue.kind == "real"
                    else {}
                ),
            }
            for name, issue in issues.items()
        },
    }


def _actor(party: GeniusParty, issues: dict[str, Any]) -> dict[str, Any]:
    file = party.file.name
    discount = party.discount if party.discount is not None and party.discount > 0 else 1.0
    return {
        "label": party.file.stem,
        "source": f"GENIUS utility file {file}",
        "power": {"value": 1.0, "assumption": "GENIUS parties have no power attribute: all equal"},
        "reservation": {
            "value": party.reservation or 0.0,
            **(
                {"source": f"{file}: <reservation>"}
                if party.reservation is not None
                else {"assumption": "no reservation in the file: 0"}
            ),
        },
        "discount": {
            "value": discount,
            "per": "deadline",
            **(
                {
                    "source": f"{file}: <discount_factor> (GENIUS: utility x factor ^ time, time 0 to 1)"
                }
                if party.discount is not None and party.discount > 0
                else {"assumption": f"{file} gives no discounting (no factor, or 0: none): 1"}
            ),
        },
        "strategy": {"name": "boulware", "assumption": "GENIUS files say nothing of strategies"},
        "weights": {
            name: {
                "value": party.weights.get(issue.name, 0.0),
                "source": f"{file}: <weight> of '{issue.name}'",
            }
            for name, issue in issues.items()
            if issue.name in party.evaluations
        },
        "weighting": "as_written",
        "values": {
            name: _table(party, issue, file)
            for name, issue in issues.items()
            if issue.name in party.evaluations
        },
    }


EVALUATOR = {
    "discrete": "each evaluation over the largest (EvaluatorDiscrete)",
    "integer": "offset + slope x (value - lowerbound), clipped to [0, 1] (EvaluatorInteger)",
    "real": "EvaluatorReal at each grid point",
}


def _table(party: GeniusParty, issue: GeniusIssue, file: str) -> dict[str, Any]:
    return {
        "kind": "table",
        "table": dict(party.evaluations[issue.name]),
        "source": f"{file}: evaluations of '{issue.name}': {EVALUATOR[issue.kind]}",
    }
