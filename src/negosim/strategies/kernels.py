"""Compiled inner loops of the frequency model, called once per offer (numba, cached on disk).

Plain loops over a handful of issues and a window of outcomes: in Python each offer would cost tens
of microseconds of interpreter and numpy-call overhead; compiled, about one.
"""

from __future__ import annotations

import numpy as np

from negosim.arrays import BoolArray, FloatArray, IntArray
from negosim.compiled import numba


@numba.njit(cache=True)
def learn(  # pragma: no cover - compiled
    counts: FloatArray,
    weights: FloatArray,
    previous: IntArray,
    seen: BoolArray,
    actor: int,
    levels: IntArray,
    learning: float,
) -> None:
    """Count the options of ``actor``'s offer; grow the weights of the issues it kept.

    Parameters
    ----------
    counts
        (actors, issues, levels) how often each actor offered each option (from 1).
    weights
        (actors, issues) each actor's estimated issue weights.
    previous
        (actors, issues) each actor's previous offer's levels.
    seen
        Whether each actor has offered before.
    actor
        Who offered.
    levels
        The offer's level on each issue.
    learning
        How much a kept issue's weight grows before renormalising.
    """
    issues = levels.shape[0]
    for k in range(issues):
        counts[actor, k, levels[k]] += 1.0
    if seen[actor]:
        kept = False
        for k in range(issues):
            if previous[actor, k] == levels[k]:
                weights[actor, k] += learning
                kept = True
        if kept:
            total = 0.0
            for k in range(issues):
                total += weights[actor, k]
            for k in range(issues):
                weights[actor, k] /= total
    for k in range(issues):
        previous[actor, k] = levels[k]
    seen[actor] = True


@numba.njit(cache=True)
def learn_votes(  # pragma: no cover - compiled
    counts: FloatArray,
    weights: FloatArray,
    previous: IntArray,
    seen: BoolArray,
    rejected: IntArray,
    votes: IntArray,
    levels: IntArray,
    learning: float,
    me: int,
) -> None:
    """:func:`learn` from each vote's offer (not the model holder's own), in order; keep refusals.

    Parameters
    ----------
    counts
        (actors, issues, levels) how often each actor offered each option (from 1).
    weights
        (actors, issues) each actor's estimated issue weights.
    previous
        (actors, issues) each actor's previous offer's levels.
    seen
        Whether each actor has offered before.
    rejected
        Each actor's latest refused outcome, -1 for none (updated).
    votes
        One row per vote: round, proposer (negative for a speaker who is not an actor), outcome,
        then each actor's answer (1 for yes), as :meth:`negosim.games.result.Minutes.since`.
    levels
        (outcomes, issues) every outcome's levels.
    learning
        How much a kept issue's weight grows before renormalising.
    me
        The column of the model's holder, whose own offers teach nothing.
    """
    for j in range(votes.shape[0]):
        proposer, offer = votes[j, 1], votes[j, 2]
        if proposer >= 0 and proposer != me:
            learn(counts, weights, previous, seen, proposer, levels[offer], learning)
        for a in range(votes.shape[1] - 3):
            if votes[j, 3 + a] == 0:
                rejected[a] = offer


@numba.njit(cache=True)
def _estimate(  # pragma: no cover - compiled
    counts: FloatArray, weights: FloatArray, top: FloatArray, actor: int, row: IntArray
) -> float:
    """One actor's estimated utility of one outcome (its issue levels ``row``)."""
    total = 0.0
    for k in range(row.shape[0]):
        total += weights[actor, k] * counts[actor, k, row[k]] / top[actor, k]
    return total


@numba.njit(cache=True)
def _tops(counts: FloatArray) -> FloatArray:  # pragma: no cover - compiled
    """Each actor's largest count per issue (the normaliser of option values)."""
    actors, issues, _ = counts.shape
    top = np.empty((actors, issues))
    for a in range(actors):
        for k in range(issues):
            top[a, k] = counts[a, k].max()
    return top


