"""Negotiation strategies, one family per module, all listed in :mod:`negosim.strategies.registry`."""

from negosim.strategies.base import Seat, Strategy
from negosim.strategies.registry import STRATEGIES, make_strategy, register_strategy

__all__ = ["STRATEGIES", "Seat", "Strategy", "make_strategy", "register_strategy"]
