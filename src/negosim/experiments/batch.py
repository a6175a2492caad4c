"""An experiment's runs played by the batch engine: the same rows as the Mesa engine's, faster.

Each run draws its parameters and its negotiation's seed exactly as :class:`RunPlayer` does (one
``SeedSequence`` child per run), then the block of runs is played at once by
:mod:`negosim.engine.batch`. Where the batch engine cannot play a scenario (a protocol or strategy
without a kernel, traces asked for, sampled parameters that change the utility table), it says why
and the Mesa engine plays the runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa

from negosim.arrays import FloatArray, IntArray
from negosim.engine.batch.block import play_block, unsupported
from negosim.engine.batch.runs import Played, Runs
from negosim.experiments.sampling import SHARED_TABLE_PARAMETER
from negosim.experiments.seeds import run_seeds, stream_words, words_of
from negosim.experiments.tables import runs_schema
from negosim.outcomes.war import fighting_values
from negosim.strategies import Strategy, make_strategy

if TYPE_CHECKING:
    from negosim.experiments.runner import RunPlayer


@dataclass
class BatchPlayer:
    """Plays chunks of an experiment's runs with the batch engine.

    Attributes
    ----------
    player
        The experiment's run player (its scenario, sampler and shared game).
    reason
        Why the batch engine cannot play these runs, or None when it can.
    strategies
        One strategy per actor of the shared game, with the scenario's parameters.
    """

    player: RunPlayer
    reason: str | None
    strategies: list[Strategy]

    @property
    def experiment(self) -> IntArray:
        """The experiment seed's words, as ``SeedSequence`` reads them.

        Returns
        -------
        IntArray
            32-bit words, lowest first.
        """
        return words_of(self.player.spec.seed)

    @property
    def schema(self) -> pa.Schema:
        """The schema of ``runs.parquet``.

        Returns
        -------
        pyarrow.Schema
            As the experiment writes it.
        """
        return runs_schema(self.player.scenario, self.player.sampler.columns)

    @classmethod
    def of(cls, player: RunPlayer) -> BatchPlayer:
        """The batch player of an experiment, or one that says why there is none.

        Parameters
        ----------
        player
            The experiment's run player.

        Returns
        -------
        BatchPlayer
            Ready to play, or with a reason.
        """
        scenario, game = player.scenario, player.base_game
        if player.spec.traces:
            return cls(player, "traces are kept (the Mesa engine records them)", [])
        if game is None:
            why = (
                "tracks are negotiated one after another"
                if scenario.linkage != "package"
                else "sampled parameters change the utility table (weights, values or couplings)"
            )
            return cls(player, why, [])
        strategies = [
            make_strategy(scenario.actors[a].strategy.name, scenario.actors[a].strategy.params)
            for a in game.actors
        ]
        sampled = [
            c.removeprefix("actors.").replace(".strategy.params.", ".")
            for c in player.sampler.columns
            if ".strategy.params." in c
        ]
        return cls(player, unsupported(game, strategies, sampled), strategies)

    def play(self, start: int, stop: int) -> pa.Table:
        """Runs ``start`` to ``stop - 1``: the rows :meth:`RunPlayer.play` writes, as one table.

        Parameters
        ----------
        start
            The first run.
        stop
            The run after the last.

        Returns
        -------
        pyarrow.Table
            One row per run, in run order, with ``runs.parquet``'s schema.
        """
        player = self.player
        game = player.base_game
        assert game is not None
        assert self.reason is None
        seeds, words, models = run_seeds(self.experiment, start, stop)
        values = player.sampler.draw_columns(words) if player.sampler.entries else {}
        runs = self._runs(values, stream_words(models))
        played = play_block(game, self.strategies, runs)
        columns = self._columns(played, range(start, stop), seeds.tolist())
        for name in player.scenario.actors:
            at = game.actors.index(name) if name in game.actors else None
            walkaway = runs.reservation[:, at] if at is not None else [None] * (stop - start)
            columns[f"walkaway.{name}"] = walkaway
        for path in player.sampler.columns:
            columns[f"param.{path}"] = values[path]
        return pa.Table.from_pydict(columns, schema=self.schema)

    def _runs(self, values: dict[str, FloatArray], streams: IntArray) -> Runs:
        """The runs' numbers, as :meth:`RunPlayer.changes` sets them one run at a time."""
        player, game = self.player, self.player.base_game
        assert game is not None
        count = len(streams)
        arrays = {
            name: np.repeat(getattr(game, name)[np.newaxis], count, axis=0).astype(np.float64)
            for name in ("reservation", "discount", "cost", "power")
        }
        params: dict[int, dict[str, FloatArray]] = {}
        chances: dict[str, list[float]] = {}
        fighting: dict[str, list[float]] = {}
        for path in player.sampler.columns:
            match = SHARED_TABLE_PARAMETER.match(path)
            assert match is not None
            column = values[path].tolist()
            if match["parameter"]:
                actor = match["actor"]
                if match["parameter"] == "discount":
                    rate = player.scenario.actors[actor].discount
                    column = [rate.per_round(game.deadline, x) for x in column]
                arrays[match["parameter"]][:, game.actors.index(actor)] = column
            elif match["track"]:
                chances[match["track"]] = column
            elif match["war"]:
                fighting[match["side"] or "victory"] = column
            else:
                at = game.actors.index(match["player"])
                params.setdefault(at, {})[match["param"]] = values[path]
        breakdown = np.full(count, game.breakdown)
        if chances:
            tracks = game.space.tracks if game.space else ()
            stated = {t: [player.scenario.tracks[t].breakdown] * count for t in tracks}
            table = np.array([chances.get(t, stated[t]) for t in tracks]).T
            breakdown = 1 - np.prod(1 - table, axis=1)
        if fighting and game.war is not None:
            war = game.war
            victory = np.array(fighting.get("victory", [war.victory] * count), dtype=np.float64)
            payers = [game.actors[column] for column in war.payers]
            costs = np.array(
                [fighting.get(name, [war.costs[k]] * count) for k, name in enumerate(payers)],
                dtype=np.float64,
            ).T
            arrays["reservation"][:, list(war.payers)] = fighting_values(
                war, game.utilities, victory, costs
            )
        return Runs(**arrays, breakdown=breakdown, streams=streams, params=params)

    def _columns(self, played: Played, runs: range, seeds: list[int]) -> dict[str, Any]:
        player, game = self.player, self.player.base_game
        assert game is not None
        assert game.space is not None
        count = len(runs)
        agreed = played.outcome >= 0
        walked = played.walked_out
        columns: dict[str, Any] = {
            "run": list(runs),
            "seed": seeds,
            "variant": [player.spec.variant] * count,
            "protocol": [game.protocol] * count,
            "agreement": agreed,
            "reason": played.reason,
            "rounds": played.rounds,
            "deadline": [game.deadline] * count,
            "walked_out": [game.actors[w] if w >= 0 else None for w in walked.tolist()],
        }
        columns.update({f"outcome.{issue}": [None] * count for issue in player.issues})
        levels = game.space.levels(np.maximum(played.outcome, 0))
        for axis, column in zip(game.space.axes, levels, strict=True):
            options = [axis.value(level) for level in range(axis.size)]
            columns[f"outcome.{axis.name}"] = [
                options[level] if deal else None
                for level, deal in zip(column.tolist(), agreed.tolist(), strict=True)
            ]
        for name in player.scenario.actors:
            at = game.actors.index(name) if name in game.actors else None
            for kind, table in (("utility", played.utilities), ("discounted", played.discounted)):
                columns[f"{kind}.{name}"] = [None] * count if at is None else table[:, at]
        return columns
