"""Turns pydantic's validation errors into problems a person can act on.

Pydantic's locations include names that are not in the file (union tags, the ``value`` of a bare
parameter); they are mapped back onto the YAML path. Unknown-key errors list the keys that are allowed
at that place, read from the schema itself so they never go stale.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from negosim.scenario.problems import Path, Problem, one_of, show

Locate = Callable[[Path], tuple[Path, int | None]]


def explain(error: ValidationError, root: type[BaseModel], locate: Locate) -> list[Problem]:
    """Pydantic's errors as problems for people: file line, field, what was given and what is allowed.

    Parameters
    ----------
    error
        Pydantic's validation error.
    root
        The model validated (its fields name what is allowed).
    locate
        Maps a pydantic location to the YAML path and line it came from.

    Returns
    -------
    list of Problem
        One problem per field, alternatives of a union merged.
    """
    merged: dict[Path, Problem] = {}
    for detail in error.errors():
        path, line = locate(tuple(detail["loc"]))
        problem = _problem(detail, root, path).at_line(line)
        if path in merged:
            previous = merged[path]
            problem = Problem(
                path,
                f"{previous.message}; or {problem.message}",
                previous.given,
                previous.allowed,
                line,
            )
        merged[path] = problem
    return list(merged.values())


def _problem(detail: ErrorDetails, root: type[BaseModel], path: Path) -> Problem:
    kind, loc, ctx = detail["type"], tuple(detail["loc"]), detail.get("ctx", {})
    if kind == "extra_forbidden":
        return Problem(
            path, f"unknown field '{loc[-1]}'", allowed=one_of(fields_at(root, loc[:-1]))
        )
    if kind == "missing":
        return Problem(
            (*path, loc[-1]) if path[-1:] != loc[-1:] else path,
            f"missing required field '{loc[-1]}'",
        )
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        tags = str(ctx.get("expected_tags", "")).replace("'", "")
        given = ctx.get("tag")
        message = "missing field 'kind'" if given is None else "unknown kind"
        return Problem(path, message, None if given is None else show(given), f"one of: {tags}")
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
        return Problem(path, "value not allowed", show(detail["input"]), f"one of: {expected}")
    message = detail["msg"].removeprefix("Value error, ")
    given = None if isinstance(detail["input"], dict) else show(detail["input"])
    return Problem(path, message, given)


def fields_at(root: type[BaseModel], loc: Path) -> list[str]:
    """The field names of the model found at ``loc`` (empty if none is found).

    Parameters
    ----------
    root
        The model at the top of the document.
    loc
        A path of field names and keys.

    Returns
    -------
    list of str
        The allowed fields there.
    """
    current: Any = root
    for part in loc:
        current = _step(_unwrap(current), part)
        if current is None:
            return []
    model = _unwrap(current)
    return list(model.model_fields) if _is_model(model) else []


def _step(annotation: Any, part: str | int) -> Any:
    if _is_model(annotation):
        field = annotation.model_fields.get(str(part))
        return None if field is None else field.annotation
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is dict:
        return args[1]
    if origin is list:
        return args[0]
    if origin in (typing.Union, types.UnionType):
        return _union_member(args, part)
    return None


def _union_member(members: tuple[Any, ...], tag: str | int) -> Any:
    for member in (_unwrap(m) for m in members):
        if _is_model(member):
            kind = member.model_fields.get("kind")
            if kind is not None and tag in typing.get_args(kind.annotation):
                return member
    return None


def _unwrap(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)
