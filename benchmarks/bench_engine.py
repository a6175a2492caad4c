"""Negotiations per second per core, on NegMAS's standard SAO set-up and on the bundled scenarios.

Set-up (as NegMAS's): 3 issues of 11, 5 and 4 values, linear-additive utilities (odd actors value
each option as 1 minus their predecessor does, so talks last), reservation 0.3, time-based Boulware
(even actors) against Conceder (odd actors), 100 rounds, unanimity. Each negotiation builds a fresh
Mesa model and strategies; the utility table is built once, as NegMAS builds its ufuns once.

When ``negmas`` is importable, the same utilities run in NegMAS's SAOMechanism with its
BoulwareTBNegotiator and ConcederTBNegotiator in this same process, and the ratio is printed.
Run: ``python benchmarks/bench_engine.py [--seconds S]``.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from statistics import mean

import yaml

from negosim.engine.catalogue import load_scenario, parse_scenario
from negosim.engine.model import NegotiationModel
from negosim.games.game import Game, game_from_scenario
from negosim.games.textbook import linear_additive_game, linear_additive_tables
from negosim.genius import read_domain, to_document
from negosim.scenario.bundled import resolve_config
from negosim.strategies import make_strategy

LEVELS = (11, 5, 4)


def rate(run_one: Callable[[int], tuple[bool, int]], seconds: float) -> tuple[float, float, float]:
    """(negotiations per second, agreement share, mean rounds) over about ``seconds``."""
    run_one(0)
    outcomes, started = [], time.perf_counter()
    while time.perf_counter() - started < seconds:
        outcomes.append(run_one(len(outcomes)))
    elapsed = time.perf_counter() - started
    return len(outcomes) / elapsed, mean(o[0] for o in outcomes), mean(o[1] for o in outcomes)


def boulware_against_conceder(game: Game) -> Callable[[int], tuple[bool, int]]:
    """Fresh Mesa model and strategies per negotiation: Boulware (even actors), Conceder (odd)."""
    names = ["boulware" if i % 2 == 0 else "conceder" for i in range(game.n)]

    def run_one(seed: int) -> tuple[bool, int]:
        strategies = [make_strategy(name, {}) for name in names]
        result = NegotiationModel(game, strategies, seed=seed, record=False).run()
        return result.agreement, result.rounds

    return run_one


def negosim_sao(actors: int) -> Callable[[int], tuple[bool, int]]:
    return boulware_against_conceder(
        linear_additive_game(actors, LEVELS, reservation=0.3, deadline=100, seed=actors)
    )


def negmas_sao(actors: int) -> Callable[[int], tuple[bool, int]] | None:
    try:
        from negmas import SAOMechanism, make_issue
        from negmas.preferences import LinearAdditiveUtilityFunction
        from negmas.preferences.value_fun import TableFun
        from negmas.sao import BoulwareTBNegotiator, ConcederTBNegotiator
    except ImportError:
        return None
    issues = [make_issue(size, f"issue_{k}") for k, size in enumerate(LEVELS)]
    weights, values = linear_additive_tables(actors, LEVELS, seed=actors)
    ufuns = [
        LinearAdditiveUtilityFunction(
            values=[TableFun(dict(enumerate(v))) for v in values[a]],
            weights=weights[a],
            issues=issues,
            reserved_value=0.3,
        )
        for a in range(actors)
    ]
    kinds = [BoulwareTBNegotiator if i % 2 == 0 else ConcederTBNegotiator for i in range(actors)]

    def run_one(seed: int) -> tuple[bool, int]:
        mechanism = SAOMechanism(issues=issues, n_steps=100)
        for kind, ufun in zip(kinds, ufuns, strict=True):
            mechanism.add(kind(), ufun=ufun)
        state = mechanism.run()
        return state.agreement is not None, int(state.step)

    return run_one


GENIUS = Path(__file__).resolve().parents[2] / "shared" / "domains" / "genius"


def genius_negosim(folder: Path) -> Callable[[int], tuple[bool, int]]:
    """An imported GENIUS domain, Boulware (even parties) against Conceder (odd), 100 rounds."""
    scenario = parse_scenario(yaml.safe_dump(to_document(read_domain(folder)))).scenario
    return boulware_against_conceder(game_from_scenario(scenario, protocol="alternating_offers"))


def genius_negmas(folder: Path) -> Callable[[int], tuple[bool, int]] | None:
    try:
        from negmas import SAOMechanism
        from negmas.inout import Scenario as NegmasScenario
        from negmas.sao import BoulwareTBNegotiator, ConcederTBNegotiator
    except ImportError:
        return None
    loaded = NegmasScenario.load(folder, ignore_discount=True)
    kinds = [
        BoulwareTBNegotiator if i % 2 == 0 else ConcederTBNegotiator
        for i in range(len(loaded.ufuns))
    ]

    def run_one(seed: int) -> tuple[bool, int]:
        mechanism = SAOMechanism(outcome_space=loaded.outcome_space, n_steps=100)
        for kind, ufun in zip(kinds, loaded.ufuns, strict=True):
            mechanism.add(kind(), ufun=ufun)
        state = mechanism.run()
        return state.agreement is not None, int(state.step)

    return run_one


def scenario_runs(name: str, protocol: str | None) -> Callable[[int], tuple[bool, int]]:
    scenario = load_scenario(resolve_config(name))
    game = game_from_scenario(scenario, protocol=protocol)
    specs = [scenario.actors[a].strategy for a in game.actors]

    def run_one(seed: int) -> tuple[bool, int]:
        strategies = [make_strategy(s.name, s.params) for s in specs]
        result = NegotiationModel(game, strategies, seed=seed, record=False).run()
        return result.agreement, result.rounds

    return run_one


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="time per measurement")
    seconds = parser.parse_args().seconds
    print(f"{'set-up':<46} {'per s':>9} {'agree':>6} {'rounds':>7}")
    for actors in (2, 4):
        ours = rate(negosim_sao(actors), seconds)
        print(
            f"{f'negosim SAO, {actors} actors':<46} {ours[0]:>9.0f} {ours[1]:>6.2f} {ours[2]:>7.1f}"
        )
        peer = negmas_sao(actors)
        if peer is None:
            print(f"{f'NegMAS SAO, {actors} actors':<46} (negmas not installed: no ratio)")
            continue
        theirs = rate(peer, seconds)
        print(
            f"{f'NegMAS SAO, {actors} actors':<46} {theirs[0]:>9.0f} {theirs[1]:>6.2f} "
            f"{theirs[2]:>7.1f}   ratio {ours[0] / theirs[0]:.1f}x"
        )
    for folder in sorted(GENIUS.iterdir()) if GENIUS.is_dir() else []:
        ours = rate(genius_negosim(folder), seconds / 2)
        line = f"{f'GENIUS {folder.name}, negosim':<46} {ours[0]:>9.0f} {ours[1]:>6.2f} {ours[2]:>7.1f}"
        peer = genius_negmas(folder)
        if peer is not None:
            theirs = rate(peer, seconds / 2)
            line += f"   NegMAS {theirs[0]:.0f}/s, ratio {ours[0] / theirs[0]:.0f}x"
        print(line)
    for protocol in (None, "alternating_offers", "recognition"):
        found = rate(scenario_runs("grand_bargain", protocol), seconds)
        label = f"grand_bargain, {protocol or 'its own protocol (mediated)'}"
        print(f"{label:<46} {found[0]:>9.1f} {found[1]:>6.2f} {found[2]:>7.1f}")


if __name__ == "__main__":
    main()
