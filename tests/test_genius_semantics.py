"""GENIUS domains read as GENIUS reads them (issue 14).

Random domains with discrete, integer and real issues — lower bounds other than 0, decreasing and
clipped evaluators, triangular and constant ones, weights summing below 1, ``<item>`` elements nested
in similarity blocks — are imported, and every outcome's utility must equal the independent reading
in ``tests/genius_reference.py`` to 1e-9; exported and imported again, they must still. The discount
is GENIUS's time-based one, and folders with other files, non-linear profiles and missing paths are
handled as the issue asks.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from negosim.cli import app
from negosim.engine.catalogue import parse_scenario
from negosim.games import game_from_scenario
from negosim.genius import GeniusError, export_genius, read_domain, to_document
from negosim.outcomes import build_space, utility_table
from tests.genius_reference import utility_function

runner = CliRunner()
NESTED = (
    '<similarity_function><item value="{v}" evaluation="{e}" /></similarity_function>'
    '<objective index="99" name="decoy"><issue index="99" name="decoy" type="discrete">'
    '<item value="d" evaluation="1" /></issue></objective>'
)


@dataclass(frozen=True)
class Issue:
    kind: str
    low: int
    size: int
    low_real: float = 0.0
    width: float = 1.0

    def domain_xml(self, index: int) -> str:
        name = f"Issue {index}"
        if self.kind == "discrete":
            items = "".join(f'<item index="{i + 1}" value="v{i}" />' for i in range(self.size))
            return f'<issue index="{index}" name="{name}" type="discrete">{items}</issue>'
        if self.kind == "integer":
            high = self.low + self.size - 1
            return (
                f'<issue index="{index}" name="{name}" type="integer" lowerbound="{self.low}" '
                f'upperbound="{high}" />'
            )
        high = self.low_real + self.width
        return (
            f'<issue index="{index}" name="{name}" type="real">'
            f'<range lowerbound="{self.low_real!r}" upperbound="{high!r}" /></issue>'
        )


issue_specs = st.builds(
    Issue,
    kind=st.sampled_from(["discrete", "integer", "real"]),
    low=st.integers(-3, 5),
    size=st.integers(2, 4),
    low_real=st.floats(-1, 1, allow_nan=False).map(lambda x: round(x, 3)),
    width=st.floats(0.5, 3).map(lambda x: round(x, 3)),
)
numbers = st.floats(-1.0, 1.5, allow_nan=False).map(lambda x: round(x, 4))


@st.composite
def evaluator_xml(draw: st.DrawFn, issue: Issue, index: int) -> str:
    """One party's evaluator of one issue, with a similarity block whose items are decoys."""
    head = f'<issue index="{index}" name="Issue {index}" type="{issue.kind}"'
    nested = NESTED.format(v="v0" if issue.kind == "discrete" else "0", e=draw(st.integers(0, 99)))
    if issue.kind == "discrete":
        scores = draw(st.lists(st.integers(0, 9), min_size=issue.size, max_size=issue.size))
        items = "".join(
            f'<item index="{i + 1}" value="v{i}" evaluation="{s}" />' for i, s in enumerate(scores)
        )
        return f"{head}>{items}{nested}</issue>"
    if issue.kind == "integer":
        bounds = f'lowerbound="{issue.low}" upperbound="{issue.low + issue.size - 1}"'
        slope, offset = draw(numbers), draw(numbers)
        return (
            f'{head} {bounds}><evaluator ftype="linear" slope="{slope}" offset="{offset}" />'
            f"{nested}</issue>"
        )
    high = issue.low_real + issue.width
    kind = draw(st.sampled_from(["linear", "constant", "triangular"]))
    if kind == "triangular":
        cuts = sorted(draw(st.lists(numbers, min_size=3, max_size=3, unique=True)))
        lower, top, upper = (issue.low_real + (c + 1) / 2.5 * issue.width for c in cuts)
        parameters = f'parameter0="{lower!r}" parameter1="{upper!r}" parameter2="{top!r}"'
    elif kind == "constant":
        parameters = f'parameter0="{draw(st.floats(0, 1).map(lambda x: round(x, 4)))}"'
    else:
        parameters = f'parameter0="{draw(numbers)}" parameter1="{draw(numbers)}"'
    return (
        f'{head}><range lowerbound="{issue.low_real!r}" upperbound="{high!r}" />'
        f'<evaluator ftype="{kind}" {parameters} />{nested}</issue>'
    )


