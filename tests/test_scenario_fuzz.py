"""Hypothesis-generated scenario documents: each one validates or fails with a message and exit 2."""

from __future__ import annotations

import copy
import math
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from negosim.cli import app
from negosim.engine.catalogue import parse_scenario
from negosim.scenario import ScenarioError
from tests.conftest import CONFIGS

PIE: dict[str, Any] = yaml.safe_load((CONFIGS / "split_the_pie.yaml").read_text(encoding="utf-8"))

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["alice", "bob", "pie", "alice_share", "linear", "table", "quota", "none"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, child in node.items():
            found += paths(child, (*prefix, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            found += paths(child, (*prefix, index))
    return found


ALL_PATHS = [p for p in paths(PIE) if p]


@st.composite
def mutated_documents(draw: st.DrawFn) -> dict[str, Any]:
    document = copy.deepcopy(PIE)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(ALL_PATHS))
        parent: Any = document
        try:
            for part in path[:-1]:
                parent = parent[part]
            if draw(st.booleans()) and isinstance(parent, dict):
                parent.pop(path[-1], None)
            else:
                parent[path[-1]] = draw(values)
        except (KeyError, IndexError, TypeError):
            continue
    return document


def assert_validates_or_explains(text: str) -> None:
    try:
        parse_scenario(text, "fuzz.yaml")
    except ScenarioError as error:
        assert error.problems
        assert all(line.startswith(("fuzz.yaml", "    ")) for line in error.render().splitlines())


@given(mutated_documents())
@settings(max_examples=300)
def test_mutated_scenarios_validate_or_fail_with_messages(document: dict[str, Any]) -> None:
    text = yaml.safe_dump(document, allow_unicode=True)
    assert_validates_or_explains(text)


@given(st.text(max_size=200))
@settings(max_examples=200)
def test_arbitrary_text_validates_or_fails_with_messages(text: str) -> None:
    assert_validates_or_explains(text)


@given(mutated_documents())
@settings(max_examples=40)
def test_the_cli_exits_0_or_2_and_never_shows_a_traceback(
    tmp_path_factory: Any, document: dict[str, Any]
) -> None:
    path: Path = tmp_path_factory.mktemp("fuzz") / "scenario.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code in (0, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        assert str(path) in result.output


def test_the_mutation_base_is_itself_valid() -> None:
    loaded = parse_scenario(yaml.safe_dump(PIE), "pie.yaml")
    assert math.isclose(loaded.scenario.actors["alice"].power.value, 2.0)
