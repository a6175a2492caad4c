"""The class debrief: games gathered from their directories, compared with simulated runs."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from negosim.cli import app
from negosim.engine.catalogue import load_scenario
from negosim.play.classroom import ClassroomError, gather
from negosim.play.game import save, simulated_runs
from negosim.web.changes import Changes, apply
from negosim.web.debrief import NAME_IN_PATH, NAME_SHOWN, game_directory, table_cell
from negosim.web.table import Table
from tests.conftest import CONFIGS

PIE = load_scenario(CONFIGS / "split_the_pie.yaml")
runner = CliRunner()


def _play(directory: Path, seat: str, accept: bool, player: str, scenario=PIE) -> None:  # type: ignore[no-untyped-def]
    """A person who answers the first offer with ``accept`` and, when proposing, offers the other
    side everything (which it takes)."""
    table = Table(scenario, 0, seat).to_the_end()
    view = table.view()
    other = 1 - scenario_index(seat)
    while view.question is not None:
        generous = int(np.argmax(view.game.utilities[:, other]))
        answer = accept if view.question.kind == "respond" else generous
        table = table.answer(view, answer)
        view = table.view()
    assert view.finished
    save(directory, scenario, seat, 0, view.run(), player)


def scenario_index(seat: str) -> int:
    return list(PIE.actors).index(seat)


def test_games_are_tabled_with_everyones_points_and_the_players_percentile(tmp_path: Path) -> None:
    _play(tmp_path / "a", "bob", True, "Ada")
    _play(tmp_path / "b", "alice", True, "Grace")
    classroom = gather([tmp_path], runs=40)
    table = classroom.table()
    assert list(table["player"]) == ["Ada", "Grace"]
    assert list(table["seat"]) == ["bob", "alice"]
    assert bool(table["agreement"].all())
    grace = table.iloc[1]
    assert grace["alice"] == pytest.approx(0.0), "Grace gave the whole pie to Bob"
    assert grace["bob"] == pytest.approx(100.0)
    simulated = simulated_runs(PIE, 40)["utility.alice"]
    assert grace["percentile"] == pytest.approx(100 * float(np.mean(simulated <= 0.0)))
    ada = table.iloc[0]
    expected = 100 * float(
        np.mean(simulated_runs(PIE, 40)["utility.bob"] <= ada["bob"] / 100 + 1e-12)
    )
    assert ada["percentile"] == pytest.approx(expected)


def test_games_of_different_scenarios_are_not_mixed(tmp_path: Path) -> None:
    _play(tmp_path / "a", "bob", True, "Ada")
    other = apply(PIE, Changes().with_value("actors.bob.reservation", 0.05))
    _play(tmp_path / "b", "bob", True, "Grace", other)
    with pytest.raises(ClassroomError, match="a different scenario from"):
        gather([tmp_path], runs=5)
    only = gather([tmp_path], runs=5, scenario=other)
    assert list(only.table()["player"]) == ["Grace"]
    with pytest.raises(ClassroomError, match="no such directory"):
        gather([tmp_path / "missing"], runs=5)


def test_negosim_debrief_writes_a_self_contained_page_and_a_table(tmp_path: Path) -> None:
    _play(tmp_path / "games" / "a", "bob", True, "Ada")
    _play(tmp_path / "games" / "b", "bob", False, "Grace")
    out = tmp_path / "debrief"
    result = runner.invoke(
        app, ["debrief", str(tmp_path / "games"), "--runs", "30", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "2 games played by people" in result.output
    page = (out / "debrief.html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in page
    assert "Ada" in page
    assert "Grace" in page
    assert (out / "debrief.png").read_bytes().startswith(b"\x89PNG")
    games = pd.read_csv(out / "games.csv")
    assert list(games["player"]) == ["Ada", "Grace"]
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(app, ["debrief", str(empty)])
    assert result.exit_code == 2
    assert "no played games found" in result.output


def test_two_students_in_one_seat_never_overwrite_each_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    first = game_directory("pie", "Ada Lovelace!", "bob", 0)
    assert first == Path("out/web/pie/Ada-Lovelace-bob-seed0")
    first.mkdir(parents=True)
    assert game_directory("pie", "Ada Lovelace!", "bob", 0) == Path(
        "out/web/pie/Ada-Lovelace-bob-seed0-2"
    )
    assert game_directory("pie", "  ", "bob", 3) == Path("out/web/pie/bob-bob-seed3")


def test_a_very_long_or_marked_up_name_is_shortened_for_paths_and_shown_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    long = "Ada " * 100  # 400 characters: a folder name of them would fail (File name too long)
    folder = game_directory("pie", long, "bob", 0)
    assert len(folder.name) <= NAME_IN_PATH + len("-bob-seed0")
    folder.mkdir(parents=True)  # the file system takes it
    shown = table_cell("<script>alert(1)</script> | *bold* " + "x" * 200)
    assert "<script>" not in shown
    assert "&lt;script&gt;" in shown
    assert "\\|" in shown
    assert "\\*bold\\*" in shown
    assert len(shown) < NAME_SHOWN + 40


def _edit_manifest(directory: Path, change: object) -> None:
    import json

    path = directory / "manifest.json"
    manifest = json.loads(path.read_text())
    path.write_text(json.dumps(change(manifest)))  # type: ignore[operator]


EDITS = {
    "unknown seat": lambda d: _edit_manifest(
        d, lambda m: {**m, "request": {**m["request"], "played_as": "carol"}}
    ),
    "null manifest": lambda d: (d / "manifest.json").write_text("null"),
    "list manifest": lambda d: (d / "manifest.json").write_text("[1, 2]"),
    "empty runs": lambda d: pd.read_parquet(d / "runs.parquet").iloc[:0].to_parquet(d / "runs.parquet"),
    "no columns": lambda d: pd.DataFrame().to_parquet(d / "runs.parquet"),
    "utility of 5": lambda d: pd.read_parquet(d / "runs.parquet")
    .assign(**{"utility.bob": 5.0})
    .to_parquet(d / "runs.parquet"),
}  # fmt: skip


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_a_broken_game_is_skipped_and_named_and_the_others_are_debriefed(
    tmp_path: Path, edit: str
) -> None:
    _play(tmp_path / "games" / "a", "bob", True, "Ada")
    _play(tmp_path / "games" / "b", "bob", False, "Grace")
    EDITS[edit](tmp_path / "games" / "b")
    classroom = gather([tmp_path / "games"], runs=5)
    assert list(classroom.table()["player"]) == ["Ada"]
    (reason,) = classroom.skipped
    assert str(tmp_path / "games" / "b") in reason
    result = runner.invoke(
        app, ["debrief", str(tmp_path / "games"), "--runs", "5", "--out", str(tmp_path / "d")]
    )
    assert result.exit_code == 0, result.output
    assert "skipped" in result.output
    assert "Traceback" not in result.output


def test_a_long_player_name_is_drawn_short_and_keeps_the_figure_laid_out() -> None:
    """An 80-character name once ran out of its panel and collapsed the layout (a warning, an
    error under ``-W error``); it is drawn cut to 20 characters, the table keeps it whole."""
    import warnings

    from negosim.plots.classroom import NAME_DRAWN, class_results
    from negosim.plots.style import Caption

    simulated = pd.DataFrame({"a": np.linspace(0, 100, 50), "b": np.linspace(100, 0, 50)})
    name = "W" * NAME_SHOWN
    games = pd.DataFrame({"a": [40.0], "b": [60.0], "seat": ["a"], "player": [name]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        figure = class_results(
            simulated, games, {"a": "A", "b": "B"}, {"a": "red", "b": "blue"}, Caption("t")
        )
        figure.canvas.draw()
    drawn = [t.get_text() for ax in figure.axes for t in ax.texts]
    assert drawn == [" " + "W" * (NAME_DRAWN - 1) + "…"]
