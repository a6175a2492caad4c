"""Every protocol in one place, by name (the protocol counterpart of the strategy registry)."""

from __future__ import annotations

from negosim.protocols.alternating import AlternatingOffers
from negosim.protocols.base import Protocol
from negosim.protocols.expected_utility import ExpectedUtility
from negosim.protocols.mediated import MediatedText
from negosim.protocols.recognition import Recognition

PROTOCOLS: dict[str, type[Protocol]] = {
    cls.name: cls for cls in (AlternatingOffers, Recognition, MediatedText, ExpectedUtility)
}
"""Protocol classes by the name scenarios use."""


def register_protocol(cls: type[Protocol]) -> type[Protocol]:
    """Make a protocol available to scenarios by its ``name`` (usable as a class decorator).

    Parameters
    ----------
    cls
        A :class:`Protocol` subclass with a unique ``name``.

    Returns
    -------
    type
        The class itself.

    Raises
    ------
    ValueError
        When another class already holds the name.
    """
    holder = PROTOCOLS.get(cls.name)
    if holder is not None and holder is not cls:
        raise ValueError(f"protocol name '{cls.name}' is taken by {holder.__qualname__}")
    PROTOCOLS[cls.name] = cls
    return cls


def make_protocol(name: str) -> Protocol:
    """A fresh protocol for one negotiation.

    Parameters
    ----------
    name
        A key of :data:`PROTOCOLS`.

    Returns
    -------
    Protocol
        A new instance, not yet reset.
    """
    return PROTOCOLS[name]()
