"""The full catalogue of what the engine plays, and scenario loading that validates against it.

Scenario validation lives below the strategies and protocols it names; this module, above both,
hands it their registries. Everything that loads a scenario for playing goes through here.
"""

from __future__ import annotations

from pathlib import Path

from negosim.protocols.registry import PROTOCOLS
from negosim.scenario import Catalogue, LoadedScenario, Scenario, loader
from negosim.scenario.bundled import resolve_config
from negosim.strategies.registry import STRATEGIES


def catalogue() -> Catalogue:
    """Every protocol and strategy registered now, with the strategies' parameters.

    Built on each call, so that strategies and protocols registered after import (a plug-in, a
    how-to's example) are known to validation.

    Returns
    -------
    Catalogue
        Names and parameters.
    """
    return Catalogue(
        protocols=tuple(PROTOCOLS),
        strategies={name: cls.parameters for name, cls in STRATEGIES.items()},
    )


def load_scenario(path: str | Path) -> Scenario:
    """A scenario from a file, or a bundled scenario by name (``"grand_bargain"``).

    Parameters
    ----------
    path
        A YAML file, or the name of a bundled scenario.

    Returns
    -------
    Scenario
        The validated scenario.

    Raises
    ------
    ScenarioError
        Listing every problem with its file, line and field.
    """
    return read_scenario(path).scenario


def read_scenario(path: str | Path) -> LoadedScenario:
    """A scenario with its provenance warnings, from a file or by bundled name.

    Parameters
    ----------
    path
        A YAML file, or the name of a bundled scenario.

    Returns
    -------
    LoadedScenario
        The scenario, its file and its warnings.
    """
    return loader.read_scenario(resolve_config(str(path)), catalogue=catalogue())


def parse_scenario(text: str, file: str = "<string>") -> LoadedScenario:
    """A scenario from YAML text, validated against every registered protocol and strategy.

    Parameters
    ----------
    text
        The YAML document.
    file
        The name to give in messages.

    Returns
    -------
    LoadedScenario
        The scenario, its file and its warnings.
    """
    return loader.parse_scenario(text, file, catalogue=catalogue())


def parse_bytes(data: bytes, file: str) -> LoadedScenario:
    """An uploaded scenario, validated as a file would be.

    Parameters
    ----------
    data
        The uploaded bytes.
    file
        The name to give in messages.

    Returns
    -------
    LoadedScenario
        The scenario, its file and its warnings.
    """
    return loader.parse_bytes(data, file, catalogue=catalogue())
