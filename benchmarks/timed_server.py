"""``negosim web`` with each browser event's server time written to a file: how long the server
spent on a click, from the message's arrival to the page's redraw sent (``NEGOSIM_TIMINGS``).

Used by ``bench_web_tables.py``; the package itself carries no timing code.
"""

from __future__ import annotations

import os
import time
from typing import Any

import comm.base_comm

from negosim.cli import app

_handle = comm.base_comm.BaseComm.handle_msg


def timed(self: comm.base_comm.BaseComm, msg: dict[str, Any]) -> None:
    started = time.perf_counter()
    try:
        _handle(self, msg)
    finally:
        data = msg.get("content", {}).get("data", {})
        event = data.get("content", {}).get("event", "") if data.get("method") == "custom" else ""
        with open(os.environ["NEGOSIM_TIMINGS"], "a", encoding="utf-8") as log:
            log.write(f"{event or data.get('method', '?')} {time.perf_counter() - started:.6f}\n")


comm.base_comm.BaseComm.handle_msg = timed  # type: ignore[method-assign]

if __name__ == "__main__":
    app()
