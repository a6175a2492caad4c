"""The documentation site builds in strict mode (any warning fails), and its generated reference
pages really carry the scenario format and the command line. Code on the pages runs as doctests
(pytest collects docs/**/*.md)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


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
    for command in ("negosim run", "negosim sweep", "negosim import", "--resume"):
        assert command in cli
    api = (site / "reference" / "api" / "index.html").read_text()
    assert "nash_point" in api
