"""Negotiators that negotiate credibly: the value of time, walk-outs, acceptance conditions,
offers aimed at the coalition a rule needs, the mediator's search, and reset versus replan."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from negosim.engine.model import NegotiationModel
from negosim.games.events import EngineEvent
from negosim.games.textbook import division_game, linear_additive_game
from negosim.protocols.mediated import _neighbours
from negosim.strategies import STRATEGIES, Seat, make_strategy
from negosim.strategies.acceptance import accepts
from negosim.strategies.micro import MiCRO
from negosim.strategies.offering import acceptance_scores
from negosim.strategies.tradeoff import TradeOff


def seat_of(game: Any, index: int = 0, **changes: float) -> Seat:
    values = {
        "reservation": float(game.reservation[index]),
        "discount": float(game.discount[index]),
        "cost": float(game.cost[index]),
        **changes,
    }
    return Seat(index, game, np.random.default_rng(0), game.protocol, **values)  # type: ignore[arg-type]


PIE = division_game(2, 10, [1.0, 1.0], deadline=20, reservation=[0.3, 0.3])


def test_ac_next_compares_now_with_the_own_next_offer_and_walking_away() -> None:
    seat = seat_of(PIE)
    assert accepts("next", seat, 3, 0.6, 0.6)
    assert not accepts("next", seat, 3, 0.59, 0.6)
    assert not accepts("next", seat, 3, 0.29, 0.0), "below the walk-away"


def test_impatience_and_costs_make_a_smaller_offer_now_worth_taking() -> None:
    patient = seat_of(PIE)
    impatient = seat_of(PIE, discount=0.9)
    costly = seat_of(PIE, cost=0.05)
    assert not accepts("next", patient, 2, 0.5, 0.52)
    assert accepts("next", impatient, 2, 0.5, 0.52), "0.9^2 x 0.5 beats 0.9^3 x 0.52"
    assert accepts("next", costly, 2, 0.5, 0.54), "0.5 - 2c beats 0.54 - 3c"
    assert not accepts("next", impatient, 2, 0.5, 0.6)
    assert not accepts("next", impatient, 5, 0.5, 0.0), "0.9^5 x 0.5 no longer beats walking away"


def test_ac_time_waits_for_its_time_and_ac_combi_takes_the_best_seen_late() -> None:
    seat = seat_of(PIE)  # horizon 20: late from round 0.9 x 19 = 17.1
    assert not accepts("time", seat, 17, 1.0, 0.5)
    assert accepts("time", seat, 18, 0.31, 1.0)
    received = [(15, 0.4), (16, 0.45)]
    assert not accepts("combi", seat, 16, 0.45, 0.8, received), "not yet late"
    assert accepts("combi", seat, 18, 0.45, 0.8, received), "late, and the best seen lately"
    assert not accepts("combi", seat, 18, 0.41, 0.8, received)


def test_an_actor_walks_out_when_even_its_best_deal_no_longer_beats_leaving() -> None:
    game = PIE.changed(discount=np.array([0.9, 1.0]), reservation=np.array([0.5, 0.3]))
    assert seat_of(game).horizon == 7, "0.9^7 < 0.5 <= 0.9^6"
    strategies = [make_strategy("hardliner", {}) for _ in range(2)]
    result = NegotiationModel(game, strategies, seed=0).run()
    assert result.reason == "walked out"
    assert result.walked_out == 0
    assert result.rounds == 8
    np.testing.assert_allclose(result.discounted, game.reservation)


def test_an_actor_the_rule_does_not_need_leaves_without_ending_the_talks() -> None:
    game = division_game(3, 6, [1.0, 1.0, 0.5], deadline=12, quota=0.5, reservation=[0.1] * 3)
    strategies = [
        make_strategy("hardliner", {}),
        make_strategy("conceder", {}),
        make_strategy("hardliner", {}),
    ]
    model = NegotiationModel(game, strategies, seed=0)
    result = model.run()
    assert 2 in model.left, "the impatient third player left"
    assert result.reason != "walked out"


def rounds_to_deal(cost: float, seed: int) -> int:
    game = linear_additive_game(2, (11, 5, 4), reservation=0.3, deadline=60, seed=seed)
    game = game.changed(cost=np.full(2, cost))
    strategies = [make_strategy("boulware", {}), make_strategy("boulware", {})]
    result = NegotiationModel(game, strategies, seed=seed).run()
    return result.rounds if result.agreement else game.deadline


def test_patient_parties_at_no_cost_settle_late_and_costs_bring_the_deal_forward() -> None:
    means = [np.mean([rounds_to_deal(cost, seed) for seed in range(6)]) for cost in (0, 0.01, 0.03)]
    assert means[0] >= 0.6 * 60, "with nothing lost by waiting, Boulwares settle late"
    assert means[0] > means[1] > means[2], "the dearer each round, the sooner the deal"


def test_under_unanimity_the_offer_pleases_the_least_pleased() -> None:
    margins = np.array([[np.inf, 0.4, -0.1], [np.inf, 0.1, 0.05]])
    scores = acceptance_scores(division_game(3, 4, [1] * 3, 5), 0, np.array([0, 1]), margins)
    np.testing.assert_allclose(scores, [-0.1, 0.05])


def test_under_a_majority_the_offer_buys_the_cheapest_partner_and_every_veto() -> None:
    majority = division_game(3, 4, [1] * 3, 5, quota=0.5)
    margins = np.array([[np.inf, 0.4, -0.1], [np.inf, 0.1, 0.05]])
    scores = acceptance_scores(majority, 0, np.array([0, 1]), margins)
    np.testing.assert_allclose(scores, [0.4, 0.1]), "one partner is enough: the willing one"
    vetoed = majority.changed(
        rules=(type(majority.rules[0])(majority.rules[0].parties, np.array([0, 0, 1], bool), 0.5),)
    )
    np.testing.assert_allclose(
        acceptance_scores(vetoed, 0, np.array([0, 1]), margins), [-0.1, 0.05]
    )


def test_a_full_information_proposer_under_majority_rule_leaves_one_player_out() -> None:
    game = division_game(3, 20, [0.9] * 3, deadline=30, quota=0.5)
    proposer = make_strategy("linear", {"information": "full"})
    proposer.reset(seat_of(game))
    offer = proposer.propose(0)
    assert 0 in game.utilities[offer], "Baron and Ferejohn: the minimal winning coalition"


@settings(max_examples=30)
@given(text=st.integers(0, 11 * 5 * 4 - 1))
def test_mediator_neighbours_differ_on_exactly_one_or_two_issues(text: int) -> None:
    game = linear_additive_game(2, (11, 5, 4), deadline=10)
    assert game.space is not None
    for issues, count in ((1, 10 + 4 + 3), (2, 10 * 4 + 10 * 3 + 4 * 3)):
        found = _neighbours(game, text, issues)
        assert len(found) == len(set(found.tolist())) == count
        moved = (game.space.levels(found) != game.space.levels(text)[:, None]).sum(axis=0)
        assert (moved == issues).all()


def test_the_mediator_weighs_objectors_more_and_reaches_a_passing_text() -> None:
    game = linear_additive_game(3, (5, 5, 4), reservation=0.35, deadline=30, seed=4)
    strategies = [make_strategy("linear", {}) for _ in range(3)]
    model = NegotiationModel(game, strategies, protocol="mediated", seed=0)
    result = model.run()
    assert result.agreement
    assert model.protocol.objections.max() > 1  # type: ignore[attr-defined]
    assert (result.discounted >= game.reservation - 1e-9).all()


def transcript(strategies: list[Any], game: Any, events: tuple[EngineEvent, ...] = ()) -> Any:
    game = game.changed(events=events) if events else game
    model = NegotiationModel(game, strategies, seed=3)
    model.run()
    assert model.trace is not None
    return [(m.round, m.proposer, m.offer, m.responses) for m in model.trace.moves], model.result


PLAYABLE = sorted(set(STRATEGIES) - {"human", "halfway_then_firm"})


@pytest.mark.parametrize("name", PLAYABLE)
def test_a_no_op_event_changes_nothing(name: str) -> None:
    game = linear_additive_game(2, (6, 4, 3), reservation=0.3, deadline=30, seed=2)
    noop = EngineEvent(4, 1, "nothing happens", "power", float(game.power[1]))
    plain = transcript([make_strategy(name, {}), make_strategy("linear", {})], game)
    touched = transcript([make_strategy(name, {}), make_strategy("linear", {})], game, (noop,))
    assert plain[0] == touched[0]
    assert plain[1] == touched[1]


@pytest.mark.parametrize("name", PLAYABLE)
def test_reset_gives_a_fresh_player(name: str) -> None:
    game = linear_additive_game(2, (6, 4, 3), reservation=0.3, deadline=30, seed=2)
    reused = [make_strategy(name, {}), make_strategy("tit_for_tat", {})]
    transcript(reused, game)
    again = transcript(reused, game)
    fresh = transcript([make_strategy(name, {}), make_strategy("tit_for_tat", {})], game)
    assert again[0] == fresh[0]


def test_micro_concedes_one_step_per_new_offer_and_repeats_itself_otherwise() -> None:
    micro = MiCRO()
    micro.reset(seat_of(PIE))
    shares = [float(PIE.utilities[micro.propose(0), 0])]
    for round_, offer in enumerate([0, 1, 2], start=1):
        micro.observe(round_, 1, offer)
        shares.append(float(PIE.utilities[micro.propose(round_), 0]))
    assert shares == pytest.approx([1.0, 0.9, 0.8, 0.7])
    repeated = {float(PIE.utilities[micro.propose(9), 0]) for _ in range(20)}
    assert repeated <= {1.0, 0.9, 0.8, 0.7}, "no new offer received: it repeats an earlier one"
    assert micro.respond(9, 6, 1), "0.6 is the next step it would concede to"
    assert not micro.respond(9, 5, 1)


def test_tradeoff_offers_what_is_most_similar_to_the_others_last_offer() -> None:
    game = linear_additive_game(2, (6, 6), reservation=0.0, deadline=40, seed=5)
    assert game.levels is not None
    strategy = TradeOff(window=0.3)
    strategy.reset(seat_of(game))
    theirs = int(np.argmax(game.utilities[:, 1]))
    strategy.observe(0, 1, theirs)
    offer = strategy.propose(1)
    target = strategy.target(1)
    candidates = np.flatnonzero(
        (game.utilities[:, 0] >= target - 1e-12) & (game.utilities[:, 0] <= target + 0.3)
    )
    distance = np.abs(game.levels[candidates] - game.levels[theirs]).sum(axis=1)
    assert np.abs(game.levels[offer] - game.levels[theirs]).sum() == distance.min()


def test_classifiers_say_what_each_player_is_and_follow_its_parameters() -> None:
    assert STRATEGIES["micro"].classifier["reactive"] is True
    assert STRATEGIES["micro"].classifier["time_dependent"] is False
    assert STRATEGIES["tradeoff"].classifier["uses_opponent_model"] is True
    assert STRATEGIES["boulware"].classifier["time_dependent"] is True
    assert STRATEGIES["subgame_perfect"].classifier["full_information"] is True
    assert make_strategy("boulware", {"information": "full"}).classify()["full_information"]
    knowing = make_strategy("boulware", {"information": "preferences"}).classify()
    assert knowing["knows_preferences"]
    assert not knowing["full_information"]
    assert not make_strategy("boulware", {}).classify()["knows_preferences"]


def test_stated_preferences_know_red_lines_and_learn_walk_aways_from_refusals() -> None:
    """Preferences known, resolve learnt: before any refusal every outcome within the red lines
    counts as acceptable at its worth; a refusal raises the bar to what the refused offer was worth
    in its round; a red line rules an outcome out whatever the bar."""
    from negosim.strategies.opponents import StatedPreferences

    game = division_game(3, 10, [0.9, 1.0, 1.0], deadline=10)
    admissible = game.admissible.copy()
    admissible[:, 2] = game.utilities[:, 2] >= 0.2  # actor 2's red line: at least a fifth
    game = game.changed(admissible=admissible)
    at_table = seat_of(game)
    model = StatedPreferences(at_table)
    outcomes = np.arange(len(game.utilities))
    np.testing.assert_allclose(model.margins(outcomes, 0)[admissible], game.utilities[admissible])
    assert np.isneginf(model.margins(outcomes, 0)[~admissible]).all()
    refused = int(np.flatnonzero((game.utilities[:, 1] == 0.3) & admissible.all(axis=1))[0])
    at_table.minutes.record(2, 0, refused, (True, False, True))
    after = model.margins(outcomes, 2)
    np.testing.assert_allclose(after[:, 1], game.utilities[:, 1] - 0.3)
    np.testing.assert_allclose(
        after[admissible[:, 0], 0], game.utilities[admissible[:, 0], 0] * 0.81
    )


ARTICLE_DEALS = ["minerals_deal:security_clause", "nato_security", "grand_bargain"]
"""The article scenarios with a zone of agreement (alone, the minerals deal needs its security
clause: see ``test_alone_the_minerals_deal_founders_on_security``)."""


def article_scenario(name: str) -> Any:
    """A bundled scenario, or one of its variants written ``scenario:variant``."""
    from negosim import load_scenario
    from negosim.scenario import Scenario
    from negosim.scenario.paths import document, with_values

    base, _, variant = name.partition(":")
    scenario = load_scenario(base)
    if not variant:
        return scenario
    return Scenario.model_validate(with_values(document(scenario), scenario.variants[variant].set))


@pytest.mark.parametrize("name", ARTICLE_DEALS)
@pytest.mark.parametrize("protocol", ["alternating_offers", "recognition"])
def test_knowing_each_others_stated_priorities_the_article_scenarios_agree_in_most_runs(
    name: str, protocol: str
) -> None:
    """The bundled actors know what the others want (the article states it), not their walk-aways:
    over the scenario's own uncertainty, most runs without an exogenous breakdown end in a deal."""
    from negosim.experiments.runner import RunPlayer, RunSpec

    scenario = article_scenario(name)
    tracks = {k: t.model_copy(update={"protocol": protocol}) for k, t in scenario.tracks.items()}
    document = scenario.model_copy(update={"tracks": tracks}).model_dump(mode="json")
    player = RunPlayer(RunSpec(document, seed=0))
    rows = [player.play(run)[0] for run in range(40)]
    counted = [row for row in rows if row["reason"] != "breakdown"]
    deals = sum(row["agreement"] for row in counted)
    assert deals > 0.6 * len(counted), (deals, len(counted))


