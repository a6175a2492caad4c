"""A tiny document model rendered both as Markdown and as printable HTML, so cards and role sheets
are written once."""

from __future__ import annotations

import base64
import html
from dataclasses import dataclass

STYLE = """
body { font-family: Georgia, serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.45; color: #1a1a1a; }
h1, h2, h3 { font-family: Helvetica, Arial, sans-serif; }
table { border-collapse: collapse; margin: 0.4rem 0 1rem; }
th, td { border-bottom: 1px solid #bbb; padding: 0.2rem 0.6rem; text-align: left; }
td.n { text-align: right; }
blockquote { color: #0b5394; margin: 0.4rem 1rem; }
.confidential { color: #a00; font-weight: bold; letter-spacing: 0.1em; }
@media print { body { margin: 0; max-width: none; font-size: 10.5pt; }
  h2, h3 { break-after: avoid; } table, blockquote, figure { break-inside: avoid; } }
"""


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


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
    body = []
    for block in blocks:
        if isinstance(block, Heading):
            body.append(f"<h{block.level}>{_e(block.text)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            body.append(f"<p>{_e(block.text)}</p>")
        elif isinstance(block, Quote):
            body.append(f"<blockquote>“{_e(block.text)}”</blockquote>")
        elif isinstance(block, Picture):
            encoded = base64.b64encode(block.png).decode("ascii")
            body.append(
                f'<figure><img alt="{_e(block.caption)}" style="max-width:100%" '
                f'src="data:image/png;base64,{encoded}"><figcaption>{_e(block.caption)}'
                "</figcaption></figure>"
            )
        else:
            head = "".join(f"<th>{_e(c)}</th>" for c in block.header)
            rows = "".join(
                "<tr>" + "".join(f"<td{_numeric(c)}>{_e(c)}</td>" for c in row) + "</tr>"
                for row in block.rows
            )
            body.append(f"<table><tr>{head}</tr>{rows}</table>")
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{_e(title)}</title>'
        f"<style>{STYLE}</style></head><body>{''.join(body)}</body></html>"
    )


def _numeric(cell: str) -> str:
    return ' class="n"' if cell.replace(".", "", 1).replace("-", "", 1).isdigit() else ""


def _e(text: str) -> str:
    return html.escape(text)
