"""Acceptance conditions (Baarslag, Hindriks and Jonker, 2014), for any strategy to use.

Every condition first asks whether the offer, agreed now, beats walking away (``δ^t u − c t ≥ r``
and the actor's red lines hold); then:

- ``next`` (AC_next): it is worth at least what the actor's own next offer would be worth if the
  others accepted it next round — the discounted, cost-reduced value of waiting;
- ``time`` (AC_time): the time is past ``T`` of the actor's horizon, whatever the offer;
- ``combi`` (AC_combi with MAX^W): AC_next, or past ``T`` and at least as good as the best offer
  received in the last window as long as the time that remains.
"""

from __future__ import annotations

from collections.abc import Sequence

from negosim.strategies.seat import Seat

ACCEPTANCE = ("next", "time", "combi")
"""The acceptance conditions by name."""


def accepts(
    condition: str,
    seat: Seat,
    round_: int,
    utility: float,
    next_utility: float,
    received: Sequence[tuple[int, float]] = (),
    time: float = 0.9,
) -> bool:
    """Whether an offer worth ``utility`` is accepted at ``round_``.

    Parameters
    ----------
    condition
        One of :data:`ACCEPTANCE`.
    seat
        The actor's seat (patience, cost per round, walk-away, horizon).
    round_
        The current round, from 0.
    utility
        The offer's undiscounted utility to the actor.
    next_utility
        The undiscounted utility of the actor's own next offer.
    received
        (round, utility) of the offers received so far, for AC_combi.
    time
        ``T``: the share of the actor's horizon after which AC_time and AC_combi relax.

    Returns
    -------
    bool
        Whether the actor accepts (red lines are checked by the caller).
    """
    now = seat.worth(utility, round_)
    if now < seat.reservation - 1e-12:
        return False
    waiting = seat.worth(next_utility, round_ + 1)
    ac_next = now >= waiting - 1e-12
    late = round_ >= time * (seat.horizon - 1)
    if condition == "next":
        return ac_next
    if condition == "time":
        return late
    remaining = max(seat.horizon - round_, 1)
    window = [u for r, u in received if r >= round_ - remaining]
    return ac_next or (late and utility >= max(window, default=0.0) - 1e-12)
