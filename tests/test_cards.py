"""Scenario cards and role sheets: every option scored, points that add up, limits spelled out."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from negosim.cli import app
from negosim.engine.catalogue import load_scenario
from negosim.outcomes import build_space, utility_table
from negosim.report.cards import role_sheet, scenario_card
from negosim.report.document import Heading, Paragraph, Quote, TableBlock
from tests.conftest import CONFIGS

runner = CliRunner()


def grand() -> object:
    return load_scenario(CONFIGS / "grand_bargain.yaml")


def points_tables(blocks: list[object]) -> dict[str, dict[str, float]]:
    tables, current = {}, None
    for block in blocks:
        if isinstance(block, Heading) and block.level == 3:
            current = block.text
        elif isinstance(block, TableBlock) and current is not None:
            tables[current] = {option: float(points) for option, points in block.rows}
    return tables


def test_points_of_an_outcome_add_up_to_its_utility() -> None:
    scenario = grand()
    tables = points_tables(role_sheet(scenario, "russia"))  # type: ignore[arg-type]
    assert set(tables) == {"nato path", "territory", "security guarantee", "resource scope"}
    space = build_space(scenario, ["security"])  # type: ignore[arg-type]
    table = utility_table(scenario, space)  # type: ignore[arg-type]
    outcome = {
        "security_guarantee": "none",
        "nato_path": "neutrality_treaty",
        "territory": 0.0,
        "europe_burden": 0.5,
    }
    # Russia's points on the security issues, out of the 95 they carry, match its utility there.
    points = (
        tables["security guarantee"]["none"]
        + tables["nato path"]["neutrality treaty"]
        + tables["territory"]["0.0"]
    )
    utility = table.utilities[space.index_of(outcome), table.actors.index("russia")]
    assert points == pytest.approx(100 * utility * 0.95, abs=1.5)


def test_role_sheet_names_priorities_limits_and_red_lines() -> None:
    blocks = role_sheet(grand(), "ukraine")  # type: ignore[arg-type]
    text = " ".join(getattr(b, "text", "") for b in blocks)
    assert "CONFIDENTIAL" in text
    assert "security guarantee: 25 of your 100 points at stake." in text
    assert "Walk away below 31 points" in text  # what the war is worth to Ukraine
    assert "Ukraine wins the fight over territory with probability 25%" in text
    assert (
        "Your red line: you accept no deal whose security guarantee is none or us economic "
        "presence." in text
    )
    assert "ukraine accepts" not in text  # addressed to the reader, by label
    assert any(isinstance(b, Quote) and "security commitments" in b.text for b in blocks)


def test_scenario_card_lists_every_issue_with_its_options() -> None:
    blocks = scenario_card(grand())  # type: ignore[arg-type]
    rows = [row for b in blocks if isinstance(b, TableBlock) for row in b.rows]
    assert len(rows) == 8
    assert "fund governance" in rows[1][0]
    assert rows[1][2] == "joint"
    assert any(
        isinstance(b, Paragraph) and "Veto: United States, Ukraine" in b.text for b in blocks
    )


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.append(tag)


def test_card_command_writes_html_and_markdown(tmp_path: Path) -> None:
    result = runner.invoke(app, ["card", "grand_bargain", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(
        [
            f"{stem}.{ext}"
            for stem in ("scenario-card", "role-us", "role-ukraine", "role-europe", "role-russia")
            for ext in ("html", "md")
        ]
    )
    parser = _Tags()
    parser.feed((tmp_path / "role-us.html").read_text(encoding="utf-8"))
    assert parser.tags.count("table") == 8
    assert (
        (tmp_path / "role-us.md")
        .read_text(encoding="utf-8")
        .startswith("# United States: confidential instructions")
    )
    one = runner.invoke(
        app, ["card", "grand_bargain", "--actor", "russia", "--out", str(tmp_path / "one")]
    )
    assert one.exit_code == 0
    assert len(list((tmp_path / "one").glob("role-*.md"))) == 1
    bad = runner.invoke(app, ["card", "grand_bargain", "--actor", "china", "--out", str(tmp_path)])
    assert bad.exit_code == 2
    assert "unknown actor china; known actors: us, ukraine, europe, russia" in bad.output


def test_a_priority_read_from_a_quote_still_says_it_is_assumed() -> None:
    """Russia's priorities are not stated in the article: a sentence printed under one of them
    carries its assumption label, and the sheet says the priorities are assumed as a whole."""
    blocks = role_sheet(grand(), "russia")  # type: ignore[arg-type]
    texts = [getattr(b, "text", "") for b in blocks]
    assert any("The article does not state Russia's priorities" in t for t in texts)
    territory = next(i for i, t in enumerate(texts) if t.startswith("territory:"))
    assert isinstance(blocks[territory + 1], Quote)
    assert texts[territory + 2] == "(Assumed: Keeping the territory it holds is a core aim.)"
