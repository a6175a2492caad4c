"""NegMAS's own standard negotiators on the same GENIUS domains, scored like the tournament.

A reference, not a dependency: with the ``crosscheck`` extra installed, NegMAS (its SAO mechanism
and its Aspiration, naive tit-for-tat and MiCRO negotiators) plays the domain folder it reads
itself, and each result is measured against negosim's own yardsticks (Pareto frontier, Nash point)
of the same domain, so that the rows compare like with like. NegMAS's issues are matched to
negosim's by their names in the files, its parties by their profile files.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from negosim.experiments.tournament import TournamentError, Yardsticks, assignments
from negosim.games.game import game_from_scenario
from negosim.scenario.model import Scenario

NEGOTIATORS = ("AspirationNegotiator", "NaiveTitForTatNegotiator", "MiCRONegotiator")
"""NegMAS's standard negotiators played by default."""


def negmas_rows(
    source: Path | Any,
    name: str,
    scenario: Scenario,
    negotiators: Sequence[str] = NEGOTIATORS,
    seeds: int = 3,
) -> pd.DataFrame:
    """NegMAS's negotiators against each other in every seat on one GENIUS domain.

    Parameters
    ----------
    source
        A GENIUS domain folder (NegMAS reads it itself), or a ``negmas.inout.Scenario`` (from
        :func:`negosim.genius.negmas.to_negmas`).
    name
        The scenario's name in the rows.
    scenario
        negosim's import of the same folder (its table gives the yardsticks).
    negotiators
        Class names in ``negmas.sao``.
    seeds
        Negotiations per assignment.

    Returns
    -------
    pandas.DataFrame
        Rows like the tournament's, strategies named ``negmas:<class>``.

    Raises
    ------
    TournamentError
        When NegMAS is not installed.
    """
    try:
        negmas = importlib.import_module("negmas")
        sao = importlib.import_module("negmas.sao")
        inout = importlib.import_module("negmas.inout")
    except ImportError:
        raise TournamentError("--negmas needs NegMAS: pip install 'negosim[crosscheck]'") from None
    game = game_from_scenario(scenario)
    yardsticks = Yardsticks.of(game)
    loaded = (
        inout.Scenario.load(source, ignore_discount=True) if isinstance(source, Path) else source
    )
    seat_of = {scenario.actors[actor].label: i for i, actor in enumerate(game.actors)}
    columns = [seat_of[ufun.name] for ufun in loaded.ufuns]
    axes = game.space.axes if game.space else ()
    axis_of = {a.name: a.name for a in axes} | {scenario.issues[a.name].label: a.name for a in axes}
    issue_names = [issue.name for issue in loaded.outcome_space.issues]
    rows: list[dict[str, Any]] = []
    for index, assignment in enumerate(assignments(list(negotiators), game.n)):
        for repeat in range(seeds):
            mechanism = negmas.SAOMechanism(
                outcome_space=loaded.outcome_space, n_steps=game.deadline
            )
            for kind, ufun in zip(assignment, loaded.ufuns, strict=True):
                mechanism.add(getattr(sao, kind)(), ufun=ufun)
            state = mechanism.run()
            point = game.reservation
            if state.agreement is not None and game.space is not None:
                terms = {axis_of[n]: v for n, v in zip(issue_names, state.agreement, strict=True)}
                point = game.utilities[game.space.index_of(terms)]
            pareto = float(np.min(np.linalg.norm(yardsticks.frontier - point, axis=1)))
            nash = (
                None if yardsticks.nash is None else float(np.linalg.norm(yardsticks.nash - point))
            )
            shared = {
                "scenario": name,
                "assignment": index,
                "pairing": " vs ".join(f"negmas:{k}" for k in dict.fromkeys(assignment)),
                "repeat": repeat,
                "agreement": state.agreement is not None,
                "reason": "agreement" if state.agreement is not None else "deadline",
                "rounds": int(state.step),
                "welfare": float(point.sum()),
                "pareto_distance": pareto,
                "nash_distance": nash,
            }
            rows += [
                {
                    **shared,
                    "seat": game.actors[column],
                    "strategy": f"negmas:{kind}",
                    "utility": float(point[column]),
                }
                for kind, column in zip(assignment, columns, strict=True)
            ]
    return pd.DataFrame(rows)
