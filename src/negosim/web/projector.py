"""Projector mode: type and figures read from the back of a seminar room at 1024×768.

At that size the sidebar took 40% of the width and figure ticks came out about 8 pixels high.
In projector mode the sidebar is put away, the page's type grows by half, and figures are drawn
with fonts half as large again as matplotlib's defaults (their images keep their size on the
page, so the text in them grows with it).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import matplotlib as mpl
import solara

projector = solara.reactive(False)
"""Whether this page is in projector mode (one value per browser tab)."""

LARGE_TYPE = """
html { font-size: 24px !important; }
.v-application .v-tab { font-size: 1rem; }
.negosim-prose, .v-application .v-card__text, .v-application .v-label { font-size: 1rem; }
.round-log { font-size: 0.9rem; max-height: none; }
"""
FIGURE_FONTS: dict[str, Any] = {
    "font.size": 15,
    "axes.titlesize": 16,
    "axes.labelsize": 15,
    "xtick.labelsize": 14,
    "ytick.labelsize": 14,
    "legend.fontsize": 13,
    "figure.titlesize": 16,
}
"""Matplotlib's sizes in projector mode (its defaults are 10 and 12 points)."""


@contextmanager
def figure_fonts(large: bool) -> Iterator[None]:
    """Draw the figures made inside the block with projector fonts when ``large``.

    matplotlib reads its font sizes when a figure's text is made, so the block must hold the
    call that makes the figure, not only the one that shows it.

    Parameters
    ----------
    large
        Whether projector mode is on.

    Yields
    ------
    None
        Inside the block, figures take the projector's fonts.
    """
    if not large:
        yield
        return
    with mpl.rc_context(FIGURE_FONTS):  # type: ignore[arg-type]  # matplotlib's keys are Literals
        yield


@solara.component
def ProjectorSwitch() -> None:
    solara.Switch(label="Projector", value=projector)
    if projector.value:
        solara.Style(LARGE_TYPE)
