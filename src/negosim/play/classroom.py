"""The class debrief: every game a seminar played, side by side with what the simulation does.

Each student's game is a directory written by ``negosim play`` or the dashboard. Gathered here they
become one table (who played which seat, the deal, everyone's points, where the player's result
falls among simulated runs) over the simulated distribution of the same scenario.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from pydantic import ValidationError

from negosim.play.game import simulated_runs
from negosim.scenario.model import Scenario


class ClassroomError(ValueError):
    """A path that is not a played game, or games of different scenarios."""


@dataclass(frozen=True)
class Classroom:
    scenario: Scenario
    games: pd.DataFrame
    """One row per game: directory, player, seat, agreement, reason, rounds, ``utility.<actor>``."""
    simulated: pd.DataFrame
    """The runner's rows for the scenario played by its own strategies."""
    skipped: tuple[str, ...] = ()
    """Directories that are not sound played games, each with why (left out of the table)."""

    def table(self) -> pd.DataFrame:
        """Points (0-100) for every actor, and the player's percentile among simulated runs."""
        shown = self.games[["player", "seat", "agreement", "reason", "rounds"]].copy()
        for actor in self.scenario.actors:
            shown[actor] = 100 * self.games[f"utility.{actor}"]
        shown["percentile"] = [
            100 * float(np.mean(self.simulated[f"utility.{seat}"] <= mine + 1e-12))
            for seat, mine in zip(
                self.games["seat"],
                (row[f"utility.{row['seat']}"] for _, row in self.games.iterrows()),
                strict=True,
            )
        ]
        return shown


def gather(paths: Iterable[Path], runs: int, scenario: Scenario | None = None) -> Classroom:
    """Games from the given directories (or directories holding game directories). With
    ``scenario``, only the games played on exactly that scenario; without, every game must share
    one scenario. A directory that is not a sound played game is skipped and said so: one edited
    or broken game does not sink the class's debrief."""
    games, skipped = [], []
    for directory in sorted(set(_game_directories(paths))):
        try:
            games.append(_read_game(directory))
        except ClassroomError as error:
            skipped.append(str(error))
    if scenario is not None:
        games = [game for game in games if game[0] == scenario]
    if not games:
        found = f" ({len(skipped)} skipped: {'; '.join(skipped)})" if skipped else ""
        raise ClassroomError(f"no played games found (a game directory holds runs.parquet){found}")
    played, first = games[0]
    for other, row in games[1:]:
        if other != played:
            raise ClassroomError(
                f"{row['directory']}: a different scenario from {first['directory']} "
                "(a class debrief compares games of one scenario)"
            )
    rows = pd.DataFrame([row for _, row in games])
    return Classroom(played, rows, simulated_runs(played, runs), tuple(skipped))


GAME_FILES = ("runs.parquet", "manifest.json")


def _game_directories(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if not path.is_dir():
            raise ClassroomError(f"{path}: no such directory")
        if (path / "runs.parquet").exists() or (path / "manifest.json").exists():
            yield path
        else:
            # A folder with either file is a game, so that one missing the other is reported.
            marked = {p.parent for name in GAME_FILES for p in path.glob(f"*/{name}")}
            yield from sorted(marked)


def _read_game(directory: Path) -> tuple[Scenario, dict[str, object]]:
    try:
        manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
        seat = manifest["request"]["played_as"]
        scenario = Scenario.model_validate_json((directory / "scenario.json").read_bytes())
        table = pd.read_parquet(directory / "runs.parquet")
        row = table.iloc[0].to_dict()
    except (OSError, KeyError, IndexError, TypeError, ValueError, ValidationError) as error:
        raise ClassroomError(f"{directory}: not a played game ({type(error).__name__})") from None
    if not isinstance(seat, str) or seat not in scenario.actors:
        raise ClassroomError(f"{directory}: played as {seat!r}, not an actor of its scenario")
    utilities = [row.get(f"utility.{actor}") for actor in scenario.actors]
    if not all(isinstance(u, float | int) and 0.0 <= float(u) <= 1.0 for u in utilities):
        raise ClassroomError(f"{directory}: its utilities are not all between 0 and 1")
    typed = manifest["request"].get("player")
    player = " ".join("".join(c for c in str(typed or "") if c.isprintable()).split()) or seat
    return scenario, {"directory": str(directory), "player": str(player), "seat": seat, **row}
