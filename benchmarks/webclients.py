"""What the dashboard benchmarks share: a ``negosim web`` server in a child process, its memory,
and headless Chromium clients (Debian's ``/usr/bin/chromium`` driven by Playwright; nothing
downloads)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from playwright.async_api import Browser

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass
class Server:
    """A running dashboard: its address and process."""

    url: str
    process: subprocess.Popen[str]

    def cpu_seconds(self) -> float:
        """The server's CPU time so far (user and system), from /proc."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)
        user, system = fields[1].split()[11:13]
        return (int(user) + int(system)) / os.sysconf("SC_CLK_TCK")

    def rss_mb(self) -> float:
        """The server's resident memory, from /proc (what the operating system has given it)."""
        status = Path(f"/proc/{self.process.pid}/status").read_text(encoding="utf-8")
        line = next(row for row in status.splitlines() if row.startswith("VmRSS:"))
        return int(line.split()[1]) / 1024


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(workdir: Path, *options: str, timings: Path | None = None) -> Iterator[Server]:
    """``negosim web`` until the block ends; waits (up to 5 minutes) until it listens. With
    ``timings``, the server writes each browser event's server time there."""
    port = free_port()
    start = ["-m", "negosim.cli"]
    if timings is not None:
        os.environ["NEGOSIM_TIMINGS"] = str(timings)
        start = [str(Path(__file__).with_name("timed_server.py"))]
    process = subprocess.Popen(
        [sys.executable, *start, "web", "--port", str(port), *options],
        cwd=workdir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    deadline = time.monotonic() + 300
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise SystemExit("negosim web did not start") from None
            time.sleep(0.3)
    try:
        yield Server(f"http://127.0.0.1:{port}/", process)
    finally:
        process.terminate()
        process.wait(timeout=60)


async def open_dashboard(
    browser: Browser, url: str, timeout_s: float = 300
) -> tuple[object, float]:
    """A new client (its own browser context, as a separate person) and seconds until the page
    is usable (its Scenario tab shown)."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    started = time.perf_counter()
    await page.goto(url, timeout=timeout_s * 1000)
    await page.get_by_role("tab", name="Scenario").wait_for(timeout=timeout_s * 1000)
    return (context, page), time.perf_counter() - started


async def run_a_batch(page: object, timeout_s: float = 300) -> None:
    """What a student does that costs the server most: a Monte Carlo batch of 100 runs."""
    from playwright.async_api import Page

    assert isinstance(page, Page)
    await page.get_by_role("tab", name="Monte Carlo").click()
    await page.get_by_role("button", name="100", exact=True).click(timeout=timeout_s * 1000)
    await page.get_by_role("button", name="Run 100 more").click(timeout=timeout_s * 1000)
    await page.get_by_text("100 runs, seed 0: a deal in").wait_for(timeout=timeout_s * 1000)


def median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]
