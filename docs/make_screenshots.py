"""Screenshots of the dashboard for the seminar tutorial, taken in headless Chromium.

    python docs/make_screenshots.py [OUT_DIR]      (default: docs/figures; needs /usr/bin/chromium)

Starts ``negosim web`` on a free local port in a scratch folder, visits each tab as a seminar
would, and writes ``dashboard-*.png``.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

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


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with tempfile.TemporaryDirectory() as scratch:
        server = subprocess.Popen(
            [sys.executable, "-m", "negosim.cli", "web", "--port", str(port)], cwd=scratch
        )
        try:
            time.sleep(8)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
                page = browser.new_page(viewport={"width": 1300, "height": 820})
                page.set_default_timeout(60_000)
                page.goto(f"http://127.0.0.1:{port}/")
                tour(page, out)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "figures")
