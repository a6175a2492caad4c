"""One person against the simulated stakeholders, then a debrief against simulated runs.

The person's moves come through the ``human`` strategy's callback; all input goes through an
``Asker`` (the terminal in ``negosim play``, scripted answers in tests), so this module holds the
game and not the terminal.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np
import pandas as pd

from negosim.arrays import FloatArray
from negosim.engine.model import NegotiationModel
from negosim.engine.narrative import distance_to_nash, move_lines, nash_of, terms, trace_table
from negosim.engine.simulate import TrackRun
from negosim.experiments.runner import RunPlayer, RunSpec
from negosim.experiments.store import write_scenario
from negosim.games.game import Game, game_from_scenario
from negosim.games.result import NEUTRAL_MEDIATOR
from negosim.outcomes.space import Axis
from negosim.scenario.couplings import red_lines_crossed
from negosim.scenario.model import Scenario
from negosim.scenario.paths import document
from negosim.strategies import make_strategy
from negosim.strategies.human import Move as HumanMove


class Asker(Protocol):
    def choose(self, question: str, options: Sequence[str], default: int) -> int: ...

    def number(self, question: str, low: float, high: float, default: float) -> float: ...

    def confirm(self, question: str) -> bool: ...

    def say(self, text: str) -> None: ...


@dataclass
class Seat:
    scenario: Scenario
    game: Game
    index: int
    asker: Asker
    last_offer: int | None = None
    """The player's previous offer: the options a new offer starts from (Enter keeps them)."""

    def points(self, outcome: int) -> float:
        return 100 * float(self.game.utilities[outcome, self.index])

    def move(
        self, kind: HumanMove, round_: int, offer: int | None, proposer: int | None
    ) -> int | bool:
        if kind == "respond":
            assert offer is not None
            assert proposer is not None
            self.asker.say(f"{self.game.label(proposer)} offers: {terms(self.game, offer)}")
            self.asker.say(
                f"Worth {self.points(offer):.0f} points to you "
                f"(walk-away {100 * self.game.reservation[self.index]:.0f})."
            )
            if not self.game.admissible[offer, self.index]:
                self.asker.say(
                    f"Careful: this offer crosses your red line: {self._crossed(offer)}."
                )
            elif self.points(offer) < 100 * self.game.reservation[self.index]:
                self.asker.say("Careful: this offer is worth less to you than walking away.")
            return self.asker.confirm("Accept this offer?")
        return self._counter(round_)

    def _counter(self, round_: int) -> int:
        space = self.game.space
        assert space is not None
        start = self.last_offer if self.last_offer is not None else self._best()
        levels = list(space.levels(start))
        kept = "your last offer's" if self.last_offer is not None else "your best"
        self.asker.say(
            f"Round {round_ + 1}: your offer, issue by issue (Enter keeps {kept} option, shown)."
        )
        for k, axis in enumerate(space.axes):
            levels[k] = self._level(axis, int(levels[k]))
        offer = int(np.ravel_multi_index(levels, space.shape))
        self.asker.say(
            f"You offer {terms(self.game, offer)}: {self.points(offer):.0f} points to you."
        )
        self.last_offer = offer
        return offer

    def _level(self, axis: Axis, current: int) -> int:
        """One issue's option: picked from a list, or typed as a number on a continuous issue."""
        name = axis.name.replace("_", " ")
        if axis.labels is not None:
            options = [label.replace("_", " ") for label in axis.labels]
            return self.asker.choose(name, options, current)
        low, high = float(axis.points[0]), float(axis.points[-1])
        typed = self.asker.number(name, low, high, float(axis.value(current)))
        level = axis.level_of(typed)
        if abs(float(axis.points[level]) - typed) > 1e-9:
            self.asker.say(f"  {name}: {typed:g} is between options; taken as {axis.value(level)}")
        return level

    def _crossed(self, offer: int) -> str:
        actor = self.game.actors[self.index]
        crossed = red_lines_crossed(self.scenario.couplings, actor, self.game.describe(offer))
        return "; ".join(crossed) or "a condition on a settled issue"

    def _best(self) -> int:
        allowed = self.game.admissible[:, self.index]
        return int(np.argmax(np.where(allowed, self.game.utilities[:, self.index], -1)))


