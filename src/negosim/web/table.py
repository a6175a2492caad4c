"""One negotiation at the dashboard's table, kept as data and replayed on every change.

A person's moves arrive between page events, not inside a Python call, so the table keeps no paused
model: it keeps the seed, the person's answers so far and the events the instructor injected, and
replays the negotiation from round one up to where the page stands. The same data gives the same
negotiation (the model's only randomness is its seed), so a replay costs milliseconds, needs no
thread, and an event injected at round k leaves rounds before k exactly as they were.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

import numpy as np

from negosim.engine.model import NegotiationModel, forget
from negosim.engine.narrative import round_lines, summary_lines
from negosim.engine.simulate import TrackRun
from negosim.games.game import Game, game_from_scenario
from negosim.games.result import Result, Trace
from negosim.play.tables import Turn, Waiting
from negosim.scenario.model import Event, Scenario
from negosim.strategies import Strategy, make_strategy
from negosim.strategies.human import Callback, Move

Answer = tuple[Move, int | bool]


@dataclass(frozen=True)
class View:
    """The negotiation as far as the page has taken it."""

    game: Game
    rounds: int
    offers: tuple[tuple[int, int, int], ...]
    """(round, proposer, outcome) of every offer so far."""
    log: tuple[str, ...]
    result: Result | None
    question: Turn | None
    used: int
    """How many of the person's answers this replay consumed."""
    trace: Trace
    protocol: str

    @property
    def finished(self) -> bool:
        return self.result is not None

    def run(self) -> TrackRun:
        """The finished negotiation as the engine reports any run (for the debrief and saving)."""
        assert self.result is not None
        tracks = self.game.space.tracks if self.game.space else ()
        return TrackRun(tuple(tracks), self.game, self.result, self.trace, self.protocol)


@dataclass(frozen=True)
class Table:
    scenario: Scenario
    seed: int = 0
    seat: str | None = None
    answers: tuple[Answer, ...] = ()
    events: tuple[Event, ...] = ()
    rounds: int = 0
    """Rounds the page has asked to be played (the model may stop earlier)."""
    _games: dict[int, Game] = field(default_factory=dict, compare=False, repr=False)

    def step(self, rounds: int = 1) -> Table:
        return replace(self, rounds=self.rounds + rounds)

    def to_the_end(self) -> Table:
        return replace(self, rounds=self.game().deadline)

    def answer(self, view: View, value: int | bool) -> Table:
        """The person's answer to ``view.question``; play goes on to their next move or the end."""
        assert view.question is not None
        answers = (*self.answers[: view.used], (view.question.kind, value))
        return replace(self, answers=answers, rounds=self.game().deadline)

    def inject(self, view: View, event: Event) -> Table:
        """An event that takes effect now: at the start of the round being played."""
        now = view.question.round if view.question is not None else view.rounds
        return replace(self, events=(*self.events, event.model_copy(update={"round": now})))

    @property
    def scenario_now(self) -> Scenario:
        if not self.events:
            return self.scenario
        return self.scenario.model_copy(update={"events": [*self.scenario.events, *self.events]})

    def game(self) -> Game:
        """Built once per set of events; a replay reuses it."""
        key = len(self.events)
        if key not in self._games:
            self._games[key] = game_from_scenario(self.scenario_now)
        return self._games[key]

    def view(self) -> View:
        game = self.game()
        answers = iter(self.answers)
        used = 0

        def seat(kind: Move, round_: int, offer: int | None, proposer: int | None) -> int | bool:
            nonlocal used
            given = next(answers, None)
            if given is None or given[0] != kind:
                raise Waiting(Turn(self.seat or "", kind, round_, offer, proposer))
            used += 1
            return given[1]

        model = NegotiationModel(game, self._strategies(game, seat), seed=self.seed)
        question = None
        try:
            while model.running and model.round < self.rounds:
                model.step()
        except Waiting as waiting:
            question = waiting.turn
        finally:
            forget(model)
        return _view_of(model, question, used, seated=self.seat is not None)

    def _strategies(self, game: Game, seat: Callback) -> list[Strategy]:
        specs = self.scenario.actors
        return [
            make_strategy("human", {}, seat)
            if name == self.seat
            else make_strategy(specs[name].strategy.name, specs[name].strategy.params)
            for name in game.actors
        ]


def _view_of(model: NegotiationModel, question: Turn | None, used: int, *, seated: bool) -> View:
    game, trace = model.game, model.trace
    assert trace is not None
    played = model.round + (1 if question is not None else 0)
    log = list(round_lines(game, trace, played, reveal=not seated or model.result is not None))
    if model.result is not None:
        log.extend(summary_lines(TrackRun((), game, model.result, trace, model.protocol.name)))
    return View(
        game=game,
        rounds=model.round,
        offers=tuple((m.round, m.proposer, m.offer) for m in trace.moves),
        log=tuple(log),
        result=model.result,
        question=question,
        used=used,
        trace=trace,
        protocol=model.protocol.name,
    )


def best_offer(game: Game, actor: int) -> int:
    """The outcome worth most to ``actor`` among those its red lines allow: the form's default."""
    column = np.where(game.admissible[:, actor], game.utilities[:, actor], -1.0)
    return int(np.argmax(column))


def options_of(game: Game) -> Iterator[list[str]]:
    """Each issue's options as the person sees them, in the outcome grid's order."""
    assert game.space is not None
    for axis in game.space.axes:
        yield [str(axis.value(i)).replace("_", " ") for i in range(axis.size)]
