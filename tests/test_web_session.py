"""The dashboard's logic without a browser: replayed tables, seats, events, what-ifs, batches."""

from __future__ import annotations

import numpy as np
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from negosim.engine.catalogue import load_scenario
from negosim.engine.model import NegotiationModel
from negosim.experiments.runner import RunSpec, play_chunk
from negosim.games.game import game_from_scenario
from negosim.plots.live import offers_in_space, points_by_round
from negosim.plots.spacedata import space_data
from negosim.plots.style import Caption, actor_colours
from negosim.scenario.model import Event
from negosim.scenario.paths import document
from negosim.scenario.synthetic import synthetic_scenario
from negosim.strategies import make_strategy
from negosim.web.batch import Batch
from negosim.web.changes import ChangeError, Changes, apply, current, sliders
from negosim.web.session import Session
from negosim.web.table import Table, best_offer
from tests.conftest import CONFIGS

PIE = load_scenario(CONFIGS / "split_the_pie.yaml")
GRAND = load_scenario(CONFIGS / "grand_bargain.yaml")


def _run_in_one_go(scenario, seed):  # type: ignore[no-untyped-def]
    game = game_from_scenario(scenario)
    strategies = [
        make_strategy(scenario.actors[a].strategy.name, scenario.actors[a].strategy.params)
        for a in game.actors
    ]
    return NegotiationModel(game, strategies, seed=seed).run()


@given(seed=st.integers(0, 2**31 - 1), steps=st.integers(1, 60))
def test_stepping_round_by_round_ends_where_one_run_ends(seed: int, steps: int) -> None:
    table = Table(PIE, seed)
    for _ in range(steps):
        table = table.step()
    view = table.to_the_end().view()
    assert view.result == _run_in_one_go(PIE, seed)
    partial = table.view()
    assert partial.rounds == min(steps, view.result.rounds)
    assert view.log[: len(partial.log)] == partial.log, "later rounds never rewrite earlier ones"


def test_the_same_table_gives_the_same_negotiation() -> None:
    random = apply(PIE, Changes().with_strategy("alice", "random_acceptable"))
    first = Table(random, 5).step(6).view()
    again = Table(random, 5).step(6).view()
    assert first.log == again.log
    assert first.offers == again.offers
    assert Table(random, 6).step(6).view().offers != first.offers, "the seed matters"


def test_a_seated_person_is_asked_and_their_answers_are_played() -> None:
    table = Table(PIE, 3, seat="alice").to_the_end()
    view = table.view()
    assert view.question is not None
    assert view.question.kind == "propose"
    assert view.question.round == 0
    everything_to_bob = int(np.argmax(view.game.utilities[:, 1]))
    view = table.answer(view, everything_to_bob).view()
    assert view.result is not None
    assert view.result.agreement
    assert view.result.outcome == everything_to_bob
    assert view.result.rounds == 1


def test_a_person_who_rejects_everything_is_asked_again_each_round() -> None:
    table = Table(PIE, 3, seat="bob").to_the_end()
    view = table.view()
    for round_ in range(4):
        assert view.question is not None
        assert view.question.round == 2 * round_, "alice proposes in even rounds"
        assert view.question.kind == "respond"
        table = table.answer(view, False)
        view = table.view()
        assert view.question is not None
        assert view.question.kind == "propose"
        table = table.answer(view, best_offer(view.game, 1))
        view = table.view()
    assert view.used == 8
    assert "Bob rejects" in "\n".join(view.log)
    assert "(0." not in "\n".join(view.log), "a seated person does not see others' utilities"


def test_an_injected_event_changes_the_future_and_not_the_past() -> None:
    table = Table(GRAND, 2).step(5)
    before = table.view()
    event = Event(
        round=0,
        label="Front collapses",
        actor="russia",
        parameter="reservation",
        set=0.95,
        assumption="test",
    )
    after_table = table.inject(before, event).step(3)
    after = after_table.view()
    assert after_table.events[0].round == 5, "it strikes now, in the round about to be played"
    assert after.log[: len(before.log)] == before.log
    assert "Round 6: [Front collapses: Russia's walk-away → 0.95]" in after.log
    assert after.game.reservation[after.game.actors.index("russia")] == pytest.approx(0.95)


def test_changes_rebuild_the_scenario_and_leave_uncertainty_for_what_was_set() -> None:
    cost = "tracks.security.war.costs.russia"
    changes = Changes().with_value(cost, 0.05).with_strategy("us", "conceder")
    changed = apply(GRAND, changes)
    assert changed.tracks["security"].war is not None
    assert changed.tracks["security"].war.costs["russia"].value == 0.05
    assert changed.actors["us"].strategy.name == "conceder"
    assert changed.actors["us"].strategy.params == {}
    paths = [u.path for u in changed.uncertainty]
    assert cost not in paths
    assert "tracks.security.war.victory" in paths
    assert GRAND.tracks["security"].war is not None
    assert GRAND.tracks["security"].war.costs["russia"].value != 0.05, "the original is untouched"
    slider = next(s for s in sliders(GRAND) if s.path == cost)
    assert (slider.actor, slider.parameter) == ("russia", "war cost")
    assert current(changed, slider) == 0.05
    assert not any(s.path == "actors.russia.reservation" for s in sliders(GRAND))
    assert any(s.path == "actors.us.reservation" for s in sliders(GRAND))


