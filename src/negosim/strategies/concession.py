"""The concession strategies' common parts.

A target that falls with time, an offer chosen at the target for the others' sake, and an
acceptance condition, built from parts as in the ANAC literature (an offering policy, an acceptance
condition, an opponent model). The target falls from the actor's best outcome to its walk-away by
``pace`` of its horizon: the deadline, or sooner if impatience or the cost of each round would make
leaving better, for itself or for any party the deal needs. It never falls below what, agreed in
that round, beats walking away. Among the outcomes that meet it, the offer is the one the others are
likeliest to accept: by the frequency model learnt from their offers and votes, by their stated
preferences with their walk-aways learnt from refusals, or by everything about them, as the
``information`` parameter says (:mod:`negosim.strategies.opponents`).
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from negosim.arrays import FloatArray, IntArray
from negosim.strategies.acceptance import ACCEPTANCE, accepts
from negosim.strategies.base import ParameterSpec, Strategy
from negosim.strategies.offering import choose_offer, spread, window_bounds
from negosim.strategies.opponents import (
    INFORMATION,
    FrequencyModel,
    OpponentModel,
    PriorBeliefs,
    StatedPreferences,
    TrueUtilities,
)
from negosim.strategies.seat import Seat, floors_to_beat_leaving, undiscounted

COMMON: dict[str, ParameterSpec] = {
    "window": (float, 0.05, "utility band above the target searched for the offer the others like"),
    "acceptance": (ACCEPTANCE, "next", "acceptance condition: next (AC_next), time, combi"),
    "accept_time": (float, 0.9, "T of AC_time and AC_combi, as a share of the actor's horizon"),
    "information": (
        INFORMATION,
        "offers",
        "what it knows of the others: offers (learnt from offers and votes), preferences "
        "(their utilities and red lines), prior (also their walk-aways' distribution, updated "
        "by Bayes' rule), full (also their walk-aways)",
    ),
    "pace": (
        float,
        0.75,
        "share of the time before the talks end by which the target reaches the floor",
    ),
}
"""Parameters every concession strategy takes."""


class Concession(Strategy):
    """Concedes along a target curve; offers at the target what the others like best."""

    name: ClassVar[str] = "concession"
    classifier: ClassVar[dict[str, Any]] = {
        **Strategy.classifier,
        "time_dependent": True,
        "uses_opponent_model": True,
    }
    parameters: ClassVar[dict[str, ParameterSpec]] = {
        "exponent": (float, 1.0, "e in τ(t) = u_max − (u_max − r)(t/(H−1))^e; >1 concedes late"),
        **COMMON,
    }

    def forget(self) -> None:
        """Drop the model of the others and the offers received."""
        self.model: OpponentModel | None = None
        self.received: list[tuple[int, float]] = []

    def plan(self, seat: Seat) -> None:
        """Plan the target curve; build the model of the others on first use.

        Parameters
        ----------
        seat
            The actor's place at the table.
        """
        self.targets = self.target_curve(seat)
        self.last = len(self.targets) - 1
        self.width = float(self.params["window"])
        self.windows = self.candidate_windows(seat)
        """Each round's candidates, filled in the first time a seat alike proposes in it."""
        self.found_bounds: tuple[IntArray, IntArray] | None = None
        self.ends = min(seat.horizon, seat.talks_end)
        self.u, self.allowed = seat.utilities, seat.admissible
        self.condition = str(self.params["acceptance"])
        self.thresholds = self.shared_thresholds(seat) if self.condition == "next" else None
        if self.model is None:
            self.model = self.model_of_others(seat)
        elif isinstance(self.model, StatedPreferences | TrueUtilities | PriorBeliefs):
            self.model.game = seat.game

    def model_of_others(self, seat: Seat) -> OpponentModel | None:
        """The model of the others that the ``information`` parameter asks for.

        Parameters
        ----------
        seat
            The actor's place at the table.

        Returns
        -------
        OpponentModel or None
            None when the frequency model is asked for but the game has no issues to count.
        """
        known = str(self.params["information"])
        if known == "full":
            return TrueUtilities(seat)
        if known == "preferences":
            return StatedPreferences(seat)
        if known == "prior":
            return PriorBeliefs(seat, float(self.params.get("exponent", 1.0)))
        return FrequencyModel(seat) if seat.game.space is not None else None

    def candidate_windows(self, seat: Seat) -> dict[int, IntArray]:
        """Where the outcomes that meet each round's target are kept, shared by seats alike.

        Filled lazily (:meth:`candidates`): a seat that never proposes, as under a mediator,
        never pays for them.

        Parameters
        ----------
        seat
            The actor's place at the table.

        Returns
        -------
        dict
            Round to candidates, best for the actor first.
        """
        key = ("windows", *self.curve_key(seat), float(self.params["window"]))
        windows: dict[int, IntArray] = seat.game.solver_cache.setdefault(key, {})
        return windows

    def candidates(self, round_: int) -> IntArray:
        """The outcomes that meet this round's target, within the window above it.

        Parameters
        ----------
        round_
            The current round.

        Returns
        -------
        IntArray
            At most :data:`~negosim.strategies.offering.MAX_CANDIDATES`, best for the actor first.
        """
        at = round_ if round_ < self.last else self.last
        found = self.windows.get(at)
        if found is None:
            seat = self.me
            if self.found_bounds is None:
                self.found_bounds = self.bounds(seat)
            starts, meets = self.found_bounds
            found = self.windows[at] = spread(seat.ranked[0][starts[at] : meets[at]])
        return found

    def bounds(self, seat: Seat) -> tuple[IntArray, IntArray]:
        """Every round's window in the actor's ranked outcomes, found at once on first use.

        Parameters
        ----------
        seat
            The actor's place at the table.

        Returns
        -------
        tuple of IntArray
            (first, after last) position per round, shared by seats alike.
        """
        key = ("window bounds", *self.curve_key(seat), self.width)
        found = seat.game.solver_cache.get(key)
        if found is None:
            found = seat.game.solver_cache[key] = window_bounds(seat, self.targets, self.width)
        bounds: tuple[IntArray, IntArray] = found
        return bounds

    def shared_thresholds(self, seat: Seat) -> FloatArray:
        """:meth:`next_thresholds`, cached on the game for seats alike.

        Parameters
        ----------
        seat
            The actor's place at the table.

        Returns
        -------
        FloatArray
            The least utility accepted in each round.
        """
        key = ("thresholds", *self.curve_key(seat))
        cache = seat.game.solver_cache
        if key not in cache:
            cache[key] = self.next_thresholds(seat)
        thresholds: FloatArray = cache[key]
        return thresholds

    def next_thresholds(self, seat: Seat) -> FloatArray:
        """AC_next as one utility threshold per round, so that answering is a lookup.

        An offer ``u`` at round ``t`` passes when ``δ^t u − c t`` beats both walking away and the
        own next target agreed next round (``δ^(t+1) τ(t+1) − c (t+1)``), the latter only while
        a deal can still be had next round.

        Parameters
        ----------
        seat
            The actor's place at the table.

        Returns
        -------
        FloatArray
            The least utility accepted in each round (one more entry than rounds).
        """
        rounds = np.arange(seat.deadline + 1)
        following = np.append(self.targets[1:], self.targets[-1:])
        following = np.append(following, following[-1:])
        waiting = np.where(rounds + 1 < self.ends, following, 0.0)
        leave = floors_to_beat_leaving(seat, rounds)
        # (δ^(t+1) · waiting − c) / δ^t, written so that δ^t underflowing on a long horizon is safe
        wait = seat.discount * waiting - undiscounted(np.full(len(rounds), seat.cost), seat, rounds)
        thresholds: FloatArray = np.maximum(leave, wait) - 1e-12
        return thresholds

    def target_curve(self, seat: Seat) -> FloatArray:
        """Every round's target, cached on the game for seats alike.

        Parameters
        ----------
        seat
            The actor's place at the table.

        Returns
        -------
        FloatArray
            One undiscounted target per round.
        """
        key = self.curve_key(seat)
        cache = seat.game.solver_cache
        if key not in cache:
            cache[key] = self.curve(seat)
        curve: FloatArray = cache[key]
        return curve

    def curve_key(self, seat: Seat) -> tuple[object, ...]:
        """What the target curve depends on, to share it between seats alike.

        Parameters
        ----------
        seat
            The actor's place at the table.

        Returns
        -------
        tuple
            The strategy's name and shape, and the seat's column, walk-away, patience and cost.
        """
        pace = float(self.params["pace"])
        return (
            self.name,
            seat.index,
            seat.reservation,
            seat.discount,
            seat.cost,
            self.shape(),
            pace,
        )

    def shape(self) -> float:
        """The parameter that shapes the curve (the key of its cache).

        Returns
        -------
        float
            The concession exponent.
        """
        return float(self.params["exponent"])

    def curve(self, seat: Seat) -> FloatArray:
        """τ(t) = u_max − (u_max − r)(t / (H − 1))^e, over the horizon H, floored to beat leaving.

        Parameters
        ----------
        seat
            The actor's place at the table.

        Returns
        -------
        FloatArray
            One undiscounted target per round.
        """
        best = seat.best_utility
        floor = min(seat.reservation, best)
        rounds = np.arange(seat.deadline)
        horizon = min(seat.horizon, seat.talks_end) * float(self.params["pace"])
        time = np.minimum(rounds / max(horizon - 1, 1), 1.0)
        curve = best - (best - floor) * time ** self.shape()
        worth_leaving = floors_to_beat_leaving(seat, rounds)
        targets: FloatArray = np.minimum(np.maximum(curve, worth_leaving), best)
        return targets

    def target(self, round_: int) -> float:
        """The target of this round.

        Parameters
        ----------
        round_
            The current round.

        Returns
        -------
        float
            The undiscounted utility aimed at.
        """
        return float(self.targets[round_ if round_ < self.last else self.last])

    def propose(self, round_: int) -> int:  # noqa: D102  # numpydoc ignore=GL08
        candidates = self.candidates(round_)
        if self.model is None:
            return int(candidates[-1])
        return choose_offer(self.me, self.model, candidates, round_)

    def respond(self, round_: int, offer: int, proposer: int) -> bool:  # noqa: D102  # numpydoc ignore=GL08
        if self.thresholds is not None:
            at = round_ if round_ < len(self.thresholds) else -1
            return bool(self.allowed[offer] and self.u[offer] >= self.thresholds[at])
        me = self.me
        utility = float(me.utilities[offer])
        self.received.append((round_, utility))
        # Waiting is worth the own next offer only while a deal can still be had next round.
        waiting = self.target(round_ + 1) if round_ + 1 < self.ends else 0.0
        return bool(me.admissible[offer]) and accepts(
            str(self.params["acceptance"]),
            me,
            round_,
            utility,
            waiting,
            self.received,
            float(self.params["accept_time"]),
        )
