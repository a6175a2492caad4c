"""Negotiation protocols: who proposes each round and what counts as agreement."""

from negosim.protocols.alternating import AlternatingOffers
from negosim.protocols.base import Protocol
from negosim.protocols.expected_utility import ExpectedUtility
from negosim.protocols.mediated import MediatedText
from negosim.protocols.names import PROTOCOL_NAMES
from negosim.protocols.recognition import Recognition

PROTOCOLS: dict[str, type[Protocol]] = {
    cls.name: cls for cls in (AlternatingOffers, Recognition, MediatedText, ExpectedUtility)
}
assert tuple(PROTOCOLS) == PROTOCOL_NAMES


def make_protocol(name: str) -> Protocol:
    return PROTOCOLS[name]()


__all__ = ["PROTOCOLS", "Protocol", "make_protocol"]
