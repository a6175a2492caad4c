"""Where a class's tables live between moves: one JSON file per table, replaced atomically.

Every move is saved before it is acknowledged, so a server restart loses nothing said; a file is
written beside its final name and renamed over it, so a crash mid-write leaves the last good copy.
Moves from several people (terminals, pages) go through :meth:`TableStore.update`, which holds
the table's lock file while it reads, changes and writes, so no move overwrites another.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from negosim.play.game import save
from negosim.play.tables import SharedTable, TableError, check_name

LOCK_WAIT = 30.0
"""Seconds to wait for a table's lock before taking it as left behind by a crashed writer."""


class TableStore:
    """A directory of tables.

    Parameters
    ----------
    directory
        Where the tables are kept.
    create
        Whether to create the directory (opening a table), or to refuse a missing one (reading).
    """

    def __init__(self, directory: Path, *, create: bool = True) -> None:
        self.directory = directory
        self.written: dict[str, tuple[int, int]] = {}
        """The stamp of each table as this store last wrote it, taken under the table's lock: a
        reader who compares stamps tells its own writes from another writer's."""
        if create:
            directory.mkdir(parents=True, exist_ok=True)
        elif not directory.is_dir():
            raise TableError(f"{directory}: no such directory of tables")

    def save(self, table: SharedTable) -> None:
        """Write a table, replacing its previous copy in one step.

        Parameters
        ----------
        table
            The table.
        """
        final = self._path(table.name)
        partial = final.with_suffix(".json.partial")
        partial.write_text(table.to_json(), encoding="utf-8")
        os.replace(partial, final)
        self.written[table.name] = self.stamp(table.name)

    def update(self, name: str, change: Callable[[SharedTable], SharedTable]) -> SharedTable:
        """Read a table, change it and write it back, holding its lock throughout.

        Parameters
        ----------
        name
            The table's name.
        change
            What to do to the table as it is now on disk (it may raise to refuse).

        Returns
        -------
        SharedTable
            The changed table, as saved.
        """
        with self._locked(name):
            changed = change(self.load(name))
            self.save(changed)
        return changed

    @contextmanager
    def _locked(self, name: str) -> Iterator[None]:
        lock = self._path(name).with_suffix(".lock")
        started = time.monotonic()
        while True:
            try:
                handle = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
                break
            except FileExistsError:
                if time.monotonic() - started > LOCK_WAIT:
                    lock.unlink(missing_ok=True)  # left by a writer that died holding it
                time.sleep(0.02)
        try:
            yield
        finally:
            os.close(handle)
            lock.unlink(missing_ok=True)

    def load(self, name: str) -> SharedTable:
        """A table by name.

        Parameters
        ----------
        name
            The table's name.

        Returns
        -------
        SharedTable
            As last saved.

        Raises
        ------
        TableError
            When no such table was saved.
        """
        path = self._path(name)
        if not path.is_file():
            raise TableError(f"no table {name!r} in {self.directory}")
        try:
            return SharedTable.from_json(path.read_text(encoding="utf-8"))
        except (ValueError, KeyError, TypeError) as error:  # JSON, fields, a scenario's checks
            raise TableError(f"{path}: not a table negosim saved ({error})") from None

    def stamp(self, name: str) -> tuple[int, int]:
        """When a table was last written, and its size: unchanged, nothing moved.

        Parameters
        ----------
        name
            The table's name.

        Returns
        -------
        tuple of int
            Modification time in nanoseconds, and size in bytes.
        """
        found = self._path(name).stat()
        return found.st_mtime_ns, found.st_size

    def names(self) -> list[str]:
        """Every saved table's name, sorted.

        Returns
        -------
        list of str
            Names.
        """
        return sorted(p.name.removesuffix(".json") for p in self.directory.glob("*.json"))

    def save_games(self, table: SharedTable) -> list[Path]:
        """A finished table's games, one per person's seat, where ``negosim debrief`` reads them.

        Parameters
        ----------
        table
            A table whose talks are over.

        Returns
        -------
        list of Path
            The game directories written now (those written before are kept as they are).
        """
        view = table.view()
        if view.run is None:
            return []
        written = []
        for actor in table.tokens:
            directory = self.directory / "games" / f"{table.name}-{actor}"
            if not (directory / "manifest.json").exists():
                player = f"{table.name}: {table.scenario.actors[actor].label}"
                save(directory, table.scenario, actor, table.seed, view.run, player)
                written.append(directory)
        return written

    def _path(self, name: str) -> Path:
        return self.directory / f"{check_name(name)}.json"
