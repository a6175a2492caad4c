"""Cross-check against NegMAS on the GENIUS domains in ../shared/domains/genius.

NegMAS reads the same XML files; from its parsed weights and evaluations, with GENIUS's own
semantics (each evaluation divided by the issue's largest, weights as written, the sum capped at 1),
every party's utility of every outcome must equal negosim's to 1e-9, and NegMAS's Pareto frontier
must be negosim's. The solution concepts are compared like with like, each named in its test:
NegMAS's ``kalai_points`` maximises the smallest gain (negosim's egalitarian point); its Nash uses
max(reservation, minimum utility) as the disagreement point unless given ranges; and the
Kalai-Smorodinsky point is computed here from NegMAS's utilities by its textbook definition
(NegMAS's ``ks_points`` minimises the spread of relative gains, another formalisation).
The group needs ``negmas`` (installed in CI by the ``crosscheck`` extra); a user's default run skips
it when ``negmas`` is absent, CI never does.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np
import pandas as pd
import pytest
import yaml

from negosim.engine.catalogue import parse_scenario
from negosim.genius import read_domain, to_document
from negosim.outcomes import build_space, utility_table
from negosim.outcomes.rules import zopa_mask
from negosim.solutions import (
    egalitarian_point,
    kalai_smorodinsky_point,
    nash_point,
    pareto_mask,
)
from tests.test_genius import DOMAINS, NAMES

if not os.environ.get("CI"):
    pytest.importorskip("negmas", reason="the NegMAS cross-check needs the crosscheck extra")

from negmas.inout import Scenario as NegmasScenario
from negmas.preferences import (
    LinearAdditiveUtilityFunction,
    ops,
)
from negmas.preferences.value_fun import TableFun

pytestmark = pytest.mark.slow


def genius_ufuns(scenario: NegmasScenario) -> list[LinearAdditiveUtilityFunction]:
    ufuns = []
    for ufun in scenario.ufuns:
        values = [
            TableFun({k: v / max(f.mapping.values()) for k, v in f.mapping.items()})
            for f in ufun.values
        ]
        weights = np.asarray(ufun.weights, dtype=float)
        reserved = ufun.reserved_value if np.isfinite(ufun.reserved_value) else 0.0
        ufuns.append(
            LinearAdditiveUtilityFunction(
                values=values,
                weights=list(weights),
                outcome_space=scenario.outcome_space,
                reserved_value=reserved,
            )
        )
    return ufuns


@pytest.fixture(scope="module", params=NAMES)
def both(request: pytest.FixtureRequest) -> tuple[object, ...]:
    folder = DOMAINS / request.param
    theirs = NegmasScenario.load(folder, ignore_discount=True)
    ufuns = genius_ufuns(theirs)
    outcomes = list(theirs.outcome_space.enumerate_or_sample())
    ours = parse_scenario(yaml.safe_dump(to_document(read_domain(folder)))).scenario
    space = build_space(ours)
    table = utility_table(ours, space)
    names = [issue.name for issue in theirs.outcome_space.issues]
    rows = [
        space.index_of({a.name: o[names.index(ours.issues[a.name].label)] for a in space.axes})
        for o in outcomes
    ]
    parties = [
        next(i for i, a in enumerate(table.actors) if ours.actors[a].label == u.name)
        for u in theirs.ufuns
    ]
    utilities = table.utilities[rows][:, parties]
    zopa = zopa_mask(table.acceptable(), table.rules, table.power)[rows]
    reservation = table.reservation[parties]
    return ufuns, outcomes, utilities, zopa, reservation


def test_every_utility_equals_negmas(both: tuple[object, ...]) -> None:
    ufuns, outcomes, utilities, _, _ = both
    theirs = np.array([[u(o) for u in ufuns] for o in outcomes])  # type: ignore[attr-defined]
    np.testing.assert_allclose(utilities, np.minimum(theirs, 1.0), atol=1e-9, rtol=0)


def test_pareto_frontier_equals_negmas(both: tuple[object, ...]) -> None:
    ufuns, outcomes, utilities, zopa, _ = both
    _, indices = ops.pareto_frontier(ufuns, outcomes)
    ours = np.flatnonzero(zopa)[pareto_mask(utilities[zopa])]  # type: ignore[index]
    assert sorted(indices) == sorted(ours.tolist())


def ranges_from(utilities: Any, reservation: Any) -> list[tuple[float, float]]:
    """NegMAS's ``ranges`` that make the reservation value its disagreement point (as negosim's)."""
    return [
        (float(r), float(top)) for r, top in zip(reservation, utilities.max(axis=0), strict=True)
    ]


def matches(points: Any, ours: Any) -> bool:
    """Whether one of NegMAS's points is ours (its utilities capped at 1, as GENIUS caps them)."""
    return any(np.allclose(np.minimum(point, 1.0), ours, atol=1e-9) for point, _ in points)


