"""Negotiation strategies, one family per module, all listed in :mod:`negosim.strategies.registry`."""

from negosim.strategies.base import Strategy
from negosim.strategies.registry import STRATEGIES, make_strategy, register_strategy
from negosim.strategies.seat import Seat

__all__ = ["STRATEGIES", "Seat", "Strategy", "make_strategy", "register_strategy"]
