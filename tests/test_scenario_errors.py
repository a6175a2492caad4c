"""Bad scenario files get a message with file, line, field, what was given and what is allowed."""

from __future__ import annotations

from pathlib import Path

import pytest

from negosim.engine.catalogue import parse_scenario
from negosim.scenario import ScenarioError


def problems_of(text: str) -> str:
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text, "bad.yaml")
    return caught.value.render()


def replace(text: str, old: str, new: str) -> str:
    assert old in text, f"fixture drifted: {old!r} not in the pie scenario"
    return text.replace(old, new, 1)


def test_unknown_issue_in_a_weight_lists_the_known_issues(pie_text: str) -> None:
    text = replace(pie_text, "    weights:\n      alice_share:", "    weights:\n      alice_shar:")
    message = problems_of(text)
    assert (
        "bad.yaml:42: error: actors.alice.weights.alice_shar: unknown issue 'alice_shar'" in message
    )
    assert "allowed: one of: alice_share" in message


def test_unknown_field_lists_the_allowed_fields(pie_text: str) -> None:
    message = problems_of(replace(pie_text, "    deadline: 50", "    deadline: 50\n    dedline: 5"))
    assert "bad.yaml:17: error: tracks.pie.dedline: unknown field 'dedline'" in message
    assert "deadline" in message.split("allowed:")[1]


def test_wrong_kind_names_the_kinds(pie_text: str) -> None:
    message = problems_of(replace(pie_text, "kind: continuous", "kind: continous"))
    assert "issues.alice_share: unknown kind" in message
    assert "given: 'continous'" in message
    assert "allowed: one of: continuous, ordinal, categorical" in message


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("{value: 0.2,", "{value: .nan,", "reservation.value: Input should be a finite number"),
        ("{value: 0.2,", "{value: 1e999,", "reservation.value: Input should be a finite number"),
        ("{value: 0.2,", "{value: 1.5,", "less than or equal to 1"),
        ("{value: 0.2,", "{value: high,", "valid number"),
        ("deadline: 50", "deadline: 123456789012345678901234567890", "deadline"),
        ("step: 0.01", "step: 1e-300", "levels; at most"),
        ("step: 0.01", "step: 0.03", "step (0.03) must divide max - min"),
        ("status_quo: 0.5", "status_quo: 5", "status_quo (5.0) must lie within"),
        ("parties: [alice, bob]", "parties: [alice, carol]", "unknown actor 'carol'"),
        ("direction: decreasing", "direction: down", "allowed: one of: increasing, decreasing"),
        (
            "kind: linear, direction: increasing",
            "kind: table, table: {a: 1}",
            "not usable on a continuous issue",
        ),
    ],
)
def test_each_bad_value_is_named(pie_text: str, old: str, new: str, expected: str) -> None:
    assert expected in problems_of(replace(pie_text, old, new))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "the file is empty"),
        ("# only a comment\n", "the file is empty"),
        ("name: [unclosed\n", "bad.yaml:2: error: (document): not valid YAML"),
        ("- a\n- b\n", "the document must be a mapping"),
        ("a: 1\na: 2\n", "bad.yaml:2: error: a: duplicate key"),
        ("!!python/object:os.system {}\n", "not valid YAML"),
        ("name: x\n", "missing required field 'title'"),
        (f"a: 1\nb: {'9' * 5000}\n", "bad.yaml:2: error: b: a number 5,000 characters long"),
        (f"a: 1\nb: 0.{'1' * 200}\n", "bad.yaml:2: error: b: a number 202 characters long"),
    ],
)
def test_broken_documents(text: str, expected: str) -> None:
    assert expected in problems_of(text)


def test_alias_bombs_are_refused_without_expanding_them() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [
        f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]"
        for i in range(1, 12)
    ]
    assert "more than 200000 nodes" in problems_of("\n".join(lines) + "\n")


def test_every_problem_is_reported_not_just_the_first(pie_text: str) -> None:
    text = replace(replace(pie_text, "deadline: 50", "deadline: 0"), "{value: 0.2,", "{value: 2,")
    message = problems_of(text)
    assert "tracks.pie.deadline" in message
    assert "actors.alice.reservation.value" in message


def test_a_parameter_without_provenance_is_a_warning_not_an_error(pie_text: str) -> None:
    text = replace(
        pie_text,
        "power: {value: 2.0, assumption: Bargaining weight 2 for the generalised Nash solution.}",
        "power: 2.0",
    )
    loaded = parse_scenario(text, "warn.yaml")
    assert loaded.scenario.actors["alice"].power.value == 2.0
    assert [w.render("warn.yaml") for w in loaded.warnings] == [
        "warn.yaml:38: warning: actors.alice.power: no provenance: add 'source:' (a quote) "
        "or 'assumption:' (why)"
    ]


def test_conditions_must_fit_their_issue(pie_text: str) -> None:
    text = pie_text + (
        "couplings:\n"
        "  - {kind: condition, actor: bob, issue: alice_share, none_of: [x], assumption: t}\n"
        "  - {kind: condition, actor: dave, issue: alice_share, at_most: 0.5, assumption: t}\n"
        "  - {kind: cross_track, actors: [bob], track: pie, depends_on: pie,"
        " factor_without: 0.5, assumption: t}\n"
    )
    message = problems_of(text)
    assert "couplings.0.issue: a continuous issue needs at_least / at_most" in message
    assert "couplings.1.actor: unknown actor 'dave'" in message
    assert "couplings.2.depends_on: a track cannot depend on itself" in message


@pytest.mark.parametrize("kind", ["device", "fifo", "directory"])
def test_only_regular_files_are_read(tmp_path: Path, kind: str) -> None:
    """/dev/zero would be read forever (its size says 0), a FIFO would wait for a writer."""
    import os

    from negosim.engine.catalogue import read_scenario
    from negosim.scenario import ScenarioError

    path = {"device": Path("/dev/zero"), "directory": tmp_path}.get(kind, tmp_path / "pipe")
    if kind == "fifo":
        os.mkfifo(path)
    with pytest.raises(ScenarioError, match="not a regular file"):
        read_scenario(path)
