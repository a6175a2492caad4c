"""The dashboard in real headless Chromium: the page loads offline, a control changes a batch's
figure, a person plays a round, an instructor injects an event, a bad upload is explained.

Debian's ``chromium`` is driven by Playwright (never ``playwright install``: nothing downloads).
In CI a missing browser fails these tests; elsewhere it skips them with the command to install it.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser import CHROMIUM, SLOW, choose, open_tab, serving

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("browser")]

expect.set_options(timeout=SLOW)

if not CHROMIUM.exists() and not os.environ.get("CI"):
    pytest.skip(
        "no /usr/bin/chromium (apt-get install chromium); CI installs it", allow_module_level=True
    )


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("web")


@pytest.fixture(scope="module")
def server(workdir: Path) -> Iterator[str]:
    with serving(workdir) as url:
        yield url


@pytest.fixture
def dashboard(chromium: Browser, server: str) -> Iterator[Page]:
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    opened = context.new_page()
    opened.set_default_timeout(SLOW)
    opened.goto(server)
    opened.get_by_role("tab", name="Scenario").wait_for()
    yield opened
    context.close()


def expect_redrawn(page: Page, card: str, before: bytes) -> None:
    """Wait, however long the server takes, until the card's figure differs from ``before``."""
    deadline = time.monotonic() + SLOW / 1000
    while figure_pixels(page, card) == before:
        assert time.monotonic() < deadline, f"the {card} figure was not redrawn"
        page.wait_for_timeout(200)


def figure_pixels(page: Page, card: str) -> bytes:
    image = page.locator(".v-card", has_text=card).locator("img").first
    image.wait_for()
    return image.screenshot()


def test_the_page_loads_with_nothing_from_the_network(chromium: Browser, server: str) -> None:
    context = chromium.new_context()
    page = context.new_page()
    failures: list[str] = []
    page.on("requestfailed", lambda request: failures.append(request.url))
    page.on(
        "response",
        lambda response: (
            failures.append(f"{response.status} {response.url}") if response.status >= 400 else None
        ),
    )
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith((server, "data:", "blob:"))
            else None
        ),
    )
    page.goto(server)
    page.get_by_text("The stakeholders").wait_for(timeout=SLOW)
    assert "negosim" in page.title()
    for tab in ("Scenario", "Negotiation", "Monte Carlo"):
        expect(page.get_by_role("tab", name=tab)).to_be_visible()
    assert failures == []
    assert outside == [], "every request goes to the dashboard itself"
    context.close()


def test_a_changed_control_changes_the_batch_and_its_figure(dashboard: Page) -> None:
    page = dashboard
    open_tab(page, "Monte Carlo")
    page.get_by_role("button", name="100", exact=True).click()
    page.get_by_role("button", name="Run 100 more").click()
    headline = page.get_by_text("100 runs, seed 0: a deal in")
    headline.wait_for()
    before, figure_before = headline.inner_text(), figure_pixels(page, "Agreement")
    assert figure_before.startswith(b"\x89PNG")
    page.locator(".v-expansion-panel-header", has_text="Russia").first.click()
    choose(page, "Russia: strategy", "hardliner")
    page.get_by_text("No runs yet").wait_for()
    page.get_by_role("button", name="Run 100 more").click()
    # A Russia that never moves changes how often talks end in a deal, and the figure with it.
    expect(page.get_by_text("100 runs, seed 0: a deal in 0.0%")).to_be_visible()
    after = page.get_by_text("100 runs, seed 0: a deal in").inner_text()
    assert after != before
    expect_redrawn(page, "Agreement", figure_before)


def test_a_person_plays_a_round_from_a_seat(dashboard: Page) -> None:
    page = dashboard
    open_tab(page, "Negotiation", shows="Your seat")
    choose(page, "Your seat", "Ukraine")
    page.get_by_text("Your move · round 1").wait_for()
    expect(page.get_by_text("United States proposes:")).to_be_visible()
    expect(page.get_by_text("points to you").first).to_be_visible()
    page.get_by_role("button", name="Reject").click()
    page.get_by_text("Your move · round 2").wait_for()
    log = page.locator(".round-log")
    expect(log).to_contain_text("Round 1: United States proposes")
    expect(log).to_contain_text("Ukraine rejects")
    assert "(0." not in log.inner_text(), "the seated person does not see the others' utilities"


def test_the_instructor_injects_an_event_into_a_running_negotiation(dashboard: Page) -> None:
    page = dashboard
    open_tab(page, "Negotiation")
    page.get_by_role("button", name="Next round").click()
    page.get_by_text("Round 1 of at most").wait_for()
    page.locator(".v-expansion-panel-header", has_text="Instructor: inject an event").click()
    choose(page, "Who", "Russia")
    page.get_by_label("What happened (shown in the log)").fill("Front line collapses")
    page.get_by_label("What happened (shown in the log)").press("Enter")
    page.get_by_role("button", name="Inject now").click()
    page.get_by_role("button", name="Next round").click()
    page.get_by_text("Round 2 of at most").wait_for()
    expect(page.locator(".round-log")).to_contain_text(
        "Round 2: [Front line collapses: Russia's walk-away → 0.5]"
    )


def test_a_pasted_scenario_is_validated_in_the_page(dashboard: Page, pie_text: str) -> None:
    page = dashboard
    page.locator(".v-expansion-panel-header", has_text="paste a scenario YAML").click()
    box = page.locator("textarea").first
    box.fill(pie_text.replace("deadline: 50", "deadline: -3"))
    box.blur()
    page.get_by_role("button", name="Load pasted scenario").click()
    error = page.locator(".negosim-error")
    expect(error).to_contain_text("pasted.yaml:16")
    expect(error).to_contain_text("deadline")
    box.fill(pie_text)
    box.blur()
    page.get_by_role("button", name="Load pasted scenario").click()
    page.get_by_role("heading", name="Split the pie").first.wait_for()


