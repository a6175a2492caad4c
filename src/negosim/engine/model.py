"""The negotiation as a Mesa model: one step is one round of the chosen protocol."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import mesa
from mesa.datacollection import DataCollector

from negosim.engine.agents import Stakeholder
from negosim.engine.happenings import apply_event, due, telling
from negosim.games.game import Game, game_from_scenario
from negosim.games.home import rejecting
from negosim.games.result import Minutes, Move, Reason, Result, Trace
from negosim.protocols import Protocol, make_protocol
from negosim.scenario import Scenario
from negosim.strategies import Strategy, make_strategy
from negosim.strategies.base import NEVER


class NegotiationModel(mesa.Model):  # type: ignore[misc]
    """One negotiation as a Mesa model: one step is one round of the protocol.

    Randomness comes only from ``Model(rng=seed)``; the same seed gives the same negotiation.
    Built from a game and its strategies, or, as Mesa's tools expect (``mesa.batch_run``), from a
    scenario and scalar parameters given as keyword arguments::

        mesa.batch_run(
            NegotiationModel,
            {"scenario": "split_the_pie", "actors.bob.reservation": [0.1, 0.3], "seed": range(5)},
        )

    Built from a scenario (or with ``collect``), a :class:`mesa.DataCollector` keeps, after each
    round, the rounds played, agreement and reason, and each stakeholder's utility of the latest
    offer voted on and its answer; negosim's own runs, replays and Monte Carlo do without it.

    Parameters
    ----------
    game
        The game to play.
    strategies
        One strategy per actor, in the game's column order.
    scenario
        Instead of ``game`` and ``strategies``: a bundled scenario's name, a YAML file or a
        :class:`~negosim.scenario.Scenario`, played as one package with its actors' strategies.
    protocol
        A protocol instead of the game's own.
    seed
        The seed of the model's random generator (``rng`` is accepted too, as Mesa names it).
    rng
        Same as ``seed``.
    record
        Keep the round-by-round trace (off for Monte Carlo speed).
    collect
        Keep Mesa's data collector (default: when built from a scenario, as Mesa's tools build).
    **parameters
        With ``scenario``: dotted paths of the scenario and their values
        (``actors.russia.reservation=0.5``).
    """

    def __init__(
        self,
        game: Game | None = None,
        strategies: Sequence[Strategy] | None = None,
        *,
        scenario: str | Path | Scenario | None = None,
        protocol: str | None = None,
        seed: int | None = None,
        rng: int | None = None,
        record: bool = True,
        collect: bool | None = None,
        **parameters: Any,
    ) -> None:
        super().__init__(rng=seed if seed is not None else rng)
        if scenario is not None:
            game, strategies = _from_scenario(scenario, parameters, protocol)
        elif parameters:
            raise TypeError(f"parameters {', '.join(parameters)} need a scenario")
        if game is None or strategies is None:
            raise TypeError("a NegotiationModel needs a game and its strategies, or a scenario")
        if len(strategies) != game.n:
            raise ValueError(f"{game.n} actors but {len(strategies)} strategies")
        self.game = game
        self.protocol: Protocol = make_protocol(protocol or game.protocol)
        self.round = 0
        self.result: Result | None = None
        self.trace: Trace | None = Trace() if record else None
        self.minutes = Minutes(game.n)
        self.stakeholders = [Stakeholder(self, i, s) for i, s in enumerate(strategies)]
        self.strategies = list(strategies)
        self.observers = [a.strategy for a in self.stakeholders if a.strategy.observes()]
        self.listeners = [a.strategy for a in self.stakeholders if a.strategy.hears()]
        self.last_responses: tuple[bool, ...] = (True,) * game.n
        self.left: set[int] = set()
        self.happened: set[int] = set()
        """Conditional events that already happened (each happens once)."""
        self._plan_exits()
        """Actors who walked out but whose yes no deal needed: they answer no from then on."""
        self.protocol.reset(self)
        wanted = scenario is not None if collect is None else collect
        self.datacollector = _collector() if wanted else None
        """Collected after each round, so that Mesa's step ``k`` holds round ``k + 1``'s end."""

    def step(self) -> None:
        """Play one round: due events, the breakdown draw, the protocol's round, the deadline."""
        if not self.running:
            return
        if self.game.events:
            self._apply_events()
        if self.round >= self.first_exit and self._walk_outs():
            return
        if self.game.war is not None and self.game.war.front:
            self._fight()
        if self.game.breakdown and self.rng.random() < self.game.breakdown:
            self.conclude(None, "breakdown", None)
            return
        self.protocol.play_round(self)
        if self.running and self.round + 1 >= self.game.deadline:
            self.conclude(None, "deadline", None)
        self.round += 1
        if self.datacollector is not None:
            self.datacollector.collect(self)

    def run(self) -> Result:
        """Play rounds until the negotiation ends.

        Returns
        -------
        Result
            What it produced.
        """
        while self.running:
            self.step()
        assert self.result is not None
        return self.result

    @property
    def last_no(self) -> tuple[bool, ...]:
        """Who objected to the latest offer put to a vote (see :class:`negosim.protocols.Table`).

        Returns
        -------
        tuple of bool
            True for each actor who said no.
        """
        return tuple(not yes for yes in self.last_responses)

    def drafts(self, actor: int) -> bool:
        """Whether ``actor``'s strategy drafts texts itself (see :class:`negosim.protocols.Table`).

        Parameters
        ----------
        actor
            The actor's column.

        Returns
        -------
        bool
            The strategy's ``drafts_texts``.
        """
        return bool(self.stakeholders[actor].strategy.drafts_texts)

    def propose(self, actor: int) -> int:
        """Ask ``actor``'s strategy for its offer this round (see :class:`negosim.protocols.Table`).

        Parameters
        ----------
        actor
            The proposer's column.

        Returns
        -------
        int
            The offered outcome.
        """
        return self.strategies[actor].propose(self.round)

    def vote(self, proposer: int, offer: int) -> bool:
        """Table ``offer``; every other actor answers, everyone sees it; passes if ratified.

        Parameters
        ----------
        proposer
            The proposer's column, or a non-actor speaker id.
        offer
            The outcome put to the vote.

        Returns
        -------
        bool
            Whether the offer was ratified at the table (the negotiation is then over, with a
            deal unless a ratifier at home rejects it).
        """
        round_ = self.round
        responses = tuple(
            [
                i == proposer or (i not in self.left and strategy.respond(round_, offer, proposer))
                for i, strategy in enumerate(self.strategies)
            ]
        )
        for strategy in self.observers:
            strategy.observe(round_, proposer, offer)
        self.minutes.record(round_, proposer, offer, responses)
        for strategy in self.listeners:
            strategy.hear(round_, proposer, offer, responses)
        self.last_responses = responses
        if self.trace is not None:
            self.trace.record(Move(self.round, proposer, offer, responses))
        if not self.game.ratified(responses, offer):
            return False
        refused = rejecting(self.game.ratifiers, offer)
        if refused is None:
            self.conclude(offer, "agreement", proposer)
        else:
            if self.trace is not None:
                self.trace.note(round_, f"{refused.label} does not ratify it")
            self.conclude(None, "not ratified at home", proposer)
        return True

    def conclude(
        self,
        outcome: int | None,
        reason: Reason,
        proposer: int | None,
        walked_out: int | None = None,
    ) -> None:
        """End the negotiation and record its result.

        A deadline, deadlock or walk-out where the hard conditions rule out every deal is reported
        as ``condition unmet`` (unless the one who left took its outside option).

        Parameters
        ----------
        outcome
            The agreed outcome, or ``None`` for no deal.
        reason
            Why it ended.
        proposer
            Who tabled the agreed text.
        walked_out
            The actor whose leaving ended the talks.
        """
        game, rounds = self.game, self.round + 1
        took_option = walked_out is not None and not math.isnan(float(game.outside[walked_out]))
        if (
            outcome is None
            and reason in ("deadline", "deadlock", "walked out")
            and not took_option
            and game.conditions_block_every_deal
        ):
            reason = "condition unmet"
        if outcome is None:
            utilities, discounted = game.no_deal(self.round)
        else:
            utilities, discounted = game.payoffs(outcome, self.round)
        self.result = Result(
            outcome is not None,
            reason,
            rounds,
            outcome,
            proposer,
            utilities,
            discounted,
            walked_out,
        )
        self.running = False
        forget(self)

    def _plan_exits(self) -> None:
        """Ask each strategy when it would leave; the table checks only from the first such round."""
        exits = [agent.strategy.leaves_at() for agent in self.stakeholders]
        self.first_exit = min((e for i, e in enumerate(exits) if i not in self.left), default=NEVER)

    def _walk_outs(self) -> bool:
        """Let every actor for whom nothing beats leaving walk out.

        The talks end if one of them held a veto over every deal.
        """
        for agent in self.stakeholders:
            i = agent.index
            if i in self.left or not agent.strategy.walks_out(self.round):
                continue
            if self.trace is not None:
                self.trace.note(self.round, f"{self.game.label(i)} {self._leaving(i)}")
            if self.game.needs(i):
                self.conclude(None, "walked out", None, walked_out=i)
                return True
            self.left.add(i)
        self._plan_exits()
        return False

    def _leaving(self, actor: int) -> str:
        """How an actor's walking out reads: to its outside option, if it holds one."""
        option = float(self.game.outside[actor])
        if math.isnan(option):
            return "walks out"
        label = self.game.option_labels[actor] if self.game.option_labels else "its outside option"
        return f"walks out and takes {label} (worth {option:.2f})"

    def _fight(self) -> None:
        """The front line may move; the sides' walk-aways follow what fighting is now worth."""
        war = self.game.war
        assert war is not None
        if self.rng.random() >= war.front:
            return
        moved = war.moved(towards_first=bool(self.rng.random() < war.favours_first))
        self.game = self.game.changed(
            war=moved,
            reservation=moved.at_front(self.game.own("reservation"), self.game.own("utilities")),
        )
        if self.trace is not None:
            first = self.game.label(war.sides[0])
            self.trace.note(
                self.round,
                f"The front line moves: {first}'s chance of victory "
                f"{war.victory:.2f} → {moved.victory:.2f}",
            )
        self._reseat()

    def _reseat(self) -> None:
        """Let every strategy re-read the changed game and re-plan when it would leave."""
        for agent in self.stakeholders:
            agent.reseat()
        self._plan_exits()

    def _apply_events(self) -> None:
        on_table = (
            int(self.minutes.since(len(self.minutes) - 1)[0, 2]) if len(self.minutes) else None
        )
        events = due(self.game.events, self.round, on_table, self.happened, self.rng)
        for event in events:
            self.game, value = apply_event(self.game, event)
            if self.trace is not None:
                self.trace.note(self.round, telling(self.game, event, value))
        if events:
            self._reseat()


