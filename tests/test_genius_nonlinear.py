"""Non-linear GENIUS domains (ANAC 2014's hyper-rectangle profiles), issue 14 item 3.

Small random domains (every bid kept) must score every bid as the independent reading of GENIUS's
``NonlinearUtilitySpace`` in ``tests/genius_reference.py``, with nested ufuns, min/max/sum
aggregation, weights, INCLUDES, EXCLUDES and unbounded rectangles, and additive parties beside.
A 10-issue domain of 10¹⁰ bids imports to a reproducible sample that says what it is, whose best bid
for each party is a local optimum, and plays under every command.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from negosim.cli import app
from negosim.engine.catalogue import parse_scenario
from negosim.genius import GeniusError, read_domain, to_document
from negosim.outcomes import build_space, utility_table
from tests.genius_reference import nonlinear_utility_function, utility_function
from tests.test_genius_semantics import write

runner = CliRunner()


def domain_xml(sizes: list[int], lows: list[int]) -> str:
    issues = "".join(
        f'<issue index="{k + 1}" name="i{k + 1}" type="integer" lowerbound="{low}" '
        f'upperbound="{low + size - 1}" />'
        for k, (size, low) in enumerate(zip(sizes, lows, strict=True))
    )
    return (
        '<negotiation_template><utility_space><objective index="0" name="root">'
        f"{issues}</objective></utility_space></negotiation_template>"
    )


@st.composite
def rectangle(draw: st.DrawFn, sizes: list[int], lows: list[int]) -> str:
    kind = draw(st.sampled_from(["INCLUDES", "EXCLUDES", None]))
    bounds = ""
    if kind:
        for k in draw(st.sets(st.integers(0, len(sizes) - 1), min_size=1)):
            a, b = sorted(draw(st.integers(0, sizes[k] - 1)) for _ in range(2))
            bounds += f'<{kind} index="{k + 1}" min="{lows[k] + a}" max="{lows[k] + b}" />'
    weight = draw(st.sampled_from(["", ' weight="0.5"', ' weight="2"']))
    return f'<hyperRectangle utility="{draw(st.integers(0, 60))}"{weight}>{bounds}</hyperRectangle>'


@st.composite
def ufun(draw: st.DrawFn, sizes: list[int], lows: list[int], depth: int = 0) -> str:
    aggregation = draw(st.sampled_from(["sum", "min", "max"] if depth else ["sum", "max"]))
    rectangles = "".join(draw(st.lists(rectangle(sizes, lows), min_size=1, max_size=5)))
    nested = ""
    if depth < 1 and draw(st.booleans()):
        nested = draw(ufun(sizes, lows, depth + 1))
    weight = f' weight="{draw(st.sampled_from(["1", "0.5", "3"]))}"' if depth else ""
    return f'<ufun aggregation="{aggregation}"{weight}>{rectangles}{nested}</ufun>'


@st.composite
def nonlinear_domains(draw: st.DrawFn) -> tuple[str, list[str]]:
    sizes = draw(st.lists(st.integers(2, 4), min_size=1, max_size=3))
    lows = draw(st.lists(st.integers(-2, 5), min_size=len(sizes), max_size=len(sizes)))
    profiles = []
    for p in range(2):
        if p == 1 and draw(st.booleans()):
            profiles.append(additive_profile(sizes, lows))
            continue
        maximum = draw(st.sampled_from(["50", "100", "400"]))
        profiles.append(
            '<utility_space><objective index="0" name="root">'
            f'<utility maxutility="{maximum}">{draw(ufun(sizes, lows))}</utility></objective>'
            '<reservation value="0.2" /><discount_factor value="0.9" /></utility_space>'
        )
    return domain_xml(sizes, lows), profiles


def additive_profile(sizes: list[int], lows: list[int]) -> str:
    issues = "".join(
        f'<issue index="{k + 1}" name="i{k + 1}" type="integer" lowerbound="{low}" '
        f'upperbound="{low + size - 1}"><evaluator ftype="linear" slope="{1 / size!r}" '
        'offset="0" /></issue>'
        for k, (size, low) in enumerate(zip(sizes, lows, strict=True))
    )
    weights = "".join(
        f'<weight index="{k + 1}" value="{1 / len(sizes)!r}" />' for k in range(len(sizes))
    )
    return (
        f'<utility_space><objective index="0" name="root">{issues}{weights}</objective>'
        "</utility_space>"
    )


def genius_scores(profile: Path, issues: list[str], labels: str) -> float:
    values = [int(v) for v in labels.split(" ")]
    text = profile.read_text(encoding="utf-8")
    if "<utility " in text:
        return nonlinear_utility_function(profile)({k + 1: v for k, v in enumerate(values)})
    return utility_function(profile)(dict(zip(issues, (str(v) for v in values), strict=True)))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(nonlinear_domains())
def test_every_bid_of_a_small_domain_scores_as_genius(
    tmp_path_factory: pytest.TempPathFactory, drawn: tuple[str, list[str]]
) -> None:
    folder = write(tmp_path_factory.mktemp("nl"), *drawn)
    domain = read_domain(folder)
    assert domain.nonlinear
    scenario = parse_scenario(yaml.safe_dump(to_document(domain))).scenario
    space = build_space(scenario)
    table = utility_table(scenario, space)
    assert space.size == int(np.prod([len(i.values) for i in domain.issues])), "every bid kept"
    issues = [issue.name for issue in domain.issues]
    for column, actor in enumerate(table.actors):
        profile = folder / f"{scenario.actors[actor].label}.xml"
        for index in range(space.size):
            bid = str(space.outcome(index)["bid"])
            expected = min(max(genius_scores(profile, issues, bid), 0.0), 1.0)
            assert table.utilities[index, column] == pytest.approx(expected, abs=1e-9)


def anac2014_like(folder: Path, seed: int = 1, issues: int = 10, rectangles: int = 80) -> Path:
    """Ten integer issues of ten values, two profiles of random inclusive hyper-rectangles."""
    rng = np.random.default_rng(seed)
    profiles = []
    for _ in range(2):
        body = ""
        for _ in range(rectangles):
            chosen = rng.choice(issues, size=int(rng.integers(1, 5)), replace=False)
            bounds = ""
            for k in chosen:
                a, b = sorted(int(x) for x in rng.integers(0, 10, size=2))
                bounds += f'<INCLUDES index="{k + 1}" min="{a}" max="{b}" />'
            body += (
                f'<hyperRectangle utility="{int(rng.integers(1, 100))}">{bounds}</hyperRectangle>'
            )
        profiles.append(
            '<utility_space><objective index="0" name="root"><utility maxutility="600">'
            f'<ufun aggregation="sum">{body}</ufun></utility></objective>'
            '<reservation value="0.3" /><discount_factor value="1.0" /></utility_space>'
        )
    return write(folder, domain_xml([10] * issues, [0] * issues), profiles)


def test_a_domain_of_ten_billion_bids_is_played_on_a_stated_reproducible_sample(
    tmp_path: Path,
) -> None:
    folder = anac2014_like(tmp_path / "anac")
    domain = read_domain(folder)
    first = to_document(domain, bids=4000, seed=7)
    assert first == to_document(domain, bids=4000, seed=7)
    assert (
        first["issues"]["bid"]["values"]
        != to_document(domain, bids=4000, seed=8)["issues"]["bid"]["values"]
    )
    assumption = first["issues"]["bid"]["assumption"]
    assert "a sample of 4,000 of the 1e+10 bids" in assumption
    assert "seed 7" in assumption
    scenario = parse_scenario(yaml.safe_dump(first)).scenario
    table = utility_table(scenario, build_space(scenario))
    labels = first["issues"]["bid"]["values"]
    for column, actor in enumerate(table.actors):
        genius = nonlinear_utility_function(folder / f"{scenario.actors[actor].label}.xml")
        best = [int(v) for v in labels[int(np.argmax(table.utilities[:, column]))].split(" ")]
        worth = genius(dict(enumerate(best, start=1)))
        assert table.utilities[:, column].max() == pytest.approx(worth, abs=1e-12)
        for issue in range(10):  # the best kept bid is a local optimum: no one-issue change helps
            for value in range(10):
                changed = best.copy()
                changed[issue] = value
                assert genius(dict(enumerate(changed, start=1))) <= worth + 1e-12


def test_every_command_plays_a_large_non_linear_domain(tmp_path: Path) -> None:
    folder = anac2014_like(tmp_path / "anac")
    scenario_file = tmp_path / "anac.yaml"
    done = runner.invoke(app, ["import", str(folder), "--bids", "3000", "-o", str(scenario_file)])
    assert done.exit_code == 0, done.output
    assert "note: non-linear GENIUS profiles value whole bids" in done.output
    for args in (
        ["validate", str(scenario_file)],
        ["analyze", str(scenario_file)],
        ["simulate", str(scenario_file), "--seed", "1"],
        ["run", str(scenario_file), "--runs", "4", "--out", str(tmp_path / "runs")],
        [
            "tournament",
            str(folder),
            "--strategies",
            "boulware,linear",
            "--seeds",
            "1",
            "--out",
            str(tmp_path / "t"),
        ],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.output)


def test_rectangles_on_issues_that_are_not_integers_are_refused(tmp_path: Path) -> None:
    domain = (
        '<negotiation_template><utility_space><objective index="0" name="root">'
        '<issue index="1" name="colour" type="discrete"><item value="red" /><item value="blue" />'
        "</issue></objective></utility_space></negotiation_template>"
    )
    profile = (
        '<utility_space><objective index="0" name="root"><utility maxutility="10">'
        '<ufun aggregation="sum"><hyperRectangle utility="1" /></ufun></utility></objective>'
        "</utility_space>"
    )
    folder = write(tmp_path / "d", domain, [profile, profile])
    with pytest.raises(
        GeniusError, match="hyper-rectangles bound integer issues; not integer: colour"
    ):
        read_domain(folder)
    result = runner.invoke(app, ["import", str(folder)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_a_role_sheet_lists_the_best_bids_not_thousands(tmp_path: Path) -> None:
    from negosim.report.cards import SHOWN_OPTIONS, role_sheet
    from negosim.report.document import TableBlock

    document = to_document(read_domain(anac2014_like(tmp_path / "anac")), bids=500)
    scenario = parse_scenario(yaml.safe_dump(document)).scenario
    (table,) = [b for b in role_sheet(scenario, "party0") if isinstance(b, TableBlock)]
    assert len(table.rows) == SHOWN_OPTIONS
    assert table.rows[-1][0] == f"... {500 - SHOWN_OPTIONS + 1} more options, none worth more"
    points = [float(p) for _, p in table.rows[:-1]]
    assert points == sorted(points, reverse=True)


def test_a_sampled_domain_plays_in_the_dashboard(tmp_path: Path) -> None:
    from negosim.web.session import Session

    document = to_document(read_domain(anac2014_like(tmp_path / "anac")), bids=2000)
    session = Session.of(parse_scenario(yaml.safe_dump(document), "anac.yaml").scenario, "anac")
    watched = session.at_table().to_the_end().view()
    assert watched.finished
    grown = session.grown(20)
    assert grown.batch is not None
    asked = session.with_seat("party0").at_table().view()
    assert asked.question is not None
