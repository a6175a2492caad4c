"""The scenario language: a YAML file validated into a :class:`Scenario`."""

from negosim.scenario.loader import LoadedScenario, load_scenario, parse_scenario, read_scenario
from negosim.scenario.model import Ratification, Scenario, Track
from negosim.scenario.problems import Problem, ScenarioError

__all__ = [
    "LoadedScenario",
    "Problem",
    "Ratification",
    "Scenario",
    "ScenarioError",
    "Track",
    "load_scenario",
    "parse_scenario",
    "read_scenario",
]
