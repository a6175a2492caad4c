"""The ASGI app ``negosim web`` serves: Solara's, its static files compressed once
(:class:`~negosim.web.static.StaticOnce`).

Imported by uvicorn only after :func:`negosim.web.server.serve` has configured Solara, which reads
its settings on import.
"""

from __future__ import annotations

from solara.server.starlette import app as solara_app

from negosim.web.static import StaticOnce

app = StaticOnce(solara_app)
