"""Shared fixtures: the bundled configs and a hypothesis profile that keeps CI reproducible."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, settings

if TYPE_CHECKING:
    from playwright.sync_api import Browser

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


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    """One headless Chromium per browser-test module (imported here only when a test asks)."""
    from playwright.sync_api import sync_playwright

    from tests.browser import ARGS, CHROMIUM

    assert CHROMIUM.exists(), "CI must install Debian's chromium (.ci/run does)"

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()
