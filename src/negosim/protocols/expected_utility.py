"""Bueno de Mesquita's expected-utility dynamics, issue by issue, as a forecast of the outcome.

Each ordered issue is a scale: every actor starts at its ideal point, with its power as capability
and its salience (as the scenario states it, or the issue's weight over its largest weight). Each
round plays one round of challenges on every issue under the track's rules (``scholz`` or
``masad``, see :mod:`negosim.solutions.challenges`), then puts the forecast (the weighted median,
snapped to the nearest option) to the parties, who answer as their strategies do (their targets
fall over time as under any protocol). Once positions settle, the forecast no longer moves: talks
are deadlocked when it leaves some party it needs below its walk-away (it could never pass), and
otherwise go on until it passes, someone walks out or the deadline comes.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from negosim.games.game import Game
from negosim.games.result import FORECAST
from negosim.protocols.base import Protocol, Table
from negosim.solutions.challenges import expected_utility_round


class ExpectedUtility(Protocol):
    """Bueno de Mesquita's challenges on every issue scale; the settled forecast is put to a vote."""

    name: ClassVar[str] = "expected_utility"
    description: ClassVar[str] = (
        "challenges and concessions on each issue scale; the median is the forecast"
    )

    def reset(self, table: Table) -> None:
        """Start every actor at its ideal point with its relative salience.

        Parameters
        ----------
        table
            The negotiation about to start.
        """
        positions = table.game.options.positions
        assert positions is not None, "the expected-utility protocol needs issue positions"
        ideal = positions.ideal
        self.salience = positions.salience
        self.rules = positions.rules
        self.positions = ideal.copy()
        self.forecast = ideal[0].copy()
        self.history: list[np.ndarray] = []

    def play_round(self, table: Table) -> None:
        """One round of challenges on every issue; vote on the forecast once positions settle.

        Parameters
        ----------
        table
            The negotiation in progress.
        """
        space = table.game.space
        assert space is not None, "the expected-utility protocol needs issues"
        moved = False
        for k, axis in enumerate(space.axes):
            span = float(axis.points[-1] - axis.points[0]) or 1.0
            played = expected_utility_round(
                self.positions[:, k], table.game.power, self.salience[:, k], span, rules=self.rules
            )
            moved |= bool(played.moves)
            self.positions[:, k] = played.positions
            self.forecast[k] = played.median
        self.history.append(self.forecast.copy())
        if table.trace is not None:
            shown = ", ".join(
                f"{a.name} {a.value(int(np.argmin(np.abs(a.points - v))))}"
                for a, v in zip(space.axes, self.forecast, strict=True)
            )
            table.trace.note(table.round, f"forecast (weighted median): {shown}")
        outcome = self._forecast_text(table)
        if table.vote(FORECAST, outcome):
            return
        if not moved and not _could_pass(table.game, outcome, table.round):
            table.conclude(None, "deadlock", None)

    def _forecast_text(self, table: Table) -> int:
        """The outcome nearest the forecast, issue by issue."""
        space = table.game.space
        assert space is not None
        levels = [
            int(np.argmin(np.abs(a.points - v)))
            for a, v in zip(space.axes, self.forecast, strict=True)
        ]
        return int(np.ravel_multi_index(levels, space.shape))


def _could_pass(game: Game, outcome: int, round_: int) -> bool:
    """Whether ``outcome`` passes with every party at its walk-away (worth only falls later)."""
    worth = game.utilities[outcome] * game.discount**round_ - game.cost * round_
    willing = game.admissible[outcome] & (worth >= game.reservation - 1e-12)
    return bool(game.ratified(tuple(willing.tolist()), outcome))
