"""The negotiation engine on Mesa: the model and its agents, the scenario catalogue, single runs.

The model and agents are imported on first use, so that loading a scenario through
:mod:`negosim.engine.catalogue` does not load Mesa.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {"NegotiationModel": "negosim.engine.model", "Stakeholder": "negosim.engine.agents"}

__all__ = ["NegotiationModel", "Stakeholder"]


def __getattr__(name: str) -> Any:
    """Import an exported name on first use (PEP 562)."""
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'negosim.engine' has no attribute {name!r}")
