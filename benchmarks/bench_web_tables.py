"""A class at its tables: how long does a click wait when 30 students at 8 tables and their
instructor all have the page open, against one student alone?

Eight grand-bargain tables (six of four people, two of three with Europe played by its strategy)
are opened in a fresh class directory; one headless Chromium page per seat and one for the
instructor's Tables tab. Every person answers as soon as it is their turn (the US drafts its best
text, the others reject, so the talks run their rounds). A click's server time is from the
click's message arriving until the server has taken the move, replayed the table and sent the
clicking page its redraw (``timed_server.py`` records it); its wait in the browser is from the
click until the person's move card is gone. The same is measured for one person alone at one
table: the idle figure.

Run: ``python benchmarks/bench_web_tables.py [--seconds 90]``. Needs the ``web`` and ``test``
extras and Debian's chromium. The server has the machine's first core to itself and the thirty
browsers share the rest (Linux only), so the waits seen in the browser are an upper bound of what
a room of laptops would see; the server's time and CPU seconds per click are the figures to read.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from pathlib import Path

from playwright.async_api import Browser, Page, async_playwright
from playwright.async_api import TimeoutError as PlaywrightTimeout

from negosim.engine.catalogue import load_scenario
from negosim.play.table_store import TableStore
from negosim.play.tables import SharedTable
from webclients import ARGS, CHROMIUM, Server, median, serving

FOUR = ["us", "ukraine", "europe", "russia"]
THREE = ["us", "ukraine", "russia"]


def open_class(directory: Path, layout: list[list[str]]) -> list[SharedTable]:
    store = TableStore(directory)
    scenario = load_scenario("grand_bargain")
    tables = [SharedTable.open(f"t-{k + 1}", scenario, 0, seats) for k, seats in enumerate(layout)]
    for table in tables:
        store.save(table)
    return tables


async def seat(browser: Browser, url: str, table: SharedTable, actor: str) -> tuple[Page, float]:
    context = await browser.new_context(viewport={"width": 1200, "height": 900})
    page = await context.new_page()
    started = time.perf_counter()
    await page.goto(f"{url}?table={table.name}&seat={table.tokens[actor]}", timeout=300_000)
    await page.get_by_text(f"at table {table.name}").wait_for(timeout=300_000)
    return page, time.perf_counter() - started


async def play(page: Page, until: float, waits: list[float]) -> None:
    """Answer every turn of this seat until the time is up or the talks are over."""
    card = page.get_by_text("Your move · round")
    while time.monotonic() < until:
        try:
            await card.wait_for(timeout=2_000)
        except PlaywrightTimeout:
            if await page.get_by_text("The talks are over").count():
                return
            continue
        asked = page.get_by_text(await card.inner_text(), exact=True)  # this round's card
        button = page.get_by_role("button", name="Reject")
        if not await button.count():
            button = page.get_by_role("button", name="Make this offer")
        started = time.perf_counter()
        await button.click()
        await asked.wait_for(state="detached", timeout=300_000)
        waits.append(time.perf_counter() - started)


async def session(server: Server, tables: list[SharedTable], seconds: float, token: str) -> dict:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        instructor = await (await browser.new_context()).new_page()
        await instructor.goto(f"{server.url}?instructor={token}", timeout=300_000)
        await instructor.get_by_role("tab", name="Tables").click(timeout=300_000)
        people = [(t, a) for t in tables for a in t.tokens]
        loading = server.cpu_seconds()
        opened = await asyncio.gather(*(seat(browser, server.url, t, a) for t, a in people))
        loading = server.cpu_seconds() - loading
        loads = sorted(s for _, s in opened)
        waits: list[float] = []
        cpu = server.cpu_seconds()
        until = time.monotonic() + seconds
        await asyncio.gather(*(play(page, until, waits) for page, _ in opened))
        cpu = server.cpu_seconds() - cpu
        await browser.close()
    return {
        "loads": loads,
        "loading": loading,
        "waits": sorted(waits),
        "cpu": cpu,
        "people": len(people),
    }


def measure(layout: list[list[str]], seconds: float) -> dict:
    """The server runs on the first core, the browsers on the others: a room's laptops do not
    share the server's cores, and thirty browsers on the same two would starve it."""
    cores = sorted(os.sched_getaffinity(0))
    os.sched_setaffinity(0, cores[:1])  # the server, started now, inherits the first core
    with tempfile.TemporaryDirectory() as workdir:
        directory = Path(workdir) / "tables"
        tables = open_class(directory, layout)
        timings = Path(workdir) / "timings.txt"
        with serving(Path(workdir), "--tables", str(directory), timings=timings) as server:
            os.sched_setaffinity(0, cores[1:] or cores)  # this process and its browsers
            token = (directory / ".instructor-token").read_text(encoding="utf-8")
            figures = asyncio.run(session(server, tables, seconds, token))
        figures["server"] = sorted(
            float(seconds)
            for event, seconds in (row.split() for row in timings.read_text().splitlines())
            if event == "click"
        )
        os.sched_setaffinity(0, cores)
        return figures


def p95(values: list[float]) -> float:
    return values[int(0.95 * (len(values) - 1))]


def report(name: str, figures: dict) -> None:
    waits, loads, server = figures["waits"], figures["loads"], figures["server"]
    print(
        f"{name}: {figures['people']} people, {len(server)} clicks; server time per click "
        f"median {1000 * median(server):.0f} ms, 95th percentile {1000 * p95(server):.0f} ms, "
        f"worst {1000 * server[-1]:.0f} ms"
    )
    print(
        f"  in the browser, click to redrawn page: median {1000 * median(waits):.0f} ms, "
        f"95th percentile {1000 * p95(waits):.0f} ms, worst {1000 * waits[-1]:.0f} ms"
    )
    print(
        f"  page loads in the browser: median {median(loads):.1f} s, worst {loads[-1]:.1f} s; "
        f"server CPU {figures['loading'] / len(loads):.2f} s a page"
    )
    print(
        f"  server CPU while playing {figures['cpu']:.1f} s, "
        f"{1000 * figures['cpu'] / max(1, len(server)):.0f} ms a click (every page at the "
        "table and the instructor's redrawn)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=90)
    options = parser.parse_args()
    idle = measure([["ukraine"]], options.seconds / 3)
    report("idle (one person at one table)", idle)
    loaded = measure([FOUR] * 6 + [THREE] * 2, options.seconds)
    report("class (30 people at 8 tables, instructor watching)", loaded)
    ratio = median(loaded["server"]) / median(idle["server"])
    print(f"  loaded/idle server time per click (medians): {ratio:.1f}x")


if __name__ == "__main__":
    main()
