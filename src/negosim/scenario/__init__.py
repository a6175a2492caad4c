"""The scenario language: a YAML file validated into a :class:`Scenario`."""

from negosim.scenario.catalogue import Catalogue
from negosim.scenario.loader import LoadedScenario, parse_bytes, parse_scenario, read_scenario
from negosim.scenario.model import Ratification, Scenario, Track
from negosim.scenario.problems import Problem, ScenarioError

__all__ = [
    "Catalogue",
    "LoadedScenario",
    "Problem",
    "Ratification",
    "Scenario",
    "ScenarioError",
    "Track",
    "parse_bytes",
    "parse_scenario",
    "read_scenario",
]
