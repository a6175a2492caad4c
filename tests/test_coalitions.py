"""Side payments and blocs, pinned by their oracles: transferable utility, one voice per bloc."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from negosim.engine.batch.block import unsupported
from negosim.engine.catalogue import load_scenario, parse_scenario
from negosim.engine.model import NegotiationModel
from negosim.experiments.experiment import with_variant
from negosim.experiments.runner import RunPlayer, RunSpec
from negosim.games.game import Game, game_from_scenario
from negosim.games.result import Result
from negosim.outcomes import build_space, utility_table
from negosim.scenario import Scenario, ScenarioError
from negosim.scenario.paths import document, with_values
from negosim.solutions.bargaining import nash_point
from negosim.solutions.transfers import joint_surplus
from negosim.strategies import make_strategy

TERMS = ["a", "b", "c", "d"]


def bargain(values: dict[str, list[float]], rate: float, width: float, steps: int) -> Scenario:
    """Alice and Bob agree on terms (four options) and a payment from Alice to Bob.

    The payment runs from ``-width`` (Bob pays) to ``width``; each values it at ``rate`` per unit.
    """
    data = with_values(
        document(load_scenario("split_the_pie")),
        {
            "issues": {
                "terms": {
                    "kind": "categorical",
                    "track": "pie",
                    "values": TERMS,
                    "assumption": "the terms",
                },
                "payment": {
                    "kind": "continuous",
                    "track": "pie",
                    "min": -width,
                    "max": width,
                    "step": 2 * width / steps,
                    "unit": "bn",
                    "status_quo": 0.0,
                    "rates": {
                        "alice": {"value": -rate, "assumption": "she pays"},
                        "bob": {"value": rate, "assumption": "he is paid"},
                    },
                    "assumption": "a side payment",
                },
            },
            **{
                f"actors.{actor}": {
                    **document(load_scenario("split_the_pie"))["actors"][actor],
                    "reservation": {"value": 0.0, "assumption": "nothing without a deal"},
                    "weights": {"terms": {"value": 1.0, "assumption": "only the terms"}},
                    "values": {
                        "terms": {
                            "kind": "table",
                            "table": dict(zip(TERMS, values[actor], strict=True)),
                            "assumption": "drawn for the test",
                        }
                    },
                }
                for actor in ("alice", "bob")
            },
        },
    )
    return Scenario.model_validate(data)


TERM_VALUES = st.lists(st.integers(0, 100).map(lambda k: k / 100), min_size=4, max_size=4)


@settings(max_examples=40, deadline=None)
@given(alice=TERM_VALUES, bob=TERM_VALUES, rate=st.integers(5, 20).map(lambda k: k / 10))
def test_with_side_payments_the_nash_solution_maximises_the_joint_surplus(
    alice: list[float], bob: list[float], rate: float
) -> None:
    steps = 400
    width = 1.0 / rate  # enough to move all of either side's gain to the other
    scenario = bargain({"alice": alice, "bob": bob}, rate, width, steps)
    table = utility_table(scenario, build_space(scenario))
    chosen = nash_point(table.utilities, table.reservation)
    assert chosen is not None
    terms = TERMS.index(str(table.space.outcome(chosen)["terms"]))
    surplus = np.add(alice, bob)
    best, _ = joint_surplus(np.column_stack([alice, bob]), [0.0, 0.0], [1.0, 1.0])
    # On a grid of payments the product at the best terms is off by at most (rate × step / 2)²:
    # terms whose surplus is that close to the best may win instead, none further below.
    step = 2 * width / steps
    assert surplus[terms] ** 2 >= surplus[best] ** 2 - (rate * step) ** 2 - 1e-9


def test_an_equal_split_of_the_surplus_is_the_payment_the_nash_solution_makes() -> None:
    scenario = bargain({"alice": [1.0, 0.9, 0.0, 0.0], "bob": [0.1, 0.5, 0.0, 0.0]}, 1.0, 1.0, 200)
    table = utility_table(scenario, build_space(scenario))
    chosen = nash_point(table.utilities, table.reservation)
    assert chosen is not None
    terms = table.space.outcome(chosen)
    assert terms["terms"] == "b"
    assert terms["payment"] == pytest.approx(0.2)  # each ends 0.7 above nothing: 0.9 − 0.2
    assert table.utilities[chosen] == pytest.approx([0.7, 0.7])


def test_a_payment_buys_the_consent_no_term_could() -> None:
    values = {"alice": [1.0, 0.8, 0.0, 0.0], "bob": [0.0, 0.3, 0.0, 0.0]}
    data = document(bargain(values, 1.0, 0.5, 10))
    walkaways = {"actors.alice.reservation.value": 0.2, "actors.bob.reservation.value": 0.45}
    paid = Scenario.model_validate(with_values(data, walkaways))
    table = utility_table(paid, build_space(paid))
    zopa = np.flatnonzero(table.acceptable().all(axis=1))
    assert zopa.size  # Bob wants 0.4 of his agenda, no term gives him more than 0.3 ...
    assert all(
        table.space.outcome(row)["payment"] >= 0.1 - 1e-9 for row in zopa
    )  # ... but 0.1 does
    game = game_from_scenario(paid)
    players = [make_strategy("boulware", {}), make_strategy("boulware", {})]
    result = NegotiationModel(game, players, seed=5).run()
    assert result.outcome is not None
    assert game.describe(result.outcome)["terms"] == "b"
    assert float(game.describe(result.outcome)["payment"]) >= 0.15  # type: ignore[arg-type]
    assert result.utilities[1] >= 0.45  # his walk-away means what it says: no payment, 0.45


def trio(bloc: dict[str, Any] | None = None, steps: int = 1000) -> Scenario:
    """Alice and Bob both want ``alice_share`` high, Carol wants it low; everyone patient 0.9."""
    data = document(load_scenario("split_the_pie"))
    carol = {**data["actors"]["bob"], "label": "Carol"}
    changes: dict[str, Any] = {
        "actors.carol": carol,
        "actors.bob.values.alice_share.direction": "increasing",
        "tracks.pie.ratification.parties": ["alice", "bob", "carol"],
        "tracks.pie.deadline": 80,
        "issues.alice_share.step": 1.0 / steps,
        **{f"actors.{a}.reservation.value": 0.0 for a in ("alice", "bob", "carol")},
        **{f"actors.{a}.discount.value": 0.9 for a in ("alice", "bob", "carol")},
    }
    if bloc is not None:
        changes["blocs"] = {"side": {"assumption": "they speak as one", **bloc}}
    return Scenario.model_validate(with_values(data, changes))


def rubinstein_responder_share(delta_first: float, delta_second: float) -> float:
    return delta_second * (1 - delta_first) / (1 - delta_first * delta_second)


def equilibrium(game: Game) -> Result:
    players = [make_strategy("subgame_perfect", {}) for _ in game.actors]
    return NegotiationModel(game, players, seed=0).run()


def test_a_bloc_bargains_as_one_player_rubinsteins_share_for_the_other() -> None:
    game = game_from_scenario(trio({"members": ["alice", "bob"]}))
    assert [game.proposer(t) for t in range(4)] == [0, 2, 0, 2]  # one turn per bloc
    result = equilibrium(game)
    assert (result.agreement, result.rounds) == (True, 1)
    grid = 1.5 / 1000 / (1 - 0.9 * 0.9)
    assert result.utilities[2] == pytest.approx(rubinstein_responder_share(0.9, 0.9), abs=grid)
    apart = equilibrium(game_from_scenario(trio()))
    assert apart.utilities[2] < result.utilities[2] - 0.1  # two turns to one: Carol is outvoiced


def test_members_decide_by_the_bloc_utility_and_report_their_own() -> None:
    scenario = trio({"members": ["alice", "bob"], "shares": {"alice": 3, "bob": 1}}, steps=100)
    data = with_values(
        document(scenario),
        {
            "actors.bob.values.alice_share": {"kind": "peaked", "ideal": 0.5, "assumption": "x"},
            "actors.bob.reservation.value": 0.4,
        },
    )
    game = game_from_scenario(Scenario.model_validate(data))
    assert game.own_utilities is not None
    own = game.own_utilities
    pooled = 0.75 * own[:, 0] + 0.25 * own[:, 1]
    assert np.allclose(game.utilities[:, 0], pooled)
    assert np.allclose(game.utilities[:, 1], pooled)
    assert game.reservation[:2] == pytest.approx([0.1, 0.1])  # 0.75 × 0 + 0.25 × 0.4
    assert game.own("reservation")[:2] == pytest.approx([0.0, 0.4])
    result = NegotiationModel(game, [make_strategy("boulware", {}) for _ in range(3)], seed=1).run()
    assert result.outcome is not None
    assert result.utilities == pytest.approx(own[result.outcome])
    assert unsupported(game, [make_strategy("boulware", {}) for _ in range(3)]) == (
        "blocs speak with one voice (pooled utilities and turns have no batch kernel)"
    )


def test_a_bloc_is_recognised_as_often_as_its_members_together() -> None:
    data = with_values(document(trio({"members": ["alice", "bob"]}, steps=10)), {})
    game = game_from_scenario(Scenario.model_validate(data))
    assert game.recognition_probabilities() == pytest.approx([2 / 3, 0.0, 1 / 3])


@pytest.mark.parametrize(
    ("bloc", "expected"),
    [
        ({"members": ["alice", "dave"]}, "blocs.side.members.1"),
        ({"members": ["alice", "alice"]}, "a bloc lists each member once"),
        ({"members": ["alice", "bob"], "shares": {"alice": 1}}, "shares name every member"),
    ],
)
def test_a_wrong_bloc_is_named_by_field(bloc: dict[str, Any], expected: str) -> None:
    document_ = with_values(
        document(trio(steps=10)), {"blocs": {"side": {"assumption": "x", **bloc}}}
    )
    text = yaml.safe_dump(document_, sort_keys=False)
    with pytest.raises(ScenarioError) as raised:
        parse_scenario(text, "trio.yaml")
    assert expected in str(raised.value)


def test_a_transfer_is_valued_by_its_rate_alone() -> None:
    data = document(bargain({"alice": [1, 0, 0, 0], "bob": [0, 1, 0, 0]}, 1.0, 1.0, 10))
    weighted = with_values(
        data,
        {
            "actors.bob.weights.payment": {"value": 1.0, "assumption": "x"},
            "actors.bob.values.payment": {
                "kind": "linear",
                "direction": "increasing",
                "assumption": "x",
            },
        },
    )
    with pytest.raises(ScenarioError) as raised:
        parse_scenario(yaml.safe_dump(weighted, sort_keys=False), "paid.yaml")
    assert "'payment' is a transferable good: bob values it by its rate" in str(raised.value)


def test_a_sampled_war_moves_each_members_walk_away_and_the_blocs_with_them() -> None:
    scenario = with_variant(load_scenario("nato_security"), "european_front")
    player = RunPlayer(RunSpec(document(scenario), 0))
    base = player.base_game
    assert base is not None
    changes, _ = player.changes({"tracks.security.war.victory": 0.05})
    game = base.changed(**changes)
    ukraine, europe = game.actors.index("ukraine"), game.actors.index("europe")
    own = game.own("reservation")
    assert own[ukraine] < base.own("reservation")[ukraine]  # worse odds, a worse war for Kyiv
    pooled = (own[ukraine] + own[europe]) / 2
    assert game.reservation[[ukraine, europe]] == pytest.approx([pooled, pooled])


def test_a_variant_may_add_a_named_entry_but_not_invent_a_table() -> None:
    data = document(load_scenario("nato_security"))
    bloc = {"members": ["ukraine", "europe"], "assumption": "x"}
    added = with_values(
        data,
        {
            "variants": {
                "pact": {"description": "a pact", "assumption": "x", "set": {"blocs.pact": bloc}}
            }
        },
    )
    assert parse_scenario(yaml.safe_dump(added, sort_keys=False), "ok.yaml").scenario
    wrong = with_values(
        data,
        {
            "variants": {
                "pact": {"description": "a pact", "assumption": "x", "set": {"bloc.pact": bloc}}
            }
        },
    )
    with pytest.raises(ScenarioError) as raised:
        parse_scenario(yaml.safe_dump(wrong, sort_keys=False), "wrong.yaml")
    assert "variants.pact.set.bloc.pact: no such field in this scenario" in str(raised.value)


def test_simulate_tells_a_variants_bloc_and_each_members_own_walk_away() -> None:
    from typer.testing import CliRunner

    from negosim.cli import app

    result = CliRunner().invoke(app, ["simulate", "nato_security", "--variant", "european_front"])
    assert result.exit_code == 0, result.output
    assert "Ukraine and European allies speak as one bloc: Ukraine proposes for it" in result.output
    unknown = CliRunner().invoke(app, ["simulate", "nato_security", "--variant", "nope"])
    assert unknown.exit_code == 2
    assert "unknown variant 'nope'" in unknown.output
