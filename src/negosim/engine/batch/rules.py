"""A game's ratification rules as flat arrays, and compiled checks of one text against them.

Two checks, because the Mesa engine has two and the batch engine must agree with it bit for bit:
a vote on the table (:meth:`negosim.games.game.Game.ratified`, where a quota adds each party's
share of power) and the mediator's and planners' screening of many texts
(:meth:`negosim.games.game.Game.ratify_matrix`, where a quota divides the accepting power by
the total). Both add left to right, as :func:`negosim.arrays.row_sums` does.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from negosim.arrays import BoolArray, FloatArray, IntArray
from negosim.compiled import numba
from negosim.games.game import Game


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
    unanimous
        Whether every actor holds an unconditional veto (the vote is then ``all``).
    """

    vetoes: BoolArray
    parties: BoolArray
    quota: FloatArray
    consent_rule: IntArray
    consent_actor: IntArray
    consent_needed: BoolArray
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
        return cls(
            vetoes=np.array([r.vetoes for r in game.rules], dtype=np.bool_).reshape(-1, game.n),
            parties=np.array([r.parties for r in game.rules], dtype=np.bool_).reshape(-1, game.n),
            quota=np.array([np.nan if r.quota is None else r.quota for r in game.rules]),
            consent_rule=np.array([k for k, _, _ in clauses], dtype=np.int64),
            consent_actor=np.array([c for _, c, _ in clauses], dtype=np.int64),
            consent_needed=needed,
            unanimous=game.unanimous,
        )


@numba.njit(cache=True, inline="always")
def _vetoes_hold(  # pragma: no cover - compiled
    accepts: BoolArray,
    k: int,
    rules: tuple,  # type: ignore[type-arg]
) -> bool:
    """Whether rule ``k``'s vetoes (every party's under unanimity) say yes."""
    vetoes, parties, quota = rules[0], rules[1], rules[2]
    unanimity = np.isnan(quota[k])
    for j in range(accepts.shape[0]):
        if (vetoes[k, j] or (unanimity and parties[k, j])) and not accepts[j]:
            return False
    return True


@numba.njit(cache=True, inline="always")
def _holds(  # pragma: no cover - compiled
    accepts: BoolArray,
    text: int,
    k: int,
    rules: tuple,  # type: ignore[type-arg]
) -> bool:
    """Whether rule ``k``'s vetoes (every party's under unanimity) and consents say yes."""
    if not _vetoes_hold(accepts, k, rules):
        return False
    consent_rule, consent_actor, needed = rules[3], rules[4], rules[5]
    for c in range(consent_rule.shape[0]):
        if consent_rule[c] == k and needed[c, text] and not accepts[consent_actor[c]]:
            return False
    return True


@numba.njit(cache=True, inline="always")
def _share_holds(  # pragma: no cover - compiled
    accepts: BoolArray,
    k: int,
    power: FloatArray,
    rules: tuple,  # type: ignore[type-arg]
) -> bool:
    """Whether rule ``k``'s quota, if any, is met: accepting power over all its parties' power."""
    parties, quota = rules[1], rules[2]
    if np.isnan(quota[k]):
        return True
    weight = power[0] if parties[k, 0] else 0.0
    share = weight if accepts[0] else 0.0
    total = weight
    for j in range(1, accepts.shape[0]):
        weight = power[j] if parties[k, j] else 0.0
        share += weight if accepts[j] else 0.0
        total += weight
    return bool(share / total >= quota[k] - 1e-12)


@numba.njit(cache=True, inline="always")
def screen(  # pragma: no cover - compiled
    accepts: BoolArray,
    text: int,
    power: FloatArray,
    rules: tuple,  # type: ignore[type-arg]
) -> bool:
    """Whether ``text`` passes every rule with these answers, as ``Game.ratify_matrix`` judges.

    A quota divides the accepting parties' power by all parties' power, each added left to right.

    Parameters
    ----------
    accepts
        Each actor's answer.
    text
        The outcome judged (consent clauses depend on it; a row of the consent table).
    power
        Each actor's power.
    rules
        The fields of :class:`RuleArrays` but ``unanimous``, in order.

    Returns
    -------
    bool
        True when every rule passes.
    """
    for k in range(rules[2].shape[0]):
        if not (_holds(accepts, text, k, rules) and _share_holds(accepts, k, power, rules)):
            return False
    return True


@numba.njit(cache=True, inline="always")
def could_pass(  # pragma: no cover - compiled
    accepts: BoolArray,
    power: FloatArray,
    rules: tuple,  # type: ignore[type-arg]
) -> bool:
    """Whether vetoes and quotas let these answers through, consent clauses aside.

    A text whose answers are at most these (no one accepts who does not here) fails
    :func:`screen` when this is False: every rule asks for more yeses, never fewer.

    Parameters
    ----------
    accepts
        Each actor's answer, or an upper bound of many texts' answers.
    power
        Each actor's power.
    rules
        The fields of :class:`RuleArrays` but ``unanimous``, in order.

    Returns
    -------
    bool
        False when no text with such answers can pass.
    """
    for k in range(rules[2].shape[0]):
        if not (_vetoes_hold(accepts, k, rules) and _share_holds(accepts, k, power, rules)):
            return False
    return True


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
        The fields of :class:`RuleArrays` but ``unanimous``, in order.
    unanimous
        Whether every actor holds an unconditional veto (the vote is then ``all``).

    Returns
    -------
    bool
        True when every rule passes.
    """
    if unanimous:
        return bool(accepts.all())
    parties, quota = rules[1], rules[2]
    for k in range(quota.shape[0]):
        if not _holds(accepts, text, k, rules):
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
