"""Every strategy in one place, by name, with the parameters each accepts.

Plug-ins are included: see :mod:`negosim.games.plugins`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from negosim.games.plugins import STRATEGY_GROUP, Registry
from negosim.strategies.base import Strategy
from negosim.strategies.bayesian import Bayesian
from negosim.strategies.human import Callback, Human
from negosim.strategies.micro import MiCRO
from negosim.strategies.opponent_model import OpponentModelling
from negosim.strategies.reciprocal import TitForTat
from negosim.strategies.simple import Hardliner, RandomAcceptable
from negosim.strategies.subgame_perfect import SubgamePerfect
from negosim.strategies.time_dependent import Boulware, Conceder, Linear, TimeDependent
from negosim.strategies.tradeoff import TradeOff

STRATEGIES: Registry[Strategy] = Registry(
    "strategy",
    (
        Boulware,
        Linear,
        Conceder,
        TimeDependent,
        TitForTat,
        Hardliner,
        RandomAcceptable,
        OpponentModelling,
        TradeOff,
        MiCRO,
        SubgamePerfect,
        Bayesian,
        Human,
    ),
    STRATEGY_GROUP,
    Strategy,
)
"""Strategy classes by the name scenarios use (plug-ins loaded on first read)."""


def register_strategy(cls: type[Strategy]) -> type[Strategy]:
    """Make a strategy available to scenarios by its ``name`` (usable as a class decorator).

    Parameters
    ----------
    cls
        A :class:`Strategy` subclass with a unique ``name``.

    Returns
    -------
    type
        The class itself.

    Raises
    ------
    ValueError
        When another class already holds the name.
    """
    return STRATEGIES.add(cls)


def make_strategy(
    name: str, params: Mapping[str, Any], callback: Callback | None = None
) -> Strategy:
    """A fresh strategy for one seat.

    Parameters
    ----------
    name
        A key of :data:`STRATEGIES`.
    params
        Its parameters, as a scenario gives them (validated against ``parameters``).
    callback
        For the ``human`` strategy: who answers for the person.

    Returns
    -------
    Strategy
        A new instance, not yet reset.
    """
    cls = STRATEGIES[name]
    if cls is Human:
        return Human(callback, **params)
    return cls(**{k: _typed(cls.parameters[k][0], v) for k, v in params.items()})


def _typed(kind: object, value: Any) -> Any:
    """A scenario's value as the parameter's type (YAML may write 4 for 4.0)."""
    if kind is float:
        return float(value)
    if kind is bool:
        return bool(value)
    return value
