"""GENIUS domains from ../shared/domains/genius: imported scenarios score every outcome as GENIUS
does (weight × evaluation / largest evaluation, weights as written), and broken files are named
with their element."""

from __future__ import annotations

import functools
import itertools
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from negosim.cli import app
from negosim.engine.catalogue import parse_scenario
from negosim.genius import GeniusDomain, GeniusError, export_genius, read_domain, to_document
from negosim.outcomes import build_space, utility_table
from tests.conftest import ROOT
from tests.genius_reference import utility_function

DOMAINS = ROOT.parent / "shared" / "domains" / "genius"
NAMES = ["Domain1", "EnglandZimbabwe", "ItexvsCypress", "Laptop", "group2-politics"]
runner = CliRunner()

pytestmark = pytest.mark.skipif(
    not DOMAINS.is_dir() and not os.environ.get("CI"),
    reason="the GENIUS domains are only beside the project checkout (../shared)",
)


@functools.cache
def genius_utility_of(file: Path) -> Callable[[dict[str, str]], float]:
    """GENIUS's utility function of a profile, read once per file by the tests' own reader."""
    return utility_function(file)


def genius_utility(file: Path, outcome: dict[str, str]) -> float:
    """Sum of weight x evaluation / largest evaluation, as GENIUS adds them up."""
    return genius_utility_of(file)(outcome)


@pytest.mark.parametrize("name", NAMES)
def test_every_outcome_scores_as_in_genius(name: str) -> None:
    domain = read_domain(DOMAINS / name)
    loaded = parse_scenario(yaml.safe_dump(to_document(domain)), name)
    assert loaded.warnings == [], "every value says which file it comes from"
    scenario = loaded.scenario
    space = build_space(scenario)
    table = utility_table(scenario, space)
    originals = {issue: scenario.issues[issue].label for issue in space.names}
    files = {
        actor: next(p.file for p in domain.parties if p.file.stem == scenario.actors[actor].label)
        for actor in table.actors
    }
    for index in range(space.size):
        outcome = {originals[k]: v for k, v in space.outcome(index).items()}
        for column, actor in enumerate(table.actors):
            expected = genius_utility(files[actor], outcome)
            assert table.utilities[index, column] == pytest.approx(expected, abs=1e-12)


def test_reservation_and_discount_come_from_the_files() -> None:
    scenario = parse_scenario(yaml.safe_dump(to_document(read_domain(DOMAINS / "Laptop")))).scenario
    buyer = scenario.actors["laptop_buyer_utility"]
    assert buyer.discount.value == pytest.approx(0.42441038)
    assert buyer.discount.per == "deadline"
    assert buyer.discount.source is not None
    assert buyer.discount.source.startswith("laptop_buyer_utility.xml: <discount_factor>")
    assert scenario.issues["external_monitor"].values == ["19'' LCD", "20'' LCD", "23'' LCD"]


def copy_domain(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copytree(DOMAINS / name, target)
    for file in target.iterdir():
        file.chmod(0o644)
    return target


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t.replace('value="0.4452125771655631"', 'value="-0.9"'), "must be >= 0"),
        (
            lambda t: re.sub(r'<item index="3" value="HP".*?</item>', "", t, flags=re.S),
            "no evaluation for: HP",
        ),
        (lambda t: t.replace('name="Harddisk"', 'name="SSD"'), "issue 'SSD': unknown issue"),
        (lambda t: t.replace('evaluation="12"', 'evaluation="twelve"'), "not a number"),
        (lambda t: '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + t, "not safe XML"),
    ],
)
def test_broken_party_files_name_the_file_and_element(
    tmp_path: Path, edit: object, message: str
) -> None:
    folder = copy_domain(tmp_path, "Laptop")
    file = folder / "laptop_buyer_utility.xml"
    file.write_text(edit(file.read_text(encoding="utf-8")), encoding="utf-8")  # type: ignore[operator]
    with pytest.raises(GeniusError, match=r"laptop_buyer_utility\.xml"):
        read_domain(folder)
    result = runner.invoke(app, ["import", str(folder)])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_import_writes_a_scenario_every_command_accepts(tmp_path: Path) -> None:
    path = tmp_path / "england.yaml"
    result = runner.invoke(app, ["import", str(DOMAINS / "EnglandZimbabwe"), "-o", str(path)])
    assert result.exit_code == 0, result.output
    assert "2 parties, 5 issues" in result.output
    assert runner.invoke(app, ["validate", str(path)]).exit_code == 0
    assert runner.invoke(app, ["analyze", str(path), "--json"]).exit_code == 0
    assert runner.invoke(app, ["simulate", str(path), "--seed", "1"]).exit_code == 0
    out = tmp_path / "runs"
    assert runner.invoke(app, ["run", str(path), "--runs", "5", "--out", str(out)]).exit_code == 0
    assert (out / "runs.parquet").exists()
    assert runner.invoke(app, ["plot", str(out)]).exit_code == 0
    assert len(list((out / "figures").glob("*.png"))) == 4
    assert runner.invoke(app, ["report", str(out)]).exit_code == 0
    assert "England.xml" in (out / "report.html").read_text(encoding="utf-8")


