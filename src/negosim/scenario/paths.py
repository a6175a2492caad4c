"""Parameters addressed by their dotted path in the scenario file (``actors.us.reservation``).

Uncertainty, variants, sweeps and sensitivity analysis all name parameters this way; this module
lists the numeric ones, reads them and writes new values into a copy of the scenario's document.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from negosim.scenario.model import Scenario

SCALAR, WEIGHTS = "scalar", "weights"


def document(scenario: Scenario) -> dict[str, Any]:
    """The scenario as plain data, ready to be changed and validated again.

    Parameters
    ----------
    scenario
        A validated scenario.

    Returns
    -------
    dict
        Its JSON form.
    """
    return scenario.model_dump(mode="json")


def numeric_paths(scenario: Scenario) -> dict[str, str]:
    """Every numeric parameter's dotted path, and each actor's whole weight vector.

    Parameters
    ----------
    scenario
        A validated scenario.

    Returns
    -------
    dict
        Path to ``"scalar"`` or ``"weights"``.
    """
    found = dict(_walk(document(scenario), ()))
    for name in scenario.actors:
        found[f"actors.{name}.weights"] = WEIGHTS
    return found


def _walk(node: Any, path: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        if "value" in node and _is_number(node["value"]):
            yield ".".join(path), SCALAR
            return
        for key, child in node.items():
            yield from _walk(child, (*path, str(key)))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _walk(child, (*path, str(index)))
    elif _is_number(node) and path and path[-1] not in ("step", "min", "max", "round"):
        yield ".".join(path), SCALAR


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def read(data: dict[str, Any], path: str) -> Any:
    """The value at a dotted path (a parameter's ``value`` when it carries provenance).

    Parameters
    ----------
    data
        A scenario document.
    path
        A dotted path such as ``actors.us.power``.

    Returns
    -------
    Any
        The value found.
    """
    node: Any = data
    for part in path.split("."):
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node["value"] if isinstance(node, dict) and "value" in node else node


def exists(data: dict[str, Any], path: str) -> bool:
    """Whether a dotted path names something in the document.

    Parameters
    ----------
    data
        A scenario document.
    path
        A dotted path.

    Returns
    -------
    bool
        True when :func:`read` finds it.
    """
    try:
        read(data, path)
    except (KeyError, IndexError, ValueError, TypeError):
        return False
    return True


def with_values(data: dict[str, Any], values: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of ``data`` with each path set; a parameter with provenance keeps it.

    The last part of a path may name a field the document does not state yet (an optional block
    such as a track's ``war``); validating the result refuses a field the format does not know.

    Parameters
    ----------
    data
        A scenario document.
    values
        Dotted path to new value.

    Returns
    -------
    dict
        The changed copy (``data`` is untouched).
    """
    changed = copy.deepcopy(data)
    for path, value in values.items():
        *parents, last = path.split(".")
        node: Any = changed
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        key: Any = int(last) if isinstance(node, list) else last
        target = node[key] if isinstance(node, list) else node.get(key)
        if isinstance(target, dict) and "value" in target and not isinstance(value, dict):
            target["value"] = value
        else:
            node[key] = value
    return changed


def fixing(data: dict[str, Any], values: Mapping[str, Any]) -> dict[str, Any]:
    """:func:`with_values`, and no longer uncertain.

    A parameter someone fixed (a sweep's cell, a dashboard control) is not then redrawn by the
    scenario's ``uncertainty``.

    Parameters
    ----------
    data
        A scenario document.
    values
        Dotted path to new value.

    Returns
    -------
    dict
        The changed copy without the uncertainty entries on those paths.
    """
    changed = with_values(data, values)
    changed["uncertainty"] = [
        entry for entry in changed.get("uncertainty", []) if not _overlaps(entry["path"], values)
    ]
    return changed


def _overlaps(uncertain: str, fixed: Iterable[str]) -> bool:
    return any(
        uncertain == p or p.startswith(uncertain + ".") or uncertain.startswith(p + ".")
        for p in fixed
    )
