"""Draws the text-book's illustrations with negosim itself, from the bundled article scenarios.

    python docs/make_figures.py [OUT_DIR]      (default: docs/figures)

The tests run it into a temporary folder, so the figures on the site are always ones the current
code can draw.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from negosim.engine.catalogue import load_scenario
from negosim.plots import Results, panels
from negosim.plots.live import offers_in_space
from negosim.plots.space import utility_space
from negosim.plots.spacedata import space_data
from negosim.plots.style import Caption, actor_colours
from negosim.scenario import Scenario
from negosim.scenario.bundled import resolve_config
from negosim.scenario.paths import document, with_values
from negosim.web.batch import Batch
from negosim.web.table import Table

FIGURES = Path(__file__).parent / "figures"


def scenario(name: str) -> Scenario:
    return load_scenario(resolve_config(name))


def with_clause() -> Scenario:
    """The text-book's running example: the minerals deal with its security clause (alone, it has
    no zone of agreement)."""
    minerals = scenario("minerals_deal")
    clause = minerals.variants["security_clause"].set
    return Scenario.model_validate(with_values(document(minerals), clause))


def minerals_space(out: Path) -> None:
    minerals = with_clause()
    data = space_data(minerals)
    colours = actor_colours(list(minerals.actors))
    none = data.outcomes.iloc[:0, :2]
    fig = utility_space(
        data.outcomes, none, data.reservation, data.points, colours, Caption(minerals.title)
    )
    fig.savefig(out / "textbook-minerals-space.png", dpi=100)


def minerals_haggling(out: Path) -> None:
    minerals = with_clause()
    view = Table(minerals, seed=0).to_the_end().view()
    game = view.game
    offers = pd.DataFrame(
        {
            "us": [float(game.utilities[o, 0]) for _, _, o in view.offers],
            "ukraine": [float(game.utilities[o, 1]) for _, _, o in view.offers],
            "round": [r + 1 for r, _, _ in view.offers],
            "proposer": [game.actors[p] for _, p, _ in view.offers],
        }
    )
    offers.attrs.update(
        labels={"us": "United States", "ukraine": "Ukraine"},
        deal=bool(view.result and view.result.agreement),
    )
    data = space_data(minerals)
    fig = offers_in_space(
        data.outcomes,
        offers,
        data.reservation,
        data.points,
        actor_colours(list(minerals.actors)),
        Caption(minerals.title, seed=0),
    )
    fig.savefig(out / "textbook-minerals-offers.png", dpi=100)


def recognition_deals(out: Path) -> None:
    nato = scenario("nato_security")
    recognition = Scenario.model_validate(
        with_values(document(nato), {"tracks.security.protocol": "recognition"})
    )
    batch = Batch(recognition, seed=0).more(400)
    for panel in batch.panels():
        if panel.name == "agreement":
            panel.figure.savefig(out / "textbook-recognition-agreement.png", dpi=100)


def forecast(out: Path) -> None:
    grand = scenario("grand_bargain")
    only = Results(Path("."), grand, None, None, None, None, None, None)
    for panel in panels(only):
        if panel.name == "forecast":
            panel.figure.savefig(out / "textbook-forecast.png", dpi=100)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for draw in (minerals_space, minerals_haggling, recognition_deals, forecast):
        draw(out)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else FIGURES)
