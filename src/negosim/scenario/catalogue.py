"""What the engine can play, as scenario validation needs to know it.

The scenario layer sits below strategies and protocols, so it does not import their registries: the
caller hands validation a :class:`Catalogue` built from them (``negosim.engine.catalogue`` builds the
full one). Validation then reports an unknown strategy, protocol or strategy parameter together with
the names that are known.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

ParameterSpec = tuple[type | tuple[str, ...], Any, str]
"""A strategy parameter: its type (or the strings allowed), its default and what it means."""


@dataclass(frozen=True)
class Catalogue:
    """Names a scenario may use for protocols and strategies, and each strategy's parameters.

    Attributes
    ----------
    protocols
        Protocol names.
    strategies
        For each strategy name, its parameters by name.
    """

    protocols: tuple[str, ...] = ()
    strategies: Mapping[str, Mapping[str, ParameterSpec]] = field(default_factory=dict)

    def parameter_problems(
        self, strategy: str, params: Mapping[str, Any]
    ) -> Iterator[tuple[str, str, str]]:
        """Every bad parameter given to a known strategy.

        Parameters
        ----------
        strategy
            A strategy name in :attr:`strategies`.
        params
            The parameters a scenario gives it.

        Yields
        ------
        tuple of str
            (parameter, what is wrong, what is allowed).
        """
        allowed = self.strategies[strategy]
        for key, value in params.items():
            if key not in allowed:
                names = ", ".join(allowed) or "(this strategy takes no parameters)"
                yield key, f"unknown parameter of strategy '{strategy}'", f"one of: {names}"
                continue
            kind, _, meaning = allowed[key]
            if isinstance(kind, tuple):
                if value not in kind:
                    yield key, "not a choice of this parameter", f"one of: {', '.join(kind)}"
                continue
            if kind is bool and not isinstance(value, bool):
                yield key, "must be true or false", meaning
            elif kind is float and (isinstance(value, bool) or not isinstance(value, int | float)):
                yield key, "must be a number", meaning
            elif kind is float and not 0 <= float(value) <= 1e6:
                yield key, "must be a number from 0 to 1e6", meaning
