"""Printed role sheets: one page per seat, on A4 and on US Letter, in real headless Chromium
(a grand-bargain sheet once ran to four pages)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from negosim.engine.catalogue import load_scenario
from negosim.report.cards import role_sheet
from negosim.report.document import to_html
from tests.browser import CHROMIUM
from tests.conftest import ALL_SCENARIOS

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("browser")]

if not CHROMIUM.exists() and not os.environ.get("CI"):
    pytest.skip(
        "no /usr/bin/chromium (apt-get install chromium); CI installs it", allow_module_level=True
    )


def pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.parametrize("name", ALL_SCENARIOS)
def test_every_role_sheet_prints_on_one_page(chromium: Browser, tmp_path: Path, name: str) -> None:
    scenario = load_scenario(name)
    page = chromium.new_page()
    for actor in scenario.actors:
        sheet = tmp_path / f"{actor}.html"
        sheet.write_text(to_html(actor, role_sheet(scenario, actor)), encoding="utf-8")
        page.goto(sheet.as_uri())
        for paper in ("A4", "Letter"):
            assert pages(page.pdf(format=paper)) == 1, f"{name}: {actor} on {paper}"
    page.close()
