"""The seminar dashboard: pick a scenario, change what-ifs, watch or play one negotiation, run
Monte Carlo batches. ``negosim web`` serves this module with Solara.

The page holds one :class:`~negosim.web.session.Session` per browser tab and replaces it on every
click; everything below only draws it and turns clicks into its transitions.
"""

from __future__ import annotations

import os
from pathlib import Path

import solara
import solara.lab
import solara.lifecycle

from negosim.report.cards import scenario_card
from negosim.report.document import to_markdown
from negosim.scenario.bundled import bundled_scenarios
from negosim.strategies.registry import STRATEGIES
from negosim.web.at_table import SeatAtTable
from negosim.web.changes import PLAYABLE, Changes, Slider, current, sliders
from negosim.web.classroom import classroom_hub, is_instructor, query_of
from negosim.web.debrief import ClassDebrief
from negosim.web.instructor import Tables
from negosim.web.memory import release_after_close
from negosim.web.montecarlo import MonteCarlo
from negosim.web.negotiation import Negotiation
from negosim.web.projector import ProjectorSwitch, projector
from negosim.web.server import MODE, STARTING, STUDENT
from negosim.web.session import Session, read_once
from negosim.web.text import Prose

DEFAULT = "grand_bargain"
UPLOADED = "(your file)"
CSS = """
.negosim-prose table { border-collapse: collapse; margin: 0.3rem 0 0.8rem; }
.negosim-prose th, .negosim-prose td { border-bottom: 1px solid #ccc; padding: 0.15rem 0.6rem; }
.negosim-prose blockquote { color: #0b5394; margin: 0.3rem 1rem; }
.round-log { max-height: 32rem; overflow-y: auto; font-size: 0.8rem; white-space: pre-wrap; }
.headline { font-size: 1.1rem; }
.negosim-error { white-space: pre-wrap; }
.slider-caption { font-size: 0.85rem; color: #555; }
.negosim-prose .tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr));
  gap: 0 1.5rem; }
.negosim-prose .tiles h3 { margin: 0.4rem 0 0.1rem; font-size: 1rem; }
.negosim-prose .tiles table { margin: 0 0 0.3rem; }
.negosim-prose td.n { text-align: right; }
"""

state: solara.Reactive[Session | None] = solara.reactive(None)
solara.lifecycle.on_kernel_start(release_after_close)


def first_session() -> Session:
    path = os.environ.get(STARTING)
    bundled = {str(s.path.resolve()): s.name for s in bundled_scenarios()}
    if path and path not in bundled:
        return Session.of(read_once(Path(path)), path)
    return Session.bundled(bundled.get(path or "", DEFAULT))


@solara.component
def Page() -> None:
    """With a class directory (``--tables``), a seat's link opens that seat's page, and the rest of
    the dashboard needs the instructor's link."""
    query = query_of(solara.use_router().search)
    hub = classroom_hub()
    if hub is not None and not is_instructor(query):
        solara.Style(CSS)
        table, seat = (query.get(key, [""])[0] for key in ("table", "seat"))
        with solara.Column(style={"max-width": "1100px", "padding": "0 1rem"}):
            if table and seat:
                SeatAtTable(hub, table, seat)
            else:
                solara.Title("negosim")
                solara.Error("Open the link your instructor gave you: it takes you to your seat.")
        return
    Dashboard()


@solara.component
def Dashboard() -> None:
    if state.value is None:
        state.set(first_session())
        return
    session = state.value
    solara.Title(f"negosim · {session.scenario.title}")
    solara.Style(CSS)
    student = os.environ.get(MODE) == STUDENT
    if not student and not projector.value:
        with solara.Sidebar():
            ScenarioPicker(session)
            Parameters(session)
    with solara.Column(style={"max-width": "1100px", "padding": "0 1rem"}):
        with solara.Row(justify="space-between"):
            Prose(f"## {session.scenario.title}\n{session.scenario.summary}")
            ProjectorSwitch()
        if session.error:
            solara.Error(session.error, classes=["negosim-error"])
        with solara.lab.Tabs(lazy=True):
            with solara.lab.Tab("Scenario"):
                Prose(to_markdown(scenario_card(session.scenario)[2:]))
            if student:
                with solara.lab.Tab("Play"):
                    Negotiation(session, state.set, student=True)
                return
            with solara.lab.Tab("Negotiation"):
                Negotiation(session, state.set)
            with solara.lab.Tab("Monte Carlo"):
                MonteCarlo(session, state.set, lambda: state.value)
            hub = classroom_hub()
            if hub is not None:
                with solara.lab.Tab("Tables"):
                    Tables(session, hub)
            with solara.lab.Tab("Class debrief"):
                ClassDebrief(session, hub)


