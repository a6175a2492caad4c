"""The negotiation engine on Mesa: the model and its agents, the scenario catalogue, single runs."""

from negosim.engine.agents import Stakeholder
from negosim.engine.model import NegotiationModel

__all__ = ["NegotiationModel", "Stakeholder"]
