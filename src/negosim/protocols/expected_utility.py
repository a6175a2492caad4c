"""Bueno de Mesquita's expected-utility dynamics, issue by issue, as a forecast of the outcome.

Each ordered issue is a scale: every actor starts at its ideal point, with its power as capability
and its relative salience (the issue's weight over its largest weight). Each round plays one round of
challenges on every issue (see :mod:`negosim.solutions.expected_utility`). When positions settle, or at
the deadline, the forecast (the weighted median, snapped to the nearest option) is put to the
ratification rule, each actor accepting what it finds acceptable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import numpy as np

from negosim.protocols.base import Protocol
from negosim.solutions.expected_utility import expected_utility_round

if TYPE_CHECKING:
    from negosim.model import NegotiationModel

FORECASTER = -2


class ExpectedUtility(Protocol):
    name: ClassVar[str] = "expected_utility"
    description: ClassVar[str] = (
        "challenges and concessions on each issue scale; the median is the forecast"
    )

    def reset(self, model: NegotiationModel) -> None:
        game = model.game
        ideal = np.asarray(game.options["ideal"], dtype=np.float64)
        salience = np.asarray(game.options["salience"], dtype=np.float64)
        top = salience.max(axis=1, keepdims=True)
        self.salience = np.divide(salience, top, out=np.zeros_like(salience), where=top > 0)
        self.positions = ideal.copy()
        self.forecast = ideal[0].copy()
        self.history: list[np.ndarray] = []

    def play_round(self, model: NegotiationModel) -> None:
        space = model.game.space
        assert space is not None, "the expected-utility protocol needs issues"
        moved = False
        for k, axis in enumerate(space.axes):
            span = float(axis.points[-1] - axis.points[0]) or 1.0
            played = expected_utility_round(
                self.positions[:, k], model.game.power, self.salience[:, k], span
            )
            moved |= bool(played.moves)
            self.positions[:, k] = played.positions
            self.forecast[k] = played.median
        self.history.append(self.forecast.copy())
        if model.trace is not None:
            shown = ", ".join(
                f"{a.name} {a.value(int(np.argmin(np.abs(a.points - v))))}"
                for a, v in zip(space.axes, self.forecast, strict=True)
            )
            model.trace.note(model.round, f"forecast (weighted median): {shown}")
        if not moved or model.round + 1 >= model.game.deadline:
            self._put_to_vote(model)

    def _put_to_vote(self, model: NegotiationModel) -> None:
        space = model.game.space
        assert space is not None
        levels = [
            int(np.argmin(np.abs(a.points - v)))
            for a, v in zip(space.axes, self.forecast, strict=True)
        ]
        outcome = int(np.ravel_multi_index(levels, space.shape))
        game = model.game
        responses = [
            bool(game.admissible[outcome, i]) and game.utilities[outcome, i] >= game.reservation[i]
            for i in range(game.n)
        ]
        if model.trace is not None:
            from negosim.engine.result import Move

            model.trace.record(Move(model.round, FORECASTER, outcome, tuple(responses)))
        if game.ratified(responses, outcome):
            model.conclude(outcome, "agreement", FORECASTER)
        else:
            model.conclude(None, "deadlock", None)
