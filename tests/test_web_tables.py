"""Classroom tables in real headless Chromium against a real ``negosim web --tables`` server:
four people play the grand bargain to a deal, each seeing only their own numbers; a quiet seat is
played by its strategy; a reload keeps the game; the instructor opens two tables and injects an
event into one; a wrong link is refused; the class debrief lists the finished tables.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from negosim.engine.catalogue import load_scenario
from negosim.play.table_store import TableStore
from negosim.play.tables import SharedTable
from tests.browser import CHROMIUM, SLOW, choose, open_tab, serving

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("browser")]
expect.set_options(timeout=SLOW)

if not CHROMIUM.exists() and not os.environ.get("CI"):
    pytest.skip(
        "no /usr/bin/chromium (apt-get install chromium); CI installs it", allow_module_level=True
    )

GRAND_BARGAIN = ("us", "ukraine", "europe", "russia")
A_TEXT_ALL_CAN_ACCEPT = {
    # From the United States' best text, four issues moved: every seat's red lines hold, each is
    # above its walk-away, and the ratification rules pass (checked in the test).
    "revenue share": "0.6",
    "repayment": "partial repayment",
    "security guarantee": "bilateral us",
    "territory": "0.5",
}


@pytest.fixture(scope="module")
def classroom(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("classroom")


@pytest.fixture(scope="module")
def server(classroom: Path) -> Iterator[str]:
    with serving(classroom, "--tables", str(classroom / "tables")) as url:
        yield url


@pytest.fixture
def context(chromium: Browser) -> Iterator[BrowserContext]:
    opened = chromium.new_context(viewport={"width": 1300, "height": 1000})
    opened.set_default_timeout(SLOW)
    yield opened
    opened.close()


def store(classroom: Path) -> TableStore:
    return TableStore(classroom / "tables")


def open_table(
    classroom: Path, name: str, scenario: str, seats: list[str], **kw: float
) -> SharedTable:
    """A table opened as ``negosim table open`` does: the server reads it on its next tick."""
    table = SharedTable.open(name, load_scenario(scenario), 0, seats, kw.get("idle_after"))
    store(classroom).save(table)
    return table


def seat_page(context: BrowserContext, server: str, table: SharedTable, actor: str) -> Page:
    page = context.new_page()
    page.goto(f"{server}?table={table.name}&seat={table.tokens[actor]}")
    label = table.scenario.actors[actor].label
    page.get_by_text(f"You are {label} at table {table.name}").wait_for()
    return page


def log_of(page: Page) -> str:
    return page.locator(".round-log").first.inner_text()


def test_four_people_play_the_grand_bargain_to_a_deal(
    context: BrowserContext, server: str, classroom: Path
) -> None:
    table = open_table(classroom, "gb-1", "grand_bargain", list(GRAND_BARGAIN))
    pages = {actor: seat_page(context, server, table, actor) for actor in GRAND_BARGAIN}
    us = pages["us"]
    us.get_by_text("Your move · round 1").wait_for()
    for other in ("ukraine", "europe", "russia"):
        expect(pages[other].get_by_text("it is United States's turn to propose")).to_be_visible()
    for issue, option in A_TEXT_ALL_CAN_ACCEPT.items():
        choose(us, issue, option)
    us.get_by_text("Worth 61 points to you").wait_for()
    us.get_by_role("button", name="Make this offer").click()
    for actor, points in (("ukraine", 49), ("europe", 38), ("russia", 54)):
        page = pages[actor]
        page.get_by_text("Your move · round 1").wait_for()
        expect(page.get_by_text("United States proposes:")).to_be_visible()
        expect(page.get_by_text(f"Worth {points} points to you")).to_be_visible()
        text = page.locator("body").inner_text()
        assert "61 points" not in text, "a seat sees only its own points"
        assert "(0." not in log_of(page), "nobody's utilities in the log before the end"
        page.get_by_role("button", name="Accept").click()
    for page in pages.values():
        expect(page.get_by_text("Deal in round 1")).to_be_visible()
    expect(
        pages["ukraine"].get_by_text("Worth 49 points to you. Everyone's points")
    ).to_be_visible()
    assert "(0.61)" not in log_of(pages["us"])  # the proposer's own value is not an answer's
    assert "(0.49)" in log_of(pages["us"]), "after the end, the answers' values are told"


def test_a_quiet_seat_is_played_by_its_strategy_and_a_reload_keeps_the_game(
    context: BrowserContext, server: str, classroom: Path
) -> None:
    table = open_table(classroom, "pie-quiet", "split_the_pie", ["alice", "bob"], idle_after=3)
    bob = seat_page(context, server, table, "bob")
    # Alice never moves: past three seconds her strategy proposes, and Bob is asked.
    bob.get_by_text("Your move · round 1").wait_for()
    expect(bob.locator(".round-log")).to_contain_text("Alice's seat is played by its strategy")
    before = log_of(bob)
    bob.reload()
    bob.get_by_text("Your move · round 1").wait_for()
    assert log_of(bob) == before
    bob.get_by_role("button", name="Reject").click()
    expect(bob.locator(".round-log")).to_contain_text("Bob rejects")


def test_the_instructor_opens_two_tables_and_injects_an_event_into_one(
    context: BrowserContext, server: str, classroom: Path
) -> None:
    token = (classroom / "tables" / ".instructor-token").read_text(encoding="utf-8")
    page = context.new_page()
    page.goto(f"{server}?instructor={token}")
    page.get_by_role("tab", name="Scenario").wait_for()
    choose(page, "Scenario", "split_the_pie")
    page.get_by_role("heading", name="Split the pie").first.wait_for()
    open_tab(page, "Tables", shows="Table names start with")
    page.get_by_label("Table names start with").fill("seminar")
    page.get_by_label("Table names start with").press("Enter")
    page.get_by_role("button", name="Open tables").click()
    for name in ("seminar-1", "seminar-2"):
        card = page.locator(".v-card", has_text=f"{name} · Split the pie")
        expect(card).to_contain_text("it is Alice's turn to propose")
        expect(card).to_contain_text(f"?table={name}&seat=")
    page.locator(".v-expansion-panel-header", has_text="Inject an event").click()
    choose(page, "Inject into", "seminar-1")
    choose(page, "Who", "Bob")
    page.get_by_label("What happened (shown in the log)").fill("Summit called")
    page.get_by_label("What happened (shown in the log)").press("Enter")
    page.get_by_role("button", name="Inject now").click()
    one, two = (store(classroom).load(n) for n in ("seminar-1", "seminar-2"))
    alice = seat_page(context, server, one, "alice")
    expect(alice.locator(".round-log")).to_contain_text("[Summit called: Bob's walk-away → 0.5]")
    other = seat_page(context, server, two, "alice")
    expect(other.get_by_text("Your move · round 1")).to_be_visible()
    assert "Summit called" not in log_of(other)
    link = page.locator(".v-card", has_text="seminar-2 · Split the pie").inner_text()
    assert re.search(rf"\?table=seminar-2&seat={two.tokens['bob']}", link)


def test_a_wrong_link_is_refused_and_the_instructors_page_is_kept_from_students(
    context: BrowserContext, server: str, classroom: Path
) -> None:
    table = open_table(classroom, "pie-locked", "split_the_pie", ["alice", "bob"])
    page = context.new_page()
    page.goto(f"{server}?table={table.name}&seat={table.tokens['alice']}x")
    expect(page.get_by_text("This link opens no seat at this table")).to_be_visible()
    assert page.get_by_text("confidential").count() == 0
    for address in (server, f"{server}?instructor=guessed", f"{server}?table=../etc&seat=x"):
        page.goto(address)
        expect(
            page.get_by_text("Open the link your instructor gave you").or_(
                page.get_by_text("This link names no table")
            )
        ).to_be_visible()
        assert page.get_by_role("tab", name="Tables").count() == 0


def test_the_class_debrief_lists_the_finished_tables(
    context: BrowserContext, server: str, classroom: Path
) -> None:
    table = SharedTable.open("pie-done", load_scenario("split_the_pie"), 0, ["alice", "bob"])
    space = table.game().space
    assert space is not None
    table = table.answer(table.tokens["alice"], space.index_of({"alice_share": 0.7}))
    store(classroom).save(table.answer(table.tokens["bob"], True))
    token = (classroom / "tables" / ".instructor-token").read_text(encoding="utf-8")
    page = context.new_page()
    page.goto(f"{server}?instructor={token}")
    page.get_by_role("tab", name="Scenario").wait_for()
    open_tab(page, "Class debrief")
    choose(page, "Tables of", "Split the pie")
    for seat, points in (("Alice", "70"), ("Bob", "30")):
        row = page.locator("tr", has_text=f"pie-done: {seat}")
        expect(row).to_contain_text("deal")
        expect(row).to_contain_text(points)


def test_twenty_consecutive_loads_show_no_javascript_error(
    context: BrowserContext, server: str, classroom: Path
) -> None:
    token = (classroom / "tables" / ".instructor-token").read_text(encoding="utf-8")
    table = open_table(classroom, "pie-loads", "split_the_pie", ["alice", "bob"])
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    for k in range(20):
        if k % 2:
            page.goto(f"{server}?table={table.name}&seat={table.tokens['bob']}")
            page.get_by_text("You are Bob at table pie-loads").wait_for()
        else:
            page.goto(f"{server}?instructor={token}")
            page.get_by_role("tab", name="Scenario").wait_for()
            page.get_by_text("The stakeholders").first.wait_for()
        assert page.get_by_text("Click to show javascript error").count() == 0, f"load {k + 1}"
    assert errors == []