def test_alone_the_minerals_deal_founders_on_security() -> None:
    """Kyiv's red line asks for more than the draft's economic presence; a bilateral guarantee
    leaves Washington below its walk-away. Most runs end without a deal, and every deal there is
    carries the bilateral guarantee."""
    from negosim.experiments.runner import RunPlayer, RunSpec

    document = article_scenario("minerals_deal").model_dump(mode="json")
    player = RunPlayer(RunSpec(document, seed=0))
    rows = [player.play(run)[0] for run in range(60)]
    deals = [row for row in rows if row["agreement"]]
    assert len(deals) < 0.5 * len(rows), len(deals)
    assert {row["reason"] for row in rows} - {"agreement"} <= {"deadline", "walked out"}
    assert all(row["outcome.security_guarantee"] == "bilateral_us" for row in deals)


def fully_informed(name: str) -> Any:
    scenario = article_scenario(name)
    actors = {
        key: actor.model_copy(
            update={
                "strategy": actor.strategy.model_copy(
                    update={"params": {**actor.strategy.params, "information": "full"}}
                )
            }
        )
        for key, actor in scenario.actors.items()
    }
    return scenario.model_copy(update={"actors": actors})


@pytest.mark.parametrize("name", ARTICLE_DEALS)
@pytest.mark.parametrize("protocol", ["alternating_offers", "recognition"])
def test_with_full_information_the_article_scenarios_agree_before_the_zone_closes(
    name: str, protocol: str
) -> None:
    """What the haggling rows of the re-run page turn on: knowing the others' utilities, the same
    strategies find a deal inside the closing zone, every party with a veto above its walk-away
    (an actor whose consent the deal does not need, Europe here, may end below it)."""
    from negosim.engine.simulate import simulate

    scenario = fully_informed(name)
    for seed in range(3):
        (run,) = simulate(scenario, seed, protocol=protocol, record=False)
        assert run.result.agreement, (name, protocol, seed, run.result.reason)
        needed = [i for i in range(run.game.n) if run.game.needs(i)]
        assert (run.result.discounted[needed] >= run.game.reservation[needed] - 1e-9).all()


