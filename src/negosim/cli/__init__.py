"""The ``negosim`` command line: thin wrappers that load, call one library function and print.

Commands live by theme in the modules of this package; each registers itself on the one ``app``
when it is imported, which happens only when one of its commands is asked for
(:class:`negosim.cli.common.LazyCommands`).
"""

from __future__ import annotations

from typing import Annotated

import typer

from negosim import __version__
from negosim.cli.common import app, configure_output

__all__ = ["app"]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"negosim {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
    verbose: Annotated[
        int,
        typer.Option(
            "--verbose", "-v", count=True, help="Say what is done, on stderr (-vv: in detail)."
        ),
    ] = 0,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bars; only warnings and errors.")
    ] = False,
) -> None:
    """negosim: a stakeholder negotiation game simulator."""
    configure_output(verbose, quiet)
