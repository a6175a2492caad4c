"""A tiny document model rendered both as Markdown and as printable HTML, so cards and role sheets
are written once."""

from __future__ import annotations

import base64
from dataclasses import dataclass

from negosim.report.templates import render


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2
    tile: bool = False
    """Starts a tile: a heading and its table laid side by side with the next tiles (a role
    sheet's points per issue), so that a printed sheet fits on one page."""


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Quote:
    text: str


@dataclass(frozen=True)
class TableBlock:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    tile: bool = False
    """Ends a tile (see :class:`Heading`)."""


@dataclass(frozen=True)
class Picture:
    """A figure: embedded in the HTML (which stays one file), linked from the Markdown."""

    file: str
    png: bytes
    caption: str


Block = Heading | Paragraph | Quote | TableBlock | Picture


def to_markdown(blocks: list[Block]) -> str:
    parts = []
    for block in blocks:
        if isinstance(block, Heading):
            parts.append("#" * block.level + " " + block.text)
        elif isinstance(block, Paragraph):
            parts.append(block.text)
        elif isinstance(block, Quote):
            parts.append("> " + block.text)
        elif isinstance(block, Picture):
            parts.append(f"![{block.caption}]({block.file})")
        else:
            rows = [block.header, tuple("---" for _ in block.header), *block.rows]
            parts.append(
                "\n".join(
                    "| " + " | ".join(c.replace("|", "/") for c in row) + " |" for row in rows
                )
            )
    return "\n\n".join(parts) + "\n"


def to_html(title: str, blocks: list[Block]) -> str:
    """The blocks as one printable HTML page (figures embedded), every text escaped.

    Parameters
    ----------
    title
        The page's title.
    blocks
        Its content.

    Returns
    -------
    str
        The page.
    """
    return render("document.html.j2", title=title, blocks=[_view(block) for block in blocks])


def to_fragment(blocks: list[Block]) -> str:
    """The blocks as HTML to place inside another page (the dashboard's role sheets), every text
    escaped; the page styles it (``.tiles``: a sheet's points per issue side by side).

    Parameters
    ----------
    blocks
        The content.

    Returns
    -------
    str
        HTML elements, no document around them.
    """
    return render("blocks.html.j2", blocks=[_view(block) for block in blocks])


def _view(block: Block) -> dict[str, object]:
    """What the template needs of a block."""
    if isinstance(block, Heading):
        return {"kind": "heading", "level": block.level, "text": block.text, "tile": block.tile}
    if isinstance(block, Paragraph):
        return {"kind": "paragraph", "text": block.text}
    if isinstance(block, Quote):
        return {"kind": "quote", "text": block.text}
    if isinstance(block, Picture):
        data = base64.b64encode(block.png).decode("ascii")
        return {"kind": "picture", "caption": block.caption, "data": data}
    rows = [[(cell, _numeric(cell)) for cell in row] for row in block.rows]
    return {"kind": "table", "header": block.header, "rows": rows, "tile": block.tile}


def _numeric(cell: str) -> bool:
    return cell.replace(".", "", 1).replace("-", "", 1).isdigit()
