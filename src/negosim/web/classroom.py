"""The server's side of a classroom: one hub of tables for every page, the instructor's token, and
the links that seat a person.

``negosim web --tables DIR`` keeps a class's tables in ``DIR``. Every page of the server shares
one :class:`~negosim.play.hub.TableHub`; the instructor's page needs the instructor's token (kept
in ``DIR`` so a restarted server prints the same link), and a seat's page needs that seat's token.
"""

from __future__ import annotations

import hmac
import os
import secrets
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlencode

from negosim.play.hub import TableHub
from negosim.play.table_store import TableStore

TABLES = "NEGOSIM_WEB_TABLES"
"""Environment variable ``negosim web --tables DIR`` sets: where the class's tables live."""
ADDRESS = "NEGOSIM_WEB_ADDRESS"
"""Environment variable: the address people reach the server at (for the links it prints)."""
TOKEN_FILE = ".instructor-token"

_hub: TableHub | None = None
_starting = threading.Lock()


def classroom_hub() -> TableHub | None:
    """The server's tables, read and ticking from the first page that asks (``None``: no class).

    Returns
    -------
    TableHub or None
        The hub, shared by every page of this process.
    """
    global _hub  # noqa: PLW0603 - one hub per server process, like its tables directory
    directory = os.environ.get(TABLES)
    if directory is None:
        return None
    with _starting:
        if _hub is None:
            _hub = TableHub(TableStore(Path(directory)))
            _hub.run()
    return _hub


def instructor_token(directory: Path) -> str:
    """The instructor's token for a class directory, made on first use and kept (owner-only).

    Parameters
    ----------
    directory
        The class's tables directory.

    Returns
    -------
    str
        The token.
    """
    path = directory / TOKEN_FILE
    if path.is_file():
        return path.read_text(encoding="utf-8").strip()
    directory.mkdir(parents=True, exist_ok=True)
    token = secrets.token_urlsafe(16)
    handle = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(token)
    return token


def is_instructor(query: dict[str, list[str]]) -> bool:
    """Whether the page's address carries the instructor's token (compared in constant time).

    Parameters
    ----------
    query
        The page address's parameters.

    Returns
    -------
    bool
        True for the instructor.
    """
    directory = os.environ.get(TABLES)
    given = (query.get("instructor") or [""])[0]
    if directory is None or not given:
        return False
    return hmac.compare_digest(instructor_token(Path(directory)).encode(), given.encode())


def seat_link(table: str, token: str) -> str:
    """The address that seats a person.

    Parameters
    ----------
    table
        The table's name.
    token
        The seat's token.

    Returns
    -------
    str
        A full link when the server's address is known, else the query alone.
    """
    return f"{os.environ.get(ADDRESS, '')}?{urlencode({'table': table, 'seat': token})}"


def query_of(search: str | None) -> dict[str, list[str]]:
    """A page address's parameters.

    Parameters
    ----------
    search
        The part after ``?``.

    Returns
    -------
    dict
        Each parameter's values.
    """
    return parse_qs(search or "")
