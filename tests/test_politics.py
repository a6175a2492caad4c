"""The politics around the table, pinned by their oracles: Fearon's war, Putnam's ratification."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from negosim.cli import app
from negosim.engine.batch.block import unsupported
from negosim.engine.catalogue import load_scenario, parse_scenario
from negosim.engine.model import NegotiationModel
from negosim.engine.why import why_lines
from negosim.experiments.runner import RunPlayer, RunSpec
from negosim.games.game import Game, game_from_scenario
from negosim.games.textbook import division_game
from negosim.scenario import Scenario, ScenarioError
from negosim.scenario.paths import document, with_values
from negosim.solutions.backward_induction import backward_induction
from negosim.solutions.fearon import bargaining_range, screening_demand, uniform_screening_demand
from negosim.strategies import make_strategy
from negosim.strategies.base import Strategy

HUNDREDTHS = st.integers(0, 100).map(lambda k: k / 100)


def pie(**changes: Any) -> dict[str, Any]:
    """The split-the-pie scenario as a document, with changes at dotted places."""
    return with_values(document(load_scenario("split_the_pie")), changes)


def at_war(victory: float, cost_alice: float, cost_bob: float, **front: float) -> Game:
    war: dict[str, Any] = {
        "issue": "alice_share",
        "sides": ["alice", "bob"],
        "victory": victory,
        "costs": {"alice": cost_alice, "bob": cost_bob},
        "assumption": "Fearon's unit pie",
    }
    if front:
        war["front"] = front
    patient = {"actors.alice.discount": 1.0, "actors.bob.discount": 1.0}  # Fearon's war is now
    return game_from_scenario(Scenario.model_validate(pie(**{"tracks.pie.war": war}, **patient)))


class Demands(Strategy):
    """Always tables the same outcome; answers as every strategy does (at least its walk-away)."""

    name: ClassVar[str] = "demands"
    leaves_table: ClassVar[bool] = False

    def propose(self, round_: int) -> int:
        return int(self.params["outcome"])


@settings(max_examples=30, deadline=None)
@given(victory=HUNDREDTHS, cost_alice=HUNDREDTHS, cost_bob=HUNDREDTHS)
def test_the_deals_both_sides_prefer_to_war_are_fearons_range(
    victory: float, cost_alice: float, cost_bob: float
) -> None:
    game = at_war(victory, cost_alice, cost_bob)
    shares = game.space.axes[0].points if game.space else np.empty(0)
    both = (game.utilities >= game.reservation - 1e-12).all(axis=1)
    low, high = bargaining_range(victory, cost_alice, cost_bob)
    assert np.array_equal(both, (shares >= low - 1e-9) & (shares <= high + 1e-9))
    assert game.reservation == pytest.approx(
        [max(0.0, victory - cost_alice), max(0.0, 1 - victory - cost_bob)]
    )


@pytest.mark.parametrize("share", [0.3, 0.45, 0.5, 0.6, 0.65, 0.7, 0.9])
def test_each_side_answers_yes_exactly_to_shares_in_the_range(share: float) -> None:
    game = at_war(0.6, 0.1, 0.05)
    assert game.space is not None
    x, greedy = (game.space.index_of({"alice_share": s}) for s in (share, 1.0))
    bob_answers = NegotiationModel(game, [Demands(outcome=x), Demands(outcome=x)], seed=3)
    bob_answers.step()  # Alice demands x; Bob answers
    alice_answers = NegotiationModel(game, [Demands(outcome=greedy), Demands(outcome=x)], seed=3)
    alice_answers.step()  # Alice demands everything; Bob refuses
    alice_answers.step()  # Bob offers x; Alice answers
    low, high = bargaining_range(0.6, 0.1, 0.05)
    assert bob_answers.last_responses[1] is (share <= high + 1e-9)
    assert alice_answers.last_responses[0] is (share >= low - 1e-9)
    assert (bob_answers.result is not None) is (share <= high + 1e-9)


@settings(max_examples=40, deadline=None)
@given(
    victory=st.integers(10, 60).map(lambda k: k / 100),
    cost_first=st.integers(0, 20).map(lambda k: k / 100),
    ceiling=st.integers(5, 40).map(lambda k: k / 100),
)
def test_the_screening_demand_matches_fearons_closed_form(
    victory: float, cost_first: float, ceiling: float
) -> None:
    types = np.linspace(0.0, ceiling, 4001)
    demands = np.linspace(0.0, 1.0, 10001)
    found = screening_demand(demands, victory, cost_first, types, np.ones_like(types))
    demand, risk = uniform_screening_demand(victory, cost_first, ceiling)
    assert found[0] == pytest.approx(demand, abs=2e-3)
    assert found[1] == pytest.approx((found[0] - victory) / ceiling, abs=1e-3)  # types that refuse
    assert risk <= 0.5 + 1e-12  # never more than an even chance of war


def test_a_cheaper_war_for_the_proposer_makes_it_demand_more_and_risk_more() -> None:
    demands = [uniform_screening_demand(0.5, cost, 0.3) for cost in (0.2, 0.1, 0.0)]
    assert [d for d, _ in demands] == sorted(d for d, _ in demands)
    assert [r for _, r in demands] == sorted(r for _, r in demands)
    assert demands[-1][1] == pytest.approx(0.5)


def test_the_front_line_moves_the_walk_aways_and_is_told() -> None:
    game = at_war(0.5, 0.1, 0.1, chance=1.0, step=0.05)
    strategies = [make_strategy("boulware", {}), make_strategy("boulware", {})]
    model = NegotiationModel(game, strategies, seed=11)
    result = model.run()
    war = model.game.war
    assert war is not None
    moves = (
        [note for note in model.trace.notes if "front line moves" in note[1]] if model.trace else []
    )
    assert len(moves) >= result.rounds - 1
    assert war.victory != 0.5
    assert model.game.reservation == pytest.approx(
        [max(0.0, war.victory - 0.1), max(0.0, 1 - war.victory - 0.1)]
    )
    fresh = [make_strategy("boulware", {}), make_strategy("boulware", {})]
    again = NegotiationModel(game, fresh, seed=11).run()
    assert (again.reason, again.rounds, again.outcome) == (
        result.reason,
        result.rounds,
        result.outcome,
    )
    assert unsupported(game, strategies) == "the war's front line moves during the talks"
    assert unsupported(at_war(0.5, 0.1, 0.1), strategies) is None


def ratified_at_home(threshold: float, anticipated: bool = True) -> dict[str, Any]:
    return {
        "label": "Alice's parliament",
        "weights": {"alice_share": 1.0},
        "values": {"alice_share": {"kind": "linear", "direction": "increasing"}},
        "threshold": threshold,
        "anticipated": anticipated,
        "assumption": "a parliament that wants a larger share",
    }


def agreed_share(threshold: float) -> float:
    data = pie(**{"actors.alice.ratifier": ratified_at_home(threshold)})
    game = game_from_scenario(Scenario.model_validate(data))
    equilibrium = [make_strategy("subgame_perfect", {}), make_strategy("subgame_perfect", {})]
    result = NegotiationModel(game, equilibrium, seed=0).run()
    assert result.agreement
    assert result.outcome is not None
    assert game.space is not None
    return float(game.space.axes[0].points[game.space.levels(result.outcome)[0]])


def test_schellings_conjecture_a_tougher_parliament_gets_a_better_deal() -> None:
    thresholds = [0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9]
    shares = [agreed_share(t) for t in thresholds]
    assert shares == sorted(shares)
    assert shares[-1] == pytest.approx(0.9)
    assert shares[-1] > shares[0]
    assert all(share >= t - 1e-9 for share, t in zip(shares, thresholds, strict=True))


def test_an_unanticipated_parliament_can_reject_what_the_table_agreed() -> None:
    data = pie(**{"actors.alice.ratifier": ratified_at_home(0.9, anticipated=False)})
    game = game_from_scenario(Scenario.model_validate(data))
    strategies = [make_strategy("boulware", {}), make_strategy("conceder", {})]
    model = NegotiationModel(game, strategies, seed=2)
    result = model.run()
    assert (result.agreement, result.reason) == (False, "not ratified at home")
    assert result.utilities == pytest.approx(game.reservation)
    assert model.trace is not None
    assert any("Alice's parliament does not ratify it" in note for _, note in model.trace.notes)
    assert "ratification at home" in str(unsupported(game, strategies))


def test_an_anticipated_parliament_is_a_red_line_the_table_respects() -> None:
    data = pie(**{"actors.alice.ratifier": ratified_at_home(0.6)})
    game = game_from_scenario(Scenario.model_validate(data))
    assert game.space is not None
    shares = game.space.axes[0].points
    assert np.array_equal(game.admissible[:, 0], shares >= 0.6 - 1e-9)
    result = NegotiationModel(
        game, [make_strategy("boulware", {}), make_strategy("conceder", {})], seed=2
    ).run()
    assert result.agreement
    assert result.utilities[0] >= 0.6 - 1e-9


@pytest.mark.parametrize(
    ("war", "expected"),
    [
        ({"sides": ["alice", "carol"]}, "tracks.pie.war.sides.1: unknown party 'carol'"),
        ({"issue": "territory"}, "tracks.pie.war.issue: unknown issue of track 'pie'"),
        ({"costs": {"alice": 0.1}}, "tracks.pie.war.costs: no cost of fighting for bob"),
        ({"sides": ["alice", "alice"]}, "must be different actors"),
        ({"victory": 1.5}, "tracks.pie.war.victory"),
    ],
)
def test_a_wrong_war_is_named_by_field(pie_text: str, war: dict[str, Any], expected: str) -> None:
    spec = {"issue": "alice_share", "sides": ["alice", "bob"], "victory": 0.5}
    spec |= {"costs": {"alice": 0.1, "bob": 0.1}} | war
    text = pie_text.replace(
        "      assumption: Bilateral bargaining; both must agree.\n",
        f"      assumption: Bilateral bargaining; both must agree.\n    war: {spec!r}\n".replace(
            "'", '"'
        ),
        1,
    )
    assert "war:" in text
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text, "war.yaml")
    assert expected in caught.value.render()


def test_sampling_a_walk_away_that_the_war_decides_is_refused(pie_text: str) -> None:
    text = pie_text.replace(
        "      assumption: Bilateral bargaining; both must agree.\n",
        "      assumption: Bilateral bargaining; both must agree.\n"
        "    war: {issue: alice_share, sides: [alice, bob], victory: 0.5,"
        " costs: {alice: 0.1, bob: 0.1}}\n",
        1,
    )
    text += "uncertainty:\n  - {path: actors.bob.reservation, dist: uniform, low: 0.1, high: 0.3}\n"
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text, "war.yaml")
    assert "bob's walk-away is what the war is worth to it" in caught.value.render()


def rubinstein_responder_share(delta_first: float, delta_second: float) -> float:
    """What the second mover gets when the first proposes (Rubinstein 1982)."""
    return delta_second * (1 - delta_first) / (1 - delta_first * delta_second)


@settings(max_examples=25, deadline=None)
@given(
    delta_first=st.sampled_from([0.8, 0.9, 0.95]),
    delta_second=st.sampled_from([0.8, 0.9, 0.95]),
    option=st.integers(0, 90).map(lambda k: k / 100),
)
def test_an_outside_option_matters_only_when_it_beats_the_rubinstein_share(
    delta_first: float, delta_second: float, option: float
) -> None:
    """Binmore, Shaked and Sutton (1989): the responder gets max(its Rubinstein share, its option)."""
    steps = 2000
    game = division_game(2, steps, [delta_first, delta_second], deadline=300)
    plan = backward_induction(
        game.utilities,
        game.discount,
        [t % 2 for t in range(300)],
        outside=[np.nan, option],
        admissible=np.column_stack([np.ones(game.size, bool), game.utilities[:, 1] >= option]),
    )
    share = game.utilities[plan.offers[0], 1]
    rubinstein = rubinstein_responder_share(delta_first, delta_second)
    grid = 1.5 / steps / (1 - delta_first * delta_second)  # rounding up to the grid, compounded
    assert share == pytest.approx(max(rubinstein, option), abs=grid)
    assert plan.exits[0] == -1


def outside_options(alice: float | None, bob: float | None) -> Game:
    changes: dict[str, Any] = {
        "actors.alice.reservation": 0.0,
        "actors.bob.reservation": 0.0,
        "actors.alice.discount": 0.9,
        "actors.bob.discount": 0.9,
        "tracks.pie.deadline": 80,
    }
    for name, value in (("alice", alice), ("bob", bob)):
        if value is not None:
            changes[f"actors.{name}.outside_option"] = {
                "value": value,
                "label": f"{name}'s deal elsewhere",
                "assumption": "a test option",
            }
    return game_from_scenario(Scenario.model_validate(pie(**changes)))


def equilibrium_players() -> list[Strategy]:
    return [make_strategy("subgame_perfect", {}), make_strategy("subgame_perfect", {})]


@pytest.mark.parametrize("option", [0.3, 0.6, 0.8])
def test_equilibrium_play_at_the_table_gives_the_responder_the_better_of_both(
    option: float,
) -> None:
    game = outside_options(None, option)
    result = NegotiationModel(game, equilibrium_players(), seed=0).run()
    assert (result.agreement, result.rounds) == (True, 1)
    without = NegotiationModel(outside_options(None, None), equilibrium_players(), seed=0).run()
    if option < rubinstein_responder_share(0.9, 0.9):  # 0.474: the option changes nothing
        assert result.outcome == without.outcome
    else:  # Alice offers Bob exactly his option
        assert result.utilities[1] == pytest.approx(option)
    assert unsupported(game, equilibrium_players()) == (
        "an actor holds an outside option (the kernels pay walk-aways only)"
    )


def test_when_no_deal_beats_both_options_one_side_takes_its_option_at_once() -> None:
    game = outside_options(0.6, 0.6)
    model = NegotiationModel(game, equilibrium_players(), seed=0)
    result = model.run()
    assert (result.agreement, result.reason, result.rounds) == (False, "walked out", 1)
    assert result.utilities == pytest.approx([0.6, 0.6])
    assert model.trace is not None
    assert "Alice walks out and takes alice's deal elsewhere (worth 0.60)" in [
        note for _, note in model.trace.notes
    ]
    assert list(why_lines(game, result)) == [
        "Why no deal: Alice took its outside option: nothing at the table beat 0.60."
    ]


def test_talks_that_end_without_a_deal_pay_each_option_discounted_to_that_round() -> None:
    game = outside_options(None, 0.7)
    utilities, discounted = game.no_deal(5)
    assert utilities == pytest.approx([0.0, 0.7])
    assert discounted == pytest.approx([0.0, 0.7 * 0.9**5])
    assert not game.admissible[game.utilities[:, 1] < 0.7 - 1e-9, 1].any()


def escalation(**event: Any) -> Game:
    """Bob's walk-away jumps once Alice's share on the table reaches 0.7 (someone off the table)."""
    spec = {
        "round": 0,
        "label": "A third power escalates",
        "actor": "bob",
        "parameter": "reservation",
        "shift": 0.3,
        "when": {"issue": "alice_share", "at_least": 0.7},
        "assumption": "a test escalation",
    } | event
    return game_from_scenario(Scenario.model_validate(pie(events=[spec])))


class Asks(Strategy):
    """Demands a fixed share each round, never accepts: the table's offers are scripted."""

    name: ClassVar[str] = "asks"
    leaves_table: ClassVar[bool] = False

    def propose(self, round_: int) -> int:
        shares = self.params["shares"]
        assert self.me.game.space is not None
        return self.me.game.space.index_of({"alice_share": shares[min(round_, len(shares) - 1)]})

    def respond(self, round_: int, offer: int, proposer: int) -> bool:
        return False


