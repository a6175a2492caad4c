"""How long do 20 people wait for the dashboard when they all open it at once (the start of a
seminar)? Prints each client's time from request to a usable page, and the server's memory.

Run: ``python benchmarks/bench_web_load.py [--clients 20]``. Needs the ``web`` and ``test``
extras and Debian's chromium. The browsers run on the same machine as the server, so on two
cores they compete with it: the figures are an upper bound of what a room of laptops would see.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from pathlib import Path

from playwright.async_api import async_playwright

from webclients import ARGS, CHROMIUM, Server, median, open_dashboard, serving


async def load(server: Server, clients: int) -> tuple[list[float], float]:
    """Seconds each client waited, and the server's CPU seconds for all of them."""
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        await open_dashboard(browser, server.url)  # the first page loads what every page uses
        cpu = server.cpu_seconds()
        opened = await asyncio.gather(
            *(open_dashboard(browser, server.url, timeout_s=120) for _ in range(clients)),
            return_exceptions=True,
        )
        seconds = sorted(o[1] if isinstance(o, tuple) else float("inf") for o in opened)
        cpu = server.cpu_seconds() - cpu
        await browser.close()
    return seconds, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir, serving(Path(workdir)) as server:
        seconds, cpu = asyncio.run(load(server, options.clients))
        rss = server.rss_mb()
    print(
        f"{options.clients} clients opening at once: every page usable within {seconds[-1]:.1f} s"
    )
    print(f"  median {median(seconds):.1f} s, fastest {seconds[0]:.1f} s; server RSS {rss:,.0f} MB")
    print("  each: " + ", ".join(f"{s:.1f}" for s in seconds))
    print(
        f"  server CPU {cpu:.1f} s in all, {cpu / options.clients:.2f} s a page: the rest of the "
        "wait is the browsers, which share this machine's cores with the server"
    )


if __name__ == "__main__":
    main()
