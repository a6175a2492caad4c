"""What every command shares: the app, consoles, how bad input is reported, scenario loading."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from negosim.engine.catalogue import read_scenario
from negosim.scenario import LoadedScenario, ScenarioError
from negosim.scenario.bundled import bundled_scenarios, resolve_config

app = typer.Typer(
    help="Play stakeholder negotiations out many times and see what tends to happen.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    add_completion=False,
)
out = Console(highlight=False)

ConfigArg = Annotated[
    str, typer.Argument(help="Scenario YAML file, or the name of a bundled scenario.")
]


class InputError(Exception):
    """Bad input from the user: reported as a message with exit status 2, never a traceback."""


@contextmanager
def user_errors() -> Iterator[None]:
    try:
        yield
    except ScenarioError as error:
        typer.echo(error.render(), err=True)
        raise typer.Exit(2) from None
    except InputError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        typer.echo(f"error: {where}{error.strerror or error}", err=True)
        raise typer.Exit(2) from None


def load_config(config: str) -> LoadedScenario:
    path = resolve_config(config)
    if not path.exists():
        names = ", ".join(s.name for s in bundled_scenarios())
        raise InputError(f"{config}: no such file, nor a bundled scenario (bundled: {names})")
    return read_scenario(path)


EXTRAS = {"web": ("solara", "the dashboard"), "dask": ("distributed", "the Dask backend")}
"""Optional installs: extra name -> (module that marks it installed, what it provides)."""


def needs_extra(extra: str) -> None:
    """Refuse, with the install command, a feature whose optional dependencies are missing."""
    module, what = EXTRAS[extra]
    try:
        importlib.import_module(module)
    except ImportError:
        raise InputError(
            f"{what} is an optional part of negosim: pip install 'negosim[{extra}]'"
        ) from None


def print_warnings(loaded: LoadedScenario) -> None:
    for warning in loaded.warnings:
        typer.echo(warning.render(loaded.file), err=True)


def check_choice(option: str, value: str | None, allowed: tuple[str, ...]) -> None:
    if value is not None and value not in allowed:
        raise InputError(f"{option}: unknown value '{value}'; allowed: {', '.join(allowed)}")


@contextmanager
def progress_bar(description: str, total: int | None) -> Iterator[Callable[[int], None]]:
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True)) as progress:
        task = progress.add_task(description, total=total)
        yield lambda n: progress.advance(task, n)
