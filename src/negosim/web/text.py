"""Text on the page: Markdown turned into HTML here, in Python.

Solara's own Markdown component fetches KaTeX from a CDN path that the offline assets do not
carry; this one needs nothing from the network. Scenario text may come from someone else's file,
so raw HTML in it is escaped before conversion and shows as text.
"""

from __future__ import annotations

import markdown
import solara


def to_html(text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;")
    return str(markdown.markdown(escaped, extensions=["tables"]))


@solara.component
def Prose(text: str, classes: list[str] | None = None) -> None:
    solara.HTML(
        tag="div", unsafe_innerHTML=to_html(text), classes=["negosim-prose", *(classes or [])]
    )
