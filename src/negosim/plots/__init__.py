"""Figures: pure functions from tables to matplotlib Figures, shared by the CLI, reports and the web."""

from negosim.plots.data import Results, ResultsError, load_results
from negosim.plots.figures import Panel, panels

__all__ = ["Panel", "Results", "ResultsError", "load_results", "panels"]
