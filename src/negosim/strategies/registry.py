"""Every strategy in one place, by name, with the parameters each accepts."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from negosim.strategies.base import Strategy
from negosim.strategies.human import Callback, Human
from negosim.strategies.opponent_model import OpponentModelling
from negosim.strategies.reciprocal import TitForTat
from negosim.strategies.simple import Hardliner, RandomAcceptable
from negosim.strategies.subgame_perfect import SubgamePerfect
from negosim.strategies.time_dependent import Boulware, Conceder, Linear, TimeDependent

STRATEGIES: dict[str, type[Strategy]] = {
    cls.name: cls
    for cls in (
        Boulware,
        Linear,
        Conceder,
        TimeDependent,
        TitForTat,
        Hardliner,
        RandomAcceptable,
        OpponentModelling,
        SubgamePerfect,
        Human,
    )
}


def parameter_problems(name: str, params: Mapping[str, Any]) -> Iterator[tuple[str, str, str]]:
    """(parameter, what is wrong, what is allowed) for each bad parameter of strategy ``name``."""
    allowed = STRATEGIES[name].parameters
    for key, value in params.items():
        if key not in allowed:
            names = ", ".join(allowed) or "(this strategy takes no parameters)"
            yield key, f"unknown parameter of strategy '{name}'", f"one of: {names}"
            continue
        kind, _, meaning = allowed[key]
        if kind is float and (isinstance(value, bool) or not isinstance(value, int | float)):
            yield key, "must be a number", meaning
        elif kind is float and not 0 <= float(value) <= 1e6:
            yield key, "must be a number from 0 to 1e6", meaning


def make_strategy(
    name: str, params: Mapping[str, Any], callback: Callback | None = None
) -> Strategy:
    cls = STRATEGIES[name]
    if cls is Human:
        return Human(callback, **params)
    return cls(**{k: float(v) if cls.parameters[k][0] is float else v for k, v in params.items()})