def test_nash_equals_negmas_with_the_same_disagreement_point(both: tuple[object, ...]) -> None:
    """Disagreement at the reservation values on both sides (NegMAS told so through ``ranges``),
    and at NegMAS's default max(reservation, minimum utility) on both sides."""
    ufuns, outcomes, utilities, zopa, reservation = both
    frontier, _ = ops.pareto_frontier(ufuns, outcomes)
    ours = nash_point(utilities, reservation, feasible=zopa)
    assert ours is not None
    theirs = ops.nash_points(ufuns, frontier, ranges=ranges_from(utilities, reservation))
    assert matches(theirs, utilities[ours])  # type: ignore[index]
    floor = np.maximum(reservation, utilities.min(axis=0))  # type: ignore[union-attr]
    ours_at_floor = nash_point(utilities, floor, feasible=zopa)
    assert ours_at_floor is not None
    assert matches(ops.nash_points(ufuns, frontier), utilities[ours_at_floor])  # type: ignore[index]


def test_negmas_kalai_points_are_negosims_egalitarian_point(both: tuple[object, ...]) -> None:
    """NegMAS 0.16's ``kalai_points`` maximises the smallest gain over disagreement."""
    ufuns, outcomes, utilities, zopa, reservation = both
    frontier, _ = ops.pareto_frontier(ufuns, outcomes)
    ours = egalitarian_point(utilities, reservation, feasible=zopa)
    assert ours is not None
    theirs = ops.kalai_points(ufuns, frontier, ranges=ranges_from(utilities, reservation))
    assert matches(theirs, utilities[ours])  # type: ignore[index]


def test_kalai_smorodinsky_equals_the_textbook_point_of_negmas_utilities(
    both: tuple[object, ...],
) -> None:
    """Kalai & Smorodinsky (1975): on NegMAS's frontier, among points every party prefers to its
    reservation, the one maximising the smallest gain relative to each party's ideal gain."""
    ufuns, outcomes, utilities, zopa, reservation = both
    frontier, _ = ops.pareto_frontier(ufuns, outcomes)
    points = np.minimum(np.asarray(frontier, dtype=float), 1.0)
    rational = points[(points >= np.asarray(reservation) - 1e-12).all(axis=1)]
    gains = rational - np.asarray(reservation)
    relative = gains / gains.max(axis=0)
    textbook = rational[relative.min(axis=1) >= relative.min(axis=1).max() - 1e-12]
    ours = kalai_smorodinsky_point(utilities, reservation, feasible=zopa)
    assert ours is not None
    assert any(np.allclose(point, utilities[ours], atol=1e-9) for point in textbook)  # type: ignore[index]