def test_an_event_waits_for_the_offer_on_the_table_to_cross_its_line_and_happens_once() -> None:
    game = escalation()
    shares = [0.5, 0.6, 0.7, 0.8, 0.9, 0.9]
    model = NegotiationModel(game, [Asks(shares=shares), Asks(shares=shares)], seed=0)
    for _ in range(5):
        model.step()
    assert model.game.reservation[1] == pytest.approx(0.1 + 0.3)  # shifted once, not twice
    assert model.trace is not None
    told = [(r, note) for r, note in model.trace.notes if "escalates" in note]
    assert told == [(3, "A third power escalates: Bob's walk-away → 0.4")]  # offer 0.7 in round 2


def test_an_event_by_an_actor_off_the_table_with_a_chance_happens_on_some_seeds() -> None:
    data = pie(
        events=[
            {
                "round": 1,
                "label": "Carol escalates",
                "by": "carol",
                "actor": "bob",
                "parameter": "cost",
                "set": 0.05,
                "chance": 0.5,
                "assumption": "a test",
            }
        ]
    )
    data["actors"]["carol"] = data["actors"]["bob"] | {"label": "Carol"}
    game = game_from_scenario(Scenario.model_validate(data))
    assert "carol" not in game.actors
    rounds = []
    for seed in range(20):
        model = NegotiationModel(game, [Asks(shares=[0.9]), Asks(shares=[0.9])], seed=seed)
        for _ in range(6):
            model.step()
        assert model.trace is not None
        found = [r for r, note in model.trace.notes if note.startswith("Carol escalates (Carol)")]
        assert len(found) <= 1
        rounds.append(found[0] if found else None)
    assert {r for r in rounds if r is not None} <= {1, 2, 3, 4, 5}  # from its round on
    assert 1 in rounds  # the draw succeeds at once on some seeds
    assert any(r is None or r > 1 for r in rounds)  # and fails at first on others


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"parameter": "discount"}, "may change reservation, power or cost"),
        ({"when": {"issue": "nowhere", "at_least": 0.5}}, "events.0.when.issue: unknown issue"),
        ({"by": "carol"}, "events.0.by: unknown actor 'carol'"),
    ],
)
def test_a_wrong_conditional_event_is_named_by_field(
    pie_text: str, change: dict[str, Any], expected: str
) -> None:
    spec = {
        "round": 0,
        "label": "x",
        "actor": "bob",
        "parameter": "reservation",
        "shift": 0.1,
        "chance": 0.5,
    } | change
    text = pie_text + f"events:\n  - {spec!r}\n".replace("'", '"')
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text, "events.yaml")
    assert expected in caught.value.render()


