"""``negosim table``: open classroom tables, see them all, hand a quiet seat to its strategy."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated
from urllib.parse import urlencode

import typer

from negosim.cli.common import ConfigArg, InputError, app, load_config, out, user_errors
from negosim.play.table_store import TableStore
from negosim.play.tables import SharedTable, TableError

tables = typer.Typer(
    help="Classroom tables: several people negotiate at one table; the strategies fill the rest.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(tables, name="table")

DirectoryOption = Annotated[Path, typer.Option("--dir", help="Where the class's tables are kept.")]


@tables.command("open")
def open_table(
    config: ConfigArg,
    seats: Annotated[str, typer.Option(help="The actors people play, comma-separated.")],
    name: Annotated[str, typer.Option(help="The table's name (letters, digits, dashes).")],
    seed: Annotated[int, typer.Option(min=0, help="The negotiation's seed.")] = 0,
    directory: DirectoryOption = Path("classroom"),
    idle_after: Annotated[
        float | None,
        typer.Option(
            min=1,
            help="Seconds a person's turn may wait before the seat's strategy plays it (a "
            "'negosim web --tables' server or 'negosim table status' hands it over).",
        ),
    ] = None,
    url: Annotated[
        str | None,
        typer.Option(
            help="The address of a 'negosim web --tables' server: print browser links too."
        ),
    ] = None,
) -> None:
    """Open a table and print each seat's join command (its token is the seat's key: hand it to
    that student only)."""
    with user_errors():
        loaded = load_config(config)
        store = TableStore(directory)
        if name in store.names():
            raise InputError(f"--name: a table {name} is already open in {directory}")
        try:
            table = SharedTable.open(name, loaded.scenario, seed, seats.split(","), idle_after)
        except TableError as error:
            raise InputError(f"--seats: {error}") from None
        store.save(table)
    for actor, token in table.tokens.items():
        label = loaded.scenario.actors[actor].label
        out.print(
            f"{label}: negosim play --join {directory / name}#{token}", markup=False, soft_wrap=True
        )
        if url is not None:
            link = f"{url.rstrip('/')}/?{urlencode({'table': name, 'seat': token})}"
            out.print(f"  or in a browser: {link}", markup=False, soft_wrap=True)


@tables.command("status")
def status(
    directory: DirectoryOption = Path("classroom"),
    idle_after: Annotated[
        float | None,
        typer.Option(
            min=0,
            help="Hand a seat whose person has been quiet this many seconds to its strategy.",
        ),
    ] = None,
) -> None:
    """Every table at once: who holds which seat, the round, whose turn it is, the deal; finished
    tables' games are saved for the class debrief (DIR/games)."""
    with user_errors():
        try:
            for line in _status_lines(TableStore(directory, create=False), idle_after):
                out.print(line, markup=False, soft_wrap=True)
        except TableError as error:
            raise InputError(str(error)) from None


def _status_lines(store: TableStore, idle_after: float | None) -> Iterator[str]:
    """One line per table, handing quiet seats over and saving finished tables' games."""
    for name in store.names():
        table = store.load(name)
        quiet = None if idle_after is None else table.quiet_seat(time.time(), idle_after)
        if quiet is not None and idle_after is not None:
            table = store.update(name, _still_quiet(quiet, idle_after))
            yield f"{name}: {quiet} went quiet; its strategy plays on"
        view = table.view()
        held = ", ".join(
            f"{actor}{' (played on)' if actor in table.handed_over else ''}"
            for actor in table.tokens
        )
        if view.result is not None:
            state = "deal" if view.result.agreement else f"no deal ({view.result.reason})"
            store.save_games(table)
        else:
            assert view.turn is not None
            state = f"round {view.turn.round + 1}: {view.turn.actor} to {view.turn.kind}"
        yield f"{name}: {table.scenario.name}, people at {held}; {state}"


def _still_quiet(actor: str, limit: float) -> Callable[[SharedTable], SharedTable]:
    """Hand the seat over unless its person moved while the lock was awaited."""

    def change(table: SharedTable) -> SharedTable:
        quiet = table.quiet_seat(time.time(), limit) == actor
        return table.hand_over(actor) if quiet else table

    return change


@tables.command("hand-over")
def hand_over(
    name: Annotated[str, typer.Argument(help="The table.")],
    actor: Annotated[str, typer.Argument(help="The seat whose person went quiet.")],
    directory: DirectoryOption = Path("classroom"),
) -> None:
    """Let a quiet seat's strategy play it from the round under way (the log says so)."""
    with user_errors():
        try:
            store = TableStore(directory, create=False)
            table = store.load(name)
            if actor not in table.tokens:
                raise InputError(f"{actor}: no person holds that seat at {name}")
            store.update(name, lambda table: table.hand_over(actor))
        except TableError as error:
            raise InputError(str(error)) from None
    out.print(
        f"{name}: {actor} is played by its strategy from now on", markup=False, soft_wrap=True
    )
