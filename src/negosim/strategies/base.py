"""What every strategy sees and does.

A strategy is a small class with a readable ``name`` and a ``classifier`` (Axelrod's idea): the
engine gives it a :class:`Seat` at the start of each negotiation, then asks it to propose and to
respond. Strategies look utilities up in arrays computed once per run; they never evaluate a
utility function per offer.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import numpy.typing as npt

from negosim.arrays import BoolArray, FloatArray, IntArray

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
    """

    index: int
    game: Game
    rng: np.random.Generator
    protocol: str
    reservation: float
    discount: float

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


class Strategy:
    """Base class: proposes the actor's best outcome and accepts whatever it finds acceptable.

    Subclasses set a readable ``name``, a ``classifier`` (Axelrod's idea: what kind of player it
    is) and their ``parameters``, and override :meth:`propose`, :meth:`respond` and, to learn
    from the table, :meth:`observe`.

    Parameters
    ----------
    **params
        Values for the entries of :attr:`parameters`; the others keep their defaults.
    """

    name: ClassVar[str] = "strategy"
    classifier: ClassVar[dict[str, Any]] = {
        "stochastic": False,
        "time_dependent": False,
        "reactive": False,
        "uses_opponent_model": False,
        "full_information": False,
    }
    parameters: ClassVar[dict[str, tuple[type, Any, str]]] = {}
    """name -> (type, default, meaning)."""

    def __init__(self, **params: Any) -> None:
        self.params = {key: default for key, (_, default, _) in self.parameters.items()}
        self.params.update(params)
        self.seat: Seat | None = None

    def reset(self, seat: Seat) -> None:
        """Take a seat for a new negotiation.

        Parameters
        ----------
        seat
            The actor's place at the table.
        """
        self.seat = seat

    @property
    def me(self) -> Seat:
        """The seat taken at :meth:`reset`.

        Returns
        -------
        Seat
            The actor's place at the table.
        """
        assert self.seat is not None, "reset(seat) is called before a negotiation starts"
        return self.seat

    def propose(self, round_: int) -> int:
        """The offer for this round.

        Parameters
        ----------
        round_
            The current round, from 0.

        Returns
        -------
        int
            The outcome offered.
        """
        return self.me.best

    def respond(self, round_: int, offer: int, proposer: int) -> bool:
        """Yes or no to an offer on the table.

        Parameters
        ----------
        round_
            The current round, from 0.
        offer
            The outcome offered.
        proposer
            Who offers it (an actor's column, or a non-actor speaker id).

        Returns
        -------
        bool
            Whether the actor accepts.
        """
        return self.me.acceptable(offer)

    def observe(self, round_: int, proposer: int, offer: int) -> None:
        """See an offer made at the table.

        Every offer is shown to every actor, but only to strategies that override this method:
        the engine skips the others.

        Parameters
        ----------
        round_
            The round it was made.
        proposer
            Who made it.
        offer
            The outcome offered.
        """

    @classmethod
    def observes(cls) -> bool:
        """Whether this strategy learns from the offers it sees.

        Returns
        -------
        bool
            True when it overrides :meth:`observe`.
        """
        return cls.observe is not Strategy.observe

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"{type(self).__name__}({shown})"
