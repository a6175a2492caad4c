"""Bueno de Mesquita's expected-utility model of group decisions: its building blocks on one scale.

As formalised by Scholz, Calbert and Smith (2011, J. Theoretical Politics 23(4)); the rounds that
combine them are in :mod:`negosim.solutions.challenges`.

Actors have a position x, a capability c and a salience s in [0, 1]. Risk exponents follow from
how exposed each actor's position is to challenges (its "danger"); every actor weighs, for every
other, the expected utility of challenging it. The forecast is the capability × salience weighted
mean, and the median (the position no other beats in a pairwise vote).

Win probabilities use votes with r = 1: P(i beats j) = Σ_k max(0, v_k) / Σ_k |v_k|, where
v_k = c_k s_k (|x_k − x_j| − |x_k − x_i|) / span (Masad's replication: max(0, Σ_k v_k) / Σ_k |v_k|).
"""

from __future__ import annotations

import numpy as np

from negosim.arrays import FloatArray


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
    x: FloatArray, c: FloatArray, s: FloatArray, i: int, j: int, span: float, net: bool = False
) -> float:
    """The chance that actor ``i`` prevails over ``j`` in a contest the others join by their votes.

    Scholz, Calbert and Smith count the votes for ``i`` over all votes cast; Masad's replication
    (``net``) counts the votes for ``i`` net of those against, floored at zero.

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
    net
        Count votes net of those against (Masad's replication).

    Returns
    -------
    float
        Σ max(0, v) / Σ |v| over every actor's vote v, or max(0, Σ v) / Σ |v| when ``net``
        (0.5 when nobody cares).
    """
    if x[i] == x[j]:
        return 0.0
    votes = c * s * (np.abs(x - x[j]) - np.abs(x - x[i])) / span
    total = np.abs(votes).sum()
    if total <= 0:
        return 0.5
    support = max(0.0, float(votes.sum())) if net else float(np.clip(votes, 0, None).sum())
    return support / float(total)


def challenge_utility(
    x: FloatArray,
    c: FloatArray,
    s: FloatArray,
    i: int,
    j: int,
    span: float,
    r: float,
    q: float = 1.0,
    net: bool = False,
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
    net
        Win probabilities from net votes (Masad's replication).

    Returns
    -------
    float
        The expected gain of challenging over not challenging.
    """
    gap = abs(x[i] - x[j]) / span
    success = 2 - 4 * (0.5 - 0.5 * gap) ** r
    failure = 2 - 4 * (0.5 + 0.5 * gap) ** r
    status_quo = 2 - 4 * 0.5**r
    p = win_probability(x, c, s, i, j, span, net)
    return float(s[j] * (p * success + (1 - p) * failure) + (1 - s[j]) * success - q * status_quo)


def risk_exponents(
    x: FloatArray, c: FloatArray, s: FloatArray, span: float, q: float = 1.0, net: bool = False
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
    net
        Win probabilities from net votes (Masad's replication).

    Returns
    -------
    FloatArray
        One exponent per actor, in [1/2, 2].
    """
    n = len(x)
    danger = np.array(
        [
            sum(challenge_utility(x, c, s, j, i, span, 1.0, q, net) for j in range(n) if j != i)
            for i in range(n)
        ]
    )
    low, high = danger.min(), danger.max()
    if high - low <= 0:
        return np.ones(n)
    acceptance = (2 * danger - high - low) / (high - low)
    exponents: FloatArray = (1 - acceptance / 3) / (1 + acceptance / 3)
    return exponents
