"""The Mesa model: rounds, deadlines, breakdowns, events, protocols, linkage, reproducibility."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from negosim.engine.catalogue import load_scenario, parse_scenario
from negosim.engine.model import NegotiationModel
from negosim.engine.simulate import simulate
from negosim.games.game import game_from_scenario
from negosim.games.textbook import division_game, linear_additive_game
from negosim.protocols import PROTOCOLS
from negosim.scenario import Scenario
from negosim.strategies import make_strategy
from tests.conftest import ALL_SCENARIOS, CONFIGS


def pie(**changes: Any) -> Scenario:
    document = yaml.safe_load((CONFIGS / "split_the_pie.yaml").read_text(encoding="utf-8"))
    for dotted, value in changes.items():
        node = document
        *parents, last = dotted.split(".")
        for part in parents:
            node = node[part]
        node[last] = value
    return parse_scenario(yaml.safe_dump(document)).scenario


def test_one_step_is_one_round_and_the_deadline_ends_it() -> None:
    game = division_game(2, 10, [1, 1], deadline=7, reservation=[0.3, 0.3])
    model = NegotiationModel(game, [make_strategy("hardliner", {}) for _ in range(2)], seed=1)
    model.step()
    assert model.round == 1
    assert model.running
    result = model.run()
    assert (result.agreement, result.reason, result.rounds) == (False, "deadline", 7)
    assert model.trace is not None
    assert len(model.trace.moves) == 7
    assert [m.proposer for m in model.trace.moves] == [0, 1, 0, 1, 0, 1, 0]
    np.testing.assert_allclose(result.utilities, [0.3, 0.3])


def test_breakdown_ends_talks_at_random() -> None:
    scenario = pie(**{"tracks.pie.breakdown": 1.0})
    (run,) = simulate(scenario, seed=3)
    assert (run.result.reason, run.result.rounds) == ("breakdown", 1)
    halfway = [simulate(pie(**{"tracks.pie.breakdown": 0.02}), seed=s)[0].result for s in range(40)]
    assert {r.reason for r in halfway} >= {"breakdown", "agreement"}


def test_hard_conditions_that_rule_out_every_deal_are_reported() -> None:
    scenario = pie(
        couplings=[
            {
                "kind": "condition",
                "actor": "alice",
                "issue": "alice_share",
                "at_least": 0.9,
                "assumption": "greedy",
            },
            {
                "kind": "condition",
                "actor": "bob",
                "issue": "alice_share",
                "at_most": 0.5,
                "assumption": "proud",
            },
        ]
    )
    (run,) = simulate(scenario, seed=0)
    assert run.result.reason == "condition unmet"


def test_an_event_changes_a_walk_away_point_mid_negotiation() -> None:
    event = {
        "round": 3,
        "label": "Summit deadline",
        "actor": "bob",
        "parameter": "reservation",
        "set": 0.6,
        "assumption": "test",
    }
    scenario = pie(events=[event], **{"actors.bob.strategy": {"name": "hardliner"}})
    (run,) = simulate(scenario, seed=0)
    assert run.game.reservation[1] == pytest.approx(0.6)
    assert run.trace is not None
    assert run.trace.notes[0] == (3, "Summit deadline: Bob's walk-away → 0.6")
    if run.result.agreement:
        assert run.result.utilities[1] >= 0.6


def test_a_weight_event_recomputes_the_actors_utilities() -> None:
    scenario = load_scenario(CONFIGS / "minerals_deal.yaml")
    event = {
        "round": 0,
        "label": "Battlefield change",
        "actor": "us",
        "parameter": "weight",
        "issue": "security_guarantee",
        "scale": 3.0,
        "assumption": "test",
    }
    changed = scenario.model_copy(update={"events": [parse_event(event)]})
    before = game_from_scenario(scenario)
    model = NegotiationModel(
        game_from_scenario(changed), [make_strategy("hardliner", {}) for _ in range(2)], seed=0
    )
    model.step()
    assert not np.allclose(model.game.utilities[:, 0], before.utilities[:, 0])
    np.testing.assert_allclose(model.game.utilities[:, 1], before.utilities[:, 1])


def parse_event(raw: dict[str, Any]) -> Any:
    from negosim.scenario.model import Event

    return Event.model_validate(raw)


@pytest.mark.parametrize("name", ALL_SCENARIOS)
@pytest.mark.parametrize("protocol", sorted(PROTOCOLS))
def test_every_bundled_scenario_plays_under_every_protocol(name: str, protocol: str) -> None:
    runs = simulate(load_scenario(CONFIGS / f"{name}.yaml"), seed=2, protocol=protocol)
    for run in runs:
        result = run.result
        assert 1 <= result.rounds <= run.game.deadline
        assert result.reason in (
            "agreement",
            "deadline",
            "breakdown",
            "deadlock",
            "condition unmet",
            "walked out",
        )
        if result.agreement:
            assert result.outcome is not None
            accepts = run.game.admissible[result.outcome]
            assert run.game.ratified(list(accepts), result.outcome), (
                "agreements meet the conditions"
            )


@settings(max_examples=25)
@given(
    seed=st.integers(0, 2**32 - 1),
    name=st.sampled_from(ALL_SCENARIOS),
    protocol=st.sampled_from(sorted(PROTOCOLS)),
)
def test_same_seed_same_run(seed: int, name: str, protocol: str) -> None:
    scenario = load_scenario(CONFIGS / f"{name}.yaml")
    first, second = (simulate(scenario, seed, protocol=protocol) for _ in range(2))
    assert [r.result for r in first] == [r.result for r in second]
    assert [r.trace for r in first] == [r.trace for r in second]


def test_recording_does_not_change_the_result() -> None:
    game = linear_additive_game(actors=4, deadline=60, seed=1)
    names = ["boulware", "conceder", "tit_for_tat", "random_acceptable"]
    for seed in range(5):
        recorded, lean = (
            NegotiationModel(game, [make_strategy(n, {}) for n in names], seed=seed, record=r).run()
            for r in (True, False)
        )
        assert recorded == lean


def test_the_mediator_settles_the_pie_in_the_zone_both_still_prefer() -> None:
    """The text moves toward the objector (Alice) and back as Bob's impatience bites; the deal
    beats walking away for both at the round it is reached."""
    (run,) = simulate(pie(), seed=0, protocol="mediated")
    result = run.result
    assert result.agreement
    assert result.proposer == -1
    assert (result.discounted >= run.game.reservation).all()
    assert 0.45 <= run.game.describe(result.outcome)["alice_share"] <= 0.6


def test_an_actor_can_mediate_and_does_no_worse_than_under_a_neutral_chair() -> None:
    (chaired,) = simulate(pie(**{"tracks.pie.mediator": "alice"}), seed=0, protocol="mediated")
    (neutral,) = simulate(pie(), seed=0, protocol="mediated")
    assert chaired.result.agreement
    assert chaired.result.proposer == 0
    assert chaired.result.utilities[0] >= neutral.result.utilities[0]


def test_power_weighted_recognition_favours_the_powerful() -> None:
    scenario = pie(**{"tracks.pie.recognition": "power"})
    game = game_from_scenario(scenario, protocol="recognition")
    np.testing.assert_allclose(game.recognition_probabilities(), [2 / 3, 1 / 3])


def test_sequence_linkage_feeds_the_first_tracks_result_into_the_second() -> None:
    scenario = load_scenario(CONFIGS / "grand_bargain.yaml")
    security_first = scenario.model_copy(
        update={
            "tracks": {
                "security": scenario.tracks["security"],
                "minerals": scenario.tracks["minerals"],
            }
        }
    )
    for seed in range(8):
        security, minerals = simulate(security_first, seed, linkage="sequence")
        if security.result.agreement:
            guarantee = security.game.describe(security.result.outcome)["security_guarantee"]
            assert minerals.game.space is not None
            ukraine = minerals.game.actors.index("ukraine")
            assert minerals.game.admissible[:, ukraine].any() == (guarantee != "none")
        else:
            assert not minerals.result.agreement, "no minerals deal without security"


def test_minerals_first_cannot_succeed_without_a_security_measure() -> None:
    scenario = load_scenario(CONFIGS / "grand_bargain.yaml")
    minerals, _security = simulate(scenario, 0, linkage="sequence")
    assert minerals.tracks == ("minerals",)
    assert not minerals.result.agreement
    assert minerals.result.reason == "condition unmet"