@st.composite
def domains(draw: st.DrawFn) -> tuple[str, list[str]]:
    issues = draw(st.lists(issue_specs, min_size=1, max_size=3))
    domain = (
        '<negotiation_template><utility_space><objective index="0" name="root">'
        + "".join(issue.domain_xml(i + 1) for i, issue in enumerate(issues))
        + "</objective></utility_space></negotiation_template>"
    )
    profiles = []
    for _ in range(2):
        parts = [draw(evaluator_xml(issue, i + 1)) for i, issue in enumerate(issues)]
        raw = draw(st.lists(st.integers(1, 9), min_size=len(issues), max_size=len(issues)))
        scale = draw(st.sampled_from([1.0, 0.999, 0.95, 1.05]))
        weights = "".join(
            f'<weight index="{i + 1}" value="{w / sum(raw) * scale!r}" />'
            for i, w in enumerate(raw)
        )
        reservation = draw(st.floats(0, 1).map(lambda x: round(x, 3)))
        discount = draw(st.floats(0, 1).map(lambda x: round(x, 3)))
        profiles.append(
            '<utility_space><objective index="0" name="root">'
            + "".join(parts)
            + weights
            + f'</objective><discount_factor value="{discount}" />'
            f'<reservation value="{reservation}" /></utility_space>'
        )
    return domain, profiles


def write(folder: Path, domain: str, profiles: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "domain.xml").write_text(domain, encoding="utf-8")
    for i, profile in enumerate(profiles):
        (folder / f"party{i}.xml").write_text(profile, encoding="utf-8")
    return folder


def imported(folder: Path) -> object:
    return parse_scenario(yaml.safe_dump(to_document(read_domain(folder))), str(folder)).scenario


def assert_scores_as_genius(folder: Path, profiles: list[Path]) -> None:
    scenario = imported(folder)
    space = build_space(scenario)  # type: ignore[arg-type]
    table = utility_table(scenario, space)  # type: ignore[arg-type]
    labels = {name: scenario.issues[name].label for name in space.names}  # type: ignore[attr-defined]
    for column, actor in enumerate(table.actors):
        stem = scenario.actors[actor].label  # type: ignore[attr-defined]
        genius = utility_function(next(p for p in profiles if p.stem == stem))
        for index in range(space.size):
            outcome = {labels[k]: str(v) for k, v in space.outcome(index).items()}
            assert table.utilities[index, column] == pytest.approx(genius(outcome), abs=1e-9)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(domains())
def test_random_domains_score_as_genius_before_and_after_a_round_trip(
    tmp_path_factory: pytest.TempPathFactory, drawn: tuple[str, list[str]]
) -> None:
    domain, profiles = drawn
    folder = write(tmp_path_factory.mktemp("genius"), domain, profiles)
    assert_scores_as_genius(folder, sorted(folder.glob("party*.xml")))
    again = folder / "exported"
    lost = export_genius(imported(folder), again)  # type: ignore[arg-type]
    assert lost == []
    exported = sorted(p for p in again.glob("*.xml") if not p.name.endswith("_domain.xml"))
    assert_scores_as_genius(again, exported)


def test_items_nested_in_a_similarity_block_are_not_options(tmp_path: Path) -> None:
    """The reviewer's inverted issue: only the issue's direct items are its options."""
    issue = Issue("discrete", 0, 3)
    domain = (
        '<negotiation_template><utility_space><objective index="0" name="root">'
        + issue.domain_xml(1)
        + "</objective></utility_space></negotiation_template>"
    )
    items = "".join(f'<item value="v{i}" evaluation="{i}" />' for i in range(3))
    decoy = "".join(f'<item value="v{i}" evaluation="{9 - i}" />' for i in range(3))
    profile = (
        '<utility_space><objective index="0" name="root">'
        f'<issue index="1" name="Issue 1" type="discrete">{items}'
        f"<similarity_function>{decoy}</similarity_function></issue>"
        '<weight index="1" value="1" /></objective></utility_space>'
    )
    folder = write(tmp_path / "d", domain, [profile, profile])
    (party, _) = read_domain(folder).parties
    assert party.evaluations["Issue 1"] == {"v0": 0.0, "v1": 0.5, "v2": 1.0}


