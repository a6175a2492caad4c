"""`negosim tournament`: every strategy against every other, in every seat, scored as ANAC does."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from negosim import load_scenario
from negosim.cli import app
from negosim.experiments.tournament import (
    TournamentError,
    assignments,
    play_tournament,
    select_strategies,
    standings,
)
from tests.conftest import ROOT

runner = CliRunner()
LAPTOP = ROOT.parent / "shared" / "domains" / "genius" / "Laptop"


def test_every_pairing_takes_every_seat() -> None:
    assert len(assignments(["a", "b", "c"], 2)) == 9
    four = assignments(["a", "b"], 4)
    assert len(four) == 10
    assert ("a", "b", "b", "b") in four
    assert ("b", "b", "a", "b") in four


def test_the_classifier_selects_the_entrants() -> None:
    assert select_strategies(where={"reactive": True}) == ["tit_for_tat", "micro", "bayesian"]
    assert "subgame_perfect" not in select_strategies(where={"full_information": False})
    with pytest.raises(TournamentError, match="unknown classifier"):
        select_strategies(where={"clever": True})
    with pytest.raises(TournamentError, match="unknown strategy human"):
        select_strategies(["human"])


def test_rows_carry_anac_measures_and_a_subset_plays_as_within_the_whole() -> None:
    pie = [("split_the_pie", load_scenario("split_the_pie"))]
    whole = play_tournament(pie, ["boulware", "conceder", "micro"], seeds=2)
    assert set(whole.columns) >= {
        "agreement",
        "rounds",
        "utility",
        "welfare",
        "pareto_distance",
        "nash_distance",
    }
    deals = whole[whole["agreement"]]
    assert (deals["pareto_distance"] < 1e-9).all(), "every split of a pie is efficient"
    assert (whole["nash_distance"] >= 0).all()
    part = play_tournament(pie, ["boulware", "conceder"], seeds=2)
    inner = whole[whole["pairing"].isin(part["pairing"].unique())]
    columns = ["pairing", "seat", "strategy", "utility", "rounds", "agreement"]
    pd.testing.assert_frame_equal(
        inner[columns].sort_values(columns).reset_index(drop=True),
        part[columns].sort_values(columns).reset_index(drop=True),
    )
    table = standings(whole)
    assert list(table.index) == list(table.sort_values("utility", ascending=False).index)
    # Each strategy holds both seats against itself and one seat in 4 mixed assignments: 6 seats,
    # over 2 seeds.
    assert (table["negotiations"] == 12).all()


def test_the_command_writes_rows_standings_and_a_figure(tmp_path: Path) -> None:
    out = tmp_path / "t"
    args = ["tournament", "split_the_pie", str(LAPTOP), "--strategies", "linear,micro"]
    done = runner.invoke(app, [*args, "--seeds", "1", "--out", str(out)])
    assert done.exit_code == 0, done.output
    table = pd.read_parquet(out / "tournament.parquet")
    assert set(table["scenario"]) == {"split_the_pie", "Laptop"}
    assert (out / "standings.csv").exists()
    again = runner.invoke(app, [*args, "--out", str(out)])
    assert again.exit_code == 2
    assert "--force" in again.output
    plotted = runner.invoke(app, ["plot", str(out)])
    assert plotted.exit_code == 0, plotted.output
    assert (out / "figures" / "standings.png").read_bytes().startswith(b"\x89PNG")
    wrong = runner.invoke(app, ["tournament", "split_the_pie", "--strategies", "cunning"])
    assert wrong.exit_code == 2
    assert "unknown strategy cunning" in wrong.output
