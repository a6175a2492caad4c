"""negosim: a stakeholder negotiation game simulator.

The data flow is one-way: a YAML scenario is validated into a :class:`Scenario`, turned into an
outcome space with utility tables (pure numpy), and analysed or played out by the negotiation engine.
"""

from negosim.scenario import Scenario, ScenarioError, load_scenario

__all__ = ["Scenario", "ScenarioError", "__version__", "load_scenario"]
__version__ = "0.1.0"