@numba.njit(cache=True)
def margins(  # pragma: no cover - compiled
    counts: FloatArray,
    weights: FloatArray,
    levels: IntArray,
    rejected: IntArray,
    outcomes: IntArray,
) -> FloatArray:
    """Estimated utility minus that of the actor's latest refusal (if any).

    Parameters
    ----------
    counts
        (actors, issues, levels) how often each actor offered each option (from 1).
    weights
        (actors, issues) each actor's estimated issue weights.
    levels
        (outcomes, issues) every outcome's levels.
    rejected
        Each actor's latest refused outcome, -1 for none.
    outcomes
        The outcomes scored.

    Returns
    -------
    FloatArray
        (outcomes, actors) margins.
    """
    actors = counts.shape[0]
    top = _tops(counts)
    out = np.empty((outcomes.shape[0], actors))
    for a in range(actors):
        bar = 0.0
        if rejected[a] >= 0:
            bar = _estimate(counts, weights, top, a, levels[rejected[a]])
        for j in range(outcomes.shape[0]):
            out[j, a] = _estimate(counts, weights, top, a, levels[outcomes[j]]) - bar
    return out


@numba.njit(cache=True)
def best_for_all(  # pragma: no cover - compiled
    counts: FloatArray,
    weights: FloatArray,
    levels: IntArray,
    rejected: IntArray,
    outcomes: IntArray,
    proposer: int,
) -> int:
    """Under unanimity: the outcome whose least pleased other actor is most pleased.

    Parameters
    ----------
    counts
        (actors, issues, levels) how often each actor offered each option (from 1).
    weights
        (actors, issues) each actor's estimated issue weights.
    levels
        (outcomes, issues) every outcome's levels.
    rejected
        Each actor's latest refused outcome, -1 for none.
    outcomes
        The candidates, best for the proposer first (ties go to the first).
    proposer
        The proposer's column.

    Returns
    -------
    int
        The chosen outcome.
    """
    actors = counts.shape[0]
    top = _tops(counts)
    bars = np.zeros(actors)
    for a in range(actors):
        if rejected[a] >= 0:
            bars[a] = _estimate(counts, weights, top, a, levels[rejected[a]])
    best, best_score = 0, -np.inf
    for j in range(outcomes.shape[0]):
        least = np.inf
        for a in range(actors):
            if a != proposer:
                margin = _estimate(counts, weights, top, a, levels[outcomes[j]]) - bars[a]
                least = min(least, margin)
        if least > best_score:
            best, best_score = j, least
    return int(outcomes[best])


@numba.njit(cache=True)
def learn_and_choose(  # pragma: no cover - compiled
    counts: FloatArray,
    weights: FloatArray,
    previous: IntArray,
    seen: BoolArray,
    rejected: IntArray,
    votes: IntArray,
    levels: IntArray,
    learning: float,
    outcomes: IntArray,
    proposer: int,
) -> int:
    """:func:`learn_votes`, then :func:`best_for_all`, in one call (one dispatch per offer).

    Parameters
    ----------
    counts
        (actors, issues, levels) how often each actor offered each option (from 1).
    weights
        (actors, issues) each actor's estimated issue weights.
    previous
        (actors, issues) each actor's previous offer's levels.
    seen
        Whether each actor has offered before.
    rejected
        Each actor's latest refused outcome, -1 for none.
    votes
        The unread votes, one row each (see :func:`learn_votes`).
    levels
        (outcomes, issues) every outcome's levels.
    learning
        How much a kept issue's weight grows before renormalising.
    outcomes
        The candidates, best for the proposer first.
    proposer
        The proposer's column (the model's holder).

    Returns
    -------
    int
        The chosen outcome.
    """
    learn_votes(
        counts,
        weights,
        previous,
        seen,
        rejected,
        votes,
        levels,
        learning,
        proposer,
    )
    return best_for_all(counts, weights, levels, rejected, outcomes, proposer)