def test_integer_evaluators_start_at_the_lower_bound_and_clip(tmp_path: Path) -> None:
    """An official-ANAC-style issue from 10 to 14, falling to 0 at the top: GENIUS's values."""
    domain = (
        '<negotiation_template><utility_space><objective index="0" name="root">'
        + Issue("integer", 10, 5).domain_xml(1)
        + "</objective></utility_space></negotiation_template>"
    )
    profile = (
        '<utility_space><objective index="0" name="root">'
        '<issue index="1" name="Issue 1" type="integer" lowerbound="10" upperbound="14">'
        '<evaluator ftype="linear" slope="-0.3" offset="1" /></issue>'
        '<weight index="1" value="1" /></objective></utility_space>'
    )
    folder = write(tmp_path / "d", domain, [profile, profile])
    (party, _) = read_domain(folder).parties
    values = party.evaluations["Issue 1"]
    assert values == pytest.approx({"10": 1.0, "11": 0.7, "12": 0.4, "13": 0.1, "14": 0.0})


def test_the_discount_is_time_based_over_the_deadline(tmp_path: Path) -> None:
    """GENIUS: utility × δ^t with t the elapsed fraction of the deadline (0 to 1)."""
    folder = tmp_path / "laptop"
    write_laptop(folder, discount=0.05)
    scenario = imported(folder)
    actor = scenario.actors["party0"]  # type: ignore[attr-defined]
    assert (actor.discount.value, actor.discount.per) == (0.05, "deadline")
    game = game_from_scenario(scenario)  # type: ignore[arg-type]
    deadline = game.deadline
    per_round = float(game.discount[game.actors.index("party0")])
    assert per_round**82 == pytest.approx(0.05 ** (82 / deadline), rel=1e-12)
    assert per_round**deadline == pytest.approx(0.05, rel=1e-12)
    changed = scenario.model_copy(  # type: ignore[attr-defined]
        update={
            "tracks": {
                "main": scenario.tracks["main"].model_copy(update={"deadline": 10})  # type: ignore[attr-defined]
            }
        }
    )
    shorter = game_from_scenario(changed)
    assert float(shorter.discount[0]) ** 10 == pytest.approx(0.05, rel=1e-12)


def test_an_agreement_reports_the_deadline_discount(tmp_path: Path) -> None:
    from negosim.engine.simulate import simulate

    folder = tmp_path / "laptop"
    write_laptop(folder, discount=0.5)
    scenario = imported(folder)
    game = game_from_scenario(scenario)  # type: ignore[arg-type]
    result = simulate(scenario, seed=3)[0].result  # type: ignore[arg-type]
    assert result.agreement
    elapsed = (result.rounds - 1) / game.deadline
    expected = result.utilities * 0.5**elapsed
    np.testing.assert_allclose(result.discounted, expected, rtol=1e-12)


def write_laptop(folder: Path, discount: float) -> Path:
    issue = Issue("discrete", 0, 4)
    domain = (
        '<negotiation_template><utility_space><objective index="0" name="root">'
        + issue.domain_xml(1)
        + Issue("integer", 1, 4).domain_xml(2)
        + "</objective></utility_space></negotiation_template>"
    )
    profiles = []
    for scores, slope in (((1, 2, 3, 4), "0.3"), ((4, 3, 2, 1), "-0.3")):
        items = "".join(f'<item value="v{i}" evaluation="{s}" />' for i, s in enumerate(scores))
        profiles.append(
            '<utility_space><objective index="0" name="root">'
            f'<issue index="1" name="Issue 1" type="discrete">{items}</issue>'
            '<issue index="2" name="Issue 2" type="integer" lowerbound="1" upperbound="4">'
            f'<evaluator ftype="linear" slope="{slope}" offset="{0.1 if slope[0] != "-" else 1}" />'
            '</issue><weight index="1" value="0.5" /><weight index="2" value="0.5" />'
            f'</objective><discount_factor value="{discount}" /><reservation value="0.2" />'
            "</utility_space>"
        )
    return write(folder, domain, profiles)


