"""Where a class's tables live between moves: one JSON file per table, replaced atomically.

Every move is saved before it is acknowledged, so a server restart loses nothing said; a file is
written beside its final name and renamed over it, so a crash mid-write leaves the last good copy.
"""

from __future__ import annotations

import os
from pathlib import Path

from negosim.play.tables import SharedTable, TableError


class TableStore:
    """A directory of tables.

    Parameters
    ----------
    directory
        Where the tables are kept (created if need be).
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)

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
        return SharedTable.from_json(path.read_text(encoding="utf-8"))

    def names(self) -> list[str]:
        """Every saved table's name, sorted.

        Returns
        -------
        list of str
            Names.
        """
        return sorted(p.name.removesuffix(".json") for p in self.directory.glob("*.json"))

    def _path(self, name: str) -> Path:
        if not name or not all(c.isalnum() or c == "-" for c in name):
            raise TableError(f"table name {name!r}: use letters, digits and dashes only")
        return self.directory / f"{name}.json"
