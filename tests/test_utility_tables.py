"""Utility tables: additive values, couplings and ratification, checked outcome by outcome."""

from __future__ import annotations

import numpy as np
import pytest
import yaml

from negosim.engine.catalogue import load_scenario, parse_scenario
from negosim.outcomes import Context, build_space, utility_table
from negosim.outcomes.rules import zopa_mask
from negosim.scenario import Scenario
from tests.conftest import CONFIGS


def grand() -> Scenario:
    return load_scenario(CONFIGS / "grand_bargain.yaml")


def utility_of(scenario: Scenario, actor: str, outcome: dict[str, object], tracks=None) -> float:
    space = build_space(scenario, tracks)
    table = utility_table(scenario, space)
    return float(table.utilities[space.index_of(outcome), table.actors.index(actor)])


def test_pie_utilities_are_the_shares() -> None:
    scenario = load_scenario(CONFIGS / "split_the_pie.yaml")
    space = build_space(scenario)
    table = utility_table(scenario, space)
    x = np.array([space.outcome(i)["alice_share"] for i in range(space.size)])
    np.testing.assert_allclose(table.utilities, np.column_stack([x, 1 - x]), atol=1e-12)


def test_russia_utility_is_the_weighted_sum_of_its_values() -> None:
    outcome = {
        "revenue_share": 0.5,
        "fund_governance": "joint",
        "repayment": "partial_repayment",
        "resource_scope": "minerals_and_energy",
        "security_guarantee": "european_led",
        "nato_path": "neutrality_treaty",
        "territory": 0.25,
        "europe_burden": 0.6,
    }
    # nato 0.35 * 1.0 + territory 0.40 * 0.75 + guarantee 0.20 * 0.2 + scope 0.05 * 0.5
    assert utility_of(grand(), "russia", outcome) == pytest.approx(0.35 + 0.30 + 0.04 + 0.025)


def test_minerals_value_to_the_us_grows_with_restored_territory() -> None:
    """Interaction: revenue share and scope scaled by 0.6 + 0.4 * territory."""
    base = {
        "revenue_share": 1.0,
        "fund_governance": "kyiv_led",
        "repayment": "reconstruction_only",
        "resource_scope": "critical_minerals",
        "security_guarantee": "bilateral_us",
        "nato_path": "invited",
        "territory": 1.0,
        "europe_burden": 0.2,
    }
    full = utility_of(grand(), "us", base)
    none = utility_of(grand(), "us", {**base, "territory": 0.0})
    # revenue term 0.2 * 1.0 scaled 1.0 vs 0.6; territory's own term 0.1 * (1 - t): 0 vs 0.1
    assert full - none == pytest.approx(0.2 * 0.4 - 0.1)


def test_minerals_deal_without_peace_keeps_sixty_percent_of_its_value() -> None:
    scenario = grand()
    alone = build_space(scenario, ["minerals"])
    unsettled = utility_table(scenario, alone)
    settled = utility_table(scenario, alone, Context(settled={"security"}))
    ukraine = unsettled.actors.index("ukraine")
    np.testing.assert_allclose(unsettled.utilities[:, ukraine], 0.6 * settled.utilities[:, ukraine])


def test_ukraine_accepts_nothing_without_a_security_measure() -> None:
    scenario = grand()
    space = build_space(scenario)
    table = utility_table(scenario, space)
    guarantee = space.levels(np.arange(space.size))[space.names.index("security_guarantee")]
    ukraine = table.actors.index("ukraine")
    assert not table.admissible[guarantee == 0, ukraine].any()
    zopa = zopa_mask(table.acceptable(), table.rules, table.power)
    assert zopa.any()
    assert not (zopa & (guarantee == 0)).any()


def test_conditions_on_issues_outside_the_space_use_the_status_quo_or_the_fixed_level() -> None:
    scenario = grand()
    minerals = build_space(scenario, ["minerals"])
    at_status_quo = utility_table(scenario, minerals)
    assert not at_status_quo.admissible[:, at_status_quo.actors.index("ukraine")].any()
    fixed = utility_table(scenario, minerals, Context(fixed={"security_guarantee": 3}))
    assert fixed.admissible[:, fixed.actors.index("ukraine")].any()


