"""A classroom table: several people negotiate with each other, the scenario's strategies fill the rest.

A table is data, not a paused model: the scenario, the seed, the seats people hold (each with an
unguessable token), every answer each person has given, the rounds from which quiet seats are
played by their strategies, and the events the instructor injected. Its state is the negotiation
replayed from round one with those answers — the model's only randomness is its seed — so a table
survives a page reload or a server restart by being written to disk as JSON after every move, and
two replays of the same data tell the same story. The first question the replay cannot answer is
whose turn it is.
"""

from __future__ import annotations

import hmac
import json
import secrets
import time
from dataclasses import dataclass, field, replace
from typing import Any

from negosim.engine.model import NegotiationModel, forget
from negosim.engine.narrative import round_lines, summary_lines
from negosim.engine.simulate import TrackRun
from negosim.games.game import Game, game_from_scenario
from negosim.games.result import Result
from negosim.scenario.model import Event, Scenario
from negosim.scenario.paths import document
from negosim.strategies import Strategy, make_strategy
from negosim.strategies.human import Human, Move
from negosim.strategies.stand_in import StandIn


class TableError(ValueError):
    """A move the table refuses: a wrong token, not this seat's turn, a finished table."""


@dataclass(frozen=True)
class Turn:
    """Whose move it is, and what is asked of them."""

    actor: str
    kind: Move
    round: int
    offer: int | None = None
    proposer: int | None = None


class Waiting(Exception):  # noqa: N818 - control flow, not an error
    """Raised by a seat's callback in a replay when the person has not answered yet: the replay
    stops there, and ``turn`` says whose move it is (classroom tables and the dashboard's single
    seat replay alike)."""

    def __init__(self, turn: Turn) -> None:
        super().__init__(turn.kind)
        self.turn = turn


@dataclass(frozen=True)
class TableView:
    """The table as far as its answers take it.

    Attributes
    ----------
    turn
        Whose move it is, ``None`` once the talks are over.
    result
        The result, once over.
    log
        The rounds told, as ``negosim simulate`` tells them (the others' utilities hidden until
        the end).
    rounds
        Rounds played.
    """

    game: Game
    turn: Turn | None
    result: Result | None
    log: tuple[str, ...]
    rounds: int
    run: TrackRun | None = None
    """The finished negotiation as the engine reports any run (for the class debrief)."""
    closed: bool = False
    """Whether the instructor ended the talks (then ``turn`` is ``None`` with no result)."""
    offers: tuple[tuple[int, int, int], ...] = ()
    """(round, proposer, outcome) of every offer made so far."""