def test_a_finished_game_is_debriefed_and_saved_for_the_report(
    dashboard: Page, workdir: Path
) -> None:
    page = dashboard
    choose(page, "Scenario", "split_the_pie")
    page.get_by_role("heading", name="Split the pie").first.wait_for()
    open_tab(page, "Negotiation", shows="Your seat")
    choose(page, "Your seat", "Bob")
    page.get_by_text("Your move · round 1").wait_for()
    page.get_by_role("button", name="Accept").click()
    debrief = page.locator(".v-card", has_text="Debrief")
    expect(debrief).to_contain_text(
        "simulated runs in which the scenario's own strategy held your seat"
    )
    expect(debrief).to_contain_text("The Nash point gives: Alice 55, Bob 45.")
    page.get_by_label("Your name (for the class debrief)").fill("Ada Lovelace")
    page.get_by_label("Your name (for the class debrief)").press("Enter")
    page.get_by_role("button", name="Save for the class debrief").click()
    page.get_by_text("Saved in out/web/split_the_pie/Ada-Lovelace-bob-seed0").wait_for()
    saved = workdir / "out" / "web" / "split_the_pie" / "Ada-Lovelace-bob-seed0"
    assert {p.name for p in saved.iterdir()} >= {"runs.parquet", "scenario.json", "manifest.json"}
    open_tab(page, "Class debrief")
    page.get_by_role("button", name="Refresh").click()
    row = page.locator("tr", has_text="Ada Lovelace")
    expect(row).to_contain_text("Bob")
    expect(row).to_contain_text("deal")


def test_the_students_page_offers_a_seat_and_nothing_a_seat_would_not_know(
    chromium: Browser, workdir: Path
) -> None:
    with serving(workdir, "--student") as url:
        context = chromium.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(SLOW)
        page.goto(url)
        open_tab(page, "Play")
        page.get_by_text("Choose the stakeholder you play").wait_for()
        expect(page.get_by_role("tab")).to_have_text(["SCENARIO", "PLAY"], use_inner_text=True)
        assert page.get_by_role("button", name="Undo all changes").count() == 0
        page.get_by_label("Your seat", exact=True).click(force=True)
        expect(page.locator(".menuable__content__active .v-list-item")).to_have_text(
            ["United States", "Ukraine", "European allies", "Russia"], use_inner_text=True
        )
        page.locator(".menuable__content__active .v-list-item").filter(has_text="Russia").click()
        page.get_by_text("Your move · round 1").wait_for()
        assert page.get_by_role("button", name="Next round").count() == 0
        assert page.get_by_text("Instructor: inject an event").count() == 0
        page.get_by_role("button", name="Reject").click()
        page.get_by_text("Your move · round 2").wait_for()
        assert "(0." not in page.locator(".round-log").inner_text()
        context.close()


def test_a_person_builds_an_offer_issue_by_issue(dashboard: Page) -> None:
    page = dashboard
    choose(page, "Scenario", "split_the_pie")
    page.get_by_role("heading", name="Split the pie").first.wait_for()
    open_tab(page, "Negotiation", shows="Your seat")
    page.get_by_text("Nothing said yet").wait_for()
    choose(page, "Your seat", "Alice")
    page.get_by_text("Your offer, issue by issue").wait_for()
    expect(page.get_by_text("Worth 100 points to you")).to_be_visible()  # from her best
    card = page.locator(".v-card", has_text="Your move")
    slider = card.get_by_role("slider")
    for _ in range(100):
        found = re.search(r"Worth (\d+) points", card.inner_text())
        assert found is not None
        if int(found[1]) == 60:
            break
        slider.press("ArrowLeft" if int(found[1]) > 60 else "ArrowRight")
        # One step at a time: wait until the server has redrawn the points, however slow it is.
        expect(card).not_to_contain_text(f"Worth {found[1]} points", timeout=SLOW)
    page.get_by_text("Worth 60 points to you").wait_for()
    page.get_by_role("button", name="Make this offer").click()
    page.get_by_text("Round 1: Alice proposes alice share: 0.6").wait_for()


def test_projector_mode_puts_the_sidebar_away_and_enlarges_the_type(
    chromium: Browser, server: str
) -> None:
    context = chromium.new_context(viewport={"width": 1024, "height": 768})
    page = context.new_page()
    page.set_default_timeout(SLOW)
    page.goto(server)
    page.get_by_role("tab", name="Scenario").wait_for()
    expect(page.get_by_role("button", name="Undo all changes")).to_be_visible()
    size = "getComputedStyle(document.documentElement).fontSize"
    assert page.evaluate(size) == "16px"
    switch = page.get_by_label("Projector")
    # A click, then a wait on what the server sends back: check() and uncheck() verify the box's
    # state right after the click, before the server's round trip has turned the switch.
    switch.click(force=True)
    expect(switch).to_have_attribute("aria-checked", "true")
    expect(page.get_by_role("button", name="Undo all changes")).to_have_count(0)
    page.wait_for_function(f"{size} === '24px'")
    switch.click(force=True)
    expect(switch).to_have_attribute("aria-checked", "false")
    expect(page.get_by_role("button", name="Undo all changes")).to_be_visible()
    context.close()
