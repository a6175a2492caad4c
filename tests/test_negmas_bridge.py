"""The NegMAS bridge: a negosim scenario as a NegMAS scenario object, and a NegMAS negotiator in a
negosim seat. Needs ``negmas`` (the crosscheck extra): a user's default run skips the group when it
is absent, CI never does."""

from __future__ import annotations

import os
from typing import Any

import numpy as np
import pytest

from negosim import load_scenario
from negosim.engine.simulate import simulate
from negosim.scenario import Scenario

if not os.environ.get("CI"):
    pytest.importorskip("negmas", reason="the NegMAS bridge needs the crosscheck extra")

from negmas.sao import AspirationNegotiator, MiCRONegotiator, SAOMechanism

from negosim.genius.negmas import to_negmas

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("negmas")]


def test_a_scenario_converts_with_its_utility_table_and_says_what_is_left_out() -> None:
    exported = to_negmas(load_scenario("minerals_deal"))
    game = exported.game
    space = exported.scenario.outcome_space
    assert space.cardinality == game.size
    outcomes = list(space.enumerate())
    rng = np.random.default_rng(0)
    for index in rng.choice(game.size, 25, replace=False):
        for a, ufun in enumerate(exported.scenario.ufuns):
            assert float(ufun(outcomes[index])) == pytest.approx(
                game.utilities[index, a], abs=1e-12
            )
    assert [u.reserved_value for u in exported.scenario.ufuns] == pytest.approx(game.reservation)
    assert any("red line: ukraine on security_guarantee" in s for s in exported.not_carried)
    assert any("patience 0.95" in s for s in exported.not_carried)
    quota = to_negmas(load_scenario("nato_security")).not_carried
    assert any("quota rule played as unanimity" in s for s in quota)


def test_negmas_plays_the_converted_scenario_in_its_own_mechanism() -> None:
    exported = to_negmas(load_scenario("split_the_pie"))
    mechanism = SAOMechanism(outcome_space=exported.scenario.outcome_space, n_steps=50)
    for ufun in exported.scenario.ufuns:
        mechanism.add(AspirationNegotiator(), ufun=ufun)
    state = mechanism.run()
    assert state.agreement is not None
    share = state.agreement[0]
    assert 0.2 <= share <= 0.9, "each above its walk-away (Alice 0.2, Bob 0.1)"


def with_seat(scenario: Scenario, actor: str, strategy: dict[str, Any]) -> Scenario:
    actors = dict(scenario.actors)
    spec = actors[actor].strategy.model_copy(update=strategy)
    actors[actor] = actors[actor].model_copy(update={"strategy": spec})
    return scenario.model_copy(update={"actors": actors})


def test_a_negmas_negotiator_holds_a_seat_and_answers_as_its_aspiration_says() -> None:
    """Alice's seat is NegMAS's Aspiration negotiator: it opens with her best outcome, never
    accepts less than its reserved value, and negosim's rules (the walk-out) still apply."""
    scenario = with_seat(
        load_scenario("split_the_pie"),
        "alice",
        {"name": "negmas", "params": {"negotiator": "AspirationNegotiator"}},
    )
    (run,) = simulate(scenario, 0)
    assert run.trace is not None
    alice = [m for m in run.trace.moves if m.proposer == 0]
    assert run.game.utilities[alice[0].offer, 0] == 1.0, "Aspiration opens at its best"
    answered = [m for m in run.trace.moves if m.proposer == 1]
    assert answered
    for move in answered:
        if move.responses[0]:
            assert run.game.utilities[move.offer, 0] >= 0.2
    assert run.result.reason in {"agreement", "walked out"}


def patient_pie() -> Scenario:
    """split_the_pie with no patience to lose: NegMAS's negotiators do not act on discounting."""
    from negosim.scenario.paths import document, with_values

    patient = {"actors.alice.discount": 1.0, "actors.bob.discount": 1.0}
    return Scenario.model_validate(with_values(document(load_scenario("split_the_pie")), patient))


def both_seats(negotiator: str) -> Any:
    scenario = patient_pie()
    for actor in ("alice", "bob"):
        scenario = with_seat(
            scenario, actor, {"name": "negmas", "params": {"negotiator": negotiator}}
        )
    (run,) = simulate(scenario, 0)
    return run


def negmas_own(negotiator: type) -> tuple[Any, list[float]]:
    exported = to_negmas(patient_pie())
    mechanism = SAOMechanism(outcome_space=exported.scenario.outcome_space, n_steps=50)
    for ufun in exported.scenario.ufuns:
        mechanism.add(negotiator(), ufun=ufun)
    state = mechanism.run()
    return state, [offer[0] for _, _, offer in mechanism.extended_trace]


def test_two_aspiration_seats_reach_negmass_own_deal_in_the_same_round() -> None:
    run = both_seats("AspirationNegotiator")
    state, _ = negmas_own(AspirationNegotiator)
    assert run.result.agreement
    assert state.agreement is not None
    assert run.game.utilities[run.result.outcome, 0] == pytest.approx(state.agreement[0])
    assert run.result.rounds == state.step


def test_two_micro_seats_concede_as_they_do_in_negmass_mechanism() -> None:
    run = both_seats("MiCRONegotiator")
    assert run.trace is not None
    ours = [float(run.game.utilities[m.offer, 0]) for m in run.trace.moves[:8]]
    _, theirs = negmas_own(MiCRONegotiator)
    assert ours == pytest.approx(theirs[:8])


def test_the_tournament_plays_negmas_on_a_converted_bundled_scenario(tmp_path: Any) -> None:
    import pandas as pd
    from typer.testing import CliRunner

    from negosim.cli import app

    out = tmp_path / "t"
    args = ["tournament", "split_the_pie", "--strategies", "boulware", "--seeds", "1", "--negmas"]
    result = CliRunner().invoke(app, [*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = pd.read_parquet(out / "tournament.parquet")
    assert {"negmas:AspirationNegotiator", "boulware"} <= set(rows["strategy"])
    assert "NegMAS plays without: alice: patience 0.9 per round" in result.output