def test_integer_and_real_issues_read_as_negmas_reads_them(tmp_path: object) -> None:
    """NegMAS's own parse of integer and real issues and their evaluators (linear, triangular),
    evaluated on negosim's grid with GENIUS's semantics (only discrete evaluations are divided by
    their largest; weights as written), gives negosim's utilities. The issues start at 0 and the
    evaluators stay within [0, 1], where NegMAS's reading and GENIUS's agree."""
    from pathlib import Path

    from tests.test_genius import write_numeric_domain

    folder = write_numeric_domain(Path(str(tmp_path)) / "numeric")
    theirs = NegmasScenario.load(folder, ignore_discount=True)
    ours = parse_scenario(yaml.safe_dump(to_document(read_domain(folder)))).scenario
    space = build_space(ours)
    table = utility_table(ours, space)
    names = [issue.name for issue in theirs.outcome_space.issues]
    grids = {
        a.name: [float(v) if a.name != "colour" else v for v in a.labels or ()] for a in space.axes
    }
    for ufun in theirs.ufuns:
        column = next(i for i, a in enumerate(table.actors) if ours.actors[a].label == ufun.name)
        weights = np.asarray(ufun.weights)
        tops = {
            a.name: max(
                ufun.values[names.index(ours.issues[a.name].label)](_cast(a.name, v))
                for v in grids[a.name]
            )
            if a.name == "colour"
            else 1.0
            for a in space.axes
        }
        for index in range(space.size):
            outcome = space.outcome(index)
            expected = sum(
                weights[names.index(ours.issues[k].label)]
                * ufun.values[names.index(ours.issues[k].label)](_cast(k, v))
                / tops[k]
                for k, v in outcome.items()
            )
            assert table.utilities[index, column] == pytest.approx(expected, abs=1e-9)


def _cast(issue: str, value: object) -> object:
    if issue == "units":
        return int(float(str(value)))
    if issue == "share":
        return float(str(value))
    return value


@pytest.mark.parametrize("name", NAMES)
def test_negosims_best_negotiators_match_or_beat_negmas_standard_ones(name: str) -> None:
    """The same tournament on each shared GENIUS domain: the best of negosim's strategies in
    self-play reaches at least the agreement rate of NegMAS's best standard negotiator and a deal
    at least as close to the Pareto frontier (both measured on negosim's table of the domain)."""
    from negosim.experiments.negmas_peer import negmas_rows
    from negosim.experiments.tournament import play_tournament

    folder = DOMAINS / name
    scenario = parse_scenario(yaml.safe_dump(to_document(read_domain(folder))), name).scenario
    entrants = ["boulware", "linear", "conceder", "opponent_model", "tradeoff", "tit_for_tat"]
    ours = play_tournament([(name, scenario)], entrants, seeds=2)
    theirs = negmas_rows(folder, name, scenario, seeds=2)

    def best(table: pd.DataFrame) -> tuple[float, float]:
        alone = table[~table["pairing"].str.contains(" vs ")]
        record = alone.groupby("strategy")[["agreement", "pareto_distance"]].mean()
        top = record.sort_values(["agreement", "pareto_distance"], ascending=[False, True]).iloc[0]
        return float(top["agreement"]), float(top["pareto_distance"])

    (our_rate, our_distance), (their_rate, their_distance) = best(ours), best(theirs)
    assert our_rate >= their_rate
    assert our_distance <= their_distance + 1e-9
    assert set(theirs["strategy"]) == {
        "negmas:AspirationNegotiator",
        "negmas:NaiveTitForTatNegotiator",
        "negmas:MiCRONegotiator",
    }


def test_the_tournament_command_adds_negmas_rows_for_genius_folders(tmp_path: Any) -> None:
    from typer.testing import CliRunner

    from negosim.cli import app

    out = tmp_path / "t"
    args = ["tournament", str(DOMAINS / "Laptop"), "--strategies", "linear", "--negmas"]
    done = CliRunner().invoke(app, [*args, "--seeds", "1", "--out", str(out)])
    assert done.exit_code == 0, done.output
    table = pd.read_parquet(out / "tournament.parquet")
    assert {"linear", "negmas:MiCRONegotiator"} <= set(table["strategy"])
    # Other scenarios are converted (tests/test_negmas_bridge.py).