def play_seat(scenario: Scenario, actor: str, seed: int, asker: Asker) -> TrackRun:
    """Play one negotiation with a person in ``actor``'s seat, narrating every round."""
    game = game_from_scenario(scenario)
    seat = Seat(scenario, game, game.actors.index(actor), asker)
    strategies = [
        make_strategy("human", {}, seat.move)
        if name == actor
        else make_strategy(
            scenario.actors[name].strategy.name, scenario.actors[name].strategy.params
        )
        for name in game.actors
    ]
    model = NegotiationModel(game, strategies, seed=seed)
    told = 0
    try:
        while model.running:
            model.step()
            assert model.trace is not None
            for move in model.trace.moves[told:]:
                for line in move_lines(game, move, None, reveal=False):
                    asker.say(line)
            told = len(model.trace.moves)
    except KeyboardInterrupt:
        model.conclude(None, "interrupted", None)
    assert model.result is not None
    return TrackRun(
        game.space.tracks if game.space else (),
        model.game,
        model.result,
        model.trace,
        model.protocol.name,
    )


@dataclass(frozen=True)
class Debrief:
    points: dict[str, float]
    percentile: float
    simulated_median: float
    nash_points: dict[str, float]
    distance_to_nash: float | None


def debrief(scenario: Scenario, actor: str, played: TrackRun, runs: int = 100) -> Debrief:
    """Where the person's result falls among simulated runs in which the scenario's own strategy
    plays the same seat."""
    game = played.game
    index = game.actors.index(actor)
    simulated = simulated_utilities(scenario, actor, runs)
    mine = float(played.result.utilities[index])
    nash = nash_of(game)
    return Debrief(
        points={game.label(i): 100 * float(u) for i, u in enumerate(played.result.utilities)},
        percentile=100 * float(np.mean(simulated <= mine + 1e-12)),
        simulated_median=100 * float(np.median(simulated)),
        nash_points={}
        if nash is None
        else {game.label(i): 100 * float(u) for i, u in enumerate(game.utilities[nash])},
        distance_to_nash=distance_to_nash(game, played.result.utilities),
    )


def simulated_utilities(scenario: Scenario, actor: str, runs: int) -> FloatArray:
    """``actor``'s utility in ``runs`` simulated runs (see :func:`simulated_runs`)."""
    return np.asarray(simulated_runs(scenario, runs)[f"utility.{actor}"], dtype=np.float64)


def simulated_runs(scenario: Scenario, runs: int) -> pd.DataFrame:
    """The scenario played by its own strategies under its stated uncertainty: runs 0 to
    ``runs - 1`` of ``negosim run`` with seed 0, so a debrief compares a person's deal with the
    spread of deals the simulation reaches across the worlds the modeller thinks possible."""
    factory = RunPlayer(RunSpec(document(scenario), seed=0))
    return pd.DataFrame(factory.rows(0, runs))


def save(
    directory: Path,
    scenario: Scenario,
    actor: str,
    seed: int,
    played: TrackRun,
    player: str | None = None,
) -> None:
    """A directory ``negosim report`` and ``negosim debrief`` read: the scenario, one run row, its
    trace, a manifest naming the seat and (if given) the player."""
    directory.mkdir(parents=True, exist_ok=True)
    write_scenario(directory, document(scenario))
    result, game = played.result, played.game
    row: dict[str, object] = {
        "run": 0,
        "seed": seed,
        "variant": f"played as {actor}",
        "protocol": played.protocol,
        "agreement": result.agreement,
        "reason": result.reason,
        "rounds": result.rounds,
    }
    described = game.describe(result.outcome) if result.outcome is not None else {}
    for name in scenario.issues_of(scenario.negotiated_tracks()):
        row[f"outcome.{name}"] = described.get(name)
    for i, name in enumerate(game.actors):
        row[f"utility.{name}"] = float(result.utilities[i])
        row[f"discounted.{name}"] = float(result.discounted[i])
        row[f"walkaway.{name}"] = float(game.reservation[i])
    pd.DataFrame([row]).to_parquet(directory / "runs.parquet", index=False)
    trace = trace_table([played])
    if not trace.empty:
        trace["proposer"] = [
            game.actors.index(p) if p in game.actors else NEUTRAL_MEDIATOR
            for p in trace["proposer"]
        ]
    trace.to_parquet(directory / "traces.parquet", index=False)
    request = {"seed": seed, "runs": 1, "played_as": actor, "player": player or actor}
    manifest = {"status": "finished", "request": request}
    (directory / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