def test_a_variant_moves_the_controls_and_bad_changes_are_refused_with_the_field() -> None:
    variant = apply(GRAND, Changes(variant="russia_holds_deposits"))
    assert document(variant) != document(GRAND)
    with pytest.raises(ChangeError, match="unknown variant 'nope'; known variants"):
        apply(GRAND, Changes(variant="nope"))
    with pytest.raises(ChangeError, match=r"actors\.us\.power\.value: Input should be greater"):
        apply(GRAND, Changes().with_value("actors.us.power", -1.0))
    session = Session.of(GRAND, "grand_bargain").grown(20)
    refused = session.changed(Changes().with_value("actors.us.power", -1.0))
    assert refused.scenario is session.scenario
    assert refused.batch is session.batch, "a refused change throws nothing away"
    assert refused.error is not None
    assert "actors.us.power" in refused.error
    accepted = session.changed(Changes().with_value("actors.us.power", 0.5))
    assert accepted.batch is None
    assert accepted.error is None


def test_uploads_are_validated_and_a_refusal_keeps_the_scenario(pie_text: str) -> None:
    session = Session.bundled("grand_bargain")
    loaded = session.uploaded("mine.yaml", pie_text.encode())
    assert loaded.scenario.name == PIE.name
    assert loaded.name == "mine.yaml"
    broken = pie_text.replace("deadline: 50", "deadline: -3")
    refused = session.uploaded("mine.yaml", broken.encode())
    assert refused.scenario is session.scenario
    assert refused.error is not None
    assert refused.error.startswith("mine.yaml:16:")
    assert "deadline" in refused.error
    binary = session.uploaded("x.yaml", b"\xff\xfe\x00")
    assert (
        binary.error == "x.yaml: error: (document): not UTF-8 text (invalid start byte at byte 0)"
    )


def test_a_batch_is_the_experiment_runners_runs_however_it_is_grown() -> None:
    grown = Batch(GRAND, 4).more(15).more(10)
    at_once = Batch(GRAND, 4).more(25)
    assert grown.rows == at_once.rows
    table, _ = play_chunk(RunSpec(document(GRAND), 4), 0, 25)
    rows = table if isinstance(table, list) else table.to_pylist()
    assert list(grown.rows) == rows, "run r in the page is run r of negosim run"
    assert grown.headline().startswith("25 runs, seed 4: a deal in ")
    assert [p.name for p in grown.panels()] == ["agreement", "terms", "utility_space"]
    assert Batch(GRAND).headline() == "No runs yet."


def test_the_live_figures_draw_every_offer_and_mark_the_deal() -> None:
    view = Table(PIE, 1).to_the_end().view()
    assert view.result is not None
    assert view.result.agreement
    data = space_data(PIE)
    rows = [(r, p, o) for r, p, o in view.offers]
    import pandas as pd

    offers = pd.DataFrame(
        {
            "alice": [float(view.game.utilities[o, 0]) for _, _, o in rows],
            "bob": [float(view.game.utilities[o, 1]) for _, _, o in rows],
            "round": [r + 1 for r, _, _ in rows],
            "proposer": [view.game.actors[p] for _, p, _ in rows],
        }
    )
    offers.attrs.update(deal=True, labels={"alice": "Alice", "bob": "Bob"})
    colours = actor_colours(["alice", "bob"])
    fig = offers_in_space(
        data.outcomes, offers, data.reservation, data.points, colours, Caption("pie", seed=1)
    )
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "offers by Alice" in legend
    assert "offers by Bob" in legend
    assert "the deal" in legend
    alice_line = next(line for line in fig.axes[0].lines if line.get_label() == "offers by Alice")
    assert len(alice_line.get_xdata()) == int((offers["proposer"] == "alice").sum())
    own = offers.assign(points=100 * offers["alice"])[["round", "points", "proposer"]]
    fig = points_by_round(own, 30.0, colours, Caption("pie"))
    assert fig.axes[0].get_ylabel() == "points to you (100 = your best outcome)"
    assert "your walk-away (30)" in [t.get_text() for t in fig.axes[0].get_legend().get_texts()]


def test_uploads_the_page_cannot_play_are_refused_with_the_reason(pie_text: str) -> None:
    session = Session.bundled("split_the_pie")
    seated = pie_text.replace("{name: boulware, assumption: Concedes late.}", "{name: human}")
    refused = session.uploaded("seated.yaml", seated.encode())
    assert refused.error is not None
    assert refused.error.startswith("seated.yaml: actor alice has strategy 'human'")
    assert refused.scenario is session.scenario
    big = yaml.safe_dump(document(synthetic_scenario(actors=2, issues=7, levels=10)))
    refused = session.uploaded("big.yaml", big.encode())
    assert refused.error == (
        "big.yaml: 10,000,000 outcomes; the dashboard plays scenarios of up to 2,000,000 "
        "(the command line goes further: coarsen a continuous issue's step to play it here)"
    )
    huge = yaml.safe_dump(document(synthetic_scenario(actors=2, issues=8, levels=10)))
    refused = session.uploaded("huge.yaml", huge.encode())
    assert refused.error is not None
    assert refused.error.startswith("huge.yaml: ")
    assert "over the limit of 2,048 MB (NEGOSIM_MAX_TABLE_MB)" in refused.error
