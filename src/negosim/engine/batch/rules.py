"""A game's ratification rules as flat arrays, and compiled checks of one text against them.

Two checks, because the Mesa engine has two and the batch engine must agree with it bit for bit:
a vote on the table (:meth:`negosim.games.game.Game.ratified`, where a quota adds each party's
share of power) and the mediator's and planners' screening of many texts
(:meth:`negosim.games.game.Game.ratify_matrix`, where a quota divides the accepting power by
the total). Both add left to right, as :func:`negosim.arrays.row_sums` does.

Answers are bit masks (bit ``j`` set: actor ``j`` says yes), and the yeses each rule and each
text's consent clauses need are masks too, so that a veto or a consent is one ``and``: the
screening runs for every text the mediator weighs and every text the planners pass, and a loop
over actors and clauses there cost twenty times the check itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from negosim.arrays import BoolArray, FloatArray, IntArray
from negosim.compiled import numba
from negosim.games.game import Game

MOST_ACTORS = 62
"""The most actors an answer mask holds (a signed 64-bit word)."""


@dataclass(frozen=True)
class RuleArrays:
    """Every track's rule of a game as arrays a compiled loop can read.

    Attributes
    ----------
    vetoes
        (rules, actors) who must say yes under each rule.
    parties
        (rules, actors) who vote under each rule.
    quota
        Each rule's quota, NaN for unanimity among its parties.
    consent_rule
        For each consent clause, its rule.
    consent_actor
        For each consent clause, whose consent it needs.
    consent_needed
        (clauses, outcomes) where each clause's consent is needed.
    needed_yes
        (rules,) the mask of the yeses each rule needs: its vetoes, and every party's under
        unanimity.
    consent_yes
        (outcomes,) the mask of the yeses each outcome's consent clauses need.
    unanimous
        Whether every actor holds an unconditional veto (the vote is then ``all``).
    """

    vetoes: BoolArray
    parties: BoolArray
    quota: FloatArray
    consent_rule: IntArray
    consent_actor: IntArray
    consent_needed: BoolArray
    needed_yes: IntArray
    consent_yes: IntArray
    unanimous: bool

    @classmethod
    def of(cls, game: Game) -> RuleArrays:
        """The rules of ``game``.

        Parameters
        ----------
        game
            The game.

        Returns
        -------
        RuleArrays
            Its rules as arrays.
        """
        clauses = [
            (k, c, needed) for k, rule in enumerate(game.rules) for c, needed in rule.consent
        ]
        needed = (
            np.array([n for _, _, n in clauses], dtype=np.bool_)
            if clauses
            else np.zeros((0, game.size), dtype=np.bool_)
        )
        vetoes = np.array([r.vetoes for r in game.rules], dtype=np.bool_).reshape(-1, game.n)
        parties = np.array([r.parties for r in game.rules], dtype=np.bool_).reshape(-1, game.n)
        quota = np.array([np.nan if r.quota is None else r.quota for r in game.rules])
        actors = np.array([c for _, c, _ in clauses], dtype=np.int64)
        bits = np.int64(1) << np.arange(game.n, dtype=np.int64)
        return cls(
            vetoes=vetoes,
            parties=parties,
            quota=quota,
            consent_rule=np.array([k for k, _, _ in clauses], dtype=np.int64),
            consent_actor=actors,
            consent_needed=needed,
            needed_yes=((vetoes | (parties & np.isnan(quota)[:, np.newaxis])) * bits).sum(axis=1),
            consent_yes=np.bitwise_or.reduce(
                needed.astype(np.int64) << actors[:, np.newaxis], axis=0, initial=0
            )
            if clauses
            else np.zeros(game.size, dtype=np.int64),
            unanimous=game.unanimous,
        )

    @property
    def fields(self) -> tuple[Any, ...]:
        """The arrays the compiled checks take, each outcome's consent mask last.

        Returns
        -------
        tuple
            (parties, quota, needed_yes, consent_yes).
        """
        return (self.parties, self.quota, self.needed_yes, self.consent_yes)


@numba.njit(cache=True, inline="always")
def mask_of(accepts: BoolArray) -> int:  # pragma: no cover - compiled
    """The answers as a bit mask (bit ``j`` set when actor ``j`` says yes).

    Parameters
    ----------
    accepts
        Each actor's answer.

    Returns
    -------
    int
        The mask.
    """
    mask = 0
    for j in range(accepts.shape[0]):
        if accepts[j]:
            mask |= 1 << j
    return mask


@numba.njit(cache=True, inline="always")
def _share_holds(  # pragma: no cover - compiled
    yes: int,
    k: int,
    power: FloatArray,
    parties: BoolArray,
    quota: FloatArray,
) -> bool:
    """Whether rule ``k``'s quota, if any, is met: accepting power over all its parties' power."""
    if np.isnan(quota[k]):
        return True
    weight = power[0] if parties[k, 0] else 0.0
    share = weight if yes & 1 else 0.0
    total = weight
    for j in range(1, power.shape[0]):
        weight = power[j] if parties[k, j] else 0.0
        share += weight if (yes >> j) & 1 else 0.0
        total += weight
    return bool(share / total >= quota[k] - 1e-12)


@numba.njit(cache=True, inline="always")
def could_pass(  # pragma: no cover - compiled
    yes: int,
    power: FloatArray,
    parties: BoolArray,
    quota: FloatArray,
    needed_yes: IntArray,
) -> bool:
    """Whether vetoes and quotas let these answers through, consent clauses aside.

    A text whose yeses are among these fails :func:`screen` when this is False: every rule asks
    for more yeses, never fewer. The rules come as arrays, not as the tuple
    :attr:`RuleArrays.fields`: a tuple handed down to a check inside a loop over texts made the
    loop several times slower.

    Parameters
    ----------
    yes
        The answers' mask, or the mask of everyone who might say yes to some texts.
    power
        Each actor's power.
    parties, quota, needed_yes
        The fields of :class:`RuleArrays` of these names.

    Returns
    -------
    bool
        False when no text with such answers can pass.
    """
    for k in range(quota.shape[0]):
        if needed_yes[k] & ~yes or not _share_holds(yes, k, power, parties, quota):
            return False
    return True


@numba.njit(cache=True, inline="always")
def screen(  # pragma: no cover - compiled
    yes: int,
    consent: int,
    power: FloatArray,
    parties: BoolArray,
    quota: FloatArray,
    needed_yes: IntArray,
) -> bool:
    """Whether a text passes every rule with these answers, as ``Game.ratify_matrix`` judges.

    A quota divides the accepting parties' power by all parties' power, each added left to right.

    Parameters
    ----------
    yes
        The answers' mask (:func:`mask_of`).
    consent
        The text's consent mask (a value of :attr:`RuleArrays.consent_yes`).
    power
        Each actor's power.
    parties, quota, needed_yes
        The fields of :class:`RuleArrays` of these names.

    Returns
    -------
    bool
        True when every rule passes.
    """
    return not (consent & ~yes) and could_pass(yes, power, parties, quota, needed_yes)


@numba.njit(cache=True)
def ratified(  # pragma: no cover - compiled
    accepts: BoolArray,
    text: int,
    power: FloatArray,
    rules: tuple,  # type: ignore[type-arg]
    unanimous: bool,
) -> bool:
    """Whether a vote on ``text`` passes, as ``Game.ratified`` judges.

    A quota adds each accepting party's share of the parties' power, left to right.

    Parameters
    ----------
    accepts
        Each actor's answer.
    text
        The outcome voted on.
    power
        Each actor's power.
    rules
        :attr:`RuleArrays.fields`.
    unanimous
        Whether every actor holds an unconditional veto (the vote is then ``all``).

    Returns
    -------
    bool
        True when every rule passes.
    """
    if unanimous:
        return bool(accepts.all())
    parties, quota, needed_yes, consent_yes = rules
    yes = mask_of(accepts)
    if consent_yes[text] & ~yes:
        return False
    for k in range(quota.shape[0]):
        if needed_yes[k] & ~yes:
            return False
        if np.isnan(quota[k]):
            continue
        total = 0.0
        first = True
        for j in range(accepts.shape[0]):
            if parties[k, j]:
                total = power[j] if first else total + power[j]
                first = False
        share = 0.0
        for j in range(accepts.shape[0]):
            if parties[k, j] and accepts[j]:
                share += power[j] / total
        if not share >= quota[k] - 1e-12:
            return False
    return True
