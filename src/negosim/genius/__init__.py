"""GENIUS (ANAC) negotiation domains: read them and turn them into negosim scenarios."""

from negosim.genius.convert import to_document
from negosim.genius.reader import GeniusDomain, GeniusError, read_domain

__all__ = ["GeniusDomain", "GeniusError", "read_domain", "to_document"]