def test_a_stage_the_war_is_not_fought_over_keeps_the_packages_walk_away() -> None:
    """Security first, then minerals: Ukraine's walk-away on the minerals table is the one the war
    gives it in the whole package (its reservation is left to the war), not zero."""
    from negosim.engine.simulate import simulate

    scenario = load_scenario("grand_bargain")
    order = {"security": scenario.tracks["security"], "minerals": scenario.tracks["minerals"]}
    security_first = scenario.model_copy(update={"tracks": order})
    package = game_from_scenario(scenario)
    stages = simulate(security_first, 0, linkage="sequence", record=False)
    minerals = next(stage for stage in stages if stage.tracks == ("minerals",))
    ukraine = package.reservation[package.actors.index("ukraine")]
    assert minerals.game.reservation[minerals.game.actors.index("ukraine")] == ukraine
    assert ukraine > 0.2


def test_russia_off_the_minerals_table_presses_kyiv_and_the_run_reports_only_the_seated(
    tmp_path: Path,
) -> None:
    out = tmp_path / "escalates"
    result = CliRunner().invoke(
        app,
        [
            "run",
            "minerals_deal",
            "--variant",
            "russia_escalates",
            "--runs",
            "40",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert set(summary["mean_utility"]) == {"us", "ukraine"}  # Russia acts, but holds no seat
    told = CliRunner().invoke(
        app, ["simulate", "minerals_deal", "--variant", "russia_escalates", "--seed", "1"]
    )
    assert "Russia steps up its attacks" in told.output
    assert "(Russia): Ukraine's cost per round → 0.02" in told.output


def test_the_radas_threshold_holds_in_every_deal_of_its_variant() -> None:
    from negosim.experiments.experiment import with_variant

    scenario = with_variant(load_scenario("minerals_deal"), "rada_ratifies")
    game = game_from_scenario(scenario)
    (rada,) = game.ratifiers
    player = RunPlayer(RunSpec(document(scenario), 0))
    rows = [player.play(run)[0] for run in range(40)]
    deals = [row for row in rows if row["agreement"]]
    assert deals
    for row in deals:
        terms = {k.removeprefix("outcome."): v for k, v in row.items() if k.startswith("outcome.")}
        assert game.space is not None
        assert rada.ratifies[game.space.index_of({k: terms[k] for k in game.space.names})]
