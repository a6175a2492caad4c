"""The batch engine writes the Mesa engine's rows, bit for bit, or says why it cannot play.

Every comparison plays the same runs (same experiment seed, same run numbers) on both engines and
asks for equal Arrow tables: agreement, reason, rounds, terms, every utility to the last bit.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from negosim import load_scenario
from negosim.cli import app
from negosim.engine.batch import nearby, prepare
from negosim.experiments import Options, run_experiment
from negosim.experiments.runner import RunPlayer, RunSpec, engine_of, run_seed
from negosim.experiments.seeds import generators, run_seeds, words_of
from negosim.games.game import game_from_scenario
from negosim.genius.convert import to_document
from negosim.genius.reader import read_domain
from negosim.scenario.bundled import bundled_scenarios
from negosim.scenario.model import Scenario
from negosim.scenario.paths import document, with_values
from negosim.scenario.synthetic import synthetic_scenario

GENIUS = Path(__file__).resolve().parents[2] / "shared" / "domains" / "genius"
runner = CliRunner()


def tables(data: dict[str, Any], runs: int, seed: int = 0) -> tuple[pa.Table, pa.Table, str]:
    """The same runs on both engines, as tables of ``runs.parquet``'s schema, and the engine used."""
    mesa = RunPlayer(RunSpec(data, seed, engine="mesa"))
    auto = RunPlayer(RunSpec(data, seed, engine="auto"))
    assert auto.batch is not None
    schema = auto.batch.schema
    reference = pa.Table.from_pylist([mesa.play(run)[0] for run in range(runs)], schema=schema)
    found = pa.Table.from_pylist(auto.rows(0, runs), schema=schema)
    return reference, found, auto.engine


def assert_same(reference: pa.Table, found: pa.Table) -> None:
    for name in reference.column_names:
        ours, theirs = found[name].to_pylist(), reference[name].to_pylist()
        differ = [i for i, (a, b) in enumerate(zip(ours, theirs, strict=True)) if a != b]
        shown = [(ours[i], theirs[i]) for i in differ[:3]]
        assert not differ, f"{name}: runs {differ[:5]} differ (batch, mesa): {shown}"
    assert found.equals(reference)


def with_variant(name: str, variant: str | None) -> dict[str, Any]:
    data = document(load_scenario(name))
    if variant is not None:
        data = with_values(data, load_scenario(name).variants[variant].set)
    return data


BUNDLED = [
    (s.name, v) for s in bundled_scenarios() for v in (None, *load_scenario(s.name).variants)
]


@pytest.mark.parametrize(("name", "variant"), BUNDLED)
def test_every_bundled_scenario_gives_the_same_rows_on_either_engine(
    name: str, variant: str | None
) -> None:
    data = with_variant(name, variant)
    used, why_not = engine_of(RunSpec(data, 0))
    assert (used == "batch") == (why_not is None)
    if used == "mesa":
        assert why_not  # a sentence the manifest and the log show
    reference, found, engine = tables(data, 40 if used == "batch" else 6, seed=11)
    assert engine == used
    assert_same(reference, found)


def test_grand_bargain_is_played_by_the_batch_engine() -> None:
    assert engine_of(RunSpec(document(load_scenario("grand_bargain")), 0)) == ("batch", None)


def test_a_long_grand_bargain_monte_carlo_is_identical() -> None:
    reference, found, engine = tables(document(load_scenario("grand_bargain")), 400, seed=5)
    assert engine == "batch"
    reasons = set(found["reason"].to_pylist())
    assert {"agreement", "breakdown"} <= reasons
    assert_same(reference, found)


def test_texts_beyond_the_kept_slots_are_gathered_with_the_same_rows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(nearby, "MOST_SLOTS", 2)
    data = document(load_scenario("grand_bargain"))
    mesa, auto = RunPlayer(RunSpec(data, 3, engine="mesa")), RunPlayer(RunSpec(data, 3))
    assert auto.batch is not None
    assert auto.base_game is not None
    schema = auto.batch.schema
    reference = pa.Table.from_pylist([mesa.play(run)[0] for run in range(300)], schema=schema)
    assert_same(reference, pa.Table.from_pylist(auto.rows(0, 300), schema=schema))
    one_issue_away = prepare.shared(auto.base_game, "pools", lambda: None)[-1][0]
    assert one_issue_away[2][0] == 2  # every slot taken: later texts were gathered each visit


