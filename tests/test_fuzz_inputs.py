"""Hypothesis-edited saved games, dashboard uploads and GENIUS files: each is used, or refused
with one line (a skipped game, a message in the page, exit 2), never a traceback."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from negosim.cli import app
from negosim.play.classroom import gather
from tests.test_classroom import _play
from tests.test_genius import copy_domain
from tests.test_scenario_fuzz import PIE, mutated_documents, values

runner = CliRunner()
FIXTURE = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


@pytest.fixture(scope="module")
def played(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real saved game, copied and edited by every example."""
    folder = tmp_path_factory.mktemp("played") / "game"
    _play(folder, "bob", True, "Ada")
    return folder


def _set(document: Any, path: list[str], value: Any) -> Any:
    if not path:
        return value
    if not isinstance(document, dict):
        return document
    return {**document, path[0]: _set(document.get(path[0]), path[1:], value)}


manifest_edits = st.tuples(
    st.sampled_from([[], ["request"], ["request", "played_as"], ["request", "player"]]), values
)
file_damage = st.sampled_from(["none", "truncate", "empty", "flip", "delete"])


@given(
    edit=manifest_edits,
    damage=file_damage,
    target=st.sampled_from(["runs.parquet", "scenario.json"]),
)
@settings(max_examples=30, suppress_health_check=FIXTURE)
def test_an_edited_saved_game_is_debriefed_or_skipped_with_its_reason(
    played: Path, tmp_path_factory: pytest.TempPathFactory, edit: Any, damage: str, target: str
) -> None:
    games = tmp_path_factory.mktemp("class")
    shutil.copytree(played, games / "good")
    shutil.copytree(played, games / "edited")
    manifest = games / "edited" / "manifest.json"
    path, value = edit
    manifest.write_text(json.dumps(_set(json.loads(manifest.read_text()), path, value)))
    file = games / "edited" / target
    data = file.read_bytes()
    if damage == "truncate":
        file.write_bytes(data[: len(data) // 2])
    elif damage == "empty":
        file.write_bytes(b"")
    elif damage == "flip":
        file.write_bytes(data[:100] + bytes([data[100] ^ 0xFF]) + data[101:])
    elif damage == "delete":
        file.unlink()
    classroom = gather([games], runs=3)
    assert "Ada" in list(classroom.table()["player"]), "the good game is always there"
    assert len(classroom.table()) + len(classroom.skipped) == 2
    result = runner.invoke(app, ["debrief", str(games), "--runs", "3", "--out", str(games / "d")])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output


@given(st.one_of(st.binary(max_size=400), mutated_documents().map(yaml.safe_dump)))
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
def test_an_upload_to_the_dashboard_loads_or_says_why_and_keeps_the_page(data: Any) -> None:
    pytest.importorskip("solara")
    from negosim.web.session import Session

    session = Session.bundled("split_the_pie")
    raw = data if isinstance(data, bytes) else data.encode()
    after = session.uploaded("upload.yaml", raw)
    if after.error is not None:
        assert after.error.startswith("upload.yaml")
        assert after.scenario is session.scenario, "a refusal keeps the scenario in the page"
    else:
        assert after.scenario is not session.scenario


GENIUS_EDITS = st.tuples(
    st.sampled_from(["laptop_buyer_utility.xml", "laptop_domain.xml"]),
    st.sampled_from(['value="', 'evaluation="', 'index="', "<issue", "</", 'name="', "weight"]),
    st.text(alphabet="0123456789.-eE<>\"'& abc", max_size=6),
)


@given(GENIUS_EDITS)
@settings(max_examples=40, suppress_health_check=FIXTURE)
def test_an_edited_genius_domain_imports_or_names_file_and_element(
    tmp_path_factory: pytest.TempPathFactory, edit: tuple[str, str, str]
) -> None:
    name, anchor, inserted = edit
    folder = copy_domain(tmp_path_factory.mktemp("genius"), "Laptop")
    file = folder / name
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace(anchor, anchor + inserted, 1), encoding="utf-8")
    out = folder.parent / "laptop.yaml"
    result = runner.invoke(app, ["import", str(folder), "-o", str(out)])
    assert "Traceback" not in result.output
    if result.exit_code == 0:
        assert runner.invoke(app, ["validate", str(out)]).exit_code == 0
    else:
        assert result.exit_code == 2, result.output
        assert result.output.startswith("error: ") or ": " in result.output.splitlines()[0]
        assert not out.exists()


def test_the_mutation_bases_are_shared_with_the_scenario_fuzzer() -> None:
    assert copy.deepcopy(PIE)["name"] == "split_the_pie"