@dataclass(frozen=True)
class SharedTable:
    """One table of a class: a scenario, a seed, the seats people hold and what they said.

    Attributes
    ----------
    name
        The table's name (letters, digits and dashes: it names its file).
    scenario
        The scenario negotiated.
    seed
        The negotiation's seed.
    tokens
        Each seat a person holds, and its token.
    answers
        Each person's answers so far, in order: (move, outcome or yes/no).
    handed_over
        Seats played by their strategy from a round on (their person went quiet).
    events
        Events the instructor injected.
    moved_at
        When the table last changed (seconds since the epoch): how long the seat to move has
        been quiet.
    idle_after
        The instructor's patience with a quiet seat, in seconds (``None``: no limit).
    closed
        Whether the instructor closed the table (no move is taken after).
    """

    name: str
    scenario: Scenario
    seed: int
    tokens: dict[str, str]
    answers: dict[str, tuple[tuple[Move, int | bool], ...]] = field(default_factory=dict)
    handed_over: dict[str, int] = field(default_factory=dict)
    events: tuple[Event, ...] = ()
    moved_at: float = field(default_factory=time.time)
    idle_after: float | None = None
    closed: bool = False
    _games: dict[int, Game] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def open(
        cls,
        name: str,
        scenario: Scenario,
        seed: int,
        seats: list[str],
        idle_after: float | None = None,
    ) -> SharedTable:
        """A new table with a fresh, unguessable token for each seat people will hold.

        Parameters
        ----------
        name
            The table's name.
        scenario
            The scenario.
        seed
            The seed.
        seats
            The actors people will play; the others are played by their strategies.
        idle_after
            Seconds a person's turn may wait before their strategy plays the seat.

        Returns
        -------
        SharedTable
            The table, nothing said yet.

        Raises
        ------
        TableError
            When a seat is not an actor at the scenario's table, or the name is unfit for a file.
        """
        check_name(name)
        at_table = game_from_scenario(scenario).actors
        strangers = [seat for seat in seats if seat not in at_table]
        if strangers:
            raise TableError(
                f"not seated at this table: {', '.join(strangers)}; seats: {', '.join(at_table)}"
            )
        tokens = {seat: secrets.token_urlsafe(16) for seat in seats}
        return cls(name, scenario, seed, tokens, dict.fromkeys(seats, ()), idle_after=idle_after)

    def seat_of(self, token: str) -> str | None:
        """The seat a token opens, compared in constant time; ``None`` for any other string.

        Parameters
        ----------
        token
            What the person's link carries.

        Returns
        -------
        str or None
            The actor.
        """
        for actor, held in self.tokens.items():
            if hmac.compare_digest(held.encode(), token.encode()):
                return actor
        return None

    def answer(self, token: str, value: int | bool) -> SharedTable:
        """The move of the person whose turn it is.

        Parameters
        ----------
        token
            Their seat's token.
        value
            An outcome to offer, or yes/no to the offer on the table.

        Returns
        -------
        SharedTable
            The table with the move recorded.

        Raises
        ------
        TableError
            For a wrong token, a seat whose turn it is not, a finished table, or an offer that
            is not an outcome of the game.
        """
        actor = self.seat_of(token)
        if actor is None:
            raise TableError("this link opens no seat at this table")
        turn = self.view().turn
        if turn is None:
            raise TableError(
                "the instructor closed this table" if self.closed else "the talks are over"
            )
        if turn.actor != actor:
            raise TableError(f"it is not your turn: {turn.actor} is to {turn.kind}")
        if turn.kind == "propose" and not 0 <= int(value) < self.game().size:
            raise TableError(f"no outcome {value}: an offer is a row of the outcome table")
        move = int(value) if turn.kind == "propose" else bool(value)
        answers = {**self.answers, actor: (*self.answers[actor], (turn.kind, move))}
        return replace(self, answers=answers, moved_at=time.time())

    def hand_over(self, actor: str) -> SharedTable:
        """The seat's strategy plays it from the round under way (its person went quiet).

        Parameters
        ----------
        actor
            A seat a person holds.

        Returns
        -------
        SharedTable
            The table with the seat handed over.
        """
        view = self.view()
        now = view.turn.round if view.turn is not None else view.rounds
        return replace(self, handed_over={**self.handed_over, actor: now}, moved_at=time.time())

    def inject(self, event: Event) -> SharedTable:
        """An event that takes effect at the start of the round under way.

        Parameters
        ----------
        event
            The event (its round is replaced by the current one).

        Returns
        -------
        SharedTable
            The table with the event.
        """
        view = self.view()
        now = view.turn.round if view.turn is not None else view.rounds
        events = (*self.events, event.model_copy(update={"round": now}))
        return replace(self, events=events, moved_at=time.time())

    def keeping_games(self, other: SharedTable | None) -> SharedTable:
        """This table reusing the games ``other`` built, when both negotiate the same scenario.

        A table read back from disk builds its game again (a fifth of a second on the grand
        bargain); a server that holds the previous copy passes its games on.

        Parameters
        ----------
        other
            An earlier copy of the table, if any.

        Returns
        -------
        SharedTable
            This table, with the other's games when their scenarios are equal.
        """
        if other is None or other.scenario != self.scenario:
            return self
        return replace(self, _games=other._games)

    def close(self) -> SharedTable:
        """The table as the instructor ends it: no move is taken after, the log says so.

        Returns
        -------
        SharedTable
            The closed table.
        """
        return replace(self, closed=True, moved_at=time.time())

    def quiet_seat(self, now: float, limit: float | None = None) -> str | None:
        """The person's seat whose turn has waited longer than ``limit`` seconds, if any.

        Parameters
        ----------
        now
            The time now (seconds since the epoch).
        limit
            The instructor's patience with a quiet seat, in seconds (default: the table's own).

        Returns
        -------
        str or None
            The actor to hand over to its strategy.
        """
        limit = self.idle_after if limit is None else limit
        if limit is None or now - self.moved_at <= limit:
            return None
        turn = self.view().turn
        if turn is None or turn.actor in self.handed_over:
            return None
        return turn.actor

    def seconds_left(self, now: float) -> float | None:
        """How long the seat to move has before its strategy plays it (``None``: no limit).

        Parameters
        ----------
        now
            The time now (seconds since the epoch).

        Returns
        -------
        float or None
            Seconds, never below zero.
        """
        if self.idle_after is None:
            return None
        return max(0.0, self.idle_after - (now - self.moved_at))

    def game(self) -> Game:
        """The game with the injected events.

        Returns
        -------
        Game
            Built from the scenario and events.
        """
        key = len(self.events)  # events are only ever added; a replay reuses the game
        if key not in self._games:
            events = [*self.scenario.events, *self.events]
            self._games[key] = game_from_scenario(
                self.scenario.model_copy(update={"events": events})
            )
        return self._games[key]

    def view(self) -> TableView:
        """The negotiation replayed with every answer so far, up to the first it lacks.

        Returns
        -------
        TableView
            Whose turn it is, the log, and the result once the talks are over.
        """
        game = self.game()
        model = NegotiationModel(game, self._strategies(game), seed=self.seed)
        assert model.trace is not None
        for actor, round_ in self.handed_over.items():
            label = game.label(game.actors.index(actor))
            model.trace.note(round_, f"{label}'s seat is played by its strategy from here")
        turn, stopped = None, False
        try:
            while model.running:
                model.step()
        except Waiting as waiting:
            turn, stopped = waiting.turn, True
            if self.closed:  # the talks stop where the person who was to move left them
                turn = None
                model.trace.note(waiting.turn.round, "The instructor closed the table")
        finally:
            forget(model)
        over = model.result is not None or self.closed
        log = list(round_lines(game, model.trace, model.round + stopped, reveal=over))
        run = None
        if model.result is not None:
            tracks = tuple(game.space.tracks) if game.space else ()
            run = TrackRun(tracks, game, model.result, model.trace, model.protocol.name)
            log.extend(summary_lines(run))
        offers = tuple((m.round, m.proposer, m.offer) for m in model.trace.moves)
        return TableView(
            game, turn, model.result, tuple(log), model.round, run, self.closed, offers
        )

    def _strategies(self, game: Game) -> list[Strategy]:
        specs = self.scenario.actors
        players: list[Strategy] = []
        for actor in game.actors:
            spec = specs[actor].strategy
            deputy = make_strategy(spec.name, spec.params)
            if actor not in self.tokens:
                players.append(deputy)
                continue
            person = Human(callback=_asker(actor, self.answers.get(actor, ())))
            players.append(StandIn(person, deputy, self.handed_over.get(actor, 10**9)))
        return players

    def to_json(self) -> str:
        """The table as JSON, everything needed to replay it.

        Returns
        -------
        str
            A JSON document.
        """
        return json.dumps(
            {
                "name": self.name,
                "scenario": document(self.scenario),
                "seed": self.seed,
                "tokens": self.tokens,
                "answers": {a: [list(x) for x in given] for a, given in self.answers.items()},
                "handed_over": self.handed_over,
                "events": [e.model_dump(mode="json") for e in self.events],
                "moved_at": self.moved_at,
                "idle_after": self.idle_after,
                "closed": self.closed,
            },
            indent=1,
        )

    @classmethod
    def from_json(cls, text: str) -> SharedTable:
        """A table written by :meth:`to_json`.

        Parameters
        ----------
        text
            The JSON document.

        Returns
        -------
        SharedTable
            The same table.
        """
        data: dict[str, Any] = json.loads(text)
        answers = {
            actor: tuple((kind, value) for kind, value in given)
            for actor, given in data["answers"].items()
        }
        return cls(
            name=data["name"],
            scenario=Scenario.model_validate(data["scenario"]),
            seed=int(data["seed"]),
            tokens=dict(data["tokens"]),
            answers=answers,
            handed_over={a: int(r) for a, r in data["handed_over"].items()},
            events=tuple(Event.model_validate(e) for e in data["events"]),
            moved_at=float(data.get("moved_at", 0.0)),
            idle_after=None if data.get("idle_after") is None else float(data["idle_after"]),
            closed=bool(data.get("closed", False)),
        )


def check_name(name: str) -> str:
    """A table's name, refused unless it is fit to name a file (no path can hide in it).

    Parameters
    ----------
    name
        The name asked for.

    Returns
    -------
    str
        The name itself.

    Raises
    ------
    TableError
        For anything but letters, digits and dashes.
    """
    if not name or not all(c.isalnum() or c == "-" for c in name):
        raise TableError(f"table name {name!r}: use letters, digits and dashes only")
    return name


def _asker(actor: str, given: tuple[tuple[Move, int | bool], ...]) -> Any:
    """The callback of one person's seat: their answers in order, then a wait for the next."""
    answers = iter(given)

    def ask(kind: Move, round_: int, offer: int | None, proposer: int | None) -> int | bool:
        found = next(answers, None)
        if found is None or found[0] != kind:
            raise Waiting(Turn(actor, kind, round_, offer, proposer))
        return found[1]

    return ask
