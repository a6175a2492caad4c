"""Solara's static files compressed once, not on every request.

Solara gzips every response as it sends it. A page loads megabytes of JavaScript, so with a room
of students opening the page at once the server spent 40% of its time compressing the same files
again (profiled: 20 pages). The front-end files do not change while the server runs, so the first
compressed response of each is kept and replayed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

STATIC = ("/static/", "/_solara/cdn/", "/jupyter/nbextensions/")
"""Solara's front-end files: the same bytes for every page and every client."""
MAX_BYTES = 64_000_000
"""At most this much is kept (the dashboard's front-end is about 10 MB compressed)."""


class StaticOnce:
    """Replays the first successful response of each static file (per path, query and encoding)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.kept: dict[tuple[str, bytes, bool], tuple[Message, bytes]] = {}
        self.size = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = self._key(scope)
        if key is None:
            await self.app(scope, receive, send)
            return
        if key in self.kept:
            start, body = self.kept[key]
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, self._recording(key, send))

    def _key(self, scope: Scope) -> tuple[str, bytes, bool] | None:
        if scope["type"] != "http" or scope["method"] != "GET":
            return None
        if not scope["path"].startswith(STATIC):
            return None
        headers = dict(scope["headers"])
        if b"range" in headers:
            return None
        return scope["path"], scope["query_string"], b"gzip" in headers.get(b"accept-encoding", b"")

    def _recording(self, key: tuple[str, bytes, bool], send: Send) -> Send:
        started: list[Message] = []
        chunks: list[bytes] = []

        async def recording(message: Message) -> None:
            if message["type"] == "http.response.start":
                started.append(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    self._keep(key, started, b"".join(chunks))
            await send(message)

        return recording

    def _keep(self, key: tuple[str, bytes, bool], started: list[Message], body: bytes) -> None:
        if len(started) != 1 or started[0]["status"] != 200:
            return
        if self.size + len(body) > MAX_BYTES:
            return
        self.kept[key] = (started[0], body)
        self.size += len(body)
