"""A single run told as a seminar could follow it, and its trace as a tidy table."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from negosim.engine.simulate import TrackRun
from negosim.engine.why import why_lines
from negosim.games.game import Game
from negosim.games.result import NEUTRAL_MEDIATOR, SPEAKER_NAMES, Move, Trace
from negosim.solutions import nash_point

if TYPE_CHECKING:
    import pandas as pd


def speaker(game: Game, proposer: int) -> str:
    """Who spoke, for people.

    Parameters
    ----------
    game
        The game.
    proposer
        An actor's column or a non-actor speaker id.

    Returns
    -------
    str
        The actor's label, or the mediator's or forecast's name.
    """
    return SPEAKER_NAMES.get(proposer, game.label(proposer) if proposer >= 0 else "?")


def terms(game: Game, outcome: int, previous: int | None = None) -> str:
    """An offer's terms in a line, all of them, saying which changed since ``previous``.

    Parameters
    ----------
    game
        The game.
    outcome
        The offer.
    previous
        The same speaker's previous offer.

    Returns
    -------
    str
        ``issue: option · issue: option``, then ``(changes issue, issue)`` when some terms
        stayed; issues and options in words, not field names.
    """
    described = game.describe(outcome)
    before = game.describe(previous) if previous is not None else {}
    changed = [_words(k) for k, v in described.items() if before.get(k) != v]
    whole = " · ".join(f"{_words(k)}: {_value(v)}" for k, v in described.items())
    if previous is None or len(changed) == len(described):
        return whole
    return f"{whole} (changes {', '.join(changed)})"


def _words(name: str) -> str:
    return name.replace("_", " ")


def _value(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value).replace("_", " ")


def log_lines(run: TrackRun) -> Iterator[str]:
    """One stage told round by round, then its result.

    Parameters
    ----------
    run
        A played stage.

    Yields
    ------
    str
        One line at a time.
    """
    game = run.game
    yield (
        f"Tracks {' + '.join(run.tracks)} · protocol {run.protocol} · "
        f"deadline {game.deadline} rounds"
    )
    for members, _ in game.blocs:
        names = [game.label(m) for m in members]
        yield (
            f"{' and '.join(names)} speak as one bloc: {names[0]} proposes for it, and each "
            "answers by the bloc's utility (shown in the answers)"
        )
    if run.trace is not None:
        yield from round_lines(game, run.trace, run.result.rounds)
    yield from summary_lines(run)


def round_lines(game: Game, trace: Trace, rounds: int, *, reveal: bool = True) -> Iterator[str]:
    """The first ``rounds`` rounds: events as they strike, then each offer and its answers.

    Parameters
    ----------
    game
        The game.
    trace
        What was recorded.
    rounds
        How many rounds to tell.
    reveal
        Show what each answer was worth to whom (``False`` for a person at the table, who does
        not know the others' utilities).

    Yields
    ------
    str
        One line at a time.
    """
    last: dict[int, int] = {}
    repeats: list[
        Move
    ] = []  # consecutive rounds of one speaker repeating itself to the same answers
    for round_ in range(rounds):
        notes = [text for noted, text in trace.notes if noted == round_]
        moves = [m for m in trace.moves if m.round == round_]
        if not notes and len(moves) == 1 and last.get(moves[0].proposer) == moves[0].offer:
            if repeats and not _same_answers(repeats[-1], moves[0]):
                yield from _repeated_lines(game, repeats, reveal)
                repeats = []
            repeats.append(moves[0])
            continue
        yield from _repeated_lines(game, repeats, reveal)
        repeats = []
        for text in notes:
            yield f"Round {round_ + 1}: [{text}]"
        for move in moves:
            yield from move_lines(game, move, last.get(move.proposer), reveal=reveal)
            last[move.proposer] = move.offer
    yield from _repeated_lines(game, repeats, reveal)


def _same_answers(one: Move, other: Move) -> bool:
    return (one.proposer, one.offer, one.responses) == (
        other.proposer,
        other.offer,
        other.responses,
    )


def _repeated_lines(game: Game, repeats: list[Move], reveal: bool) -> Iterator[str]:
    """A run of rounds in which nothing moved, told once ('Rounds 3-9: ... repeats its offer')."""
    if len(repeats) == 1:
        yield from move_lines(game, repeats[0], repeats[0].offer, reveal=reveal)
    elif repeats:
        first, final = repeats[0].round + 1, repeats[-1].round + 1
        who = speaker(game, repeats[0].proposer)
        lines = list(move_lines(game, repeats[0], repeats[0].offer, reveal=reveal))
        yield f"Rounds {first}-{final}: {who} repeats its offer each round"
        yield lines[1] + " (each round)"


def move_lines(
    game: Game, move: Move, previous: int | None, *, reveal: bool = True
) -> Iterator[str]:
    """One offer and its answers.

    Parameters
    ----------
    game
        The game.
    move
        The offer.
    previous
        The same speaker's previous offer.
    reveal
        Show what each answer was worth.

    Yields
    ------
    str
        The offer's line, then the answers' line.
    """
    repeated = previous == move.offer
    offer = "repeats its offer" if repeated else "proposes " + terms(game, move.offer, previous)
    yield f"Round {move.round + 1}: {speaker(game, move.proposer)} {offer}"
    answers = [
        f"{game.label(i)} {'accepts' if yes else 'rejects'}"
        + (f" ({game.utilities[move.offer, i]:.2f})" if reveal else "")
        for i, yes in enumerate(move.responses)
        if i != move.proposer
    ]
    yield "          " + " · ".join(answers)


def summary_lines(run: TrackRun) -> Iterator[str]:
    """The result of a stage: the deal and what each actor got.

    Parameters
    ----------
    run
        A played stage.

    Yields
    ------
    str
        One line at a time.
    """
    game, result = run.game, run.result
    if result.agreement and result.outcome is not None:
        yield (
            f"Agreement in round {result.rounds}, tabled by "
            f"{speaker(game, result.proposer if result.proposer is not None else NEUTRAL_MEDIATOR)}:"
        )
        yield "  terms: " + terms(game, result.outcome)
    else:
        yield f"No agreement ({result.reason}) after {result.rounds} rounds; everyone keeps its walk-away."
    for i in range(game.n):
        yield (
            f"  {game.label(i):<18} utility {result.utilities[i]:.3f} "
            f"(discounted {result.discounted[i]:.3f}; walk-away {game.own('reservation')[i]:.3f})"
        )
    distance = distance_to_nash(game, result.utilities)
    if distance is not None:
        yield f"  distance to the Nash point in utility space: {distance:.3f}"
    yield from why_lines(game, result)


def nash_of(game: Game) -> int | None:
    """The Nash bargaining outcome of the game's ZOPA.

    Parameters
    ----------
    game
        The game.

    Returns
    -------
    int or None
        Its row, ``None`` when the ZOPA is empty.
    """
    accepts = game.admissible & (game.utilities >= game.reservation)
    return nash_point(game.utilities, game.reservation, feasible=game.ratify_matrix(accepts))


def distance_to_nash(game: Game, utilities: np.ndarray) -> float | None:
    """How far a result lies from the Nash point, in utility space.

    Parameters
    ----------
    game
        The game.
    utilities
        Each actor's utility of the result.

    Returns
    -------
    float or None
        The Euclidean distance, ``None`` when there is no Nash point.
    """
    nash = nash_of(game)
    return None if nash is None else float(np.linalg.norm(utilities - game.utilities[nash]))


def trace_table(runs: list[TrackRun]) -> pd.DataFrame:
    """One row per offer and actor: round, proposer, actor, response, utility, and the offer's terms.

    Parameters
    ----------
    runs
        Played stages with traces.

    Returns
    -------
    pandas.DataFrame
        The tidy trace.
    """
    import pandas as pd

    return pd.DataFrame([row for run in runs for row in trace_rows(run)])


def trace_rows(run: TrackRun) -> Iterator[dict[str, Any]]:
    """The rows of :func:`trace_table` for one played stage (``negosim run --traces`` too).

    Parameters
    ----------
    run
        A played stage with its trace.

    Yields
    ------
    dict
        One row per offer and actor, the offer's terms decoded issue by issue.
    """
    game = run.game
    tracks = "+".join(run.tracks)
    for move in run.trace.moves if run.trace else []:
        outcome = {f"outcome.{k}": v for k, v in game.describe(move.offer).items()}
        proposer = (
            game.actors[move.proposer]
            if move.proposer >= 0
            else SPEAKER_NAMES[move.proposer].removeprefix("The ").lower()
        )
        for i, yes in enumerate(move.responses):
            u = float(game.utilities[move.offer, i])
            yield {
                "tracks": tracks,
                "round": move.round + 1,
                "proposer": proposer,
                "actor": game.actors[i],
                "response": "proposes" if i == move.proposer else ("accepts" if yes else "rejects"),
                "utility": u,
                "discounted": u * float(game.discount[i]) ** move.round,
                **outcome,
            }


def write_table(table: pd.DataFrame, path: Path) -> None:
    """CSV or Parquet by the file's extension, written to a temporary file and moved into place.

    Parameters
    ----------
    table
        The table.
    path
        Where to write it.
    """
    temporary = path.with_name(f".{path.name}.partial")
    if path.suffix == ".parquet":
        table.to_parquet(temporary, index=False)
    else:
        table.to_csv(temporary, index=False)
    temporary.replace(path)