@solara.component
def ScenarioPicker(session: Session) -> None:
    names = [s.name for s in bundled_scenarios()]
    shown = session.name if session.name in names else UPLOADED

    def pick(name: str) -> None:
        if name != UPLOADED:
            state.set(Session.bundled(name))

    solara.Select("Scenario", values=[*names, UPLOADED], value=shown, on_value=pick)

    def receive(file: solara.components.file_drop.FileInfo) -> None:
        state.set(session.uploaded(file["name"], file["data"] or b""))

    solara.FileDrop(label="…or drop a scenario YAML file here", on_file=receive, lazy=False)
    PasteScenario(session)
    variants = ["(none)", *session.base.variants]

    def choose_variant(name: str) -> None:
        state.set(session.changed(session.changes.with_variant(None if name == "(none)" else name)))

    solara.Select(
        "What-if variant",
        values=variants,
        value=session.changes.variant or "(none)",
        on_value=choose_variant,
    )
    solara.InputInt(
        "Seed", value=session.seed, on_value=lambda s: state.set(session.with_seed(max(0, s or 0)))
    )
    solara.Button(
        "Undo all changes", text=True, on_click=lambda: state.set(session.changed(Changes()))
    )


@solara.component
def PasteScenario(session: Session) -> None:
    text, set_text = solara.use_state("")
    with solara.Details(summary="…or paste a scenario YAML", expand=bool(text)):
        solara.InputTextArea("Scenario YAML", value=text, on_value=set_text, rows=6)
        solara.Button(
            "Load pasted scenario",
            disabled=not text.strip(),
            on_click=lambda: state.set(session.uploaded("pasted.yaml", text.encode("utf-8"))),
        )


@solara.component
def Parameters(session: Session) -> None:
    by_actor: dict[str, list[Slider]] = {}
    for slider in sliders(session.base):
        by_actor.setdefault(slider.actor, []).append(slider)
    for actor, own in by_actor.items():
        label = session.scenario.actors[actor].label
        with solara.Details(summary=label, expand=False):
            StrategyChoice(session, actor)
            for slider in own:
                ParameterSlider(session, slider)


@solara.component
def StrategyChoice(session: Session, actor: str) -> None:
    chosen = session.scenario.actors[actor].strategy.name
    values = list(PLAYABLE) if chosen in PLAYABLE else [chosen, *PLAYABLE]
    solara.Select(
        f"{session.scenario.actors[actor].label}: strategy",
        values=values,
        value=chosen,
        on_value=lambda name: state.set(
            session.changed(session.changes.with_strategy(actor, name))
        ),
    )
    summary = (STRATEGIES[chosen].__doc__ or "").strip().split("\n\n")[0]
    solara.Text(" ".join(line.strip() for line in summary.splitlines()))
    mediates = [
        name
        for name, track in session.scenario.tracks.items()
        if track.negotiated and track.protocol == "mediated" and track.mediator == actor
    ]
    if mediates:
        solara.Text(
            f"Mediates the {', '.join(mediates)} track: the text it tables is the mediator's, so "
            "this strategy is not consulted there."
        )


@solara.component
def ParameterSlider(session: Session, slider: Slider) -> None:
    """The value is written out above the track: a seminar reads it from the back of the room."""
    value = current(session.scenario, slider)
    solara.Text(f"{slider.parameter} ({slider.meaning}): {value:g}", classes=["slider-caption"])
    solara.SliderFloat(
        "",
        value=value,
        min=slider.low,
        max=slider.high,
        step=slider.step,
        on_value=lambda v: state.set(session.changed(session.changes.with_value(slider.path, v))),
    )
