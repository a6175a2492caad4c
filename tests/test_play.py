"""Play against the simulation: scripted answers through the same prompts a person sees."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from negosim.cli import app
from negosim.engine.catalogue import load_scenario
from negosim.play.game import debrief, play_seat, save
from tests.conftest import CONFIGS

runner = CliRunner()


class Scripted:
    """Rejects everything and offers its default (its own best outcome) until told otherwise."""

    def __init__(self, accept_from_round: int = 10_000) -> None:
        self.accept_from_round = accept_from_round
        self.said: list[str] = []
        self.questions = 0

    def choose(self, question: str, options: Sequence[str], default: int) -> int:
        self.questions += 1
        return default

    def number(self, question: str, low: float, high: float, default: float) -> float:
        self.questions += 1
        return default

    def confirm(self, question: str) -> bool:
        return len([s for s in self.said if s.startswith("Round ")]) >= self.accept_from_round

    def say(self, text: str) -> None:
        self.said.append(text)


def test_a_stubborn_player_gets_no_deal_and_a_debrief() -> None:
    scenario = load_scenario(CONFIGS / "split_the_pie.yaml")
    asker = Scripted()
    played = play_seat(scenario, "bob", seed=0, asker=asker)
    assert not played.result.agreement
    assert played.result.reason == "walked out", "impatient Alice leaves when no deal beats it"
    assert played.result.walked_out == 0
    bob_turns = played.result.rounds // 2
    assert asker.questions == bob_turns, "one issue to set on each of Bob's turns"
    assert any(s.startswith("Alice offers") for s in asker.said)
    summary = debrief(scenario, "bob", played, runs=10)
    assert summary.points == pytest.approx({"Alice": 20.0, "Bob": 10.0})
    assert 0 <= summary.percentile <= 100
    assert summary.nash_points["Alice"] == pytest.approx(55.0)


def test_accepting_ends_the_game_and_the_save_is_a_report_directory(tmp_path: Path) -> None:
    scenario = load_scenario(CONFIGS / "split_the_pie.yaml")
    played = play_seat(scenario, "bob", seed=0, asker=Scripted(accept_from_round=0))
    assert played.result.agreement
    assert played.result.rounds == 1
    save(tmp_path / "game", scenario, "bob", 0, played)
    runs = pd.read_parquet(tmp_path / "game" / "runs.parquet")
    assert runs.loc[0, "variant"] == "played as bob"
    assert runner.invoke(app, ["report", str(tmp_path / "game")]).exit_code == 0


def test_the_terminal_game_reprompts_on_bad_input(tmp_path: Path) -> None:
    answers = "maybe\n" + "n\n1\n" * 30
    result = runner.invoke(
        app,
        ["play", "split_the_pie", "--as", "bob", "--runs", "5", "--save", str(tmp_path / "g")],
        input=answers,
        terminal_width=120,
    )
    assert result.exit_code == 0, result.output
    assert "Please enter Y or N" in result.output
    assert "Your result beats or equals" in result.output
    assert (tmp_path / "g" / "runs.parquet").exists()
    bad = runner.invoke(app, ["play", "split_the_pie", "--as", "carol"])
    assert bad.exit_code == 2
    assert "unknown actor carol; known actors: alice, bob" in bad.output


def test_a_second_game_never_overwrites_the_first(tmp_path: Path) -> None:
    """The same --save twice: the second game goes to DIR-2 and the first is untouched."""
    answers = "n\n1\n" * 30
    play = ["play", "split_the_pie", "--as", "bob", "--runs", "5", "--save", str(tmp_path / "g")]
    first = runner.invoke(app, play, input=answers, terminal_width=120)
    assert first.exit_code == 0, first.output
    kept = (tmp_path / "g" / "runs.parquet").read_bytes()
    second = runner.invoke(app, [*play[:-1], str(tmp_path / "g"), "--seed", "1"], input=answers)
    assert second.exit_code == 0, second.output
    assert (tmp_path / "g" / "runs.parquet").read_bytes() == kept
    assert (tmp_path / "g-2" / "runs.parquet").exists()
    assert f"Saved in {tmp_path / 'g-2'}" in " ".join(second.output.split())


def test_ctrl_c_keeps_what_was_played(tmp_path: Path) -> None:
    class Quitter(Scripted):
        def confirm(self, question: str) -> bool:
            raise KeyboardInterrupt

    scenario = load_scenario(CONFIGS / "split_the_pie.yaml")
    played = play_seat(scenario, "bob", seed=0, asker=Quitter())
    assert played.result.reason == "interrupted"
    assert not played.result.agreement
    save(tmp_path / "partial", scenario, "bob", 0, played)
    assert pd.read_parquet(tmp_path / "partial" / "runs.parquet").loc[0, "reason"] == "interrupted"


class ChangesOnce(Scripted):
    """Concedes 0.25 of the share once, then keeps what is shown; a number between options once."""

    def __init__(self) -> None:
        super().__init__()
        self.defaults: list[float] = []

    def number(self, question: str, low: float, high: float, default: float) -> float:
        self.defaults.append(default)
        self.questions += 1
        if self.questions == 1:
            return round(default + 0.25, 2) + 0.004  # between two options: taken as the nearest
        return default


def test_enter_keeps_the_players_last_offer_and_a_number_snaps_to_the_nearest_option() -> None:
    scenario = load_scenario(CONFIGS / "split_the_pie.yaml")
    asker = ChangesOnce()
    play_seat(scenario, "bob", seed=0, asker=asker)
    assert len(asker.defaults) >= 2
    first, then = asker.defaults[0], asker.defaults[1]
    assert then == pytest.approx(round(first + 0.25, 2)), "the second offer starts from the first"
    assert any("is between options; taken as" in s for s in asker.said)
    assert any("your last offer's option" in s for s in asker.said)


def test_the_terminal_takes_a_continuous_issue_as_a_number(tmp_path: Path) -> None:
    answers = "n\n2\n0.3\n" + "n\n\n" * 30
    play = ["play", "split_the_pie", "--as", "bob", "--runs", "5", "--save", str(tmp_path / "g")]
    result = runner.invoke(app, play, input=answers, terminal_width=120)
    assert result.exit_code == 0, result.output
    assert "alice share (0 to 1)" in result.output
    assert "Please enter a number from 0 to 1" in result.output
    assert "You offer alice share: 0.3" in result.output


def test_the_red_line_warning_names_the_red_line() -> None:
    """It once said only "one of your red lines"."""
    scenario = load_scenario(CONFIGS / "grand_bargain.yaml")
    asker = Scripted()
    play_seat(scenario, "ukraine", seed=1, asker=asker)
    warnings = [s for s in asker.said if s.startswith("Careful: this offer crosses your red line")]
    assert warnings
    assert (
        "Careful: this offer crosses your red line: "
        "security guarantee must not be none or us economic presence." in warnings
    )


def test_a_red_line_in_words_and_judged_as_the_tables_judge_it() -> None:
    from negosim.scenario.couplings import Condition, red_lines_crossed

    cap = Condition(kind="condition", actor="ukraine", issue="revenue_share", at_most=0.6)
    never = Condition(
        kind="condition", actor="ukraine", issue="repayment", none_of=["full_repayment"]
    )
    assert cap.requirement() == "revenue share must be at most 0.6"
    assert never.requirement() == "repayment must not be full repayment"
    assert cap.holds(0.6 + 1e-10)
    assert not cap.holds(0.61)
    terms = {"revenue_share": 0.75, "repayment": "full_repayment"}
    assert red_lines_crossed([cap, never], "ukraine", terms) == [
        "revenue share must be at most 0.6",
        "repayment must not be full repayment",
    ]
    assert red_lines_crossed([cap, never], "us", terms) == []
    assert red_lines_crossed([cap], "ukraine", {"repayment": "partial"}) == [], "issue not offered"
