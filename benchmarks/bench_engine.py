"""Negotiations and offers per second per core, like for like against NegMAS, and on the scenarios.

Like for like (NegMAS's standard SAO set-up): 3 issues of 11, 5 and 4 values, linear-additive
utilities drawn afresh for every negotiation on both sides (negosim builds a new game — utility
table, sorted orders — and new strategies; NegMAS new utility functions and negotiators), reservation
0.3, time-based Boulware (even actors) against Conceder (odd actors), unanimity. One NegMAS step is
one offer by each negotiator in turn; one negosim round is one offer by one actor; so both sides get
the same number of offers: 100 steps in NegMAS, 100 × actors rounds in negosim. Figures are per
negotiation and per offer made, in this same process, one core.

Then, for reference, the same with negosim's table built once (not like for like), the GENIUS domains
of ../shared/domains/genius (each side's utilities read once, the same offer budget), and
``grand_bargain`` under its protocols. Run: ``python benchmarks/bench_engine.py [--seconds S]``.
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
STEPS = 100
"""NegMAS's steps; negosim gets STEPS × actors rounds, the same number of offers."""


def rate(run_one: Callable[[int], tuple[bool, int]], seconds: float) -> tuple[float, float, float]:
    """(negotiations per second, agreement share, mean offers) over about ``seconds``."""
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
    """One table for every negotiation (not like for like: NegMAS builds its ufuns every time)."""
    return boulware_against_conceder(
        linear_additive_game(actors, LEVELS, reservation=0.3, deadline=STEPS * actors, seed=actors)
    )


def negosim_fresh(actors: int) -> Callable[[int], tuple[bool, int]]:
    """A new game (utilities of seed ``n``) and new strategies for negotiation ``n``."""
    names = ["boulware" if i % 2 == 0 else "conceder" for i in range(actors)]

    def run_one(seed: int) -> tuple[bool, int]:
        game = linear_additive_game(
            actors, LEVELS, reservation=0.3, deadline=STEPS * actors, seed=seed
        )
        strategies = [make_strategy(name, {}) for name in names]
        result = NegotiationModel(game, strategies, seed=seed, record=False).run()
        return result.agreement, result.rounds

    return run_one


def negmas_sao(actors: int, fresh: bool) -> Callable[[int], tuple[bool, int]] | None:
    """NegMAS's SAOMechanism; ``fresh``: new utility functions (utilities of seed ``n``) each time."""
    try:
        from negmas import SAOMechanism, make_issue
        from negmas.preferences import LinearAdditiveUtilityFunction
        from negmas.preferences.value_fun import TableFun
        from negmas.sao import BoulwareTBNegotiator, ConcederTBNegotiator
    except ImportError:
        return None
    issues = [make_issue(size, f"issue_{k}") for k, size in enumerate(LEVELS)]
    kinds = [BoulwareTBNegotiator if i % 2 == 0 else ConcederTBNegotiator for i in range(actors)]

    def ufuns(seed: int) -> list[LinearAdditiveUtilityFunction]:
        weights, values = linear_additive_tables(actors, LEVELS, seed=seed)
        return [
            LinearAdditiveUtilityFunction(
                values=[TableFun(dict(enumerate(v))) for v in values[a]],
                weights=weights[a],
                issues=issues,
                reserved_value=0.3,
            )
            for a in range(actors)
        ]

    shared = ufuns(actors)

    def run_one(seed: int) -> tuple[bool, int]:
        mechanism = SAOMechanism(issues=issues, n_steps=STEPS)
        for kind, ufun in zip(kinds, ufuns(seed) if fresh else shared, strict=True):
            mechanism.add(kind(), ufun=ufun)
        state = mechanism.run()
        return state.agreement is not None, len(mechanism.extended_trace)

    return run_one


GENIUS = Path(__file__).resolve().parents[2] / "shared" / "domains" / "genius"


def genius_negosim(folder: Path) -> Callable[[int], tuple[bool, int]]:
    """An imported GENIUS domain, Boulware (even parties) against Conceder (odd), 100 rounds."""
    scenario = parse_scenario(yaml.safe_dump(to_document(read_domain(folder)))).scenario
    game = game_from_scenario(scenario, protocol="alternating_offers")
    return boulware_against_conceder(game.changed(deadline=STEPS * game.n))


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
        mechanism = SAOMechanism(outcome_space=loaded.outcome_space, n_steps=STEPS)
        for kind, ufun in zip(kinds, loaded.ufuns, strict=True):
            mechanism.add(kind(), ufun=ufun)
        state = mechanism.run()
        return state.agreement is not None, len(mechanism.extended_trace)

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


def compare(
    label: str, ours: tuple[float, float, float], theirs: tuple[float, float, float] | None
) -> None:
    """Both sides' rates, per negotiation and per offer, and the ratios."""
    print(f"{f'negosim, {label}':<40} {_figures(ours)}")
    if theirs is None:
        print(f"{f'NegMAS, {label}':<40} (negmas not installed: no ratio)")
        return
    print(
        f"{f'NegMAS, {label}':<40} {_figures(theirs)}   ratio {ours[0] / theirs[0]:.1f}x per "
        f"negotiation, {ours[0] * ours[2] / (theirs[0] * theirs[2]):.1f}x per offer"
    )


def _figures(found: tuple[float, float, float]) -> str:
    rate_, agree, offers = found
    return f"{rate_:>9.0f} {rate_ * offers:>10.0f} {agree:>6.2f} {offers:>7.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="time per measurement")
    seconds = parser.parse_args().seconds
    print(
        "One NegMAS step = one offer by each negotiator; one negosim round = one offer by one actor."
    )
    print(
        f"Both sides: at most {STEPS} offers per negotiator "
        f"(NegMAS {STEPS} steps, negosim {STEPS} x actors rounds)."
    )
    print(f"{'set-up':<40} {'negot./s':>9} {'offers/s':>10} {'agree':>6} {'offers':>7}")
    for actors in (2, 4):
        compare(
            f"fresh utilities, {actors} actors",
            rate(negosim_fresh(actors), seconds),
            _rate(negmas_sao(actors, True), seconds),
        )
    for actors in (2, 4):
        label = f"one table reused, {actors} actors"
        compare(
            label, rate(negosim_sao(actors), seconds), _rate(negmas_sao(actors, False), seconds)
        )
    for folder in sorted(GENIUS.iterdir()) if GENIUS.is_dir() else []:
        compare(
            f"GENIUS {folder.name}",
            rate(genius_negosim(folder), seconds / 2),
            _rate(genius_negmas(folder), seconds / 2),
        )
    for protocol in (None, "alternating_offers", "recognition"):
        found = rate(scenario_runs("grand_bargain", protocol), seconds)
        label = f"grand_bargain, {protocol or 'its own protocol (mediated)'}"
        print(
            f"{label:<40} {found[0]:>9.1f} {found[0] * found[2]:>10.0f} {found[1]:>6.2f} {found[2]:>7.1f}"
        )


def _rate(
    run_one: Callable[[int], tuple[bool, int]] | None, seconds: float
) -> tuple[float, float, float] | None:
    return None if run_one is None else rate(run_one, seconds)


if __name__ == "__main__":
    main()