ACTORS = ("us", "ukraine", "europe", "russia")


@st.composite
def grand_bargain_worlds(draw: st.DrawFn) -> dict[str, Any]:
    """grand_bargain with the mediator, deadline, answers, costs, patience and walk-aways varied."""
    changes: dict[str, Any] = {
        "tracks.minerals.mediator": draw(st.sampled_from(["us", "ukraine", None])),
        "tracks.minerals.deadline": draw(st.integers(2, 30)),
        "tracks.security.deadline": draw(st.integers(2, 30)),
    }
    for actor in ACTORS:
        params = f"actors.{actor}.strategy.params"
        changes[f"{params}.acceptance"] = draw(st.sampled_from(["next", "time", "combi"]))
        changes[f"{params}.pace"] = draw(st.sampled_from([0.5, 0.75, 1.0]))
        changes[f"{params}.accept_time"] = draw(st.sampled_from([0.3, 0.9]))
        changes[f"actors.{actor}.cost.value"] = draw(st.sampled_from([0.0, 0.0, 0.01, 0.04]))
        changes[f"actors.{actor}.discount.value"] = draw(st.sampled_from([1.0, 0.97, 0.8, 0.5]))
        if draw(st.booleans()):
            changes[f"actors.{actor}.discount.per"] = "deadline"
    high = draw(st.sampled_from([0.55, 0.8, 0.95]))
    changes["uncertainty.0.high"] = high  # Russia's walk-away: high enough to walk out or block
    data = document(load_scenario("grand_bargain"))
    for path, value in changes.items():
        put(data, path, value)
    return data


def put(data: dict[str, Any], path: str, value: object) -> None:
    """Set a dotted path, making the fields on the way (a strategy parameter not yet stated)."""
    *parents, last = path.split(".")
    node: Any = data
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node.setdefault(part, {})
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=grand_bargain_worlds(), seed=st.integers(0, 2**32 - 1))
def test_the_engines_agree_on_any_grand_bargain_world(data: dict[str, Any], seed: int) -> None:
    Scenario.model_validate(data)
    reference, found, engine = tables(data, 12, seed=seed)
    assert engine == "batch"
    assert_same(reference, found)


@st.composite
def synthetic_worlds(draw: st.DrawFn) -> dict[str, Any]:
    """Synthetic tables of 2 to 5 actors, either protocol, the concession strategies varied."""
    actors = draw(st.integers(2, 5))
    scenario = synthetic_scenario(
        actors=actors,
        issues=draw(st.integers(1, 3)),
        levels=draw(st.integers(2, 6)),
        seed=draw(st.integers(0, 1000)),
        agreement=draw(st.sampled_from([0.3, 0.8])),
    )
    data = document(scenario)
    (track,) = data["tracks"]
    data["tracks"][track]["protocol"] = draw(st.sampled_from(["alternating_offers", "mediated"]))
    data["tracks"][track]["deadline"] = draw(st.integers(2, 40))
    for name in data["actors"]:
        data["actors"][name]["strategy"] = {
            "name": draw(st.sampled_from(["boulware", "conceder", "linear", "opponent_model"])),
            "params": {
                "acceptance": draw(st.sampled_from(["next", "time", "combi"])),
                "window": draw(st.sampled_from([0.0, 0.05, 0.3])),
                "exponent": draw(st.sampled_from([0.5, 1.0, 2.0, 4.0])),
                "information": "offers",
            },
            "assumption": "a test",
        }
        put(data, f"actors.{name}.discount.value", draw(st.sampled_from([1.0, 0.95, 0.7])))
        put(data, f"actors.{name}.cost.value", draw(st.sampled_from([0.0, 0.0, 0.02])))
    data["uncertainty"] = [
        {
            "path": f"actors.{name}.reservation",
            "dist": "uniform",
            "low": 0.0,
            "high": draw(st.sampled_from([0.3, 0.6, 0.9])),
            "assumption": "a test",
        }
        for name in data["actors"]
    ]
    return data


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=synthetic_worlds(), seed=st.integers(0, 2**32 - 1))
def test_the_engines_agree_on_any_synthetic_table(data: dict[str, Any], seed: int) -> None:
    Scenario.model_validate(data)
    reference, found, engine = tables(data, 10, seed=seed)
    assert engine == "batch"
    assert_same(reference, found)


