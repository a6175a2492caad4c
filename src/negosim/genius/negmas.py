"""NegMAS and negosim together (with the ``crosscheck`` extra): a scenario as a NegMAS scenario
object, and a NegMAS negotiator in a negosim seat.

The outcome space keeps every issue and option (continuous issues as their grid of values); each
actor's utility function is negosim's own utility table, outcome by outcome, so interactions and
cross-track factors are carried exactly, and its reserved value is the actor's walk-away. What
NegMAS's single-text, unanimous protocol has no place for is listed instead of silently dropped:
red lines (conditions), ratification rules other than unanimity, patience, costs per round,
events, breakdown risk and several tracks' linkage.
"""

from __future__ import annotations

import copy
import importlib
import itertools
from dataclasses import dataclass
from typing import Any, ClassVar, cast

from negosim.games.game import Game, game_from_scenario
from negosim.scenario.couplings import Condition
from negosim.scenario.model import Scenario
from negosim.strategies import Seat, Strategy
from negosim.strategies.base import ParameterSpec

MAX_OUTCOMES = 1_000_000
"""Larger spaces are refused: NegMAS's mapping utility holds one entry per outcome and actor."""


class NegmasUnavailableError(ImportError):
    """NegMAS is not installed, or the scenario is too large for a mapping utility."""


@dataclass(frozen=True)
class NegmasExport:
    """A converted scenario.

    Attributes
    ----------
    scenario
        The ``negmas.inout.Scenario``.
    not_carried
        What NegMAS's scenario cannot express, one plain sentence each.
    game
        negosim's game the utilities were read from (its actors in the ufuns' order).
    """

    scenario: Any
    not_carried: list[str]
    game: Game


def to_negmas(scenario: Scenario) -> NegmasExport:
    """The scenario's negotiated tracks, as one package, as a NegMAS scenario.

    Parameters
    ----------
    scenario
        A validated scenario.

    Returns
    -------
    NegmasExport
        The NegMAS scenario and what it leaves out.

    Raises
    ------
    NegmasUnavailableError
        Without NegMAS, or above :data:`MAX_OUTCOMES` outcomes.
    """
    try:
        negmas = importlib.import_module("negmas")
        preferences = importlib.import_module("negmas.preferences")
        inout = importlib.import_module("negmas.inout")
    except ImportError:
        raise NegmasUnavailableError(
            "converting to NegMAS needs NegMAS: pip install 'negosim[crosscheck]'"
        ) from None
    game = game_from_scenario(scenario, protocol="alternating_offers")
    if game.space is None or game.size > MAX_OUTCOMES:
        raise NegmasUnavailableError(
            f"{game.size:,} outcomes: NegMAS's mapping utilities take at most {MAX_OUTCOMES:,}"
        )
    values = [[_plain(axis.value(level)) for level in range(axis.size)] for axis in game.space.axes]
    issues = [
        negmas.make_issue(options, axis.name)
        for axis, options in zip(game.space.axes, values, strict=True)
    ]
    space = negmas.make_os(issues, name=scenario.name)
    outcomes = list(itertools.product(*values))
    ufuns = tuple(
        preferences.MappingUtilityFunction(
            dict(zip(outcomes, game.utilities[:, a].tolist(), strict=True)),
            outcome_space=space,
            reserved_value=float(game.reservation[a]),
            name=scenario.actors[actor].label,
        )
        for a, actor in enumerate(game.actors)
    )
    return NegmasExport(
        inout.Scenario(outcome_space=space, ufuns=ufuns), not_carried(scenario, game), game
    )


def not_carried(scenario: Scenario, game: Game) -> list[str]:
    """What a NegMAS scenario leaves out of this one.

    Parameters
    ----------
    scenario
        The scenario converted.
    game
        Its game.

    Returns
    -------
    list of str
        One sentence per thing left out.
    """
    lost = [
        f"red line: {c.actor} on {c.issue} (NegMAS negotiators see only utilities)"
        for c in scenario.couplings
        if isinstance(c, Condition)
    ]
    lost += [
        f"track {name}: {track.ratification.rule} rule played as unanimity"
        for name, track in scenario.tracks.items()
        if track.ratification.rule != "unanimity" or track.ratification.consent
    ]
    if len(scenario.negotiated_tracks()) > 1:
        lost.append(f"tracks {', '.join(scenario.negotiated_tracks())}: one package")
    lost += [
        f"{game.actors[a]}: patience {game.discount[a]:g} per round"
        for a in range(game.n)
        if game.discount[a] < 1
    ]
    lost += [
        f"{game.actors[a]}: cost {game.cost[a]:g} per round"
        for a in range(game.n)
        if game.cost[a] > 0
    ]
    lost += [f"{len(scenario.events)} events"] if scenario.events else []
    lost += [f"breakdown risk {game.breakdown:g} per round"] if game.breakdown else []
    return lost


def _plain(value: object) -> object:
    """Numbers as Python floats, names as they are (NegMAS compares outcome values)."""
    return float(value) if isinstance(value, int | float) else value


