"""`negosim simulate` as a user calls it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from negosim.cli import app
from negosim.protocols import PROTOCOLS
from tests.conftest import ALL_SCENARIOS, CONFIGS

runner = CliRunner()


@pytest.mark.parametrize("name", ALL_SCENARIOS)
@pytest.mark.parametrize("protocol", sorted(PROTOCOLS))
def test_simulate_every_bundled_scenario_under_every_protocol(name: str, protocol: str) -> None:
    result = runner.invoke(app, ["simulate", name, "--seed", "4", "--protocol", protocol])
    assert result.exit_code == 0, result.output
    assert "Round 1:" in result.output
    assert ("Agreement in round" in result.output) != ("No agreement" in result.output)
    assert "walk-away" in result.output


def test_every_offer_is_printed_whole_with_what_changed() -> None:
    """A later offer once showed only the terms that changed, without saying so."""
    output = runner.invoke(app, ["simulate", "grand_bargain", "--seed", "1"]).output
    issues = ["revenue share", "fund governance", "repayment", "security guarantee", "territory"]
    offers = [line for line in output.splitlines() if " proposes " in line]
    assert len(offers) >= 2
    assert all(all(f"{issue}: " in line for issue in issues) for line in offers)
    assert "(changes security guarantee)" in offers[1]
    assert "(changes" not in offers[0]


def test_the_log_reads_like_a_negotiation() -> None:
    output = runner.invoke(app, ["simulate", "split_the_pie", "--seed", "0"]).output
    assert output.splitlines()[0] == "Tracks pie · protocol alternating_offers · deadline 50 rounds"
    assert "Round 1: Alice proposes alice share: 1" in output
    assert "Bob rejects (0.00)" in output
    assert "Round 2: Bob proposes alice share: 0" in output
    assert "Agreement in round" in output
    assert "distance to the Nash point in utility space" in output


def test_same_seed_same_output_different_seed_may_differ() -> None:
    runs = [
        runner.invoke(
            app, ["simulate", "grand_bargain", "--seed", "11", "--protocol", "recognition"]
        ).output
        for _ in range(2)
    ]
    assert runs[0] == runs[1]


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_the_trace_is_a_tidy_table(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"trace{suffix}"
    result = runner.invoke(app, ["simulate", "minerals_deal", "--seed", "1", "--trace", str(path)])
    assert result.exit_code == 0, result.output
    table = pd.read_parquet(path) if suffix == ".parquet" else pd.read_csv(path)
    assert {
        "round",
        "proposer",
        "actor",
        "response",
        "utility",
        "discounted",
        "outcome.revenue_share",
        "outcome.security_guarantee",
    } <= set(table.columns)
    assert set(table["actor"]) == {"us", "ukraine"}
    assert set(table["response"]) <= {"proposes", "accepts", "rejects"}
    assert table.groupby("round").size().eq(2).all()
    assert not list(tmp_path.glob(".*partial")), "no temporary file is left behind"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--protocol", "auction"],
            "--protocol: unknown value 'auction'; allowed: alternating_offers",
        ),
        (["--linkage", "loose"], "--linkage: unknown value 'loose'"),
        (["--trace", "out.txt"], "must end in .csv or .parquet"),
        (["--seed", "-1"], "Invalid value for '--seed'"),
        (["--trace", "/nonexistent/dir/t.csv"], "no directory /nonexistent/dir"),
    ],
)
def test_bad_options_exit_2_with_a_message(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["simulate", "split_the_pie", *args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_unknown_strategy_and_bad_parameters_are_validation_errors(tmp_path: Path) -> None:
    text = (CONFIGS / "split_the_pie.yaml").read_text(encoding="utf-8")
    text = text.replace("strategy: {name: boulware,", "strategy: {name: boulwar,")
    text = text.replace(
        "strategy: {name: conceder,", "strategy: {name: conceder, params: {speed: 2},"
    )
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert "actors.alice.strategy.name: unknown strategy 'boulwar'" in result.output
    assert "boulware" in result.output.split("allowed:")[1]
    assert (
        "actors.bob.strategy.params.speed: unknown parameter of strategy 'conceder'"
        in result.output
    )
    assert "allowed: one of: exponent" in result.output


def test_a_human_seat_without_a_person_is_refused(tmp_path: Path) -> None:
    text = (CONFIGS / "split_the_pie.yaml").read_text(encoding="utf-8")
    path = tmp_path / "human.yaml"
    path.write_text(
        text.replace("strategy: {name: conceder,", "strategy: {name: human,"), encoding="utf-8"
    )
    result = runner.invoke(app, ["simulate", str(path)])
    assert result.exit_code == 2
    assert "needs a person at the table" in result.output


def test_analyze_gives_the_subgame_perfect_offer_for_two_actors() -> None:
    import json

    report = json.loads(runner.invoke(app, ["analyze", "split_the_pie", "--json"]).output)
    spe = report["solutions"]["spe"]
    assert spe["utilities"]["alice"] > 0.5, "the patient first mover gets more than half"
    assert spe["utilities"]["bob"] >= 0.1
    grand = json.loads(runner.invoke(app, ["analyze", "grand_bargain", "--json"]).output)
    assert "spe" not in grand["solutions"]
