"""``negosim web``: the seminar dashboard in the browser."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from negosim.cli.common import InputError, app, load_config, needs_extra, out, user_errors

LOCAL = ("127.0.0.1", "localhost", "::1")


@app.command("web")
def web_command(
    config: Annotated[
        str | None,
        typer.Argument(
            help="Scenario the page opens with (file or bundled name; default: grand_bargain)."
        ),
    ] = None,
    host: Annotated[
        str,
        typer.Option(help="Address to listen on; anything but localhost is reachable by others."),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8765,
    student: Annotated[
        bool,
        typer.Option(
            help="Serve the students' page: take a seat and play, with no what-if controls, no "
            "other stakeholder's numbers before the end and no instructor tools."
        ),
    ] = False,
    forget_after: Annotated[
        float,
        typer.Option(
            min=1,
            max=7 * 24 * 3600,
            help="Seconds a session is kept after its page has gone (closed, or its connection "
            "lost), so that a reconnecting page finds it; then its memory is freed.",
        ),
    ] = 120,
    tables: Annotated[
        Path | None,
        typer.Option(
            help="A class's directory of tables (made if missing): the instructor opens tables in "
            "the Tables tab and hands out each seat's link; the dashboard then needs the "
            "instructor's link, printed here.",
            file_okay=False,
        ),
    ] = None,
) -> None:
    """Serve the dashboard: scenarios, what-ifs, one negotiation step by step or played from a seat,
    Monte Carlo batches. Works offline."""
    with user_errors():
        needs_extra("web")
    from negosim.web.server import PortError, check_free, serve

    with user_errors():
        path = None if config is None else load_config(config).file
        try:
            check_free(host, port)
        except PortError as error:
            raise InputError(str(error)) from None
    if host not in LOCAL:
        guard = (
            "the dashboard opens only with the instructor's link below, a seat only with its own"
            if tables is not None
            else "the dashboard has no login"
        )
        out.print(
            f"Warning: listening on {host}: anyone who can reach this machine can open the pages "
            f"({guard}).",
            markup=False,
        )
    out.print(f"negosim dashboard on http://{host}:{port}/ (Ctrl-C stops it)", markup=False)
    if tables is not None:
        from negosim.web.classroom import instructor_token

        with user_errors():
            try:
                token = instructor_token(tables)
            except OSError as error:
                raise InputError(
                    f"{tables}: cannot keep the class's tables there ({error.strerror})"
                ) from None
        out.print(f"Class tables in {tables}. Instructor's page (keep this link to yourself):")
        out.print(f"http://{host}:{port}/?instructor={token}", markup=False, soft_wrap=True)
    serve(host, port, None if path is None else Path(path), student, forget_after, tables)