NEGOTIATORS = (
    "AspirationNegotiator",
    "NaiveTitForTatNegotiator",
    "MiCRONegotiator",
    "BoulwareTBNegotiator",
    "ConcederTBNegotiator",
    "LinearTBNegotiator",
)
"""NegMAS's standard negotiators a seat can be given (classes of ``negmas.sao``)."""


class NegmasNegotiator(Strategy):
    """A NegMAS negotiator in a negosim seat (registered as ``negmas`` through an entry point).

    The negotiator joins a NegMAS mechanism of the seat's game (its utility table as a mapping
    utility, its walk-away as reserved value) that is never run: negosim's protocol asks it for
    offers and answers, telling it the round, the share of the deadline gone, and the offer on the
    table. Under a quota rule or a mediator it answers like any seat.
    """

    name: ClassVar[str] = "negmas"
    negotiator: Any = None
    parameters: ClassVar[dict[str, ParameterSpec]] = {
        "negotiator": (NEGOTIATORS, "AspirationNegotiator", "the class in negmas.sao"),
    }

    def plan(self, seat: Seat) -> None:
        """Seat a fresh NegMAS negotiator on the game (kept on a replan).

        Parameters
        ----------
        seat
            The actor's place at the table.

        Raises
        ------
        NegmasUnavailableError
            Without NegMAS.
        """
        game = seat.game
        assert game.space is not None, "a NegMAS negotiator needs issues"
        self.axes = game.space.axes
        if getattr(self, "negotiator", None) is not None:
            return
        try:
            sao = importlib.import_module("negmas.sao")
            preferences = importlib.import_module("negmas.preferences")
        except ImportError:
            raise NegmasUnavailableError(
                "the negmas strategy needs NegMAS: pip install 'negosim[crosscheck]'"
            ) from None
        space, mapping = _negmas_space(game)
        ufun = preferences.MappingUtilityFunction(
            mapping[seat.index], outcome_space=space, reserved_value=seat.reservation
        )
        self.mechanism = sao.SAOMechanism(outcome_space=space, n_steps=seat.deadline)
        self.negotiator = getattr(sao, str(self.params["negotiator"]))()
        self.mechanism.add(self.negotiator, ufun=ufun)
        self.negotiator._on_negotiation_start(self.mechanism.state)
        self.accept = sao.ResponseType.ACCEPT_OFFER
        self.last = seat.best

    def forget(self) -> None:
        """A new negotiation seats a new NegMAS negotiator."""
        self.negotiator = None

    def propose(self, round_: int) -> int:  # numpydoc ignore=GL08
        # As in NegMAS's mechanism, the counter-offer is made with the others' last offer in view.
        offer = self.negotiator.propose_(state=self._state(round_, self._last_heard()))
        if offer is not None:
            self.last = self._index(offer)
        return self.last

    def respond(self, round_: int, offer: int, proposer: int) -> bool:  # numpydoc ignore=GL08
        state = self._state(round_, offer)
        self.negotiator.on_partner_proposal(state, str(proposer), state.current_offer)
        answer = self.negotiator.respond_(state=state, source=str(proposer))
        return bool(answer == self.accept)

    def _last_heard(self) -> int | None:
        """The latest offer another party put to a vote, from the minutes."""
        votes = self.me.minutes.since(0)
        others = votes[votes[:, 1] != self.me.index]
        return int(others[-1, 2]) if len(others) else None

    def _state(self, round_: int, offer: int | None) -> Any:
        state = copy.copy(self.mechanism.state)
        state.step = round_
        state.relative_time = round_ / self.me.deadline
        state.current_offer = None if offer is None else self._terms(offer)
        return state

    def _terms(self, offer: int) -> tuple[object, ...]:
        space = self.me.game.space
        assert space is not None
        return tuple(
            _plain(axis.value(int(level)))
            for axis, level in zip(self.axes, space.levels(offer), strict=True)
        )

    def _index(self, terms: tuple[object, ...]) -> int:
        space = self.me.game.space
        assert space is not None
        named = {axis.name: value for axis, value in zip(self.axes, terms, strict=True)}
        return space.index_of(cast("dict[str, float | str]", named))


def _negmas_space(game: Game) -> tuple[Any, list[dict[tuple[object, ...], float]]]:
    """NegMAS's outcome space of the game and each actor's utility by outcome, cached per table."""
    key = "negmas space"
    if key not in game.order_cache:
        negmas = importlib.import_module("negmas")
        assert game.space is not None
        values = [
            [_plain(axis.value(level)) for level in range(axis.size)] for axis in game.space.axes
        ]
        space = negmas.make_os(
            [negmas.make_issue(v, a.name) for v, a in zip(values, game.space.axes, strict=True)]
        )
        outcomes = list(itertools.product(*values))
        mapping = [
            dict(zip(outcomes, game.utilities[:, a].tolist(), strict=True)) for a in range(game.n)
        ]
        game.order_cache[key] = (space, mapping)
    found: tuple[Any, list[dict[tuple[object, ...], float]]] = game.order_cache[key]
    return found
