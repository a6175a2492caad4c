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
def screen(  # pragma: no cover - compiled
    accepts: BoolArray,
    text: int,
    power: FloatArray,
    vetoes: BoolArray,
    parties: BoolArray,
    quota: FloatArray,
    consent_rule: IntArray,
    consent_actor: IntArray,
    consent_needed: BoolArray,
) -> bool:
    """Whether ``text`` passes every rule with these answers, as ``Game.ratify_matrix`` judges.

    Parameters
    ----------
    accepts
        Each actor's answer.
    text
        The outcome judged (consent clauses depend on it).
    power
        Each actor's power.
    vetoes, parties, quota, consent_rule, consent_actor, consent_needed
        The fields of :class:`RuleArrays`.

    Returns
    -------
    bool
        True when every rule passes.
    """
    n = accepts.shape[0]
    for k in range(quota.shape[0]):
        for j in range(n):
            if vetoes[k, j] and not accepts[j]:
                return False
        for c in range(consent_rule.shape[0]):
            if consent_rule[c] == k and consent_needed[c, text] and not accepts[consent_actor[c]]:
                return False
        if np.isnan(quota[k]):
            for j in range(n):
                if parties[k, j] and not accepts[j]:
                    return False
        else:
            weight = power[0] if parties[k, 0] else 0.0
            share = weight if accepts[0] else 0.0
            total = weight
            for j in range(1, n):
                weight = power[j] if parties[k, j] else 0.0
                share += weight if accepts[j] else 0.0
                total += weight
            if not share / total >= quota[k] - 1e-12:
                return False
    return True


@numba.njit(cache=True)
def ratified(  # pragma: no cover - compiled
    accepts: BoolArray,
    text: int,
    power: FloatArray,
    vetoes: BoolArray,
    parties: BoolArray,
    quota: FloatArray,
    consent_rule: IntArray,
    consent_actor: IntArray,
    consent_needed: BoolArray,
    unanimous: bool,
) -> bool:
    """Whether a vote on ``text`` passes, as ``Game.ratified`` judges.

    Parameters
    ----------
    accepts
        Each actor's answer.
    text
        The outcome voted on.
    power
        Each actor's power.
    vetoes, parties, quota, consent_rule, consent_actor, consent_needed, unanimous
        The fields of :class:`RuleArrays`.

    Returns
    -------
    bool
        True when every rule passes.
    """
    n = accepts.shape[0]
    if unanimous:
        return bool(accepts.all())
    for k in range(quota.shape[0]):
        majority = not np.isnan(quota[k])
        for j in range(n):
            must = vetoes[k, j] or (parties[k, j] and not majority)
            if must and not accepts[j]:
                return False
        for c in range(consent_rule.shape[0]):
            if consent_rule[c] == k and consent_needed[c, text] and not accepts[consent_actor[c]]:
                return False
        if majority:
            total = 0.0
            first = True
            for j in range(n):
                if parties[k, j]:
                    total = power[j] if first else total + power[j]
                    first = False
            share = 0.0
            for j in range(n):
                if parties[k, j] and accepts[j]:
                    share += power[j] / total
            if not share >= quota[k] - 1e-12:
                return False
    return True
