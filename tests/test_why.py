"""Why this deal: who binds, which red lines hold off what, who is pivotal — one run and many."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from negosim.cli import app
from negosim.engine.catalogue import load_scenario
from negosim.engine.model import NegotiationModel
from negosim.engine.why import MARGIN, why, why_lines
from negosim.experiments.summary import summarize
from negosim.games.game import game_from_scenario
from negosim.games.result import Result
from negosim.scenario import Scenario
from negosim.scenario.paths import document, with_values
from negosim.strategies import make_strategy

runner = CliRunner()


def pie_game(**changes: Any) -> Any:
    data = with_values(document(load_scenario("split_the_pie")), changes)
    return game_from_scenario(Scenario.model_validate(data))


def deal(game: Any, share: float, round_: int = 0) -> Result:
    outcome = game.space.index_of({"alice_share": share})
    utilities = game.utilities[outcome]
    discounted = utilities * game.discount**round_
    return Result(True, "agreement", round_ + 1, outcome, 0, utilities, discounted)


def test_an_actor_left_at_its_walk_away_binds_and_everyone_is_pivotal_under_unanimity() -> None:
    game = pie_game()  # walk-aways 0.2 (Alice) and 0.1 (Bob)
    explained = why(game, deal(game, 0.89))
    assert explained is not None
    assert explained.binding == (1,)  # Bob keeps 0.11, 0.01 above his walk-away
    assert explained.spare == pytest.approx([0.69, 0.01])
    assert explained.pivotal == (0, 1)
    assert explained.held_off == ()
    assert why(game, deal(game, 0.5)).binding == ()  # type: ignore[union-attr]
    lines = list(why_lines(game, deal(game, 0.89)))
    assert lines[1] == "  at their walk-away (nothing to spare): Bob +0.010"


def test_a_red_line_holds_off_the_change_the_others_wanted() -> None:
    condition = {"kind": "condition", "actor": "bob", "issue": "alice_share", "at_most": 0.6}
    game = pie_game(couplings=[{**condition, "assumption": "Bob's red line"}])
    explained = why(game, deal(game, 0.6))
    assert explained is not None
    (held,) = explained.held_off
    assert (held.actor, held.issue, held.option) == (1, "alice_share", 1.0)
    assert held.gain == pytest.approx(0.4)  # Alice would have gained 1.0 - 0.6
    assert "Bob's red lines hold off alice_share 1.0 (worth +0.400" in "\n".join(
        why_lines(game, deal(game, 0.6))
    )


def test_a_consent_the_terms_need_is_named_and_every_veto_is_pivotal() -> None:
    scenario = load_scenario("grand_bargain")
    game = game_from_scenario(scenario)
    specs = [scenario.actors[a].strategy for a in game.actors]
    strategies = [make_strategy(spec.name, dict(spec.params)) for spec in specs]
    result = NegotiationModel(game, strategies, seed=1).run()
    explained = why(game, result)
    assert explained is not None
    assert result.outcome is not None
    burden = game.describe(result.outcome)["europe_burden"]
    europe = game.actors.index("europe")
    assert (europe in explained.consents) is (float(str(burden)) >= 0.6 - 1e-9)
    for actor in ("us", "ukraine", "russia"):  # vetoes on the security track
        assert game.actors.index(actor) in explained.pivotal


def test_no_deal_is_explained_by_its_reason() -> None:
    game = pie_game()
    walked = Result(False, "walked out", 3, None, None, game.reservation, game.reservation, 1)
    assert list(why_lines(game, walked)) == [
        "Why no deal: Bob walked out: nothing it could still get beat its walk-away."
    ]


def test_simulate_prints_why_this_deal() -> None:
    output = runner.invoke(app, ["simulate", "grand_bargain", "--seed", "1"]).output
    assert "Why this deal:" in output
    assert "a no from any one of these would have sunk it:" in output


def test_a_monte_carlo_says_who_binds_who_walks_out_and_what_moves_agreement(
    tmp_path: Path,
) -> None:
    out = tmp_path / "gb"
    result = runner.invoke(app, ["-q", "run", "grand_bargain", "--runs", "300", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "deals at walk-away" in result.output
    table = pq.read_table(out / "runs.parquet").to_pandas()
    summary = summarize(out / "runs.parquet")
    deals = table[table["agreement"]]
    for actor in ("us", "ukraine", "europe", "russia"):
        spare = deals[f"discounted.{actor}"] - deals[f"walkaway.{actor}"]
        assert summary["at_walkaway"][actor] == pytest.approx(np.mean(spare < MARGIN))
    assert np.allclose(table["walkaway.us"], table["param.actors.us.reservation"])
    assert table["walkaway.russia"].nunique() > 100, "Russia's walk-away follows each run's war"
    split = summary["moves_agreement"]["tracks.security.breakdown"]
    high = (
        table["param.tracks.security.breakdown"] > table["param.tracks.security.breakdown"].median()
    )
    assert split["above_median"] == pytest.approx(table.loc[high, "agreement"].mean())
    assert runner.invoke(app, ["report", str(out)]).exit_code == 0
    assert "Why these deals" in (out / "report.html").read_text(encoding="utf-8")


def test_running_with_full_information_shows_what_private_information_costs(
    tmp_path: Path,
) -> None:
    """On the NATO track the United States walks out of some runs because it does not know the
    others' walk-aways; told them, every run closes."""
    rates = {}
    for information in ("as_stated", "full"):
        out = tmp_path / information
        args = ["-q", "run", "nato_security", "--runs", "80", "--out", str(out)]
        result = runner.invoke(app, [*args, "--information", information])
        assert result.exit_code == 0, result.output
        rates[information] = summarize(out / "runs.parquet")["agreement_given_no_breakdown"]
        told = Scenario.model_validate_json((out / "scenario.json").read_text(encoding="utf-8"))
        knows = {a.strategy.params.get("information") for a in told.actors.values()}
        assert (knows == {"full"}) is (information == "full")
        assert runner.invoke(app, ["report", str(out)]).exit_code == 0
        page = (out / "report.html").read_text(encoding="utf-8")
        assert ("complete information gives" in page) is (information == "full")
    assert rates["full"] == 1.0
    assert rates["as_stated"] < rates["full"]
    refused = runner.invoke(app, ["run", "nato_security", "--information", "some"])
    assert refused.exit_code == 2
    assert "--information" in refused.output
