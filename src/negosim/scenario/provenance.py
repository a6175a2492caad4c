"""Finds every actor, issue and parameter that says neither where it comes from nor why."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from negosim.scenario.base import Provenance
from negosim.scenario.problems import Path, Problem


def missing_provenance(model: BaseModel, path: Path = ()) -> Iterator[Problem]:
    """A warning for every entry that says neither where it comes from nor why it is assumed.

    Parameters
    ----------
    model
        A scenario or any part of it.
    path
        Where ``model`` sits in the document.

    Yields
    ------
    Problem
        One warning per entry without provenance.
    """
    if isinstance(model, Provenance) and not model.has_provenance:
        yield Problem(
            path,
            "no provenance: add 'source:' (a quote) or 'assumption:' (why)",
            severity="warning",
        )
    for name in type(model).model_fields:
        yield from _walk(getattr(model, name), (*path, name))


def _walk(value: Any, path: Path) -> Iterator[Problem]:
    if isinstance(value, BaseModel):
        yield from missing_provenance(value, path)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, (*path, index))
