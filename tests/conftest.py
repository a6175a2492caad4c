"""Shared fixtures: the bundled configs and a hypothesis profile that keeps CI reproducible."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") else "dev")

ROOT = Path(__file__).resolve().parents[1]
CONFIGS = ROOT / "configs"
ARTICLE_SCENARIOS = ("minerals_deal", "nato_security", "grand_bargain")
ALL_SCENARIOS = (*ARTICLE_SCENARIOS, "split_the_pie")


@pytest.fixture
def pie_text() -> str:
    return (CONFIGS / "split_the_pie.yaml").read_text(encoding="utf-8")
