"""Strategies and protocols from other packages, found through entry points.

A package makes its classes available to scenarios by declaring them in its metadata::

    [project.entry-points."negosim.strategies"]
    stubborn = "my_package.strategies:Stubborn"

    [project.entry-points."negosim.protocols"]
    auction = "my_package.protocols:Auction"

A registry loads every such class the first time it is read, in every process (workers
included), so a plug-in's name is usable in YAML wherever a built-in one is; reading lazily lets
a plug-in import negosim's own modules without a circular import.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterable, Iterator, MutableMapping
from importlib.metadata import entry_points
from typing import TypeVar

STRATEGY_GROUP = "negosim.strategies"
PROTOCOL_GROUP = "negosim.protocols"

T = TypeVar("T")
log = logging.getLogger(__name__)


def plugin_classes(group: str, base: type[T]) -> list[type[T]]:
    """The subclasses of ``base`` declared under ``group`` by installed packages, in name order.

    A plug-in that fails to load, or is not a subclass of ``base``, is left out with a warning
    naming it, so that one broken package does not stop negosim.

    Parameters
    ----------
    group
        :data:`STRATEGY_GROUP` or :data:`PROTOCOL_GROUP`.
    base
        What every class of the group must derive from.

    Returns
    -------
    list of type
        The loaded classes.
    """
    found = []
    for point in sorted(entry_points(group=group), key=lambda p: p.name):
        try:
            loaded = point.load()
        except Exception as error:
            warnings.warn(
                f"negosim plug-in {point.name} ({point.value}) did not load: {error}",
                stacklevel=2,
            )
            continue
        if not (isinstance(loaded, type) and issubclass(loaded, base)):
            warnings.warn(
                f"negosim plug-in {point.name} ({point.value}) is not a {base.__name__}",
                stacklevel=2,
            )
            continue
        log.info("plug-in %s (%s) registered under %s", point.name, point.value, group)
        found.append(loaded)
    return found


class Registry(MutableMapping[str, type[T]]):
    """Classes by the ``name`` scenarios use: the built-in ones, then the plug-ins when first read.

    Parameters
    ----------
    kind
        What the classes are, for messages ("strategy", "protocol").
    classes
        The built-in classes.
    group
        The entry-point group of the plug-ins.
    base
        What every class must derive from.
    """

    def __init__(self, kind: str, classes: Iterable[type[T]], group: str, base: type[T]) -> None:
        self.kind, self.group, self.base = kind, group, base
        self.classes: dict[str, type[T]] = {}
        self.loaded = False
        for cls in classes:
            self.add(cls)

    def add(self, cls: type[T]) -> type[T]:
        """Register ``cls`` under its ``name``.

        Parameters
        ----------
        cls
            The class.

        Returns
        -------
        type
            The class itself.

        Raises
        ------
        ValueError
            When another class already holds the name.
        """
        name: str = getattr(cls, "name", "")
        holder = self.classes.get(name)
        if holder is not None and holder is not cls:
            raise ValueError(f"{self.kind} name '{name}' is taken by {holder.__qualname__}")
        self.classes[name] = cls
        return cls

    def _plugins(self) -> dict[str, type[T]]:
        if not self.loaded:
            self.loaded = True
            for cls in plugin_classes(self.group, self.base):
                try:
                    self.add(cls)
                except ValueError as error:
                    warnings.warn(f"negosim plug-in left out: {error}", stacklevel=3)
        return self.classes

    def __getitem__(self, name: str) -> type[T]:
        return self._plugins()[name]

    def __setitem__(self, name: str, cls: type[T]) -> None:
        self._plugins()[name] = cls

    def __delitem__(self, name: str) -> None:
        del self._plugins()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._plugins())

    def __len__(self) -> int:
        return len(self._plugins())

    def __repr__(self) -> str:
        return f"Registry({self.kind}: {', '.join(self)})"
