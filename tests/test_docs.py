"""The documentation site builds in strict mode (any warning fails), and its generated reference
pages really carry the scenario format and the command line. Code on the pages runs as doctests
(pytest collects docs/**/*.md)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def test_the_site_builds_strictly_with_generated_references(tmp_path: Path) -> None:
    site = tmp_path / "site"
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 0, done.stderr
    scenario_format = (site / "reference" / "scenario-format" / "index.html").read_text()
    for expected in ("reservation", "ContinuousIssue", "Ratification", "uncertainty"):
        assert expected in scenario_format
    cli = (site / "reference" / "cli" / "index.html").read_text()
    for command in ("negosim run", "negosim sweep", "negosim import", "negosim web", "--resume"):
        assert command in cli
    api = (site / "reference" / "api" / "index.html").read_text()
    assert "nash_point" in api


def test_the_textbook_figures_are_drawn_by_the_current_code(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "docs" / "make_figures.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    drawn = {p.name for p in tmp_path.glob("*.png")}
    page = (ROOT / "docs" / "textbook" / "bargaining-theory.md").read_text(encoding="utf-8")
    shown = {
        line.split("figures/")[1].rstrip(")") for line in page.splitlines() if "figures/" in line
    }
    assert shown, "the text-book shows negosim's figures"
    assert shown <= drawn
    assert all((ROOT / "docs" / "figures" / name).exists() for name in shown)
    for name in drawn:
        assert (tmp_path / name).read_bytes().startswith(b"\x89PNG")
