"""Which outcome to offer.

Among those that meet the actor's target, the one the others are likeliest to accept, under the
ratification rule that decides.

Under unanimity every other party must accept, so the offer maximises the smallest margin among
them. Under a quota rule the proposer needs only a winning coalition: every veto holder, every
actor whose consent the outcome needs, and enough power besides; the offer maximises the margin of
the least willing member of the cheapest such coalition (Baron and Ferejohn's logic carried to
multi-issue tables). Ties go to the outcome the proposer likes best.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from negosim.arrays import FloatArray, IntArray
from negosim.games.game import Game
from negosim.outcomes.rules import Rule
from negosim.strategies.opponents import FrequencyModel, OpponentModel
from negosim.strategies.seat import Seat

MAX_CANDIDATES = 2048
"""At most this many outcomes of the target window are scored (evenly spread over it)."""


def window_bounds(seat: Seat, targets: npt.ArrayLike, width: float) -> tuple[IntArray, IntArray]:
    """Where each target's window starts and ends in the actor's ranked outcomes.

    Parameters
    ----------
    seat
        The proposer's seat.
    targets
        Target utilities (one per round, say).
    width
        How far above each target the window reaches.

    Returns
    -------
    tuple of IntArray
        (first, after last) positions in ``seat.ranked``; at least one outcome each (the one
        nearest the target when none meets it).
    """
    _, utilities = seat.ranked
    rising, n = utilities[::-1], len(utilities)  # a view: no copy of a large table per call
    wanted = np.asarray(targets, dtype=np.float64)
    meets = np.maximum(n - np.searchsorted(rising, wanted - 1e-12, "left"), 1)
    starts = np.minimum(n - np.searchsorted(rising, (wanted + width) + 1e-12, "right"), meets - 1)
    return starts.astype(np.int64), meets.astype(np.int64)


def window(seat: Seat, target: float, width: float) -> IntArray:
    """The acceptable outcomes worth between ``target`` and ``target + width`` to the actor.

    Parameters
    ----------
    seat
        The proposer's seat.
    target
        Its current target utility.
    width
        How far above the target it looks.

    Returns
    -------
    IntArray
        Outcomes from best to worst for the proposer (at least one: the one nearest the target).
    """
    starts, meets = window_bounds(seat, [target], width)
    return spread(seat.ranked[0][starts[0] : meets[0]])


def spread(candidates: IntArray) -> IntArray:
    """At most :data:`MAX_CANDIDATES` of ``candidates``, evenly spread over them.

    Parameters
    ----------
    candidates
        Outcomes, best for the proposer first.

    Returns
    -------
    IntArray
        The candidates kept.
    """
    if len(candidates) <= MAX_CANDIDATES:
        return candidates
    kept: IntArray = candidates[
        np.linspace(0, len(candidates) - 1, MAX_CANDIDATES).astype(np.int64)
    ]
    return kept


def choose_offer(seat: Seat, model: OpponentModel, candidates: IntArray, round_: int) -> int:
    """Among ``candidates``, the offer the model says the others are likeliest to accept.

    Parameters
    ----------
    seat
        The proposer's seat.
    model
        Its model of the others.
    candidates
        The outcomes that meet its target, best for it first.
    round_
        The current round.

    Returns
    -------
    int
        The outcome to offer.
    """
    if len(candidates) == 1:
        return int(candidates[0])
    if seat.game.unanimous and isinstance(model, FrequencyModel):
        return model.best_for_all(candidates, seat.index)
    scores = acceptance_scores(seat.game, seat.index, candidates, model.margins(candidates, round_))
    return int(candidates[int(np.argmax(scores))])


def acceptance_scores(
    game: Game, proposer: int, candidates: IntArray, margins: FloatArray
) -> FloatArray:
    """Each candidate's margin of acceptance under every ratification rule.

    Parameters
    ----------
    game
        The game, for its rules and powers.
    proposer
        The proposer's column (its own yes is taken for granted).
    candidates
        The outcomes scored.
    margins
        (candidates, actors) each actor's margin for each candidate.

    Returns
    -------
    FloatArray
        The smallest margin that the deal depends on, per candidate (larger is better).
    """
    others = np.arange(game.n) != proposer
    if game.unanimous:
        least: FloatArray = margins[:, others].min(axis=1)
        return least
    scores = np.full(len(candidates), np.inf)
    for rule in game.rules:
        scores = np.minimum(scores, _rule_score(rule, game, proposer, candidates, margins))
    return scores


def _rule_score(
    rule: Rule, game: Game, proposer: int, candidates: IntArray, margins: FloatArray
) -> FloatArray:
    """The least willing member's margin in the cheapest coalition that passes ``rule``."""
    needed = np.zeros((len(candidates), game.n), dtype=np.bool_)
    needed[:, rule.vetoes if rule.quota is not None else rule.parties] = True
    for column, where in rule.consent:
        needed[:, column] |= where[candidates]
    needed[:, proposer] = False
    required: FloatArray = np.where(needed, margins, np.inf).min(axis=1)
    if rule.quota is None:
        return required
    shares = np.where(rule.parties, game.power, 0.0) / game.power[rule.parties].sum()
    counted = needed.copy()
    counted[:, proposer] = bool(rule.parties[proposer])
    base = (counted * shares).sum(axis=1)
    free = rule.parties & (np.arange(game.n) != proposer)
    pool = np.where(free & ~needed, margins, -np.inf)
    order = np.argsort(-pool, axis=1, kind="stable")
    joinable = np.where(np.isfinite(pool), shares, 0.0)
    gathered = base[:, None] + np.cumsum(np.take_along_axis(joinable, order, 1), axis=1)
    enough = gathered >= rule.quota - 1e-12
    first = np.where(enough.any(axis=1), enough.argmax(axis=1), -1)
    marginal = np.take_along_axis(pool, order, 1)[np.arange(len(candidates)), np.maximum(first, 0)]
    marginal = np.where(base >= rule.quota - 1e-12, np.inf, np.where(first >= 0, marginal, -np.inf))
    score: FloatArray = np.minimum(required, marginal)
    return score
