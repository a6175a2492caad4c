"""Plays runs of a scenario under uncertainty and turns each into one row.

Run ``r`` of an experiment with seed ``s`` draws everything from ``SeedSequence(s, spawn_key=(r,))``:
its parameters from one child, its negotiation from the other. Nothing depends on which worker
plays it, in which chunk, or in which order, so results are the same for any worker count or backend.

When only actors' power, reservation and discount, tracks' breakdown probabilities or strategy
parameters are uncertain, every run reuses one utility table (and its sorted orders) and only swaps
those numbers; anything else (weights, value tables, couplings) rebuilds the scenario for the run.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa

from negosim.engine.narrative import trace_rows
from negosim.engine.simulate import TrackRun, play_stage, simulate, stage_seeds
from negosim.experiments.batch import BatchPlayer
from negosim.experiments.sampling import SHARED_TABLE_PARAMETER, Sampler
from negosim.games.game import Game, game_from_scenario
from negosim.outcomes.war import WarProcess
from negosim.scenario.model import Scenario
from negosim.scenario.paths import with_values


@dataclass(frozen=True)
class RunSpec:
    """Everything a worker needs, as plain picklable data."""

    document: dict[str, Any]
    seed: int
    variant: str | None = None
    traces: bool = False
    engine: str = "auto"
    """``mesa``, ``batch`` or ``auto`` (the batch engine where it can play the runs)."""


def run_seed(seed: int, run: int) -> int:
    """Run ``run``'s seed: ``SeedSequence(seed, spawn_key=(run,))``, whatever the worker or backend.

    Parameters
    ----------
    seed
        The experiment's seed.
    run
        The run's number.

    Returns
    -------
    int
        The run's seed.
    """
    return int(np.random.SeedSequence(seed, spawn_key=(run,)).generate_state(1)[0])


@dataclass
class RunPlayer:
    """Plays the runs of one experiment: draws each run's parameters and plays its negotiation.

    Built once per worker and reused for every run of its chunks, so that what runs share (the
    scenario, the sampler, the utility table when only table-keeping parameters are sampled) is
    built once.

    Attributes
    ----------
    spec
        The experiment, as plain picklable data.
    """

    spec: RunSpec
    scenario: Scenario = field(init=False)
    sampler: Sampler = field(init=False)
    base_game: Game | None = field(init=False)

    def __post_init__(self) -> None:
        self.scenario = Scenario.model_validate(self.spec.document)
        self.sampler = Sampler.of(self.scenario)
        shared = self.scenario.linkage == "package" and all(
            SHARED_TABLE_PARAMETER.match(p) for p in self.sampler.columns
        )
        self.base_game = game_from_scenario(self.scenario) if shared else None
        self.issues = self.scenario.issues_of(self.scenario.negotiated_tracks())
        self.batch = BatchPlayer.of(self) if self.spec.engine != "mesa" else None

    @property
    def engine(self) -> str:
        """The engine that plays this experiment's runs.

        Returns
        -------
        str
            ``batch`` or ``mesa``.
        """
        return "batch" if self.batch is not None and self.batch.reason is None else "mesa"

    def play(self, run: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """One run: its parameters drawn, its negotiation played.

        Parameters
        ----------
        run
            The run's number.

        Returns
        -------
        tuple
            (the run's row, its trace rows when traces are kept).
        """
        seed = run_seed(self.spec.seed, run)
        draw, negotiate = np.random.SeedSequence(seed).spawn(2)
        values = self.sampler.draw(np.random.default_rng(draw))
        return self.play_values(run, seed, values, int(negotiate.generate_state(1)[0]))

    def rows(self, start: int, stop: int) -> list[dict[str, Any]]:
        """Runs ``start`` to ``stop - 1``, by the batch engine where it can play them.

        Parameters
        ----------
        start
            The first run.
        stop
            The run after the last.

        Returns
        -------
        list of dict
            One row per run, as :meth:`play` gives them.
        """
        if self.engine == "batch" and stop > start:
            assert self.batch is not None
            found: list[dict[str, Any]] = self.batch.play(start, stop).to_pylist()
            return found
        return [self.play(run)[0] for run in range(start, stop)]

    def play_values(
        self, run: int, seed: int, values: dict[str, float], play_seed: int
    ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """One run with the uncertain parameters set to ``values`` (a subset is fine).

        Parameters
        ----------
        run
            The run's number.
        seed
            The run's seed, for its row.
        values
            Dotted path to value.
        play_seed
            The negotiation's seed.

        Returns
        -------
        tuple
            (the run's row, its trace rows when traces are kept).
        """
        shared = self.base_game is not None and all(SHARED_TABLE_PARAMETER.match(p) for p in values)
        stages = (
            self._play_on_shared_table(values, play_seed)
            if shared
            else self._play_on_rebuilt_scenario(values, play_seed)
        )
        row = {
            "run": run,
            "seed": seed,
            "variant": self.spec.variant,
            **self._row(stages),
            **{f"param.{k}": v for k, v in values.items()},
        }
        return row, self._trace_rows(run, stages) if self.spec.traces else []

    def _play_on_shared_table(self, values: dict[str, float], seed: int) -> list[TrackRun]:
        game, params = self._shared_game(values)
        (stage,) = stage_seeds(seed, 1)
        return [
            play_stage(
                self.scenario,
                game,
                stage,
                record=self.spec.traces,
                params=params.get("strategy", {}),
            )
        ]

    def _shared_game(self, values: dict[str, float]) -> tuple[Game, dict[str, dict[str, Any]]]:
        """The shared table with a run's powers, walk-aways, patience, costs and breakdown set."""
        assert self.base_game is not None
        changes, params = self.changes(values)
        return (self.base_game.changed(**changes) if changes else self.base_game), params

    def changes(self, values: dict[str, float]) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
        """What a run's values change in the shared game, and its strategy parameters.

        Parameters
        ----------
        values
            Dotted path to value, only paths that keep the utility table.

        Returns
        -------
        tuple
            (fields of the game and their new values, parameters grouped by what they change).
        """
        assert self.base_game is not None
        game, params = self.base_game, _parameters(self.scenario, values)
        changes: dict[str, Any] = {}
        for parameter in ("power", "reservation", "discount", "cost"):
            overrides = params.get(parameter, {})
            if overrides:
                array = game.own(parameter).copy()
                for actor, value in overrides.items():
                    array[game.actors.index(actor)] = (
                        self.scenario.actors[actor].discount.per_round(game.deadline, value)
                        if parameter == "discount"
                        else value
                    )
                changes[parameter] = array
        if params.get("breakdown"):
            tracks = game.space.tracks if game.space else ()
            chances = [
                params["breakdown"].get(t, self.scenario.tracks[t].breakdown) for t in tracks
            ]
            changes["breakdown"] = 1 - float(np.prod([1 - c for c in chances]))
        if params.get("war") and game.war is not None:
            war = _sampled_war(game, params["war"])
            reservation = changes.get("reservation", game.own("reservation"))
            changes["reservation"] = war.at_front(reservation, game.own("utilities"))
            changes["war"] = war
        return changes, params

    def _play_on_rebuilt_scenario(self, values: dict[str, float], seed: int) -> list[TrackRun]:
        scenario = Scenario.model_validate(with_values(self.spec.document, values))
        return simulate(scenario, seed, record=self.spec.traces)

    def _row(self, stages: list[TrackRun]) -> dict[str, Any]:
        agreed = all(s.result.agreement for s in stages)
        failed = next((s.result.reason for s in stages if not s.result.agreement), "agreement")
        row: dict[str, Any] = {
            "protocol": "+".join(s.protocol for s in stages),
            "agreement": agreed,
            "reason": failed,
            "rounds": sum(s.result.rounds for s in stages),
            "deadline": sum(s.game.deadline for s in stages),
            "walked_out": next(
                (
                    s.game.actors[s.result.walked_out]
                    for s in stages
                    if s.result.walked_out is not None
                ),
                None,
            ),
        }
        row.update({f"outcome.{issue}": None for issue in self.issues})
        for stage in stages:
            if stage.result.agreement and stage.result.outcome is not None:
                row.update(
                    {
                        f"outcome.{k}": v
                        for k, v in stage.game.describe(stage.result.outcome).items()
                    }
                )
        for name in self.scenario.actors:
            row[f"utility.{name}"] = _last_value(stages, name, "utilities")
            row[f"discounted.{name}"] = _last_value(stages, name, "discounted")
            row[f"walkaway.{name}"] = _last_walkaway(stages, name)
        return row

    def _trace_rows(self, run: int, stages: list[TrackRun]) -> list[dict[str, Any]]:
        return [{"run": run, **row} for stage in stages for row in trace_rows(stage)]


def _parameters(scenario: Scenario, values: dict[str, float]) -> dict[str, dict[str, Any]]:
    """Fast-path values grouped by what they change."""
    grouped: dict[str, dict[str, Any]] = {}
    for path, value in values.items():
        match = SHARED_TABLE_PARAMETER.match(path)
        assert match is not None
        if match["parameter"]:
            grouped.setdefault(match["parameter"], {})[match["actor"]] = value
        elif match["track"]:
            grouped.setdefault("breakdown", {})[match["track"]] = value
        elif match["war"]:
            grouped.setdefault("war", {})[match["side"] or "victory"] = value
        else:
            grouped.setdefault("strategy", {}).setdefault(match["player"], {})[match["param"]] = (
                value
            )
    return grouped


def _sampled_war(game: Game, values: dict[str, float]) -> WarProcess:
    """The game's war with a run's sampled probability of victory and costs."""
    assert game.war is not None
    payers = [game.actors[column] for column in game.war.payers]
    costs = {k: values[name] for k, name in enumerate(payers) if name in values}
    return game.war.with_terms(values.get("victory"), costs)


def _last_walkaway(stages: list[TrackRun], actor: str) -> float | None:
    """The actor's walk-away at the end of the last stage it took part in."""
    for stage in reversed(stages):
        if actor in stage.game.actors:
            return float(stage.game.own("reservation")[stage.game.actors.index(actor)])
    return None


def _last_value(stages: list[TrackRun], actor: str, field_name: str) -> float | None:
    """The actor's utility in the last stage it took part in (its reservation if no deal)."""
    for stage in reversed(stages):
        if actor in stage.game.actors:
            return float(getattr(stage.result, field_name)[stage.game.actors.index(actor)])
    return None


_players: dict[int, RunPlayer] = {}


def play_chunk(
    spec: RunSpec, start: int, stop: int
) -> tuple[list[dict[str, Any]] | pa.Table, list[dict[str, Any]]]:
    """Runs ``start`` to ``stop - 1``; a worker process keeps one player per experiment.

    Parameters
    ----------
    spec
        The experiment.
    start
        The first run.
    stop
        The run after the last.

    Returns
    -------
    tuple
        (rows, or a table of them from the batch engine; trace rows).
    """
    factory = player_of(spec)
    if factory.engine == "batch":
        assert factory.batch is not None
        return factory.batch.play(start, stop), []
    rows, traces = [], []
    for run in range(start, stop):
        row, trace = factory.play(run)
        rows.append(row)
        traces.extend(trace)
    return rows, traces


def engine_of(spec: RunSpec) -> tuple[str, str | None]:
    """Which engine plays an experiment's runs, and why not the batch engine if not.

    Parameters
    ----------
    spec
        The experiment.

    Returns
    -------
    tuple
        (``batch`` or ``mesa``, the reason the batch engine cannot play them, or None).
    """
    player = player_of(spec)
    batch = player.batch if player.batch is not None else BatchPlayer.of(player)
    return player.engine, batch.reason


def player_of(spec: RunSpec) -> RunPlayer:
    """The process's player of an experiment, built on first use and kept for its chunks.

    The one :func:`engine_of` builds to decide plays the chunks too when they run in this process.

    Parameters
    ----------
    spec
        The experiment.

    Returns
    -------
    RunPlayer
        One per process, for the latest experiment asked.
    """
    key = hash((spec.seed, spec.variant, spec.traces, spec.engine, _fingerprint(spec)))
    factory = _players.get(key)
    if factory is None:
        _players.clear()
        factory = _players[key] = RunPlayer(spec)
    return factory


def _fingerprint(spec: RunSpec) -> str:
    return json.dumps(spec.document, sort_keys=True)
