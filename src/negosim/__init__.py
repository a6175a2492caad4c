"""negosim: a stakeholder negotiation game simulator.

The data flow is one-way: a YAML scenario is validated into a :class:`Scenario`, turned into an
outcome space with utility tables (pure numpy), and analysed or played out by the negotiation engine.
The names below are imported on first use, so that ``import negosim`` (and the command line's
start-up) does not load the engine.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "Scenario": "negosim.scenario",
    "ScenarioError": "negosim.scenario",
    "load_scenario": "negosim.engine.catalogue",
    "read_scenario": "negosim.engine.catalogue",
    "parse_scenario": "negosim.engine.catalogue",
    "NegotiationModel": "negosim.engine.model",
    "Stakeholder": "negosim.engine.agents",
    "simulate": "negosim.engine.simulate",
}

__all__ = [
    "NegotiationModel",
    "Scenario",
    "ScenarioError",
    "Stakeholder",
    "__version__",
    "load_scenario",
    "parse_scenario",
    "read_scenario",
    "simulate",
]


def __getattr__(name: str) -> Any:
    """Import an exported name on first use (PEP 562)."""
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'negosim' has no attribute {name!r}")
