"""negosim's model as Mesa's tools expect it: built from keyword arguments, with a data collector.

Marked smoke: CI runs it on Mesa 3.3 (Python 3.11) and Mesa 3.5 (Python 3.12, 3.13).
"""

from __future__ import annotations

import runpy

import mesa
import pandas as pd
import pytest

from negosim import NegotiationModel
from negosim.engine.catalogue import load_scenario
from negosim.engine.simulate import simulate
from negosim.scenario import Scenario
from negosim.scenario.paths import document, with_values
from tests.conftest import ROOT

pytestmark = pytest.mark.smoke


def test_batch_run_sweeps_a_scenario_path_and_reads_the_deal_from_the_collector() -> None:
    rows = pd.DataFrame(
        mesa.batch_run(
            NegotiationModel,
            {"scenario": "split_the_pie", "actors.bob.reservation": [0.1, 0.5], "seed": [0, 1]},
            max_steps=100,
            display_progress=False,
        )
    )
    assert set(rows["actors.bob.reservation"]) == {0.1, 0.5}
    assert {"Round", "Agreement", "Reason", "Actor", "Utility", "Accepts"} <= set(rows)
    assert rows["Agreement"].all(), "the rows batch_run reads hold the round that ended the talks"
    for (reservation, seed), run in rows.groupby(["actors.bob.reservation", "seed"]):
        scenario = Scenario.model_validate(
            with_values(
                document(load_scenario("split_the_pie")), {"actors.bob.reservation": reservation}
            )
        )
        (played,) = simulate(scenario, int(seed), record=False)
        bob = run[run["Actor"] == "bob"].iloc[0]
        assert bob["Round"] == played.result.rounds
        assert bob["Utility"] == pytest.approx(played.result.utilities[1])


def test_the_collector_keeps_every_round_and_ends_with_the_deal() -> None:
    model = NegotiationModel(scenario="split_the_pie", seed=0)
    while model.running:
        model.step()
    assert model.result is not None
    rounds = model.datacollector.get_model_vars_dataframe()
    agents = model.datacollector.get_agent_vars_dataframe()
    assert list(rounds["Round"]) == list(range(1, model.round + 1))
    steps = sorted(set(agents.index.get_level_values("Step")))
    assert len(steps) == model.round, "one collection per round"
    assert rounds["Agreement"].iloc[-1]
    assert not rounds["Agreement"].iloc[:-1].any()
    last = agents.xs(steps[-1], level="Step")
    assert last["Utility"].tolist() == pytest.approx(model.result.utilities.tolist())
    assert last["Accepts"].all()


def test_a_model_needs_a_game_or_a_scenario_and_parameters_need_a_scenario() -> None:
    with pytest.raises(TypeError, match="needs a game"):
        NegotiationModel()
    with pytest.raises(TypeError, match="need a scenario"):
        NegotiationModel(**{"actors.bob.reservation": 0.3})


def test_the_batch_run_example_answers_that_resolve_pays() -> None:
    table = runpy.run_path(str(ROOT / "examples" / "mesa_batch_run.py"), run_name="example")[
        "sweep"
    ](2)
    utility = table["Utility"]
    assert utility.is_monotonic_increasing, "a more resolute Bob gets a bigger share"
    assert (table["Agreement"] == 1.0).all()