def test_files_that_are_not_domains_or_profiles_are_skipped_with_a_note(tmp_path: Path) -> None:
    folder = write_laptop(tmp_path / "anac", discount=1.0)
    (folder / "pareto.xml").write_text("0.1,0.9\n0.5,0.5\n", encoding="utf-8")
    (folder / "tournament.xml").write_text("<multilateralTournamentsConfiguration />")
    domain = read_domain(folder)
    assert len(domain.parties) == 2
    assert len(domain.skipped) == 2
    assert any("pareto.xml: not XML" in note for note in domain.skipped)
    result = runner.invoke(app, ["import", str(folder), "-o", str(tmp_path / "out.yaml")])
    assert result.exit_code == 0, result.output
    assert "note: skipped pareto.xml" in result.output
    assert "note: skipped tournament.xml" in result.output


def test_a_missing_path_is_named() -> None:
    result = runner.invoke(app, ["import", "/nonexistent/genius-domain"])
    assert result.exit_code == 2
    assert "/nonexistent/genius-domain: (path): no such file or folder" in result.output


@pytest.mark.parametrize(
    ("evaluator", "message"),
    [
        ('ftype="faratin" parameter0="1" parameter1="2"', "ftype 'faratin' is not evaluated"),
        ('ftype="constant" parameter0="1.5"', "constant 1.5 is outside [0, 1]"),
        ('ftype="linear" parameter0="0.2"', "no 'parameter1' attribute"),
    ],
)
def test_real_evaluators_genius_cannot_evaluate_are_refused(
    tmp_path: Path, evaluator: str, message: str
) -> None:
    domain = (
        '<negotiation_template><utility_space><objective index="0" name="root">'
        + Issue("real", 0, 2).domain_xml(1)
        + "</objective></utility_space></negotiation_template>"
    )
    profile = (
        '<utility_space><objective index="0" name="root">'
        '<issue index="1" name="Issue 1" type="real"><range lowerbound="0" upperbound="1" />'
        f"<evaluator {evaluator} /></issue>"
        '<weight index="1" value="1" /></objective></utility_space>'
    )
    folder = write(tmp_path / "d", domain, [profile, profile])
    with pytest.raises(GeniusError, match=message.replace("[", r"\[").replace("]", r"\]")):
        read_domain(folder)


def test_an_issue_without_a_weight_is_refused_as_genius_cannot_score_it(tmp_path: Path) -> None:
    folder = write_laptop(tmp_path / "w", discount=1.0)
    party = folder / "party0.xml"
    party.write_text(
        party.read_text(encoding="utf-8").replace('<weight index="2" value="0.5" />', ""),
        encoding="utf-8",
    )
    with pytest.raises(GeniusError, match=r"no <weight> for Issue 2"):
        read_domain(folder)


def test_weights_far_from_one_are_read_as_written_with_a_note(tmp_path: Path) -> None:
    folder = write_laptop(tmp_path / "w", discount=1.0)
    party = folder / "party0.xml"
    party.write_text(
        party.read_text(encoding="utf-8").replace('index="2" value="0.5"', 'index="2" value="0.9"'),
        encoding="utf-8",
    )
    (first, _) = read_domain(folder).parties
    assert first.weights == {"Issue 1": 0.5, "Issue 2": 0.9}
    assert any("weights sum to 1.4" in note for note in first.notes)
    assert_scores_as_genius(folder, sorted(folder.glob("party*.xml")))


def test_the_dashboard_offers_the_deadline_discount_on_its_own_scale(tmp_path: Path) -> None:
    from negosim.web.changes import DEADLINE_PATIENCE, sliders

    scenario = imported(write_laptop(tmp_path / "s", discount=0.05))
    patience = [s for s in sliders(scenario) if s.parameter == "discount"]  # type: ignore[arg-type]
    assert patience
    assert all((s.low, s.high, s.meaning) == (0.01, 1.0, DEADLINE_PATIENCE[3]) for s in patience)
