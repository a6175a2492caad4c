"""Rounds of Bueno de Mesquita's model: who challenges whom, and who moves where.

Two sets of rules, which differ in three places:

``scholz`` (Scholz, Calbert and Smith 2011, as negosim has always played it)
    A win probability counts the votes for the challenger over all votes cast. Actor ``i`` judges
    both sides of every dyad through its own risk exponent — its own expected utility of
    challenging ``j`` and ``j``'s of challenging it. Of the moves the dyads leave it, ``i`` makes
    a confrontation before a compromise before a capitulation, and of one kind the one that moves
    it least.
``masad`` (David Masad's public Python replication of Scholz et al., 2015)
    A win probability counts votes net of those against, floored at zero. A challenger's expected
    utility is seen through the challenger's own risk exponent. Actor ``i`` answers only the
    challenge whose challenger expects most from it (ties: the nearest), and moves as that one dyad
    says.

In both, an actor that loses a confrontation moves to the challenger, one that compromises moves
part of the way (by ``|EU_i / EU_j|``) and one that capitulates moves all the way. The status quo
is taken to hold when nobody challenges (``q = 1``), where both sets of rules agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import numpy.typing as npt

from negosim.arrays import FloatArray
from negosim.solutions.expected_utility import (
    challenge_utility,
    risk_exponents,
    weighted_mean,
    weighted_median,
)

Rules = Literal["scholz", "masad"]


@dataclass(frozen=True)
class Move:
    """One actor's move in a round of Bueno de Mesquita's model.

    Attributes
    ----------
    actor
        Who moves.
    kind
        ``"confrontation"``, ``"compromise"`` or ``"capitulation"``.
    towards
        The actor whose challenge or position prompts the move.
    position
        Where the mover ends up.
    """

    actor: int
    kind: str
    """"confrontation", "compromise" or "capitulation"."""
    towards: int
    position: float


@dataclass(frozen=True)
class ExpectedUtilityRound:
    """One round of challenges on one issue scale.

    Attributes
    ----------
    positions
        Positions after the round's moves.
    mean
        The capability × salience weighted mean of the new positions.
    median
        The weighted median of the new positions: the forecast.
    risk
        Each actor's risk exponent this round.
    moves
        The moves made.
    """

    positions: FloatArray
    """Positions after the round's moves."""
    mean: float
    median: float
    risk: FloatArray
    moves: list[Move] = field(default_factory=list)


def expected_utility_round(
    x: FloatArray,
    c: FloatArray,
    s: FloatArray,
    span: float,
    q: float = 1.0,
    rules: Rules = "scholz",
) -> ExpectedUtilityRound:
    """One round: every actor's best move given the challenges it expects, applied together.

    Parameters
    ----------
    x
        Positions before the round.
    c
        Capabilities.
    s
        Saliences.
    span
        The issue scale's width.
    q
        The chance that the status quo holds when nobody challenges (Bueno de Mesquita's Q).
    rules
        ``scholz`` or ``masad`` (see the module's docstring).

    Returns
    -------
    ExpectedUtilityRound
        The new positions, forecast and moves.
    """
    x = np.asarray(x, dtype=np.float64)
    risk = risk_exponents(x, c, s, span, q, net=rules == "masad")
    choose = _masad_move if rules == "masad" else _scholz_move
    moves = [m for i in range(len(x)) if (m := choose(x, c, s, i, span, risk, q))]
    after = x.copy()
    for move in moves:
        after[move.actor] = move.position
    return ExpectedUtilityRound(
        after, weighted_mean(after, c, s), weighted_median(after, c, s), risk, moves
    )


def expected_utility_rounds(
    x: npt.ArrayLike,
    c: npt.ArrayLike,
    s: npt.ArrayLike,
    span: float,
    rounds: int,
    q: float = 1.0,
    rules: Rules = "scholz",
) -> list[ExpectedUtilityRound]:
    """Several rounds of :func:`expected_utility_round`, each starting where the last ended.

    Parameters
    ----------
    x
        Positions before the first round.
    c
        Capabilities.
    s
        Saliences.
    span
        The issue scale's width.
    rounds
        How many rounds.
    q
        The chance that the status quo holds when nobody challenges (Bueno de Mesquita's Q).
    rules
        ``scholz`` or ``masad``.

    Returns
    -------
    list of ExpectedUtilityRound
        One per round.
    """
    positions = np.asarray(x, dtype=np.float64)
    capability, salience = np.asarray(c, dtype=np.float64), np.asarray(s, dtype=np.float64)
    history = []
    for _ in range(rounds):
        played = expected_utility_round(positions, capability, salience, span, q, rules)
        history.append(played)
        positions = played.positions
    return history


def _scholz_move(
    x: FloatArray, c: FloatArray, s: FloatArray, i: int, span: float, risk: FloatArray, q: float
) -> Move | None:
    """Every dyad seen through ``i``'s own exponent; the strongest kind of move, the least far."""
    r = float(risk[i])
    offers: dict[str, list[Move]] = {"confrontation": [], "compromise": [], "capitulation": []}
    for j in range(len(x)):
        if x[j] == x[i]:
            continue
        mine = challenge_utility(x, c, s, i, j, span, r, q)
        theirs = challenge_utility(x, c, s, j, i, span, r, q)
        move = _answer(x, i, j, mine, theirs)
        if move is not None:
            offers[move.kind].append(move)
    for kind in ("confrontation", "compromise", "capitulation"):
        if offers[kind]:
            return min(offers[kind], key=lambda m: abs(m.position - x[i]))
    return None


def _masad_move(
    x: FloatArray, c: FloatArray, s: FloatArray, i: int, span: float, risk: FloatArray, q: float
) -> Move | None:
    """Only the challenge its challenger values most (nearest of equals), answered as it says."""
    challenges = [
        (challenge_utility(x, c, s, j, i, span, float(risk[j]), q, net=True), j)
        for j in range(len(x))
        if x[j] != x[i]
    ]
    challenges = [(eu, j) for eu, j in challenges if eu > 0]
    if not challenges:
        return None
    strongest = max(eu for eu, _ in challenges)
    j = min((j for eu, j in challenges if eu == strongest), key=lambda k: abs(x[k] - x[i]))
    mine = challenge_utility(x, c, s, i, j, span, float(risk[i]), q, net=True)
    return _answer(x, i, j, mine, strongest)


def _answer(x: FloatArray, i: int, j: int, mine: float, theirs: float) -> Move | None:
    """What one dyad tells ``i`` to do, given both sides' expected utilities of challenging."""
    if theirs > mine > 0:
        return Move(i, "confrontation", j, float(x[j]))
    if theirs > 0 > mine and theirs > abs(mine):
        shift = (x[j] - x[i]) * abs(mine / theirs)
        return Move(i, "compromise", j, float(x[i] + shift))
    if theirs > 0 > mine:
        return Move(i, "capitulation", j, float(x[j]))
    return None
