"""GENIUS (ANAC) negotiation domains: read them and turn them into negosim scenarios."""

from negosim.genius.convert import to_document
from negosim.genius.parsing import GeniusError
from negosim.genius.reader import GeniusDomain, read_domain
from negosim.genius.writer import export_genius

__all__ = ["GeniusDomain", "GeniusError", "export_genius", "read_domain", "to_document"]
