"""Helpers of the browser tests: ``negosim web`` in a child process, and Vuetify's selects and
tabs driven so that a busy server's dropped click is done again, never waited on for nothing."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SLOW = 60_000
"""Every wait is on a condition; this only bounds how long a busy machine may take (ms)."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(workdir: Path, *options: str) -> Iterator[str]:
    """``negosim web`` in a child process, until the block ends."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "negosim.cli", "web", "--port", str(port), *options],
        cwd=workdir,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert process.poll() is None, process.stdout.read() if process.stdout else ""
            time.sleep(0.3)
    else:
        process.kill()
        pytest.fail("negosim web did not start listening within 90 s")
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=30)
        if process.stdout is not None:
            process.stdout.close()


def choose(page: Page, label: str, option: str) -> None:
    """Pick ``option`` in the Vuetify select labelled ``label``, and wait until the select shows it.

    A select re-rendered by the server while its menu opens (a scenario just changed) can drop the
    click; the choice is then made again, until it holds or the generous bound runs out.
    """
    field = page.get_by_label(label, exact=True)
    shown = page.locator(".v-select", has_text=label).locator(".v-select__selection").first
    deadline = time.monotonic() + SLOW / 1000
    while True:
        try:
            field.wait_for(state="attached")
        except PlaywrightTimeout:
            raise AssertionError(
                f"no field {label!r}; the page shows: {page_state(page)}"
            ) from None
        field.click(force=True)
        item = page.locator(".menuable__content__active .v-list-item").filter(has_text=option)
        try:
            # A menu that did not open (the click dropped) is opened again, not waited on.
            item.first.click(timeout=5_000)
            expect(shown).to_contain_text(option, timeout=5_000)
            return
        except (AssertionError, PlaywrightTimeout):
            assert time.monotonic() < deadline, f"could not choose {option} in {label}"
            page.keyboard.press("Escape")


def page_state(page: Page) -> str:
    """What a failing test saw: the selected tab and the start of the page's text."""
    selected = page.locator('[role="tab"][aria-selected="true"]')
    tab = selected.first.inner_text(timeout=5_000) if selected.count() else "(no tab selected)"
    text = " ".join(page.locator("body").inner_text(timeout=5_000).split())
    return f"tab {tab!r}, text {text[:400]!r}"


def open_tab(page: Page, name: str, shows: str | None = None) -> None:
    """Open a tab and wait until it is the selected one and, when given, until the field labelled
    ``shows`` is on it; a click or a render a busy server dropped is done again (via another tab),
    within the generous bound."""
    tab = page.get_by_role("tab", name=name)
    deadline = time.monotonic() + SLOW / 1000
    while True:
        tab.click()
        try:
            expect(tab).to_have_attribute("aria-selected", "true", timeout=5_000)
            if shows is not None:
                page.get_by_label(shows, exact=True).wait_for(state="attached", timeout=10_000)
            return
        except (AssertionError, PlaywrightTimeout):
            assert time.monotonic() < deadline, f"could not open the {name} tab"
            page.get_by_role("tab").filter(has_not_text=name).first.click()
