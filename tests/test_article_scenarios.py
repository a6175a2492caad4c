"""The article scenarios: every stakeholder priority in DESIGN.md is traceable to a field and its quote."""

from __future__ import annotations

import os
from typing import Any

import pytest
from pydantic import BaseModel

from negosim.engine.catalogue import load_scenario, read_scenario
from negosim.scenario import Scenario
from negosim.scenario.couplings import Condition, CrossTrack, Interaction
from negosim.scenario.paths import document, with_values
from negosim.solutions.analysis import analyze
from tests.conftest import ALL_SCENARIOS, CONFIGS, ROOT

ARTICLE = ROOT.parent / "shared" / "seed" / "000_cd942dba0a53f716.txt"


def grand() -> Scenario:
    return load_scenario(CONFIGS / "grand_bargain.yaml")


def field(scenario: Scenario, dotted: str) -> Any:
    node: Any = scenario
    for part in dotted.split("."):
        node = node[part] if isinstance(node, dict) else getattr(node, part)
    return node


# (DESIGN.md priority, field in grand_bargain.yaml, words its source quote must contain)
PRIORITIES = [
    ("US cost recovery", "actors.us.weights.revenue_share", "money back"),
    ("US access to rare earths", "actors.us.weights.resource_scope", "rare earth"),
    ("US swift end to the war", "actors.us.discount", "swift end"),
    (
        "US: no extensive guarantees",
        "actors.us.weights.security_guarantee",
        "extensive U.S. security",
    ),
    ("US: Europe carries more", "actors.us.weights.europe_burden", "greater share of defense"),
    ("US: Ukraine not in NATO", "actors.us.weights.nato_path", "forget about joining NATO"),
    ("US workers as security", "actors.us.values.security_guarantee", "automatic security"),
    ("Ukraine: guarantees", "actors.ukraine.weights.security_guarantee", "security commitments"),
    ("Ukraine: not sell its future", "actors.ukraine.weights.revenue_share", "sell the country"),
    (
        "Ukraine: reconstruction",
        "actors.ukraine.weights.repayment",
        "Reconstruction Investment Fund",
    ),
    ("Ukraine: Western integration", "actors.ukraine.weights.nato_path", "integrate with Western"),
    ("Europe: NATO path as shield", "actors.europe.weights.nato_path", "critical shield"),
    ("Europe: not embolden Moscow", "actors.europe.weights.security_guarantee", "embolden Moscow"),
    ("Europe: transatlantic framework", "actors.europe.source", "transatlantic security framework"),
    ("Draft 50% revenue share", "issues.revenue_share", "50% of future revenue"),
    ("Jointly governed fund", "issues.fund_governance", "managed jointly"),
    ("Deposits in contested areas", "issues.territory", "contested or under Russian control"),
    ("Russia: away from NATO", "actors.russia.weights.nato_path", "reorientation away from NATO"),
]


@pytest.mark.parametrize(("priority", "path", "words"), PRIORITIES, ids=[p[0] for p in PRIORITIES])
def test_each_priority_is_a_field_with_its_quote(priority: str, path: str, words: str) -> None:
    node = field(grand(), path)
    source = node if isinstance(node, str) else node.source
    assert words in (source or ""), priority


def test_quotes_are_verbatim_sentences_of_the_article() -> None:
    if not ARTICLE.exists() and not os.environ.get("CI"):
        pytest.skip(f"the seed article is only beside the project checkout ({ARTICLE})")
    article = ARTICLE.read_text(encoding="utf-8").replace("\u2019", "'")
    for name in ("minerals_deal", "nato_security", "grand_bargain"):
        loaded = read_scenario(CONFIGS / f"{name}.yaml")
        for quote in _sources(loaded.scenario):
            assert quote in article, f"{name}: not in the article: {quote}"


def _sources(model: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(model, BaseModel):
        if getattr(model, "source", None):
            found.add(model.source)
        for name in type(model).model_fields:
            found |= _sources(getattr(model, name))
    elif isinstance(model, dict):
        for item in model.values():
            found |= _sources(item)
    elif isinstance(model, list):
        for item in model:
            found |= _sources(item)
    return found


def test_the_couplings_of_design_md_are_declared() -> None:
    couplings = grand().couplings
    assert any(
        isinstance(c, Condition)
        and c.actor == "ukraine"
        and "none" in (c.none_of or [])
        and c.issue == "security_guarantee"
        for c in couplings
    )
    assert any(
        isinstance(c, Interaction)
        and c.actor == "us"
        and c.by == "territory"
        and "revenue_share" in c.scales
        for c in couplings
    )
    assert any(
        isinstance(c, CrossTrack) and c.track == "minerals" and c.depends_on == "security"
        for c in couplings
    )


def test_vetoes_follow_design_md() -> None:
    scenario = grand()
    minerals = scenario.tracks["minerals"].ratification
    security = scenario.tracks["security"].ratification
    assert minerals.vetoes() == ["us", "ukraine"]
    assert "europe" not in minerals.parties
    assert set(security.vetoes()) == {"us", "ukraine", "russia"}
    assert [c.actor for c in security.consent] == ["europe", "europe"]


def test_russia_priorities_are_flagged_as_assumptions() -> None:
    russia = grand().actors["russia"]
    assert russia.assumption
    assert "assumptions" in russia.assumption
    assert all(w.assumption or w.source for w in russia.weights.values())
    assert russia.weights["security_guarantee"].source is None


@pytest.mark.parametrize("name", ALL_SCENARIOS)
def test_every_bundled_scenario_has_full_provenance_and_a_zopa(name: str) -> None:
    loaded = read_scenario(CONFIGS / f"{name}.yaml")
    assert loaded.warnings == []
    if name == "minerals_deal":
        # Alone, the minerals deal founders on security: Kyiv's red line asks for more than the
        # draft's economic presence, and a bilateral guarantee leaves Washington below its
        # walk-away. The security clause variant (or the grand bargain's European-led guarantee)
        # is what opens a zone of agreement.
        assert analyze(loaded.scenario).zopa == 0
        clause = with_values(
            document(loaded.scenario), loaded.scenario.variants["security_clause"].set
        )
        assert analyze(Scenario.model_validate(clause)).zopa > 0
    else:
        assert analyze(loaded.scenario).zopa > 0


def test_the_grand_bargain_trades_minerals_for_security() -> None:
    """At the Nash point Ukraine gets a real guarantee and the US a revenue share and repayment."""
    nash = analyze(grand()).solutions["nash"]
    assert nash is not None
    assert nash.outcome["security_guarantee"] not in ("none", "nato_article5")
    assert nash.outcome["nato_path"] != "invited"
    assert float(nash.outcome["revenue_share"]) > 0
    assert nash.outcome["repayment"] != "full_repayment"
