"""The command line, as a user calls it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from negosim.cli import app
from tests.conftest import ALL_SCENARIOS, CONFIGS

pytestmark = pytest.mark.smoke

runner = CliRunner()


def test_validate_accepts_every_bundled_scenario_without_warnings() -> None:
    result = runner.invoke(app, ["validate", *(str(CONFIGS / f"{n}.yaml") for n in ALL_SCENARIOS)])
    assert result.exit_code == 0, result.output
    assert result.output.count(": valid") == len(ALL_SCENARIOS)
    assert "warning" not in result.output


def test_validate_reports_each_bad_file_and_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: [oops\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(CONFIGS / "split_the_pie.yaml"), str(bad)])
    assert result.exit_code == 2
    assert "split_the_pie.yaml: valid" in result.output
    assert f"{bad}:2: error: (document): not valid YAML" in result.output
    assert "Traceback" not in result.output


def test_a_missing_file_names_the_bundled_scenarios() -> None:
    result = runner.invoke(app, ["analyze", "no_such_scenario"])
    assert result.exit_code == 2
    assert "no such file, nor a bundled scenario" in result.output
    assert "grand_bargain" in result.output


def test_schema_is_json_schema_of_the_format() -> None:
    result = runner.invoke(app, ["schema"])
    schema = json.loads(result.output)
    assert schema["title"] == "Scenario"
    assert {"tracks", "issues", "actors", "couplings"} <= set(schema["properties"])
    assert schema["additionalProperties"] is False
    power = schema["$defs"]["PositiveParameter"]
    assert {"type": "number", "exclusiveMinimum": 0.0, "maximum": 1e9} in [
        {k: v for k, v in option.items() if k != "title"} for option in power["anyOf"]
    ], "a bare number must be allowed where a parameter is expected"


def test_scenarios_lists_every_bundled_scenario_with_its_summary() -> None:
    result = runner.invoke(app, ["scenarios"], terminal_width=200)
    assert result.exit_code == 0
    for name in ALL_SCENARIOS:
        assert name in result.output
    assert "Two actors divide one unit" in result.output


@pytest.mark.parametrize("name", ALL_SCENARIOS)
def test_analyze_json_has_counts_and_every_solution(name: str) -> None:
    result = runner.invoke(app, ["analyze", name, "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["outcomes"] >= report["zopa"]
    assert (report["zopa"] > 0) is (name != "minerals_deal")  # alone it founders on security
    assert report["pareto"] > 0
    assert set(report["solutions"]) >= {"nash", "kalai_smorodinsky", "utilitarian", "egalitarian"}
    for solution in report["solutions"].values():
        if report["zopa"] == 0:  # no deal beats walking away: no solution to report
            assert solution is None
            continue
        assert set(solution) == {"outcome", "utilities"}
        assert set(solution["utilities"]) == set(report["actors"])
        for actor, utility in solution["utilities"].items():
            assert utility >= report["reservation"][actor]


def test_analyze_split_the_pie_gives_the_textbook_points() -> None:
    report = json.loads(runner.invoke(app, ["analyze", "split_the_pie", "--json"]).output)
    solutions = report["solutions"]
    assert solutions["nash"]["outcome"] == {"alice_share": 0.55}
    assert solutions["kalai_smorodinsky"]["outcome"] == {"alice_share": 0.55}
    # 0.2 + 2/3 * 0.7 = 0.6667 lies between grid points 0.66 and 0.67; the product is higher at 0.67.
    assert solutions["generalized_nash"]["outcome"] == {"alice_share": 0.67}
    assert solutions["nash"]["utilities"] == {"alice": 0.55, "bob": 0.45}


def test_analyze_human_output_names_the_solutions_and_actors() -> None:
    result = runner.invoke(app, ["analyze", "grand_bargain"], terminal_width=160)
    assert result.exit_code == 0
    for text in ("207,900", "ZOPA", "Nash", "K-S", "United States", "Russia", "security_guarantee"):
        assert text in result.output


def test_analyze_one_track_and_refuse_unknown_tracks() -> None:
    report = json.loads(
        runner.invoke(app, ["analyze", "grand_bargain", "--track", "security", "--json"]).output
    )
    assert report["tracks"] == ["security"]
    assert report["actors"] == ["us", "ukraine", "europe", "russia"]
    result = runner.invoke(app, ["analyze", "grand_bargain", "--track", "peace"])
    assert result.exit_code == 2
    assert "unknown track peace; known tracks: minerals, security" in result.output


def test_version() -> None:
    assert runner.invoke(app, ["--version"]).output.startswith("negosim ")
