"""A seat at the table: what a strategy may look up about its own actor, and the value of time.

An agreement on outcome ``o`` at round ``t`` is worth ``δ^t · u(o) − c · t`` to the actor (its
patience ``δ`` and its cost per round ``c``, the war going on while talks do); walking away is
worth its reservation ``r`` whenever it happens. So an offer is worth taking only if its value now
beats both leaving and what the actor expects by waiting, and an actor leaves when not even its
favourite outcome, agreed now, would beat walking away.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from negosim.arrays import BoolArray, FloatArray, IntArray
from negosim.games.result import Minutes

if TYPE_CHECKING:
    from negosim.games.game import Game


@dataclass(eq=False)
class Seat:
    """One actor's place at the table in one negotiation: what its strategy may look up.

    Attributes
    ----------
    index
        The actor's column in the game.
    game
        The game being played.
    rng
        The negotiation's random generator (the only source of randomness).
    protocol
        The protocol's name.
    reservation
        The actor's walk-away utility.
    discount
        The actor's per-round discount factor.
    cost
        The actor's cost of each round without a deal (0: time costs only patience).
    minutes
        The negotiation's votes so far, shared by every seat (votes are public).
    """

    index: int
    game: Game
    rng: np.random.Generator
    protocol: str
    reservation: float
    discount: float
    cost: float = 0.0
    minutes: Minutes = field(default=None)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.minutes is None:
            self.minutes = Minutes(self.game.n)

    @property
    def utilities(self) -> FloatArray:
        """The actor's utility of every outcome.

        Returns
        -------
        FloatArray
            One column of the game's table.
        """
        return self.game.utilities[:, self.index]

    @property
    def admissible(self) -> BoolArray:
        """Where the actor's hard conditions hold.

        Returns
        -------
        BoolArray
            One flag per outcome.
        """
        return self.game.admissible[:, self.index]

    @property
    def deadline(self) -> int:
        """The number of rounds before talks end.

        Returns
        -------
        int
            The game's deadline.
        """
        return self.game.deadline

    def acceptable(self, outcome: int) -> bool:
        """Whether an outcome is at least the walk-away with every hard condition met.

        Parameters
        ----------
        outcome
            An outcome's row.

        Returns
        -------
        bool
            True when the actor could accept it.
        """
        return bool(self.admissible[outcome] and self.utilities[outcome] >= self.reservation)

    @cached_property
    def ranked(self) -> tuple[IntArray, FloatArray]:
        """Acceptable outcomes from best to worst for this actor, and their utilities.

        If none is acceptable, every admissible outcome (or every outcome), so that the actor can
        still speak.

        Returns
        -------
        tuple of (IntArray, FloatArray)
            Outcome rows and their utilities, best first.
        """
        order, utilities = self._sorted_admissible()
        count = int(np.searchsorted(-utilities, -self.reservation, side="right"))
        if count:
            return order[:count], utilities[:count]
        if order.size:
            return order, utilities
        everything = np.argsort(-self.utilities, kind="stable")
        return everything, self.utilities[everything]

    def _sorted_admissible(self) -> tuple[IntArray, FloatArray]:
        """Admissible outcomes sorted by decreasing utility, once per utility table."""
        key = ("sorted", self.index)
        cache = self.game.order_cache
        if key not in cache:
            u = self.utilities
            pool = np.flatnonzero(self.admissible)
            order = pool[np.argsort(-u[pool], kind="stable")]
            cache[key] = (order, u[order])
        found: tuple[IntArray, FloatArray] = cache[key]
        return found

    @property
    def best(self) -> int:
        """The actor's favourite acceptable outcome.

        Returns
        -------
        int
            The first outcome of :attr:`ranked`.
        """
        return int(self.ranked[0][0])

    @property
    def best_utility(self) -> float:
        """What the actor's favourite acceptable outcome is worth to it.

        Returns
        -------
        float
            The utility of :attr:`best`.
        """
        return float(self.ranked[1][0])

    def at_least(self, targets: npt.ArrayLike) -> IntArray:
        """For each target, the acceptable outcome whose utility is the lowest that still meets it.

        Parameters
        ----------
        targets
            Utility targets.

        Returns
        -------
        IntArray
            One outcome per target (the best outcome when nothing meets it).
        """
        order, utilities = self.ranked
        count = np.searchsorted(-utilities, -np.asarray(targets, dtype=np.float64) + 1e-12, "right")
        return order[np.maximum(count - 1, 0)]

    def worth(self, utility: float, round_: int) -> float:
        """What an agreement worth ``utility`` is worth if reached at ``round_``.

        Parameters
        ----------
        utility
            The undiscounted utility of the agreement.
        round_
            The round of agreement, from 0.

        Returns
        -------
        float
            ``δ^t · u − c · t``.
        """
        return float(self.discount**round_ * utility - self.cost * round_)

    def floor(self, round_: int) -> float:
        """The least undiscounted utility that, agreed at ``round_``, beats walking away.

        Parameters
        ----------
        round_
            The round, from 0.

        Returns
        -------
        float
            ``(r + c · t) / δ^t``.
        """
        return float(floors_to_beat_leaving(self, np.array([round_]))[0])

    def walks_out(self, round_: int) -> bool:
        """Whether nothing the actor could still get beats leaving now.

        Parameters
        ----------
        round_
            The current round, from 0.

        Returns
        -------
        bool
            True when even its favourite admissible outcome, agreed this round, is worth less
            than its walk-away (always, when its red lines rule out every outcome).
        """
        return round_ >= self.horizon

    @cached_property
    def horizon(self) -> int:
        """The round at which the actor walks out, or the deadline if it never does.

        Returns
        -------
        int
            The first round at which ``δ^t · u_best − c · t`` falls below the walk-away, ``u_best``
            being its favourite admissible outcome (0 when no outcome is admissible).
        """
        key = ("horizon", self.index, self.reservation, self.discount, self.cost)
        cache = self.game.solver_cache
        if key not in cache:
            _, utilities = self._sorted_admissible()
            if utilities.size == 0:
                cache[key] = 0
            else:
                rounds = np.arange(self.deadline)
                worth = self.discount**rounds * utilities[0] - self.cost * rounds
                short = np.flatnonzero(worth < self.reservation - 1e-12)
                cache[key] = int(short[0]) if short.size else self.deadline
        horizon: int = cache[key]
        return horizon

    @property
    def talks_end(self) -> int:
        """The round by which the talks end, at the latest the deadline.

        That is the first round at which no deal is left that every party would still prefer to
        walking away.

        Patience, costs and walk-aways are taken as known to all for this purpose (an actor in a
        hurry says so, as the article's United States does), so that every actor paces its
        concessions to the talks' real end rather than to the formal deadline.

        Returns
        -------
        int
            A number of rounds, at most the deadline.
        """
        game = self.game
        key = ("talks_end",)
        if key not in game.solver_cache:
            game.solver_cache[key] = _zone_closes(game)
        end: int = game.solver_cache[key]
        return end


def floors_to_beat_leaving(seat: Seat, rounds: IntArray) -> FloatArray:
    """``(r + c · t) / δ^t`` per round: the least undiscounted utility worth more than leaving.

    Parameters
    ----------
    seat
        The actor's place at the table.
    rounds
        The rounds, from 0.

    Returns
    -------
    FloatArray
        One floor per round.
    """
    leaving = np.asarray(seat.reservation + seat.cost * rounds, dtype=np.float64)
    return undiscounted(leaving, seat, rounds)


def undiscounted(values: FloatArray, seat: Seat, rounds: IntArray) -> FloatArray:
    """``values / δ^t``: time-0 values in the units of round ``t``.

    Far enough into a long horizon ``δ^t`` underflows to zero: a non-zero value then becomes
    infinite (leaving, or a cost, outweighs any agreement), and zero stays zero.

    Parameters
    ----------
    values
        One value per round.
    seat
        The actor's place at the table (its discount).
    rounds
        The rounds, from 0.

    Returns
    -------
    FloatArray
        One value per round.
    """
    shrink = seat.discount ** rounds.astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        scaled: FloatArray = np.where(values != 0, values / shrink, 0.0)
    return scaled


def _zone_closes(game: Game) -> int:
    """The first round at which no outcome passes the rules at everyone's walk-away.

    Each actor's utility counts discounted and cost-reduced; searched on the frontier, among the
    texts that pass in the first round (what fails then fails later: worth only falls).
    """
    frontier = game.frontier()
    if frontier.size == 0:
        return 0

    def _passing(round_: int, texts: IntArray) -> BoolArray:
        worth = game.utilities[texts] * game.discount**round_ - game.cost * round_
        return game.ratify_matrix(worth >= game.reservation - 1e-12, texts)

    frontier = frontier[_passing(0, frontier)]
    if frontier.size == 0:
        return 0
    low, high = 1, game.deadline
    if _passing(high - 1, frontier).any():
        return game.deadline
    while low < high:
        middle = (low + high) // 2
        if _passing(middle, frontier).any():
            low = middle + 1
        else:
            high = middle
    return low
