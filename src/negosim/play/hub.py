"""A class's tables in one server process: each move replayed once and its view shared by every
page at the table, pages woken when a table changes, quiet seats handed over on time.

The store on disk stays the truth — terminals at the same tables write it too, and a restarted
server reads it back — so the hub only keeps each table's latest copy and view in memory. Thirty
pages looking at eight tables then cost one replay per move, not one per page per look.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from negosim.play.table_store import TableStore
from negosim.play.tables import SharedTable, TableError, TableView
from negosim.scenario.model import Event, Scenario

Change = Callable[[SharedTable], SharedTable]
ROSTER = "*"
"""What :meth:`TableHub.wait` watches for a new table (no table's name holds a ``*``)."""


class TableHub:
    """Every table of one directory, as the pages of a server see them.

    Parameters
    ----------
    store
        Where the tables are kept.
    clock
        The time now, in seconds since the epoch (tests pass their own).
    """

    def __init__(self, store: TableStore, clock: Callable[[], float] = time.time) -> None:
        self.store, self.clock = store, clock
        self.version = 0
        """Counts every change to any table: a page that saw version k waits for k + 1."""
        self._versions: dict[str, int] = {}
        self._changed = threading.Condition()
        self._writing = threading.Lock()
        self._tables: dict[str, SharedTable] = {}
        self._views: dict[str, TableView] = {}
        self._stamps: dict[str, tuple[int, int]] = {}
        self._stop = threading.Event()
        self.unreadable: dict[str, str] = {}
        """Table files that could not be read (damaged, or not negosim's), and why."""
        self.refresh()

    def names(self) -> list[str]:
        """The tables, by name.

        Returns
        -------
        list of str
            Sorted names.
        """
        return sorted(self._tables)

    def table(self, name: str) -> SharedTable:
        """A table as last saved.

        Parameters
        ----------
        name
            Its name.

        Returns
        -------
        SharedTable
            The table.

        Raises
        ------
        TableError
            When there is no such table.
        """
        if name not in self._tables:
            raise TableError(f"no table {name!r}")
        return self._tables[name]

    def view(self, name: str) -> TableView:
        """A table's view, replayed once per change.

        Parameters
        ----------
        name
            Its name.

        Returns
        -------
        TableView
            Whose turn it is, the log, the result.
        """
        self.table(name)
        return self._views[name]

    def open(self, table: SharedTable) -> None:
        """Add a new table (its name must be free).

        Parameters
        ----------
        table
            A table from :meth:`SharedTable.open`.

        Raises
        ------
        TableError
            When a table of that name exists.
        """
        with self._writing:
            if table.name in self.store.names():
                raise TableError(f"a table {table.name!r} exists already: choose another name")
            self.store.save(table)
            self._publish(table)

    def answer(self, name: str, token: str, value: int | bool) -> None:
        """A person's move (see :meth:`SharedTable.answer`).

        Parameters
        ----------
        name
            The table.
        token
            The person's seat token.
        value
            An outcome, or yes/no.
        """
        self.change(name, lambda table: table.answer(token, value))

    def inject(self, name: str, event: Event) -> None:
        """An event at a table, from the round under way.

        Parameters
        ----------
        name
            The table.
        event
            The event.
        """
        self.change(name, lambda table: table.inject(event))

    def change(self, name: str, change: Change) -> None:
        """Change a table on disk under its lock, then show every page the new view.

        Parameters
        ----------
        name
            The table.
        change
            What to do to it (it may raise :class:`TableError` to refuse).
        """
        previous = self.table(name)
        with self._writing:
            changed = self.store.update(name, lambda table: change(table.keeping_games(previous)))
            self._publish(changed)

    def version_of(self, name: str | None) -> int:
        """How many times a table (``None``: any table) has changed in this hub.

        Parameters
        ----------
        name
            The table, or ``None``.

        Returns
        -------
        int
            A counter.
        """
        return self.version if name is None else self._versions.get(name, 0)

    def wait(self, since: int, timeout: float | None, name: str | None = None) -> int:
        """Block until a table changed after version ``since``, or the timeout passed.

        Parameters
        ----------
        since
            The version the caller has shown.
        timeout
            Seconds to wait at most (``None``: until a change).
        name
            The table watched (``None``: any table; :data:`ROSTER`: a table added).

        Returns
        -------
        int
            The version now.
        """
        with self._changed:
            self._changed.wait_for(lambda: self.version_of(name) != since, timeout)
            return self.version_of(name)

    def tick(self) -> None:
        """Read tables others wrote (terminals, a new table), and hand quiet seats over."""
        for name in self.store.names():
            if self._stamps.get(name) != self.store.stamp(name):
                self._read(name)
        now = self.clock()
        for name, table in list(self._tables.items()):
            turn = self._views[name].turn
            if turn is None or turn.actor in table.handed_over or table.seconds_left(now) != 0:
                continue
            self.change(name, _hand_over_if_still(turn.actor, table.moved_at))

    def _read(self, name: str) -> None:
        """A table others wrote; one that cannot be read is set aside and named, not fatal."""
        seen = self.store.stamp(name)  # before reading: a write after it is read next tick
        try:
            table = self.store.load(name).keeping_games(self._tables.get(name))
        except TableError as error:
            self.unreadable[name] = str(error)
            self._stamps[name] = seen
            return
        self.unreadable.pop(name, None)
        with self._writing:
            self._publish(table, seen)

    def refresh(self) -> None:
        """Read every table from disk."""
        self.tick()

    def run(self, every: float = 1.0) -> threading.Thread:
        """Tick in a background thread until :meth:`stop`.

        Parameters
        ----------
        every
            Seconds between ticks.

        Returns
        -------
        threading.Thread
            The running thread (a daemon).
        """
        thread = threading.Thread(target=self._ticking, args=(every,), daemon=True)
        thread.start()
        return thread

    def stop(self) -> None:
        """End the background ticks."""
        self._stop.set()

    def _ticking(self, every: float) -> None:
        while not self._stop.wait(every):
            try:
                self.tick()
            except (OSError, TableError):  # a file being replaced, a damaged copy: next tick
                continue

    def _publish(self, table: SharedTable, seen: tuple[int, int] | None = None) -> None:
        """Show every page the table's new view; ``seen``: the file's stamp as read (default:
        as this hub last wrote it, so another writer's later move is still noticed)."""
        view = table.view()
        if view.result is not None:
            self.store.save_games(table)
        with self._changed:
            if table.name not in self._tables:
                self._versions[ROSTER] = self._versions.get(ROSTER, 0) + 1
            self._tables[table.name], self._views[table.name] = table, view
            self._stamps[table.name] = seen or self.store.written[table.name]
            self._versions[table.name] = self._versions.get(table.name, 0) + 1
            self.version += 1
            self._changed.notify_all()


def _hand_over_if_still(actor: str, moved_at: float) -> Change:
    """Hand the seat over unless someone moved since the tick looked (the person woke up)."""
    return lambda table: table.hand_over(actor) if table.moved_at == moved_at else table


def open_tables(
    scenario: Scenario, names: list[str], seed: int, seats: list[str], idle_after: float | None
) -> list[SharedTable]:
    """Tables alike but for their names, as an instructor opens them for the groups of a class.

    Parameters
    ----------
    scenario
        The scenario every table negotiates.
    names
        One name per table.
    seed
        The seed of every table (the same draws at each: tables differ by their people).
    seats
        The seats people hold at each table.
    idle_after
        Seconds a person's turn may wait before the seat's strategy plays it.

    Returns
    -------
    list of SharedTable
        The new tables.
    """
    return [SharedTable.open(name, scenario, seed, seats, idle_after) for name in names]
