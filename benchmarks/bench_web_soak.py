"""Does the dashboard give memory back when its clients leave? Waves of clients that open the
page, run a Monte Carlo batch and close it, with the server's resident memory printed per wave.

Run: ``python benchmarks/bench_web_soak.py [--waves 3] [--clients 5] [--forget-after 10]``.
``--forget-after`` is passed to ``negosim web``: how long a session whose page has gone is kept
(short here so that the benchmark does not wait minutes). Needs the ``web`` and ``test`` extras
and Debian's chromium.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from playwright.async_api import async_playwright

from webclients import ARGS, CHROMIUM, Server, open_dashboard, run_a_batch, serving


async def wave(server: Server, clients: int) -> tuple[float, float]:
    """One wave: every client opens the page and runs a batch; RSS with all open, then all close."""
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        opened = await asyncio.gather(
            *(open_dashboard(browser, server.url) for _ in range(clients))
        )
        await asyncio.gather(*(run_a_batch(page) for (_, page), _ in opened))
        busy = server.rss_mb()
        for (context, _), _ in opened:
            await context.close()
        await browser.close()
    return busy, server.rss_mb()


def settled_rss(server: Server, wait_s: float) -> float:
    """RSS once sessions have had ``wait_s`` seconds to be forgotten."""
    time.sleep(wait_s)
    return server.rss_mb()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--waves", type=int, default=3)
    parser.add_argument("--clients", type=int, default=5)
    parser.add_argument("--forget-after", type=float, default=10)
    parser.add_argument("--settle", type=float, default=15, help="seconds waited past forget-after")
    options = parser.parse_args()
    with (
        tempfile.TemporaryDirectory() as workdir,
        serving(Path(workdir), "--forget-after", str(options.forget_after)) as server,
    ):
        asyncio.run(_warm_up(server))
        idle = settled_rss(server, options.forget_after + options.settle)
        print(f"idle (after one client came and went): {idle:,.0f} MB")
        header = ("wave", "clients", "open, batch run", "closed", "forgotten", "vs idle")
        print(" ".join(f"{h:>{w}}" for h, w in zip(header, (4, 8, 16, 8, 10, 8), strict=True)))
        for number in range(1, options.waves + 1):
            busy, closed = asyncio.run(wave(server, options.clients))
            settled = settled_rss(server, options.forget_after + options.settle)
            print(
                f"{number:>4} {options.clients:>8} {busy:>13,.0f} MB {closed:>5,.0f} MB "
                f"{settled:>7,.0f} MB {settled / idle - 1:>+7.0%}"
            )


async def _warm_up(server: Server) -> None:
    """One client first, so that idle counts what any first page loads (Solara, Mesa, numba)."""
    await wave(server, 1)


if __name__ == "__main__":
    main()
