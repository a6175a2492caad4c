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
