"""Stationary subgame-perfect play of recognition bargaining (Baron and Ferejohn, 1989, closed rule).

Each round a proposer is recognised at random; the others vote under the ratification rule; a
rejected offer means a new round. In a stationary equilibrium each responder accepts exactly the
offers worth at least its discounted continuation value, and each proposer takes the best outcome that
buys the cheapest winning coalition. The continuation values are found by damped fixed-point iteration.
With n odd, equal recognition and majority rule, the proposer keeps 1 − δ(n − 1)/(2n) and each of
(n − 1)/2 partners gets δ/n.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from negosim.arrays import BoolArray, FloatArray, IntArray
from negosim.solutions.backward_induction import Ratify, unanimity


@dataclass(frozen=True)
class RecognitionEquilibrium:
    """The stationary subgame-perfect equilibrium of recognition (Baron–Ferejohn) bargaining.

    Attributes
    ----------
    offers
        The outcomes each actor may propose when recognised: its best offers, tied, among which it
        picks uniformly at random (this mixing keeps symmetric games symmetric). Empty: it stalls.
    values
        Each actor's expected value at the start of a round.
    iterations
        Fixed-point iterations until the values settled.
    """

    offers: tuple[IntArray, ...]
    """The outcomes each actor may propose when recognised: its best offers, tied, among which it
    picks uniformly at random (this mixing keeps symmetric games symmetric). Empty: it stalls."""
    values: FloatArray
    """Each actor's expected value at the start of a round."""
    iterations: int


def recognition_equilibrium(
    utilities: npt.ArrayLike,
    discounts: npt.ArrayLike,
    recognition: npt.ArrayLike,
    ratify: Ratify = unanimity,
    admissible: npt.ArrayLike | None = None,
    tolerance: float = 1e-12,
    max_iterations: int = 2_000,
) -> RecognitionEquilibrium:
    """Each actor's stationary equilibrium offers and values, by fixed-point iteration.

    A recognised actor offers the outcome best for itself among those that a ratifying
    coalition accepts, each responder accepting what is worth at least its discounted value of
    continuing.

    Parameters
    ----------
    utilities
        (outcomes, actors) utilities.
    discounts
        Each actor's per-round discount factor.
    recognition
        Each actor's chance of being recognised.
    ratify
        Which outcomes pass, given every actor's answers.
    admissible
        (outcomes, actors) hard conditions.
    tolerance
        Stop when no value moves by more than this.
    max_iterations
        Stop after this many iterations in any case.

    Returns
    -------
    RecognitionEquilibrium
        Offers, values and iterations.
    """
    u = np.asarray(utilities, dtype=np.float64)
    delta = np.asarray(discounts, dtype=np.float64)
    probability = np.asarray(recognition, dtype=np.float64)
    allowed = np.ones_like(u, dtype=np.bool_) if admissible is None else np.asarray(admissible)
    values = np.zeros(u.shape[1])
    offers: list[IntArray] = []
    for iteration in range(1, max_iterations + 1):
        offers = _best_offers(u, delta * values, ratify, allowed)
        realised = np.array([u[o].mean(axis=0) if o.size else delta * values for o in offers])
        updated = probability @ realised
        if np.max(np.abs(updated - values)) <= tolerance:
            return RecognitionEquilibrium(tuple(offers), updated, iteration)
        values = 0.5 * (values + updated)
    return RecognitionEquilibrium(tuple(offers), values, max_iterations)


def _best_offers(
    u: FloatArray, thresholds: FloatArray, ratify: Ratify, allowed: BoolArray
) -> list[IntArray]:
    """Each actor's best ratifiable offers; empty when nothing beats stalling.

    Responders accept what meets their thresholds (their discounted values of continuing).
    """
    accepts = allowed & (u >= thresholds - 1e-12)
    offers = []
    for proposer in range(u.shape[1]):
        with_proposer = accepts.copy()
        with_proposer[:, proposer] = allowed[:, proposer]
        candidates = np.flatnonzero(ratify(with_proposer))
        if candidates.size == 0:
            offers.append(np.zeros(0, dtype=np.int64))
            continue
        own = u[candidates, proposer]
        best = candidates[own >= own.max() - 1e-12]
        keeps = own.max() >= thresholds[proposer] - 1e-12
        offers.append(best if keeps else np.zeros(0, dtype=np.int64))
    return offers


def baron_ferejohn_shares(n: int, delta: float) -> tuple[float, float]:
    """Baron and Ferejohn's closed form for n odd, equal recognition, majority rule.

    Parameters
    ----------
    n
        Number of players (odd).
    delta
        The common discount factor.

    Returns
    -------
    tuple of float
        (proposer's share 1 − δ(n−1)/(2n), each partner's share δ/n).
    """
    return 1 - delta * (n - 1) / (2 * n), delta / n