@pytest.mark.parametrize("protocol", ["mediated", "alternating_offers"])
@pytest.mark.parametrize("domain", ["Laptop", "ItexvsCypress", "group2-politics"])
def test_the_engines_agree_on_genius_domains(domain: str, protocol: str) -> None:
    data = to_document(read_domain(GENIUS / domain))
    actors = list(data["actors"])
    data["tracks"]["main"].update(protocol=protocol, deadline=30)
    names = ["boulware", "conceder", "opponent_model", "linear"] * len(actors)
    for actor, name in zip(actors, names[: len(actors)], strict=True):
        data["actors"][actor]["strategy"] = {"name": name, "assumption": "a test"}
    data["uncertainty"] = [
        {
            "path": f"actors.{a}.reservation",
            "dist": "uniform",
            "low": 0.2,
            "high": 0.7,
            "assumption": "a test",
        }
        for a in actors
    ]
    reference, found, engine = tables(data, 30, seed=2)
    assert engine == "batch"
    assert_same(reference, found)


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"tracks.pie.protocol": "recognition"}, "the recognition protocol has no batch kernel"),
        ({"actors.alice.strategy": {"name": "tit_for_tat"}}, "strategy tit_for_tat has no batch"),
        (
            {"actors.alice.strategy": {"name": "boulware", "params": {"information": "full"}}},
            "learns from information: full, which has no batch kernel when it proposes",
        ),
    ],
)
def test_without_a_kernel_the_mesa_engine_plays_and_says_why(
    changes: dict[str, Any], reason: str
) -> None:
    data = with_values(document(load_scenario("split_the_pie")), changes)
    used, why_not = engine_of(RunSpec(data, 0))
    assert used == "mesa"
    assert why_not is not None
    assert reason in why_not


def test_traces_are_kept_by_the_mesa_engine() -> None:
    spec = RunSpec(document(load_scenario("grand_bargain")), 0, traces=True)
    assert engine_of(spec) == ("mesa", "traces are kept (the Mesa engine records them)")


def test_run_says_which_engine_played_in_the_manifest(tmp_path: Path) -> None:
    for engine, used in (("auto", "batch"), ("mesa", "mesa"), ("batch", "batch")):
        out = tmp_path / engine
        result = runner.invoke(
            app, ["run", "grand_bargain", "--runs", "30", "--engine", engine, "--out", str(out)]
        )
        assert result.exit_code == 0, result.output
        manifest = json.loads((out / "manifest.json").read_text())
        assert manifest["engine"] == {"asked": engine, "used": used, "why_not_batch": None}
    rows = {e: pa.parquet.read_table(tmp_path / e / "runs.parquet") for e in ("auto", "mesa")}
    assert rows["auto"].equals(rows["mesa"])


def test_batch_asked_where_it_cannot_play_is_refused_before_anything_is_written(
    tmp_path: Path,
) -> None:
    out = tmp_path / "nato"
    result = runner.invoke(
        app, ["run", "nato_security", "--runs", "5", "--engine", "batch", "--out", str(out)]
    )
    assert result.exit_code == 2
    assert "--engine batch cannot play nato_security" in result.output
    assert "recognition protocol has no batch kernel" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_an_unknown_engine_is_refused() -> None:
    result = runner.invoke(app, ["run", "grand_bargain", "--runs", "5", "--engine", "numba"])
    assert result.exit_code == 2
    assert "--engine" in result.output
    assert "auto, batch, mesa" in result.output


