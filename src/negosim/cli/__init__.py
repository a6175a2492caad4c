"""The ``negosim`` command line: thin wrappers that load, call one library function and print.

Commands live by theme in the modules of this package; each registers itself on the one ``app``.
"""

from __future__ import annotations

from typing import Annotated

import typer

from negosim import __version__
from negosim.cli import experiments, formats, outputs, play, scenarios, tournament, web
from negosim.cli.common import app

__all__ = [
    "app",
    "experiments",
    "formats",
    "outputs",
    "play",
    "scenarios",
    "tournament",
    "web",
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"negosim {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """negosim: a stakeholder negotiation game simulator."""
