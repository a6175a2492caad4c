"""The negotiation engine: games built from scenarios, results and traces, single runs."""

from negosim.engine.game import Game, game_from_scenario
from negosim.engine.result import Move, Result, Trace

__all__ = ["Game", "Move", "Result", "Trace", "game_from_scenario"]