def test_chunks_default_to_the_engines_size_and_a_resume_keeps_the_recorded_one(
    tmp_path: Path,
) -> None:
    def chunk_size(out: Path) -> int:
        return int(json.loads((out / "manifest.json").read_text())["request"]["chunk_size"])

    grand = load_scenario("grand_bargain")
    run_experiment(grand, "g", Options(runs=30, out=tmp_path / "batch"))
    run_experiment(load_scenario("nato_security"), "n", Options(runs=3, out=tmp_path / "mesa"))
    assert (chunk_size(tmp_path / "batch"), chunk_size(tmp_path / "mesa")) == (1000, 250)

    def interrupt(runs: int) -> None:
        if runs:
            raise KeyboardInterrupt  # after the first chunk is written

    with pytest.raises(KeyboardInterrupt):
        run_experiment(
            grand, "g", Options(runs=300, out=tmp_path / "was", engine="mesa"), interrupt
        )
    assert chunk_size(tmp_path / "was") == 250
    resumed = Options(runs=300, out=tmp_path / "was", engine="auto", resume=True)
    assert run_experiment(grand, "g", resumed)["runs"] == 300
    assert chunk_size(tmp_path / "was") == 250


@settings(max_examples=40, deadline=None)
@given(experiment=st.integers(0, 2**80), start=st.integers(0, 2**33))
def test_the_compiled_seeds_are_numpys(experiment: int, start: int) -> None:
    seeds, words, models = run_seeds(words_of(experiment), start, start + 3)
    for i, run in enumerate(range(start, start + 3)):
        seed = run_seed(experiment, run)
        draw, negotiate = np.random.SeedSequence(seed).spawn(2)
        (stage,) = np.random.SeedSequence(int(negotiate.generate_state(1)[0])).spawn(1)
        assert seeds[i] == seed
        assert models[i] == int(stage.generate_state(1)[0])
        (ours,) = list(generators(words[i : i + 1]))
        assert np.array_equal(ours.random(4), np.random.default_rng(draw).random(4))


@pytest.mark.smoke
@pytest.mark.parametrize("name", ["grand_bargain", "split_the_pie"])
def test_on_this_interpreter_both_engines_give_the_same_rows(name: str) -> None:
    reference, found, engine = tables(document(load_scenario(name)), 60, seed=3)
    assert engine == "batch"
    assert_same(reference, found)


def test_a_war_with_sampled_odds_and_costs_gives_the_same_rows_on_either_engine() -> None:
    """grand_bargain's walk-aways of Ukraine, Russia and Europe are what the war is worth to them."""
    data = document(load_scenario("grand_bargain"))
    reference, found, engine = tables(data, runs=300, seed=5)
    assert engine == "batch"
    assert_same(reference, found)
    reasons = set(found["reason"].to_pylist())
    assert "agreement" in reasons, reasons
    assert len(reasons) > 1, reasons
    game = game_from_scenario(Scenario.model_validate(data))
    assert game.space is not None
    status_quo = {a.name: a.value(a.status_quo) for a in game.space.axes}
    rows = found.to_pylist()
    for payer in ("russia", "europe"):
        column = game.actors.index(payer)
        restored, kept = (
            game.utilities[game.space.index_of(status_quo | {"territory": t}), column]
            for t in (1.0, 0.0)
        )
        for row in rows:
            chance = row["param.tracks.security.war.victory"]  # Ukraine restores the territory
            cost = row[f"param.tracks.security.war.costs.{payer}"]
            fighting = chance * restored + (1 - chance) * kept - cost
            expected = min(1.0, max(0.0, fighting))
            assert row[f"walkaway.{payer}"] == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize("protocol", ["mediated", "alternating_offers"])
def test_sixty_two_actors_fit_the_answer_masks_and_sixty_three_fall_back(protocol: str) -> None:
    """Answers are bits of a signed 64-bit word: actor 61's yes is its highest bit."""
    data = document(synthetic_scenario(actors=62, issues=2, levels=3, seed=1))
    data["tracks"]["main"]["protocol"] = protocol
    reference, found, engine = tables(data, runs=4, seed=2)
    assert engine == "batch"
    assert_same(reference, found)
    more = document(synthetic_scenario(actors=63, issues=2, levels=3, seed=1))
    more["tracks"]["main"]["protocol"] = protocol
    assert engine_of(RunSpec(more, 0)) == (
        "mesa",
        "more than 62 actors do not fit the kernels' answer masks",
    )
