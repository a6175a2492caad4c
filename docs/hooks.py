"""MkDocs hook: the scenario-format and command-line reference pages are generated from the
pydantic models and the typer app, so they can never drift from the code."""

from __future__ import annotations

from typing import Any

import typer

from negosim.cli import app
from negosim.cli.common import COMMANDS
from negosim.scenario.model import Scenario

SCENARIO_MARK = "<!-- scenario-reference -->"
CLI_MARK = "<!-- cli-reference -->"


def on_page_markdown(markdown: str, **_: Any) -> str:
    if SCENARIO_MARK in markdown:
        markdown = markdown.replace(SCENARIO_MARK, scenario_reference())
    if CLI_MARK in markdown:
        markdown = markdown.replace(CLI_MARK, cli_reference())
    return markdown


def scenario_reference() -> str:
    schema = Scenario.model_json_schema()
    sections = [_model("Scenario", schema)]
    sections += [_model(name, definition) for name, definition in sorted(schema["$defs"].items())]
    return "\n\n".join(sections)


def _model(name: str, definition: dict[str, Any]) -> str:
    rows = [
        f"### {name}",
        "",
        definition.get("description", "").strip(),
        "",
        "| field | type | required | default | meaning |",
        "|---|---|---|---|---|",
    ]
    required = set(definition.get("required", []))
    for field, spec in definition.get("properties", {}).items():
        default = spec.get("default", "")
        rows.append(
            f"| `{field}` | {_type(spec)} | {'yes' if field in required else ''} | "
            f"{'' if default in ('', None) else f'`{default}`'} | "
            f"{(spec.get('description') or '').replace(chr(10), ' ')} |"
        )
    return "\n".join(rows)


def _type(spec: dict[str, Any]) -> str:
    if "$ref" in spec:
        target = spec["$ref"].rsplit("/", 1)[-1]
        return f"[{target}](#{target.lower()})"
    if "anyOf" in spec:
        return " or ".join(_type(s) for s in spec["anyOf"])
    if "oneOf" in spec:
        return " or ".join(_type(s) for s in spec["oneOf"])
    if spec.get("type") == "array":
        return f"list of {_type(spec.get('items', {}))}"
    if spec.get("type") == "object":
        return (
            f"mapping to {_type(spec.get('additionalProperties', {}))}"
            if isinstance(spec.get("additionalProperties"), dict)
            else "mapping"
        )
    if "enum" in spec or "const" in spec:
        return " \\| ".join(f"`{v}`" for v in spec.get("enum", [spec.get("const")]))
    bounds = [f"{k} {spec[k]}" for k in ("minimum", "exclusiveMinimum", "maximum") if k in spec]
    return str(spec.get("type", "any")) + (f" ({', '.join(bounds)})" if bounds else "")


def cli_reference() -> str:
    group: Any = typer.main.get_command(app)
    for name in COMMANDS:  # each command's module is imported when the command is resolved
        group.resolve_command(group.context_class(group), [name])
    parts = []
    for name, command in sorted(group.commands.items()):
        arguments = [p for p in command.params if p.param_type_name == "argument"]
        usage = " ".join(str(p.name).upper() for p in arguments)
        parts += [
            f"### negosim {name}",
            "",
            (command.help or "").strip(),
            "",
            f"`negosim {name} {usage}`".replace(" `", "`"),
            "",
        ]
        options = [p for p in command.params if p.param_type_name == "option"]
        if options:
            parts += ["| option | default | meaning |", "|---|---|---|"]
            parts += [
                f"| `{', '.join(p.opts)}` | {'' if p.default in (None, False) else f'`{p.default}`'}"
                f" | {(p.help or '').replace('|', '/')} |"
                for p in options
            ]
            parts.append("")
    return "\n".join(parts)
