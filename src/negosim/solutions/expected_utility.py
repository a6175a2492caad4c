"""Bueno de Mesquita's expected-utility model of group decisions, on one issue scale.

As formalised by Scholz, Calbert and Smith (2011, J. Theoretical Politics 23(4)).

Actors have a position x, a capability c and a salience s in [0, 1]. Each round: risk exponents
follow from how exposed each actor's position is to challenges (its "danger"); every actor weighs,
for every other, the expected utility of challenging and of being challenged; an actor that expects
to lose a confrontation moves to the challenger, one that expects a compromise moves part of the way,
one that capitulates moves all the way, taking the offer that moves it least. The forecast is the
capability × salience weighted mean, and the median (the position no other beats in a pairwise vote).

Win probabilities use votes with r = 1: P(i beats j) = Σ_k max(0, v_k) / Σ_k |v_k|, where
v_k = c_k s_k (|x_k − x_j| − |x_k − x_i|) / span.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from negosim.arrays import FloatArray


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


def weighted_mean(x: FloatArray, c: FloatArray, s: FloatArray) -> float:
    """The capability × salience weighted mean position.

    Parameters
    ----------
    x
        Positions.
    c
        Capabilities.
    s
        Saliences.

    Returns
    -------
    float
        Σ c s x / Σ c s.
    """
    return float(np.sum(c * s * x) / np.sum(c * s))


def weighted_median(x: FloatArray, c: FloatArray, s: FloatArray) -> float:
    """The position that wins or ties every pairwise vote (the Condorcet winner among positions).

    With r = 1 the vote of a over b is W(b) − W(a), W(y) = Σ_k c_k s_k |x_k − y|, so the winner
    is the position that minimises W: the capability × salience weighted median.

    Parameters
    ----------
    x
        Positions.
    c
        Capabilities.
    s
        Saliences.

    Returns
    -------
    float
        The winning position.
    """
    candidates = np.unique(x)
    weighted_distance = (c * s) @ np.abs(x[:, None] - candidates[None, :])
    return float(candidates[int(np.argmin(weighted_distance))])


def win_probability(
    x: FloatArray, c: FloatArray, s: FloatArray, i: int, j: int, span: float
) -> float:
    """The chance that actor ``i`` prevails over ``j`` in a contest the others join by their votes.

    Parameters
    ----------
    x
        Positions.
    c
        Capabilities.
    s
        Saliences.
    i
        The challenger.
    j
        The challenged.
    span
        The issue scale's width, to normalise distances.

    Returns
    -------
    float
        Σ max(0, v) / Σ |v| over every actor's vote v (0.5 when nobody cares).
    """
    if x[i] == x[j]:
        return 0.0
    votes = c * s * (np.abs(x - x[j]) - np.abs(x - x[i])) / span
    total = np.abs(votes).sum()
    return float(np.clip(votes, 0, None).sum() / total) if total > 0 else 0.5


def challenge_utility(
    x: FloatArray,
    c: FloatArray,
    s: FloatArray,
    i: int,
    j: int,
    span: float,
    r: float,
    q: float = 1.0,
) -> float:
    """Expected utility, seen with risk exponent ``r``, of actor ``i`` challenging actor ``j``.

    Parameters
    ----------
    x
        Positions.
    c
        Capabilities.
    s
        Saliences.
    i
        The challenger.
    j
        The challenged.
    span
        The issue scale's width.
    r
        The risk exponent through which ``i`` sees the stakes.
    q
        The chance that the status quo holds when nobody challenges (Bueno de Mesquita's Q).

    Returns
    -------
    float
        The expected gain of challenging over not challenging.
    """
    gap = abs(x[i] - x[j]) / span
    success = 2 - 4 * (0.5 - 0.5 * gap) ** r
    failure = 2 - 4 * (0.5 + 0.5 * gap) ** r
    status_quo = 2 - 4 * 0.5**r
    p = win_probability(x, c, s, i, j, span)
    return float(s[j] * (p * success + (1 - p) * failure) + (1 - s[j]) * success - q * status_quo)


def risk_exponents(
    x: FloatArray, c: FloatArray, s: FloatArray, span: float, q: float = 1.0
) -> FloatArray:
    """Each actor's risk exponent, from how dangerous its position is (challenges it would face).

    Parameters
    ----------
    x
        Positions.
    c
        Capabilities.
    s
        Saliences.
    span
        The issue scale's width.
    q
        The chance that the status quo holds when nobody challenges (Bueno de Mesquita's Q).

    Returns
    -------
    FloatArray
        One exponent per actor, in [1/2, 2].
    """
    n = len(x)
    danger = np.array(
        [
            sum(challenge_utility(x, c, s, j, i, span, 1.0, q) for j in range(n) if j != i)
            for i in range(n)
        ]
    )
    low, high = danger.min(), danger.max()
    if high - low <= 0:
        return np.ones(n)
    acceptance = (2 * danger - high - low) / (high - low)
    exponents: FloatArray = (1 - acceptance / 3) / (1 + acceptance / 3)
    return exponents


def expected_utility_round(
    x: FloatArray, c: FloatArray, s: FloatArray, span: float, q: float = 1.0
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

    Returns
    -------
    ExpectedUtilityRound
        The new positions, forecast and moves.
    """
    x = np.asarray(x, dtype=np.float64)
    risk = risk_exponents(x, c, s, span, q)
    moves = [m for i in range(len(x)) if (m := _best_move(x, c, s, i, span, risk[i], q))]
    after = x.copy()
    for move in moves:
        after[move.actor] = move.position
    return ExpectedUtilityRound(
        after, weighted_mean(after, c, s), weighted_median(after, c, s), risk, moves
    )


def expected_utility_rounds(
    x: npt.ArrayLike, c: npt.ArrayLike, s: npt.ArrayLike, span: float, rounds: int, q: float = 1.0
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

    Returns
    -------
    list of ExpectedUtilityRound
        One per round.
    """
    positions = np.asarray(x, dtype=np.float64)
    capability, salience = np.asarray(c, dtype=np.float64), np.asarray(s, dtype=np.float64)
    history = []
    for _ in range(rounds):
        played = expected_utility_round(positions, capability, salience, span, q)
        history.append(played)
        positions = played.positions
    return history


def _best_move(
    x: FloatArray, c: FloatArray, s: FloatArray, i: int, span: float, r: float, q: float
) -> Move | None:
    offers: dict[str, list[Move]] = {"confrontation": [], "compromise": [], "capitulation": []}
    for j in range(len(x)):
        if x[j] == x[i]:
            continue
        mine = challenge_utility(x, c, s, i, j, span, r, q)
        theirs = challenge_utility(x, c, s, j, i, span, r, q)
        if theirs > mine > 0:
            offers["confrontation"].append(Move(i, "confrontation", j, float(x[j])))
        elif theirs > 0 > mine and theirs > abs(mine):
            shift = (x[j] - x[i]) * abs(mine / theirs)
            offers["compromise"].append(Move(i, "compromise", j, float(x[i] + shift)))
        elif theirs > 0 > mine:
            offers["capitulation"].append(Move(i, "capitulation", j, float(x[j])))
    for kind in ("confrontation", "compromise", "capitulation"):
        if offers[kind]:
            return min(offers[kind], key=lambda m: abs(m.position - x[i]))
    return None
