"""One negotiation of a scenario, from YAML to result.

The games of its tracks (one package, or one after another with each settled track fixing the next
one's context), strategies from the registry, and the Mesa model run to its end.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from negosim.engine import workload
from negosim.engine.model import NegotiationModel
from negosim.games.game import Game, game_from_scenario
from negosim.games.result import Result, Trace
from negosim.outcomes import Context
from negosim.scenario import Scenario
from negosim.strategies import make_strategy
from negosim.strategies.human import Callback


@dataclass(frozen=True)
class TrackRun:
    """One stage of a negotiation, played.

    Attributes
    ----------
    tracks
        The tracks negotiated in it.
    game
        The game as it stood at the end (events applied).
    result
        What it produced.
    trace
        What happened round by round, when recorded.
    protocol
        The protocol that played it.
    """

    tracks: tuple[str, ...]
    game: Game
    result: Result
    trace: Trace | None
    protocol: str


def simulate(
    scenario: Scenario,
    seed: int = 0,
    *,
    protocol: str | None = None,
    linkage: str | None = None,
    record: bool = True,
    callbacks: Mapping[str, Callback] | None = None,
) -> list[TrackRun]:
    """Play the scenario once: its tracks as one package, or one after another.

    Each stage gets its own seed from ``SeedSequence(seed)``; in a sequence, each settled track
    fixes its issues for the next.

    Parameters
    ----------
    scenario
        A validated scenario.
    seed
        The negotiation's seed.
    protocol
        A protocol instead of the tracks' own.
    linkage
        ``package``, ``sequence`` or ``independent`` instead of the scenario's own.
    record
        Keep the round-by-round trace.
    callbacks
        A person's answers for each ``human`` seat, by actor.

    Returns
    -------
    list of TrackRun
        One per stage.
    """
    stages = workload.stages(scenario, linkage or scenario.linkage)
    seeds = stage_seeds(seed, len(stages))
    runs: list[TrackRun] = []
    context = Context()
    for tracks, stage_seed in zip(stages, seeds, strict=True):
        game = game_from_scenario(scenario, tracks, context, protocol)
        strategies = [
            make_strategy(spec.name, spec.params, (callbacks or {}).get(actor))
            for actor, spec in ((a, scenario.actors[a].strategy) for a in game.actors)
        ]
        model = NegotiationModel(
            game, strategies, seed=int(stage_seed.generate_state(1)[0]), record=record
        )
        result = model.run()
        runs.append(TrackRun(tuple(tracks), model.game, result, model.trace, model.protocol.name))
        if (linkage or scenario.linkage) == "sequence":
            context = _carry(context, game, tracks, result)
    return runs


def play_stage(
    scenario: Scenario,
    game: Game,
    seed: np.random.SeedSequence,
    *,
    record: bool = True,
    callbacks: Mapping[str, Callback] | None = None,
    params: Mapping[str, Mapping[str, object]] | None = None,
) -> TrackRun:
    """One stage: fresh strategies from the scenario (``params`` overriding some), one model run.

    Parameters
    ----------
    scenario
        The scenario the game came from.
    game
        The stage's game.
    seed
        The stage's seed.
    record
        Keep the round-by-round trace.
    callbacks
        A person's answers for each ``human`` seat, by actor.
    params
        Strategy parameters to override, by actor.

    Returns
    -------
    TrackRun
        The played stage.
    """
    strategies = [
        make_strategy(
            scenario.actors[actor].strategy.name,
            {**scenario.actors[actor].strategy.params, **(params or {}).get(actor, {})},
            (callbacks or {}).get(actor),
        )
        for actor in game.actors
    ]
    model = NegotiationModel(game, strategies, seed=int(seed.generate_state(1)[0]), record=record)
    result = model.run()
    tracks = game.space.tracks if game.space else ()
    return TrackRun(tuple(tracks), model.game, result, model.trace, model.protocol.name)


def stage_seeds(seed: int, stages: int) -> list[np.random.SeedSequence]:
    """One seed per stage, spawned from the negotiation's seed.

    Parameters
    ----------
    seed
        The negotiation's seed.
    stages
        How many stages.

    Returns
    -------
    list of numpy.random.SeedSequence
        Independent streams.
    """
    return list(np.random.SeedSequence(seed).spawn(stages))


def _carry(context: Context, game: Game, tracks: Sequence[str], result: Result) -> Context:
    """Fix a settled track's issues for the tracks that follow.

    An unsettled track leaves them at the status quo.
    """
    if not result.agreement or result.outcome is None or game.space is None:
        return context
    levels = game.space.levels(result.outcome)
    fixed = {
        **context.fixed,
        **{a.name: int(v) for a, v in zip(game.space.axes, levels, strict=True)},
    }
    return Context(fixed=fixed, settled=frozenset(context.settled) | set(tracks))
