"""Which figures a results directory supports, each with a one-sentence reading of it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from negosim.experiments.summary import wilson_interval
from negosim.games.game import game_from_scenario
from negosim.outcomes import build_space
from negosim.plots.data import Results
from negosim.plots.experiments import sensitivity_bars, sweep_heatmap, sweep_lines
from negosim.plots.outcomes import agreement_overview, outcome_distributions
from negosim.plots.space import utility_space
from negosim.plots.spacedata import space_data
from negosim.plots.style import Caption, actor_colours
from negosim.plots.traces import concession_traces, forecast
from negosim.scenario.issues import ContinuousIssue
from negosim.scenario.model import Scenario
from negosim.solutions.challenges import expected_utility_rounds


@dataclass(frozen=True)
class Panel:
    name: str
    figure: Figure
    reading: str


def panels(results: Results) -> Iterator[Panel]:
    scenario = results.scenario
    colours = actor_colours(list(scenario.actors))
    if results.runs is not None:
        caption = Caption(scenario.title, len(results.runs), results.seed)
        yield from _run_panels(results, results.runs, caption, colours)
        if results.traces is not None and not results.traces.empty:
            labels = {name: actor.label for name, actor in scenario.actors.items()}
            yield _concessions(results.traces, colours, caption, labels)
    if results.sweep is not None:
        yield from _sweep_panels(
            results.sweep, Caption(scenario.title, len(results.sweep)), colours
        )
    if results.sensitivity is not None:
        indices = results.sensitivity
        top = indices[indices["output"] == "agreement"]
        key = "ST" if "ST" in top else "mu_star"
        leader = top.sort_values(key, ascending=False).iloc[0]["parameter"] if len(top) else "-"
        yield Panel(
            "sensitivity",
            sensitivity_bars(indices, "agreement", Caption(scenario.title)),
            f"The agreement rate is most sensitive to {leader}.",
        )
    yield _forecast(results, colours)


def run_panels(results: Results) -> Iterator[Panel]:
    """The figures of a batch of runs alone (agreement, terms, utility space): the dashboard's."""
    assert results.runs is not None
    caption = Caption(results.scenario.title, len(results.runs), results.seed)
    yield from _run_panels(
        results, results.runs, caption, actor_colours(list(results.scenario.actors))
    )


def _run_panels(
    results: Results, runs: pd.DataFrame, caption: Caption, colours: dict[str, str]
) -> Iterator[Panel]:
    scenario = results.scenario
    deals = int(runs["agreement"].sum())
    interval = wilson_interval(deals, len(runs))
    reasons = runs.loc[~runs["agreement"], "reason"].value_counts()
    why = f"; talks failed most often by {reasons.index[0]}" if len(reasons) else ""
    yield Panel(
        "agreement",
        agreement_overview(runs, interval, caption),
        f"A deal was reached in {deals / len(runs):.1%} of {len(runs):,} runs (95% interval "
        f"{interval[0]:.1%} to {interval[1]:.1%}){why}.",
    )
    scales: dict[str, tuple[str, float, float] | list[str]] = {
        n: (i.unit, i.min, i.max) if isinstance(i, ContinuousIssue) else list(i.values)
        for n, i in scenario.issues.items()
    }
    drafts = {n: i.draft for n, i in scenario.issues.items() if i.draft is not None}
    yield Panel("terms", outcome_distributions(runs, scales, drafts, caption), _terms_reading(runs))
    yield _space(results, runs, caption, colours)


def _terms_reading(runs: pd.DataFrame) -> str:
    agreed = runs[runs["agreement"]]
    if agreed.empty:
        return "No run reached a deal, so there are no agreed terms to show."
    column = next(c for c in runs.columns if c.startswith("outcome."))
    values = agreed[column]
    issue = column.removeprefix("outcome.").replace("_", " ")
    if values.dtype.kind == "f":
        return f"In the median deal the {issue} is {values.median():g}."
    top = values.value_counts(normalize=True)
    return (
        f"{top.iloc[0]:.0%} of deals settle the {issue} as {str(top.index[0]).replace('_', ' ')}."
    )


def _space(
    results: Results, runs: pd.DataFrame, caption: Caption, colours: dict[str, str]
) -> Panel:
    data = space_data(results.scenario)
    outcomes, reservation = data.outcomes, data.reservation
    a, b = outcomes.columns[:2]
    agreed = runs.loc[runs["agreement"], [f"utility.{a}", f"utility.{b}"]]
    agreed.columns = [a, b]
    sampled = sampled_walk_aways(runs, (a, b))
    figure_ = utility_space(outcomes, agreed, reservation, data.points, colours, caption, sampled)
    stated = f"walk-away values of {reservation[a]:.2f} and {reservation[b]:.2f}"
    drawn = "".join(
        f"; {outcomes.attrs[x]}'s was drawn between {lo:.2f} and {hi:.2f} in 90% of runs"
        for x, (lo, hi) in sampled.items()
    )
    reading = (
        f"Simulated deals give {outcomes.attrs[a]} a median utility of {agreed[a].median():.2f} "
        f"and {outcomes.attrs[b]} {agreed[b].median():.2f}, against {stated}{drawn}."
        if len(agreed)
        else "No simulated deal to place."
    )
    return Panel("utility_space", figure_, reading)


