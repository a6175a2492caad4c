"""A negotiation game as arrays, and what a negotiation of it produced.

A game is the utility table of one outcome space, who must ratify, how patient everyone is and when
time runs out.

This layer sits below strategies and protocols so that both can read a game without knowing the
engine that plays it.
"""

from negosim.games.game import Game, game_from_scenario
from negosim.games.result import Move, Result, Trace

__all__ = ["Game", "Move", "Result", "Trace", "game_from_scenario"]