def test_europe_must_consent_only_to_what_commits_europe() -> None:
    scenario = load_scenario(CONFIGS / "nato_security.yaml")
    space = build_space(scenario)
    table = utility_table(scenario, space)
    accepts = np.ones_like(table.admissible)
    accepts[:, table.actors.index("europe")] = False
    passed = zopa_mask(accepts, table.rules, table.power)
    levels = space.levels(np.arange(space.size))
    european_led = levels[space.names.index("security_guarantee")] == 2
    burden = space.levels(np.arange(space.size))[space.names.index("europe_burden")]
    heavy = np.isclose(space.axes[space.names.index("europe_burden")].points[burden], 0.6) | (
        space.axes[space.names.index("europe_burden")].points[burden] > 0.6
    )
    np.testing.assert_array_equal(passed, ~(european_led | heavy))


def test_quota_rule_counts_power_weighted_acceptance() -> None:
    text = (CONFIGS / "nato_security.yaml").read_text(encoding="utf-8")
    document = yaml.safe_load(text)
    document["tracks"]["security"]["ratification"]["veto"] = []
    document["tracks"]["security"]["ratification"]["consent"] = []
    scenario = parse_scenario(yaml.safe_dump(document)).scenario
    table = utility_table(scenario, build_space(scenario))
    actors = list(table.actors)  # power: us 0.4, ukraine 0.15, europe 0.2, russia 0.25
    accepts = np.zeros((3, 4), dtype=bool)
    accepts[0, [actors.index("us"), actors.index("ukraine")]] = True  # 0.55 of 1.0
    accepts[1, [actors.index("ukraine"), actors.index("europe")]] = True  # 0.35
    accepts[2, [actors.index("us"), actors.index("europe")]] = True  # 0.60
    assert zopa_mask(accepts, table.rules, table.power).tolist() == [True, False, True]


def test_value_function_shapes() -> None:
    from negosim.outcomes.space import make_axis
    from negosim.outcomes.values import value_vector
    from negosim.scenario.issues import ContinuousIssue, OrdinalIssue
    from negosim.scenario.values import PeakedValue, StepValue

    axis = make_axis(
        "x", ContinuousIssue(kind="continuous", track="t", min=0, max=10, step=2.5, unit="u")
    )
    peaked = value_vector(PeakedValue(kind="peaked", ideal=5.0), axis)
    np.testing.assert_allclose(peaked, [0, 0.5, 1, 0.5, 0])
    narrow = value_vector(PeakedValue(kind="peaked", ideal=0.0, width=5.0), axis)
    np.testing.assert_allclose(narrow, [1, 0.5, 0, 0, 0])
    step = value_vector(StepValue(kind="step", threshold=5.0, below=0.2, above=0.9), axis)
    np.testing.assert_allclose(step, [0.2, 0.2, 0.9, 0.9, 0.9])
    labels = make_axis("y", OrdinalIssue(kind="ordinal", track="t", values=["a", "b", "c"]))
    np.testing.assert_allclose(
        value_vector(PeakedValue(kind="peaked", ideal="c"), labels), [0, 0.5, 1]
    )


def test_a_million_outcomes_for_six_actors_fit_in_float64_arrays() -> None:
    from negosim.scenario.synthetic import synthetic_scenario

    scenario = synthetic_scenario(actors=6, issues=6, levels=10)
    table = utility_table(scenario, build_space(scenario))
    assert table.utilities.shape == (1_000_000, 6)
    assert table.utilities.nbytes + table.admissible.nbytes <= 60_000_000
    assert table.utilities.min() >= 0.0
    assert table.utilities.max() <= 1.0


def test_an_outcome_space_too_large_to_tabulate_is_refused() -> None:
    from negosim.outcomes import SpaceTooLargeError
    from negosim.scenario.synthetic import synthetic_scenario

    with pytest.raises(SpaceTooLargeError, match="coarsen"):
        build_space(synthetic_scenario(actors=2, issues=8, levels=10))