def sampled_walk_aways(
    runs: pd.DataFrame, actors: tuple[str, ...]
) -> dict[str, tuple[float, float]]:
    """The 5th to 95th percentile of each actor's walk-away where the runs drew it at random.

    Parameters
    ----------
    runs
        The runs' table: ``walkaway.<actor>`` columns (each run's walk-away, sampled or set by a
        war), or ``param.actors.<actor>.reservation`` in tables written before them.
    actors
        The actors to look for.

    Returns
    -------
    dict
        Actor to (low, high); actors whose walk-away is fixed are left out.
    """
    found = {}
    for actor in actors:
        column = f"walkaway.{actor}"
        if column not in runs:
            column = f"param.actors.{actor}.reservation"
        if column in runs and runs[column].nunique() > 1:
            low, high = runs[column].quantile([0.05, 0.95])
            found[actor] = (float(low), float(high))
    return found


def _concessions(
    traces: pd.DataFrame, colours: dict[str, str], caption: Caption, labels: dict[str, str]
) -> Panel:
    first, last = traces["round"].min(), traces["round"].max()
    median = traces.groupby(["actor", "round"])["utility"].median()
    moves = {
        actor: float(median[actor].iloc[-1] - median[actor].iloc[0])
        for actor in colours
        if actor in median.index.get_level_values(0)
    }
    gainer = max(moves, key=lambda actor: moves[actor]) if moves else "-"
    return Panel(
        "concessions",
        concession_traces(traces, colours, caption),
        f"Between rounds {first} and {last} the offers on the table move most toward "
        f"{labels.get(gainer, gainer)}.",
    )


def _sweep_panels(
    sweep: pd.DataFrame, caption: Caption, colours: dict[str, str]
) -> Iterator[Panel]:
    swept = [c for c in sweep.columns if c.startswith("sweep.")]
    first = swept[0]
    rates = sweep.groupby(first)["agreement"].mean()
    name = first.removeprefix("sweep.")
    reading = (
        f"The agreement rate stays at {rates.min():.0%} whatever the {name}."
        if rates.max() - rates.min() < 0.005
        else f"The agreement rate runs from {rates.min():.0%} to {rates.max():.0%} as {name} varies."
    )
    yield Panel("sweep", sweep_lines(sweep, first, colours, caption), reading)
    if len(swept) >= 2:
        yield Panel(
            "sweep_grid",
            sweep_heatmap(sweep, swept[0], swept[1], caption),
            "Each cell is the agreement rate of one combination of the swept values.",
        )


def _forecast(results: Results, colours: dict[str, str]) -> Panel:
    """Expected-utility dynamics on the issue that carries the most capability-weighted salience."""
    scenario = results.scenario
    space = build_space(scenario)
    game = game_from_scenario(scenario)
    positions = game.options.positions
    assert positions is not None, "a scenario's game always has issue positions"
    ideal, salience = positions.ideal, positions.salience
    ordered = [k for k, a in enumerate(space.axes) if a.kind != "categorical"] or [0]
    total = salience.sum(axis=1, keepdims=True)
    shares = np.divide(salience, total, out=np.zeros_like(salience), where=total > 0)
    k = max(ordered, key=lambda j: float(game.power @ shares[:, j]))
    axis = space.axes[k]
    span = float(axis.points[-1] - axis.points[0]) or 1.0
    history = expected_utility_rounds(
        ideal[:, k], game.power, salience[:, k], span, rounds=6, rules=positions.rules
    )
    rows = [
        {"round": 0, "actor": actor, "position": float(x)}
        for actor, x in zip(game.actors, ideal[:, k], strict=True)
    ]
    for r, played in enumerate(history, start=1):
        rows += [
            {"round": r, "actor": actor, "position": float(x)}
            for actor, x in zip(game.actors, played.positions, strict=True)
        ]
        rows.append({"round": r, "actor": "forecast", "position": played.median})
    positions = pd.DataFrame(rows)
    positions.attrs.update(issue=axis.name, unit=_unit(scenario, axis.name))
    final = history[-1].median
    shown = axis.value(int(np.argmin(np.abs(axis.points - final))))
    return Panel(
        "forecast",
        forecast(positions, colours, Caption(scenario.title)),
        f"Bueno de Mesquita's model forecasts {axis.name.replace('_', ' ')} at "
        f"{str(shown).replace('_', ' ')} after {len(history)} rounds of challenges.",
    )


def _unit(scenario: Scenario, issue: str) -> str:
    found = scenario.issues[issue]
    if isinstance(found, ContinuousIssue):
        return found.unit
    return "position (rank of the option, " + " < ".join(found.values) + ")"
