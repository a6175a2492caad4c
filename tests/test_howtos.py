"""Every how-to's code runs and does what its page says (the pages include these very files)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from examples.howto.importer import import_positions
from examples.howto.plot import rounds_to_agreement
from examples.howto.protocol import StrongestFirst
from examples.howto.strategy import HalfwayThenFirm

from negosim import ScenarioError, parse_scenario
from negosim.engine.simulate import simulate
from negosim.plots.style import Caption
from negosim.scenario.paths import with_values
from negosim.scenario.values import LogisticValue
from negosim.solutions.analysis import analyze
from tests.conftest import CONFIGS

DOCS = Path(__file__).resolve().parents[1] / "docs" / "how-to"


def pie_with(**changes: object) -> dict[str, object]:
    """The pie scenario's file as a document, ``a__b=v`` setting field ``a.b``."""
    document = yaml.safe_load((CONFIGS / "split_the_pie.yaml").read_text(encoding="utf-8"))
    return with_values(document, {path.replace("__", "."): v for path, v in changes.items()})


def test_the_strategy_asks_for_its_best_then_its_median_outcome() -> None:
    document = pie_with(actors__alice__strategy={"name": "halfway_then_firm"})
    scenario = parse_scenario(yaml.safe_dump(document)).scenario
    (stage,) = simulate(scenario, seed=0)
    alice = stage.game.actors.index("alice")
    assert stage.trace is not None
    offers = {m.round: m.offer for m in stage.trace.moves if m.proposer == alice}
    seat_order = np.argsort(-stage.game.utilities[:, alice], kind="stable")
    acceptable = seat_order[
        stage.game.utilities[seat_order, alice] >= stage.game.reservation[alice] - 1e-12
    ]
    switch = 0.5 * stage.game.deadline
    for round_, offer in offers.items():
        expected = acceptable[len(acceptable) // 2] if round_ >= switch else acceptable[0]
        assert offer == expected
    assert HalfwayThenFirm.classifier["time_dependent"] is True


def test_the_strategy_is_validated_like_a_registered_one() -> None:
    document = pie_with(actors__alice__strategy={"name": "halfway_then_firm", "params": {"at": 1}})
    with pytest.raises(ScenarioError, match="unknown parameter of strategy 'halfway_then_firm'"):
        parse_scenario(yaml.safe_dump(document), "pie.yaml")


def test_the_protocol_lets_only_the_strongest_propose() -> None:
    document = pie_with(tracks__pie__protocol="strongest_first", actors__bob__power=3.0)
    scenario = parse_scenario(yaml.safe_dump(document)).scenario
    (stage,) = simulate(scenario, seed=1)
    assert stage.protocol == StrongestFirst.name
    assert stage.trace is not None
    bob = stage.game.actors.index("bob")
    assert {move.proposer for move in stage.trace.moves} == {bob}


def test_the_logistic_value_is_an_s_curve_pinned_to_the_ends() -> None:
    points = np.linspace(0.0, 1.0, 5)
    value = LogisticValue(kind="logistic", midpoint=0.5, steepness=2.0)
    curve = 1 / (1 + np.exp(-8.0 * (points - 0.5)))
    expected = (curve - curve[0]) / (curve[-1] - curve[0])
    np.testing.assert_allclose(value.vector(points, None), expected, atol=1e-15)
    assert value.vector(points, None)[[0, 2, 4]].tolist() == pytest.approx([0.0, 0.5, 1.0])
    falling = LogisticValue(kind="logistic", midpoint=0.5, direction="decreasing")
    rising = LogisticValue(kind="logistic", midpoint=0.5).vector(points, None)
    np.testing.assert_allclose(falling.vector(points, None), 1 - rising)


def test_a_logistic_midpoint_outside_the_issue_is_refused_with_its_field() -> None:
    document = pie_with(
        actors__alice__values={"alice_share": {"kind": "logistic", "midpoint": 3.0}}
    )
    with pytest.raises(ScenarioError) as refused:
        parse_scenario(yaml.safe_dump(document), "pie.yaml")
    assert "actors.alice.values.alice_share.midpoint" in str(refused.value)
    assert "outside the issue's bounds" in str(refused.value)


def test_the_plot_counts_every_deal_by_its_round() -> None:
    runs = pd.DataFrame({"agreement": [True, True, False, True], "rounds": [3, 3, 20, 7]})
    fig = rounds_to_agreement(runs, deadline=20, caption=Caption("pie", runs=4, seed=0))
    (ax,) = fig.axes
    heights = [patch.get_height() for patch in ax.patches]
    assert sum(heights) == 3
    assert heights[2] == 2  # two deals in round 3
    assert "Rounds to agreement" in ax.get_title()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["3 deals", "deadline"]


def test_the_importer_reads_positions_and_validates_them(tmp_path: Path) -> None:
    csv = tmp_path / "wages.csv"
    csv.write_text("actor,power,walk_away,ideal_share\nlabour,1,0.2,0.8\ncapital,1,0.2,0.2\n")
    scenario = import_positions(csv)
    assert list(scenario.actors) == ["labour", "capital"]
    nash = analyze(scenario).solutions["nash"]
    assert nash is not None
    assert nash.outcome == {"share": 0.5}
    csv.write_text("actor,power,walk_away,ideal_share\nlabour,1,2.0,0.8\ncapital,1,0.2,0.2\n")
    with pytest.raises(ScenarioError, match=r"wages\.csv.*actors\.labour\.reservation"):
        import_positions(csv)


@pytest.mark.parametrize(
    ("page", "included"),
    [
        ("add-a-strategy.md", "examples/howto/strategy.py"),
        ("add-a-protocol.md", "examples/howto/protocol.py"),
        ("add-a-value-function.md", "src/negosim/scenario/values.py"),
        ("add-a-plot.md", "examples/howto/plot.py"),
        ("write-an-importer.md", "examples/howto/importer.py"),
    ],
)
def test_each_how_to_page_includes_its_tested_code(page: str, included: str) -> None:
    text = (DOCS / page).read_text(encoding="utf-8")
    assert f'--8<-- "{included}' in text
    assert "```python\nfrom " not in text, "code on how-to pages is included, not copied"
