"""Every protocol in one place, by name (the protocol counterpart of the strategy registry).

Plug-ins are included: see :mod:`negosim.games.plugins`.
"""

from __future__ import annotations

from negosim.games.plugins import PROTOCOL_GROUP, Registry
from negosim.protocols.alternating import AlternatingOffers
from negosim.protocols.base import Protocol
from negosim.protocols.expected_utility import ExpectedUtility
from negosim.protocols.mediated import MediatedText
from negosim.protocols.recognition import Recognition

PROTOCOLS: Registry[Protocol] = Registry(
    "protocol",
    (AlternatingOffers, Recognition, MediatedText, ExpectedUtility),
    PROTOCOL_GROUP,
    Protocol,
)
"""Protocol classes by the name scenarios use (plug-ins loaded on first read)."""


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
    return PROTOCOLS.add(cls)


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
