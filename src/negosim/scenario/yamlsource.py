"""YAML parsing that keeps line numbers, so every problem can point at the line to fix.

PyYAML's composer gives the node tree with marks; the data is constructed from that same tree, so the
file is parsed once. Duplicate keys, which YAML loaders silently collapse, are reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

from negosim.scenario.problems import Path, Problem

MAX_NODES = 200_000
MAX_SCALAR = 100
"""Numbers longer than this are refused (Python will not even convert one of 4,300 digits)."""
NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's loader where PyYAML has it (marks included, ten times faster), else PyYAML's own."""


@dataclass(frozen=True)
class YamlDocument:
    """A parsed YAML document with its node tree, for finding the line of any field.

    Attributes
    ----------
    data
        The document as plain data.
    root
        The composed node tree (``None`` for an empty document).
    """

    data: Any
    root: yaml.Node | None

    def line_of(self, loc: Path) -> tuple[Path, int | None]:
        """The YAML path that ``loc`` names and its line; parts the file does not contain are skipped.

        Parameters
        ----------
        loc
            A pydantic location.

        Returns
        -------
        tuple
            (the path found in the file, its line or ``None``).
        """
        node, path, line = self.root, [], None if self.root is None else _line(self.root)
        for part in loc:
            child = _child(node, part)
            if child is None:
                continue
            key_line, node = child
            path.append(part)
            line = key_line
        return tuple(path), line


def parse_yaml(text: str) -> tuple[YamlDocument | None, list[Problem]]:
    """A YAML text read safely, with every structural problem (duplicate keys, aliases, tags) listed.

    Parameters
    ----------
    text
        The file's text.

    Returns
    -------
    tuple
        (the document, or ``None`` when it cannot be read; the problems found).
    """
    try:
        loader = LOADER(text)
    except yaml.YAMLError as error:
        return None, [Problem((), f"not valid YAML: {_one_line(error)}")]
    try:
        root = loader.get_single_node()
        if root is None:
            return YamlDocument(None, None), []
        problems = list(_structure_problems(root))
        if problems:
            return None, problems
        return YamlDocument(loader.construct_document(root), root), []
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = "; ".join(_one_line(m) for m in (error.context, error.problem) if m)
        return None, [
            Problem((), f"not valid YAML: {message}", line=mark.line + 1 if mark else None)
        ]
    except (yaml.YAMLError, RecursionError) as error:
        return None, [Problem((), f"not valid YAML: {_one_line(error)}")]
    finally:
        loader.dispose()


def _one_line(message: object) -> str:
    return " ".join(str(message).split())


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _child(node: yaml.Node | None, part: str | int) -> tuple[int, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if str(key.value) == str(part):
                return _line(key), value
    if (
        isinstance(node, yaml.SequenceNode)
        and isinstance(part, int)
        and 0 <= part < len(node.value)
    ):
        item = node.value[part]
        return _line(item), item
    return None


def _structure_problems(root: yaml.Node) -> Iterator[Problem]:
    """Duplicate keys, absurdly long numbers, and aliases that expand beyond any scenario."""
    seen = 0
    stack: list[tuple[yaml.Node, Path]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        seen += 1
        if seen > MAX_NODES:
            yield Problem((), f"document has more than {MAX_NODES} nodes (aliases expanded)")
            return
        if isinstance(node, yaml.MappingNode):
            keys: set[str] = set()
            for key, value in node.value:
                name = str(key.value)
                if name in keys:
                    yield Problem(
                        (*path, name),
                        "duplicate key",
                        line=_line(key),
                        allowed="each key once per mapping",
                    )
                keys.add(name)
                stack.append((value, (*path, name)))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, (*path, i)) for i, item in enumerate(node.value))
        elif len(str(node.value)) > MAX_SCALAR and node.tag in NUMBER_TAGS:
            yield Problem(
                path,
                f"a number {len(str(node.value)):,} characters long",
                line=_line(node),
                allowed=f"numbers of at most {MAX_SCALAR} characters",
            )
