"""The scenarios that ship with negosim, found by name or by path."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml


@dataclass(frozen=True)
class BundledScenario:
    """A scenario shipped with negosim.

    Attributes
    ----------
    name
        The name that selects it (the file's stem).
    path
        Its YAML file.
    summary
        Its one-line summary.
    """

    name: str
    path: Path
    summary: str


def bundled_dir() -> Path:
    """The folder of the bundled scenarios.

    Installed wheels carry ``negosim/configs``; a source checkout keeps them in ``configs/``.

    Returns
    -------
    Path
        The folder.
    """
    packaged = Path(str(resources.files("negosim"))) / "configs"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[3] / "configs"


def bundled_scenarios() -> list[BundledScenario]:
    """Every bundled scenario, by name.

    Returns
    -------
    list of BundledScenario
        Sorted by name.
    """
    return [
        BundledScenario(path.stem, path, _summary(path, path.stat().st_mtime_ns))
        for path in sorted(bundled_dir().glob("*.yaml"))
    ]


@lru_cache(maxsize=64)
def _summary(path: Path, modified: int) -> str:
    """The file's summary, read once per version of the file.

    Every dashboard page lists them; parsing the four files took a second of server time a page.
    """
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return str(data.get("summary", ""))


def resolve_config(config: str) -> Path:
    """A path as given when it exists, else the bundled scenario of that name, else the path.

    Parameters
    ----------
    config
        A file path or a bundled scenario's name.

    Returns
    -------
    Path
        The file to read.
    """
    path = Path(config)
    if path.exists():
        return path
    bundled = bundled_dir() / f"{config}.yaml"
    return bundled if bundled.is_file() and path.suffix == "" else path
