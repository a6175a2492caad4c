"""Negotiation protocols: who proposes each round and what counts as agreement."""

from negosim.protocols.base import Protocol, Table
from negosim.protocols.registry import PROTOCOLS, make_protocol, register_protocol

__all__ = ["PROTOCOLS", "Protocol", "Table", "make_protocol", "register_protocol"]