def test_all_outcomes_are_enumerated() -> None:
    domain = read_domain(DOMAINS / "group2-politics")
    sizes = [len(i.values) for i in domain.issues]
    scenario = parse_scenario(yaml.safe_dump(to_document(domain))).scenario
    assert build_space(scenario).size == int(np.prod(sizes))
    assert len(list(itertools.islice(domain.parties, 5))) == 3


LABEL = st.text(alphabet="abcXYZ019 $.'-", min_size=1, max_size=8).map(str.strip).filter(bool)


@st.composite
def genius_domains(draw: st.DrawFn) -> dict[str, object]:
    issues = draw(
        st.lists(
            st.tuples(
                st.text(alphabet="abc Def", min_size=1, max_size=6).map(str.strip).filter(bool),
                st.lists(LABEL, min_size=2, max_size=4, unique=True),
            ),
            min_size=1,
            max_size=3,
            unique_by=lambda issue: issue[0].lower().replace(" ", "_"),
        )
    )
    parties = []
    for _ in range(draw(st.integers(2, 3))):
        raw = [draw(st.integers(1, 9)) for _ in issues]
        evaluations = [[draw(st.integers(0, 20)) for _ in values] for _, values in issues]
        for table in evaluations:
            table[0] = max(table[0], 1)
        parties.append(
            {
                "weights": [w / sum(raw) for w in raw],
                "evaluations": evaluations,
                "reservation": draw(st.sampled_from([0.0, 0.25, 0.5])),
                "discount": draw(st.sampled_from([1.0, 0.9, 0.42441038])),
            }
        )
    return {"issues": issues, "parties": parties}


def write_genius(folder: Path, domain: dict[str, object]) -> None:
    folder.mkdir(parents=True)
    issues = domain["issues"]
    items = "".join(
        f'<issue index="{k + 1}" name="{name}" type="discrete" etype="discrete" vtype="discrete">'
        + "".join(f'<item index="{i + 1}" value="{v}" />' for i, v in enumerate(values))
        + "</issue>"
        for k, (name, values) in enumerate(issues)  # type: ignore[arg-type]
    )
    (folder / "d_domain.xml").write_text(
        f'<negotiation_template><utility_space><objective index="0" name="root">{items}'
        "</objective></utility_space></negotiation_template>",
        encoding="utf-8",
    )
    for p, party in enumerate(domain["parties"]):  # type: ignore[arg-type]
        body = "".join(
            f'<issue index="{k + 1}" name="{name}">'
            + "".join(
                f'<item index="{i + 1}" value="{v}" evaluation="{e}" />'
                for i, (v, e) in enumerate(zip(values, party["evaluations"][k], strict=True))
            )
            + "</issue>"
            for k, (name, values) in enumerate(issues)  # type: ignore[arg-type]
        )
        weights = "".join(
            f'<weight index="{k + 1}" value="{w!r}" />' for k, w in enumerate(party["weights"])
        )
        (folder / f"party{p}.xml").write_text(
            f'<utility_space><reservation value="{party["reservation"]}" />'
            f'<objective index="0" name="root">{body}{weights}</objective>'
            f'<discount_factor value="{party["discount"]}" /></utility_space>',
            encoding="utf-8",
        )


def comparable(document: dict[str, object]) -> dict[str, object]:
    """What must survive a round trip: issues, options, reservation, discount — and utilities."""

    def strip(node: object) -> object:
        if isinstance(node, dict):
            return {k: strip(v) for k, v in node.items() if k not in ("source", "assumption")}
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node

    actors = {
        name: {key: actor[key] for key in ("reservation", "discount")}
        for name, actor in document["actors"].items()  # type: ignore[attr-defined]
    }
    return strip({"issues": document["issues"], "actors": actors})  # type: ignore[return-value]


