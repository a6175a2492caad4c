"""Screenshots of the dashboard for the seminar tutorial, taken in headless Chromium.

    python docs/make_screenshots.py [OUT_DIR]      (default: docs/figures; needs /usr/bin/chromium)

Starts ``negosim web`` on a free local port in a scratch folder, visits each tab as a seminar
would, and writes ``dashboard-*.png``; then a class server (``--tables``): the instructor's Tables
tab with two tables open, a student's seat, and projector mode at 1024×768.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def choose(page: Page, label: str, option: str) -> None:
    page.get_by_label(label, exact=True).click(force=True)
    page.locator(".menuable__content__active .v-list-item").filter(has_text=option).first.click()


def tour(page: Page, out: Path) -> None:
    page.get_by_text("The stakeholders").wait_for()
    page.get_by_role("tab", name="Negotiation").click()
    page.get_by_role("button", name="Play to the end").click()
    page.get_by_text("Deal in round").wait_for()
    page.screenshot(path=out / "dashboard-watch.png")
    choose(page, "Your seat", "Ukraine")
    page.get_by_text("Your move · round 1").wait_for()
    page.get_by_role("button", name="Reject").click()
    page.get_by_text("Your move · round 2").wait_for()
    page.screenshot(path=out / "dashboard-play.png")
    page.get_by_role("tab", name="Monte Carlo").click()
    page.get_by_role("button", name="Run 500 more").click()
    page.get_by_text("500 runs, seed 0: a deal in").wait_for()
    page.screenshot(path=out / "dashboard-batch.png")


def class_tour(browser: Browser, url: str, classroom: Path, out: Path) -> None:
    token = (classroom / ".instructor-token").read_text(encoding="utf-8")
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    page.set_default_timeout(60_000)
    page.goto(f"{url}?instructor={token}")
    page.get_by_text("The stakeholders").wait_for()
    page.get_by_role("tab", name="Tables").click()
    page.get_by_label("Table names start with").fill("group")
    page.get_by_label("Table names start with").press("Enter")
    page.get_by_role("button", name="Open tables").click()
    page.get_by_text("group-2 · Minerals for security").wait_for()
    seats = json.loads((classroom / "group-1.json").read_text(encoding="utf-8"))["tokens"]
    us, ukraine = (browser.new_page(viewport={"width": 1300, "height": 900}) for _ in range(2))
    us.goto(f"{url}?table=group-1&seat={seats['us']}")
    us.get_by_role("button", name="Make this offer").click()
    ukraine.goto(f"{url}?table=group-1&seat={seats['ukraine']}")
    ukraine.get_by_text("Your move · round 1").wait_for()
    ukraine.wait_for_timeout(1500)  # let the card's fade-in finish
    ukraine.screenshot(path=out / "table-seat.png")
    page.get_by_text("it is Ukraine's turn to respond").first.wait_for()
    page.screenshot(path=out / "dashboard-tables.png")
    projected = browser.new_page(viewport={"width": 1024, "height": 768})
    projected.set_default_timeout(120_000)
    projected.goto(f"{url}?instructor={token}")
    projected.get_by_text("The stakeholders").wait_for()
    projected.get_by_label("Projector").check(force=True)
    run = projected.get_by_role("button", name="Run 500 more")
    for _ in range(5):  # a tab click during a redraw can be dropped: click again
        projected.get_by_role("tab", name="Monte Carlo").click()
        try:
            run.wait_for(timeout=20_000)
            break
        except PlaywrightTimeout:
            continue
    run.click()
    projected.get_by_text("500 runs, seed 0: a deal in").wait_for()
    projected.screenshot(path=out / "dashboard-projector.png")


@contextmanager
def serving(scratch: str, *options: str) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "negosim.cli", "web", "--port", str(port), *options]
    server = subprocess.Popen(command, cwd=scratch)
    try:
        time.sleep(8)
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=30)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        with serving(scratch) as url:
            page = browser.new_page(viewport={"width": 1300, "height": 820})
            page.set_default_timeout(60_000)
            page.goto(url)
            tour(page, out)
        classroom = Path(scratch) / "classroom"
        with serving(scratch, "--tables", str(classroom)) as url:
            class_tour(browser, url, classroom, out)
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "figures")
