"""Subgame-perfect play of finite-horizon alternating offers, by backward induction.

It works over any finite outcome set.

At the last round the proposer takes the best outcome the others will ratify rather than fall back to
disagreement; one round earlier, responders accept exactly the offers worth at least what they expect
from the next round, discounted, and so on back to the first round. On a finely divided pie the
first proposer's share converges to Rubinstein's (1 − δ2) / (1 − δ1δ2) as the horizon grows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from negosim import limits
from negosim.arrays import BoolArray, FloatArray

Ratify = Callable[[BoolArray], BoolArray]
"""Maps an (outcomes × actors) acceptance matrix to the outcomes that pass."""


@dataclass(frozen=True)
class SubgamePerfectPlan:
    """The subgame-perfect equilibrium of a finite alternating-offers game.

    Attributes
    ----------
    proposers
        Who proposes in each round.
    offers
        What each round's proposer offers in equilibrium (``-1``: an offer no one accepts).
    values
        (rounds + 1, actors) what each actor can expect from each round on, in time-0 units.
    """

    proposers: tuple[int, ...]
    offers: tuple[int, ...]
    values: FloatArray
    exits: tuple[int, ...] = ()
    """Who takes its outside option at the start of each round (``-1``: nobody)."""

    def exit_round(self, actor: int) -> int | None:
        """The first round at which ``actor`` takes its outside option in equilibrium.

        Parameters
        ----------
        actor
            The actor's column.

        Returns
        -------
        int or None
            ``None`` when it never does.
        """
        return next((t for t, who in enumerate(self.exits) if who == actor), None)

    def continuation(self, actor: int, round_: int) -> float:
        """What an actor can expect if this round's offer is refused.

        Parameters
        ----------
        actor
            The actor's column.
        round_
            The current round.

        Returns
        -------
        float
            Its equilibrium value from the next round, in time-0 units.
        """
        return float(self.values[round_ + 1, actor])


def unanimity(accepts: BoolArray) -> BoolArray:
    """The unanimity rule: an outcome passes when every actor accepts it.

    Parameters
    ----------
    accepts
        (outcomes, actors) answers.

    Returns
    -------
    BoolArray
        One flag per outcome.
    """
    passed: BoolArray = np.all(accepts, axis=1)
    return passed


def backward_induction(
    utilities: npt.ArrayLike,
    discounts: npt.ArrayLike,
    proposers: Sequence[int],
    disagreement: npt.ArrayLike | None = None,
    ratify: Ratify = unanimity,
    admissible: npt.ArrayLike | None = None,
    progress: Callable[[int, int], None] | None = None,
    outside: npt.ArrayLike | None = None,
) -> SubgamePerfectPlan:
    """Solve the game whose round ``t`` is proposed by ``proposers[t]`` (its length is the horizon).

    An agreement on outcome ``o`` at round ``t`` is worth ``δ_i**t * u_i(o)`` to actor ``i``; no
    agreement by the deadline is worth ``disagreement`` (default 0). Responders accept when
    indifferent.

    An actor with an outside option ``w_i`` may take it at the start of any round ``t``, worth
    ``δ_i**t * w_i`` to it; talks then end and every other actor gets its own option, or its
    disagreement value. A responder accepts nothing worth less than taking its option now, and an
    actor takes the option when the round is worth less to it (the first such actor by column).

    Parameters
    ----------
    utilities
        (outcomes, actors) undiscounted utilities.
    discounts
        Each actor's per-round discount factor.
    proposers
        The proposer of each round.
    disagreement
        What each actor gets without a deal.
    ratify
        Which outcomes pass, given every actor's answers.
    admissible
        (outcomes, actors) hard conditions: an actor never accepts or offers an inadmissible outcome.
    progress
        Called with (rounds solved, horizon) after each round, for a progress bar.
    outside
        Each actor's outside option (NaN: none).

    Returns
    -------
    SubgamePerfectPlan
        Equilibrium offers and continuation values.

    Raises
    ------
    negosim.limits.WorkLimitError
        Before any work, when outcomes times rounds is over the configured limit.
    """
    u = np.asarray(utilities, dtype=np.float64)
    limits.check_induction(u.shape[0], len(proposers))
    delta = np.asarray(discounts, dtype=np.float64)
    n = u.shape[1]
    d = np.zeros(n) if disagreement is None else np.asarray(disagreement, dtype=np.float64)
    allowed = np.ones_like(u, dtype=np.bool_) if admissible is None else np.asarray(admissible)
    options = np.full(n, np.nan) if outside is None else np.asarray(outside, dtype=np.float64)
    horizon = len(proposers)
    values = np.empty((horizon + 1, n))
    at_deadline = options * delta**horizon  # talks that end without a deal: each takes its option
    values[horizon] = np.where(np.isnan(at_deadline), d, at_deadline)
    offers, exits = [-1] * horizon, [-1] * horizon
    for t in range(horizon - 1, -1, -1):  # from the last round back to the first
        worth = u * delta**t  # every outcome's value if agreed at round t, in time-0 units
        now = options * delta**t  # each actor's option if taken now (NaN: none)
        # A responder accepts what is worth at least refusing: the next round, or its option now.
        accepts = allowed & (worth >= np.fmax(values[t + 1], now) - 1e-12)
        proposer = proposers[t]
        accepts[:, proposer] = allowed[:, proposer]
        candidates = np.flatnonzero(ratify(accepts))
        # The proposer takes the passing outcome best for itself, if it beats waiting; otherwise it
        # makes an offer no one accepts and everyone's value carries over from the next round.
        values[t] = values[t + 1]
        if candidates.size:
            best = int(candidates[np.argmax(worth[candidates, proposer])])
            if worth[best, proposer] >= values[t + 1, proposer] - 1e-12:
                offers[t] = best
                values[t] = worth[best]
        leaving = np.flatnonzero(now > values[t] + 1e-12)
        if leaving.size:  # someone does better by taking its option before the round
            exits[t], offers[t] = int(leaving[0]), -1
            values[t] = np.where(np.isnan(now), d, now)
        if progress is not None:
            progress(horizon - t, horizon)
    return SubgamePerfectPlan(tuple(proposers), tuple(offers), values, tuple(exits))


def rubinstein_share(delta_proposer: float, delta_responder: float) -> float:
    """The first proposer's share of a unit pie in Rubinstein's (1982) infinite-horizon game.

    Parameters
    ----------
    delta_proposer
        The first proposer's discount factor.
    delta_responder
        The other player's discount factor.

    Returns
    -------
    float
        ``(1 − δ2) / (1 − δ1 δ2)``.
    """
    return (1 - delta_responder) / (1 - delta_proposer * delta_responder)