def utilities_of(document: dict[str, object]) -> np.ndarray:
    scenario = parse_scenario(yaml.safe_dump(document)).scenario
    return utility_table(scenario, build_space(scenario)).utilities


@settings(max_examples=40)
@given(domain=genius_domains())
def test_import_export_import_is_lossless(
    tmp_path_factory: pytest.TempPathFactory, domain: dict[str, object]
) -> None:
    base = tmp_path_factory.mktemp("roundtrip")
    write_genius(base / "original", domain)
    first = to_document(read_domain(base / "original"))
    scenario = parse_scenario(yaml.safe_dump(first)).scenario
    assert export_genius(scenario, base / "exported") == []
    second = to_document(read_domain(base / "exported"))
    assert comparable(second) == comparable(first)
    np.testing.assert_allclose(utilities_of(second), utilities_of(first), atol=1e-12, rtol=0)


def test_export_reports_what_genius_cannot_say(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "grand_bargain", "-o", str(tmp_path / "gb")])
    assert result.exit_code == 0, result.output
    assert "not exported: coupling 0 (condition) has no GENIUS equivalent" in result.output
    assert "not exported: track security: rule quota exported as unanimity" in result.output
    assert sorted(p.name for p in (tmp_path / "gb").iterdir()) == [
        "europe.xml",
        "grand_bargain_domain.xml",
        "russia.xml",
        "ukraine.xml",
        "us.xml",
    ]
    reimported = to_document(read_domain(tmp_path / "gb"))
    assert reimported["issues"]["security_guarantee"]["values"][0] == "none"


NUMERIC_DOMAIN = (
    '<negotiation_template><utility_space><objective index="0" name="root">'
    '<issue index="1" name="Units" type="integer" lowerbound="0" upperbound="4" />'
    '<issue index="2" name="Share" type="real"><range lowerbound="0" upperbound="1" /></issue>'
    '<issue index="3" name="Colour" type="discrete"><item index="1" value="red" />'
    '<item index="2" value="blue" /></issue>'
    "</objective></utility_space></negotiation_template>"
)


def numeric_party(
    slope: str, triangle: str, red: int, blue: int, weights: tuple[float, ...], offset: str = "0"
) -> str:
    return (
        '<utility_space><objective index="0" name="root">'
        '<issue index="1" name="Units" type="integer" etype="integer" vtype="integer">'
        f'<evaluator ftype="linear" slope="{slope}" offset="{offset}" />'
        "</issue>"
        '<issue index="2" name="Share" type="real" etype="real" vtype="real">'
        f'<evaluator ftype="triangular" {triangle} /></issue>'
        f'<issue index="3" name="Colour" type="discrete"><item index="1" value="red" evaluation="{red}" />'
        f'<item index="2" value="blue" evaluation="{blue}" /></issue>'
        + "".join(f'<weight index="{i + 1}" value="{w}" />' for i, w in enumerate(weights))
        + '</objective><reservation value="0.1" /></utility_space>'
    )


def write_numeric_domain(folder: Path) -> Path:
    folder.mkdir()
    (folder / "n_domain.xml").write_text(NUMERIC_DOMAIN, encoding="utf-8")
    (folder / "buyer.xml").write_text(
        numeric_party("0.25", 'start="0" middle="0.5" end="1"', 2, 1, (0.5, 0.3, 0.2)),
        encoding="utf-8",
    )
    (folder / "seller.xml").write_text(
        numeric_party(
            "-0.25", 'parameter0="0" parameter1="1.2" parameter2="1.0"', 1, 4, (0.2, 0.2, 0.6), "1"
        ),
        encoding="utf-8",
    )
    return folder


