"""The HTML templates of reports, cards, role sheets and debriefs (Jinja2, every value escaped)."""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("negosim.report", "templates"),
        autoescape=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


def render(template: str, **values: Any) -> str:
    """Render one of this folder's templates.

    Parameters
    ----------
    template
        Its file name.
    **values
        What it shows; text is escaped.

    Returns
    -------
    str
        The HTML.
    """
    return _environment().get_template(template).render(**values)