def test_a_person_in_the_mediators_chair_drafts_the_text() -> None:
    """The chair's texts come from the person (through the human strategy's callback)."""
    game = division_game(2, 10, [1.0, 1.0], deadline=6, reservation=[0.3, 0.3], protocol="mediated")
    from negosim.games.options import MediationOptions, ProtocolOptions

    chaired = game.changed(options=ProtocolOptions(mediation=MediationOptions(mediator=0)))
    drafts = iter([0, 2, 5])  # the person's texts: shares 0.0, 0.2 then 0.5 for the chair

    def person(move: str, round_: int, offer: int | None, proposer: int | None) -> Any:
        return next(drafts) if move == "propose" else True

    strategies = [make_strategy("human", {}, person), make_strategy("linear", {})]
    model = NegotiationModel(chaired, strategies, seed=0)
    result = model.run()
    assert model.trace is not None
    assert [m.offer for m in model.trace.moves] == [0, 2, 5][: len(model.trace.moves)]
    assert result.agreement
    assert result.proposer == 0


def test_the_forecast_is_put_to_the_parties_until_it_settles_outside_the_zone() -> None:
    """Bueno de Mesquita's forecast as a text: voted on each round; once positions settle on a
    forecast that leaves a party below its walk-away (two ideal points at opposite ends: the
    weighted median is the stronger one's), talks are deadlocked rather than run to the deadline."""
    from negosim import load_scenario
    from negosim.engine.simulate import simulate
    from negosim.games.result import FORECAST

    (run,) = simulate(load_scenario("split_the_pie"), 0, protocol="expected_utility")
    assert run.trace is not None
    assert run.result.reason == "deadlock"
    moves = run.trace.moves
    assert [m.round for m in moves] == list(range(run.result.rounds))
    assert {m.proposer for m in moves} == {FORECAST}
    assert not all(moves[-1].responses)
