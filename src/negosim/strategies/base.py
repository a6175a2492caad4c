"""What every strategy sees and does.

A strategy is a small class with a readable ``name`` and a ``classifier`` (Axelrod's idea): the
engine gives it a :class:`Seat` at the start of each negotiation, then asks it to propose and to
respond. Strategies look utilities up in arrays computed once per run; they never evaluate a
utility function per offer.

Two ways to be given a seat: :meth:`Strategy.reset` starts a new negotiation (a fresh player that
forgets what it saw), :meth:`Strategy.replan` follows a change of parameters mid-negotiation (an
event) and keeps what it has learnt.
"""

from __future__ import annotations

from typing import Any, ClassVar

from negosim.strategies.seat import Seat

NEVER = 10**9
"""A round no negotiation reaches: when an actor that does not walk out on its own leaves."""

ParameterSpec = tuple[type | tuple[str, ...], Any, str]
"""A parameter: its type (or the strings allowed), its default and what it means."""


class Strategy:
    """Base class: proposes the actor's best outcome and accepts whatever it finds acceptable.

    Subclasses set a readable ``name``, a ``classifier`` (Axelrod's idea: what kind of player it
    is) and their ``parameters``, and override :meth:`propose`, :meth:`respond`, :meth:`plan`
    (what follows from the seat) and, to learn from the table, :meth:`observe` and
    :meth:`forget`. Every strategy leaves the table when nothing it could still get beats its
    walk-away (:meth:`walks_out`).

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
        "knows_preferences": False,
        "full_information": False,
    }
    parameters: ClassVar[dict[str, ParameterSpec]] = {}
    """name -> (type or allowed strings, default, meaning)."""
    drafts_texts: ClassVar[bool] = False
    """In a mediator's chair, whether it writes the text itself (a person does)."""
    leaves_table: ClassVar[bool] = True
    """Whether it walks out on its own when nothing beats leaving (a person decides for
    themselves; an equilibrium player plays the game without an exit)."""

    def __init__(self, **params: Any) -> None:
        self.params = {key: default for key, (_, default, _) in self.parameters.items()}
        self.params.update(params)
        self.seat: Seat | None = None

    def reset(self, seat: Seat) -> None:
        """Take a seat for a new negotiation: forget everything seen, then plan.

        Parameters
        ----------
        seat
            The actor's place at the table.
        """
        self.seat = seat
        self.forget()
        self.plan(seat)

    def replan(self, seat: Seat) -> None:
        """Follow a change of parameters mid-negotiation, keeping what was observed.

        Parameters
        ----------
        seat
            The actor's place at the table, with the new parameters.
        """
        self.seat = seat
        self.plan(seat)

    def forget(self) -> None:
        """Clear what was learnt from the table (called by :meth:`reset` only)."""

    def plan(self, seat: Seat) -> None:
        """Work out what follows from the seat (targets, solved games); keeps observations.

        Parameters
        ----------
        seat
            The actor's place at the table.
        """

    def classify(self) -> dict[str, Any]:
        """The classifier of this player, with what its parameters change.

        Returns
        -------
        dict
            The class's classifier; ``knows_preferences`` and ``full_information`` follow an
            ``information`` parameter.
        """
        found = dict(self.classifier)
        if "information" in self.params:
            found["knows_preferences"] = self.params["information"] in (
                "preferences",
                "prior",
                "full",
            )
            found["full_information"] = self.params["information"] == "full"
        return found

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
        return (
            self.me.acceptable(offer)
            and self.me.worth(float(self.me.utilities[offer]), round_)
            >= self.me.reservation - 1e-12
        )

    def leaves_at(self) -> int:
        """The round at which the actor would leave, if talks go on that long.

        The table asks :meth:`walks_out` only from the earliest such round on.

        Returns
        -------
        int
            Its horizon: the round at which nothing it could still get beats leaving, or
            :data:`NEVER` for a strategy that does not leave on its own.
        """
        return self.me.horizon if self.leaves_table else NEVER

    def walks_out(self, round_: int) -> bool:
        """Whether the actor leaves the table at the start of this round.

        Parameters
        ----------
        round_
            The current round, from 0.

        Returns
        -------
        bool
            True when nothing it could still get beats walking away.
        """
        return self.leaves_table and round_ >= self.me.horizon

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

    def hear(self, round_: int, proposer: int, offer: int, responses: tuple[bool, ...]) -> None:
        """Hear every actor's answer to an offer made at the table (votes are public).

        Called only for strategies that override it, after every vote. A strategy that needs
        the votes only when it is its turn reads them from ``seat.minutes`` instead (as the
        models of the others do), which costs the table nothing per vote.

        Parameters
        ----------
        round_
            The round of the vote.
        proposer
            Who made the offer.
        offer
            The outcome voted on.
        responses
            Every actor's yes or no, by column.
        """

    @classmethod
    def hears(cls) -> bool:
        """Whether this strategy learns from the votes it hears.

        Returns
        -------
        bool
            True when it overrides :meth:`hear`.
        """
        return cls.hear is not Strategy.hear

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