def forget(model: mesa.Model) -> None:
    """Free a finished model from Mesa's registry.

    Mesa 3.3 keeps every model ever built in ``Agent._ids`` (mesa#3179, fixed after 3.3), so
    Monte Carlo runs would never be freed; a finished model drops its entry.

    Parameters
    ----------
    model
        The finished model.
    """
    ids = getattr(mesa.Agent, "_ids", None)
    if isinstance(ids, dict):
        ids.pop(model, None)


def _from_scenario(
    scenario: str | Path | Scenario, parameters: dict[str, Any], protocol: str | None
) -> tuple[Game, list[Strategy]]:
    """The package game of a scenario with ``parameters`` set, and its actors' strategies."""
    from negosim.engine.catalogue import load_scenario
    from negosim.scenario.paths import document, with_values

    loaded = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    if parameters:
        loaded = Scenario.model_validate(with_values(document(loaded), parameters))
    game = game_from_scenario(loaded, protocol=protocol)
    specs = [loaded.actors[actor].strategy for actor in game.actors]
    return game, [make_strategy(spec.name, spec.params) for spec in specs]


class RoundCollector(DataCollector):  # type: ignore[misc]
    """Mesa's data collector, collected at the end of each round.

    Mesa 3.3 keys agent rows by the model's step counter but model rows by position, and its
    ``batch_run`` reads both at ``steps - 1``: there the agent rows are re-keyed by position, so
    that the round that ended the talks (and the deal) is in the rows it reads. Mesa 3.5 records
    the steps it collected at (``_collection_steps``) and reads the last of them: nothing to do.
    """

    def collect(self, model: mesa.Model) -> None:  # noqa: D102  # numpydoc ignore=GL08
        super().collect(model)
        if hasattr(self, "_collection_steps"):
            return
        position = model.round - 1
        if model.steps in self._agent_records and model.steps != position:
            rows = self._agent_records.pop(model.steps)
            self._agent_records[position] = [(position, *row[1:]) for row in rows]


def _collector() -> RoundCollector:
    """The round and its ending; each stakeholder's view of the latest offer voted on."""
    return RoundCollector(
        model_reporters={
            "Round": "round",
            "Agreement": lambda m: m.result is not None and m.result.agreement,
            "Reason": lambda m: None if m.result is None else m.result.reason,
        },
        agent_reporters={
            "Actor": "name",
            "Utility": _utility_on_table,
            "Accepts": lambda a: a.model.last_responses[a.index],
        },
    )


def _utility_on_table(agent: Stakeholder) -> float | None:
    """The stakeholder's utility of the latest offer put to a vote (None before any)."""
    minutes = agent.model.minutes
    if len(minutes) == 0:
        return None
    return float(agent.model.game.utilities[minutes.since(len(minutes) - 1)[0, 2], agent.index])
