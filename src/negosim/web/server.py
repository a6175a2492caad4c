"""Serving the dashboard: Solara's Starlette app under uvicorn, configured before Solara reads its
settings (which it does once, on import), with nothing fetched from the internet at run time."""

from __future__ import annotations

import os
import socket
import warnings
from pathlib import Path

from negosim.web import memory
from negosim.web.classroom import ADDRESS, TABLES

APP = "negosim.web.app"
STARTING = "NEGOSIM_WEB_SCENARIO"
"""Environment variable ``negosim web CONFIG`` sets: the scenario file the page opens with."""
MODE, STUDENT = "NEGOSIM_WEB_MODE", "student"
"""``negosim web --student`` serves the students' page: a seat to play, nothing else."""
OFFLINE = {
    "SOLARA_APP": APP,
    # The page's front-end is served from solara-assets' files through Solara's asset proxy; an
    # asset not bundled would be fetched from this address, which is closed: nothing downloads.
    "SOLARA_ASSETS_CDN": "http://127.0.0.1:9/no-downloads/",
    "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "False",
    "SOLARA_THEME_SHOW_BANNER": "False",
    "SOLARA_THEME_TITLE": "negosim",
}


class PortError(OSError):
    """The address cannot be bound: the port is taken, or the host is not this machine's."""


def check_free(host: str, port: int) -> None:
    """Fail before Solara starts, with a message, rather than inside uvicorn with a traceback."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise PortError(f"cannot listen on {host}:{port}: {error.strerror}") from None


def serve(
    host: str,
    port: int,
    scenario: Path | None = None,
    student: bool = False,
    forget_after: float = 120,
    tables: Path | None = None,
) -> None:
    """Blocks until interrupted. ``scenario`` is the file the page opens with; a session whose
    page has gone is closed ``forget_after`` seconds later (Solara's default is a day, which a
    seminar of page reloads turns into gigabytes). ``tables`` is a class's directory of tables:
    then seats' links open their seats, and the dashboard needs the instructor's link."""
    os.environ.update(OFFLINE)
    os.environ["SOLARA_KERNEL_CULL_TIMEOUT"] = f"{forget_after:g}s"
    memory.share_heaps()
    if student:
        os.environ[MODE] = STUDENT
    if scenario is not None:
        os.environ[STARTING] = str(scenario.resolve())
    if tables is not None:
        os.environ[TABLES] = str(tables.resolve())
        os.environ[ADDRESS] = f"http://{host}:{port}/"
    import uvicorn

    # Solara says plain http on localhost cannot carry samesite=none cookies, and falls back to
    # lax, which is what a dashboard without embedding needs.
    warnings.filterwarnings("ignore", message="Cookies with samesite=none require https")

    # A page's updates are small and frequent; compressing each cost a tenth of the server's CPU
    # with a class at its tables (measured), and a classroom network does not need it.
    uvicorn.run(
        "negosim.web.asgi:app",
        host=host,
        port=port,
        log_level="warning",
        ws_per_message_deflate=False,
    )
