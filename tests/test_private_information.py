"""Private information: the common prior from the scenario, Bayesian updating, Fearon's screening."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from negosim.cli import app
from negosim.engine.catalogue import load_scenario
from negosim.engine.model import NegotiationModel
from negosim.experiments.experiment import with_information
from negosim.experiments.runner import RunPlayer, RunSpec
from negosim.games.game import Game, game_from_scenario
from negosim.scenario import Scenario
from negosim.scenario.paths import document, with_values
from negosim.solutions.fearon import uniform_screening_demand
from negosim.strategies import make_strategy

runner = CliRunner()
RESOLVE = "Bob's cost of fighting is his own to know"


def fearon(victory: float, cost_alice: float, ceiling: float, rounds: int = 1) -> Scenario:
    """Fearon's unit pie with Bob's cost private: uniform on [0, ceiling], Alice proposes."""
    war = {
        "issue": "alice_share",
        "sides": ["alice", "bob"],
        "victory": victory,
        "costs": {"alice": cost_alice, "bob": ceiling / 2},
        "assumption": "Fearon's unit pie",
    }
    prior = {
        "path": "tracks.pie.war.costs.bob",
        "dist": "uniform",
        "low": 0.0,
        "high": ceiling,
        "assumption": RESOLVE,
    }
    data = with_values(
        document(load_scenario("split_the_pie")),
        {
            "tracks.pie.war": war,
            "tracks.pie.deadline": rounds,
            "actors.alice.discount": 1.0,
            "actors.bob.discount": 1.0,
            "actors.alice.strategy": {"name": "bayesian", "assumption": "a Bayesian proposer"},
            "actors.bob.strategy": {"name": "bayesian", "assumption": "a Bayesian responder"},
            "uncertainty": [prior],
        },
    )
    return Scenario.model_validate(data)


def first_offer(game: Game, **params: Any) -> float:
    strategies = [make_strategy("bayesian", params), make_strategy("bayesian", {})]
    model = NegotiationModel(game, strategies, seed=0)
    model.step()
    assert game.space is not None
    return float(game.describe(int(model.minutes.since(0)[0, 2]))["alice_share"])  # type: ignore[arg-type]


@settings(max_examples=25, deadline=None)
@given(
    victory=st.integers(20, 60).map(lambda k: k / 100),
    cost_alice=st.integers(0, 20).map(lambda k: k / 100),
    ceiling=st.integers(10, 40).map(lambda k: k / 100),
)
def test_a_take_it_or_leave_it_offer_is_fearons_screening_demand(
    victory: float, cost_alice: float, ceiling: float
) -> None:
    game = game_from_scenario(fearon(victory, cost_alice, ceiling))
    demand, _ = uniform_screening_demand(victory, cost_alice, ceiling)
    assert first_offer(game) == pytest.approx(demand, abs=0.011)  # shares are hundredths


def test_with_complete_information_the_proposer_asks_exactly_what_the_other_accepts() -> None:
    game = game_from_scenario(fearon(0.5, 0.1, 0.3))  # Bob's cost as stated: 0.15
    assert first_offer(game, information="full") == pytest.approx(0.65)


def test_the_prior_is_the_scenarios_distribution_over_the_walk_away() -> None:
    game = game_from_scenario(fearon(0.5, 0.1, 0.3))
    alice, bob = game.priors
    assert alice is None  # her cost is not sampled: her walk-away is public
    assert bob is not None
    assert bob.weights.sum() == pytest.approx(1.0)
    assert bob.values @ bob.weights == pytest.approx(1 - 0.5 - 0.15, abs=1e-3)  # 1 − p − E[c]
    assert bob.values.min() > 0.2
    assert bob.values.max() < 0.5


def test_a_sampled_reservation_is_a_type_with_its_own_distribution() -> None:
    data = with_values(
        document(load_scenario("split_the_pie")),
        {
            "uncertainty": [
                {
                    "path": "actors.bob.reservation",
                    "dist": "triangular",
                    "low": 0.1,
                    "mode": 0.2,
                    "high": 0.6,
                    "assumption": "a guess",
                }
            ]
        },
    )
    prior = game_from_scenario(Scenario.model_validate(data)).priors[1]
    assert prior is not None
    assert prior.values @ prior.weights == pytest.approx((0.1 + 0.2 + 0.6) / 3, abs=1e-3)


def beliefs_after(answers: list[tuple[float, bool]], round_: int = 2) -> float:
    """Alice's mean belief of Bob's walk-away after Bob answers her demands in ``round_``.

    The talks last three rounds: in the last (round 2) every type of Bob asks exactly its
    walk-away, so his answers are most telling then.
    """
    game = game_from_scenario(fearon(0.5, 0.1, 0.3, rounds=3))
    assert game.space is not None
    alice = make_strategy("bayesian", {})
    model = NegotiationModel(game, [alice, make_strategy("bayesian", {})], seed=0)
    for share, yes in answers:
        offer = game.space.index_of({"alice_share": share})
        model.minutes.record(round_, 0, offer, (True, yes))
    return float(alice.beliefs.expected_walk_away(1))  # type: ignore[attr-defined]


def test_a_refusal_raises_the_belief_and_an_acceptance_caps_it() -> None:
    prior = 1 - 0.5 - 0.15
    refused = beliefs_after([(0.6, False)])
    assert refused > prior + 0.01
    accepted = beliefs_after([(0.7, True)])  # Bob takes 0.3: his walk-away is at most 0.3
    assert accepted <= 0.3 + 1e-9
    assert beliefs_after([(0.6, False), (0.6, False)]) > refused  # evidence accumulates


def test_a_refusal_every_type_would_make_says_nothing() -> None:
    prior = 1 - 0.5 - 0.15
    assert beliefs_after([(0.6, False)], round_=0) == pytest.approx(prior, abs=1e-9)


def war_rate(scenario: Scenario, information: str, runs: int) -> float:
    spec = RunSpec(document(with_information(scenario, information)), seed=7)
    player = RunPlayer(spec)
    rows = [player.play(run)[0] for run in range(runs)]
    return float(np.mean([not row["agreement"] for row in rows]))


def test_private_information_costs_the_chance_of_war_fearon_predicts() -> None:
    scenario = fearon(0.5, 0.05, 0.3)
    _, risk = uniform_screening_demand(0.5, 0.05, 0.3)
    runs = 400
    private = war_rate(scenario, "as_stated", runs)
    assert abs(private - risk) < 4 * np.sqrt(risk * (1 - risk) / runs) + 0.02
    assert war_rate(scenario, "full", 100) == 0.0


def test_the_report_sets_private_against_complete_information(tmp_path: Path) -> None:
    scenario = tmp_path / "fearon.yaml"
    scenario.write_text(yaml.safe_dump(document(fearon(0.5, 0.05, 0.3)), sort_keys=False))
    private, full = tmp_path / "fearon", tmp_path / "fearon-full-information"
    for out, information in ((private, "as_stated"), (full, "full")):
        ran = runner.invoke(
            app,
            [
                "run",
                str(scenario),
                "--runs",
                "200",
                "--out",
                str(out),
                "--information",
                information,
            ],
        )
        assert ran.exit_code == 0, ran.output
    assert runner.invoke(app, ["report", str(private)]).exit_code == 0
    page = (private / "report.html").read_text(encoding="utf-8")
    assert "What private information costs" in page
    rates = [
        json.loads((d / "summary.json").read_text())["agreement_rate"] for d in (private, full)
    ]
    assert rates[1] == 1.0  # complete information: never a war
    assert rates[0] < 0.8  # Fearon: a war in (x* − p)/c̄ ≈ 42% of runs
    assert f"<td>{rates[0]:.1%}</td><td>{rates[1]:.1%}</td>" in page
    assert "Alice: prior, Bob: prior" in page  # what each side knew, by default, is said


def test_a_concession_strategy_with_the_prior_believes_the_uniform_cdf() -> None:
    game = game_from_scenario(fearon(0.5, 0.1, 0.3))  # one round: every type asks its walk-away
    assert game.space is not None
    boulware = make_strategy("boulware", {"information": "prior"})
    NegotiationModel(game, [boulware, make_strategy("bayesian", {})], seed=0)
    shares = [0.5, 0.6, 0.65, 0.7, 0.8]
    outcomes = np.array([game.space.index_of({"alice_share": x}) for x in shares])
    margins = boulware.model.margins(outcomes, 0)[:, 1]  # type: ignore[attr-defined]
    expected = [1 - (x - 0.5) / 0.3 for x in shares]  # P(c_B ≥ x − p), c_B ~ U(0, 0.3)
    assert margins == pytest.approx(expected, abs=1 / 201 + 1e-9)
    assert boulware.classify()["knows_preferences"] is True