def test_integer_and_real_issues_with_evaluators(tmp_path: Path) -> None:
    domain = read_domain(write_numeric_domain(tmp_path / "numeric"))
    units, share, _ = domain.issues
    assert (units.kind, units.values) == ("integer", ("0", "1", "2", "3", "4"))
    assert share.kind == "real"
    assert len(share.values) == 11
    document = to_document(domain)
    assert document["issues"]["units"]["kind"] == "ordinal"
    assert "11 even points" in document["issues"]["share"]["assumption"]
    scenario = parse_scenario(yaml.safe_dump(document)).scenario
    buyer = scenario.actors["buyer"].values["units"].table  # type: ignore[union-attr]
    assert buyer == {"0": 0.0, "1": 0.25, "2": 0.5, "3": 0.75, "4": 1.0}
    triangle = scenario.actors["buyer"].values["share"].table  # type: ignore[union-attr]
    assert triangle["0.5"] == 1.0
    assert triangle["0.2"] == pytest.approx(0.4)
    # A linear evaluator that falls below zero is clipped to 0, as GENIUS's EvaluatorInteger does.
    clipped = read_domain_falling_below_zero(tmp_path)
    seller = next(p for p in clipped.parties if p.file.stem == "seller")
    assert seller.evaluations["Units"] == {"0": 0.0, "1": 0.0, "2": 0.0, "3": 0.0, "4": 0.0}
    buyer_units = next(p for p in clipped.parties if p.file.stem == "buyer").evaluations["Units"]
    assert buyer_units == {"0": 0.0, "1": 0.0, "2": 0.0, "3": 0.0, "4": 0.0}


def read_domain_falling_below_zero(tmp_path: Path) -> GeniusDomain:
    folder = tmp_path / "negative"
    write_numeric_domain(folder)
    (folder / "seller.xml").write_text(
        numeric_party("-0.5", 'start="0" middle="0.5" end="1"', 1, 4, (0.2, 0.2, 0.6)),
        encoding="utf-8",
    )
    (folder / "buyer.xml").write_text(
        (folder / "buyer.xml").read_text(encoding="utf-8").replace('offset="0"', 'offset="-1"'),
        encoding="utf-8",
    )
    return read_domain(folder)


@pytest.mark.parametrize("name", NAMES)
def test_imported_domains_play_in_the_dashboard_and_print_role_sheets(name: str) -> None:
    from negosim.report.cards import role_sheet, scenario_card
    from negosim.report.document import to_html
    from negosim.web.session import Session

    text = yaml.safe_dump(to_document(read_domain(DOMAINS / name)))
    session = Session.of(parse_scenario(text, f"{name}.yaml").scenario, name)
    watched = session.at_table().to_the_end().view()
    assert watched.finished
    assert any(line.startswith(("Agreement in round", "No agreement")) for line in watched.log)
    grown = session.grown(30)
    assert grown.batch is not None
    assert [p.name for p in grown.batch.panels()] == ["agreement", "terms", "utility_space"]
    seat = next(iter(session.scenario.actors))
    asked = session.with_seat(seat).at_table().view()
    assert asked.question is not None
    assert "<table>" in to_html(name, scenario_card(session.scenario))
    assert "Points for every option" in to_html(name, role_sheet(session.scenario, seat))


@pytest.mark.parametrize(
    ("tag", "value"), [("discount_factor", "-3"), ("discount_factor", "1.5"), ("reservation", "2")]
)
def test_a_value_genius_defines_on_the_unit_interval_is_refused_outside_it(
    tmp_path: Path, tag: str, value: str
) -> None:
    """A discount factor of -3 is not silently read as 1: the file and field are named."""
    folder = tmp_path / "bad"
    shutil.copytree(DOMAINS / "Laptop", folder)
    party = next(p for p in folder.glob("*.xml") if "utility" in p.name)
    text = party.read_text(encoding="utf-8")
    text = re.sub(rf'<{tag} value="[^"]*"', f'<{tag} value="{value}"', text)
    party.write_text(text, encoding="utf-8")
    with pytest.raises(GeniusError, match=rf"{party.name}: <{tag}>: .* is outside \[0, 1\]"):
        read_domain(folder)


def test_an_import_that_fails_validation_names_the_domain_not_the_unwritten_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from negosim.cli import formats

    real = formats.to_document

    def broken(domain: object, *sample: int) -> dict[str, object]:
        document = real(domain, *sample)  # type: ignore[arg-type]
        document["linkage"] = "tangled"
        return document

    monkeypatch.setattr(formats, "to_document", broken)
    target = tmp_path / "laptop.yaml"
    result = CliRunner().invoke(app, ["import", str(DOMAINS / "Laptop"), "-o", str(target)])
    assert result.exit_code == 2
    message = " ".join(result.output.split())
    assert (
        f"{DOMAINS / 'Laptop'}: imports to an invalid scenario ({target} is not written)" in message
    )
    assert "linkage" in message
    assert not target.exists()
