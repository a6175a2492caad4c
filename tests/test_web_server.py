"""What keeps the dashboard serving a whole class: static files compressed once, scenarios parsed
once, sessions' memory handed back."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("solara")

from negosim.web.memory import release_after_close
from negosim.web.session import read_once
from negosim.web.static import StaticOnce
from tests.conftest import CONFIGS


class Files:
    """A stand-in app that answers every request with a fresh body and counts the calls."""

    def __init__(self, status: int = 200) -> None:
        self.calls = 0
        self.status = status

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        self.calls += 1
        body = f"body {self.calls} of {scope['path']}".encode()
        await send({"type": "http.response.start", "status": self.status, "headers": []})
        await send({"type": "http.response.body", "body": body[:4], "more_body": True})
        await send({"type": "http.response.body", "body": body[4:]})


def get(app: StaticOnce, path: str, method: str = "GET", **headers: str) -> tuple[int, bytes]:
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "query_string": b"",
        "headers": [(k.replace("_", "-").encode(), v.encode()) for k, v in headers.items()],
    }
    asyncio.run(app(scope, None, send))  # type: ignore[arg-type]
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return sent[0]["status"], body


def test_a_static_file_is_answered_once_then_replayed() -> None:
    files = Files()
    app = StaticOnce(files)
    first = get(app, "/static/main.js", accept_encoding="gzip")
    assert (
        get(app, "/static/main.js", accept_encoding="gzip")
        == first
        == (
            200,
            b"body 1 of /static/main.js",
        )
    )
    assert files.calls == 1
    assert get(app, "/static/main.js")[1] == b"body 2 of /static/main.js", "kept per encoding"


@pytest.mark.parametrize(
    ("path", "method", "headers"),
    [
        ("/", "GET", {}),  # the page itself: per session
        ("/_solara/api/close/k", "POST", {}),
        ("/static/main.js", "GET", {"range": "bytes=0-3"}),
    ],
)
def test_pages_posts_and_ranges_always_reach_solara(
    path: str, method: str, headers: dict[str, str]
) -> None:
    files = Files()
    app = StaticOnce(files)
    get(app, path, method, **headers)
    get(app, path, method, **headers)
    assert files.calls == 2


def test_a_failed_response_is_not_kept() -> None:
    files = Files(status=404)
    app = StaticOnce(files)
    get(app, "/static/missing.js")
    get(app, "/static/missing.js")
    assert files.calls == 2


def test_a_scenario_file_is_parsed_once_per_version(tmp_path: Path) -> None:
    path = tmp_path / "pie.yaml"
    shutil.copy(CONFIGS / "split_the_pie.yaml", path)
    first = read_once(path)
    assert read_once(path) is first
    path.write_text(
        path.read_text(encoding="utf-8").replace("deadline: 50", "deadline: 40"), encoding="utf-8"
    )
    changed = read_once(path)
    assert changed.tracks["pie"].deadline == 40


def test_a_closed_session_schedules_its_memory_release(monkeypatch: pytest.MonkeyPatch) -> None:
    from negosim.web import memory

    released: list[float] = []

    class Timer:
        def __init__(self, delay: float, function: Any) -> None:
            self.delay, self.function, self.daemon = delay, function, False

        def start(self) -> None:
            assert self.daemon, "a release must never keep the server from exiting"
            released.append(self.delay)
            self.function()

    monkeypatch.setattr(memory.threading, "Timer", Timer)
    cleanup = release_after_close()
    cleanup()
    assert released == list(memory.SETTLE_SECONDS)
