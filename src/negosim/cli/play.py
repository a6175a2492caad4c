"""``negosim play``: take one stakeholder's seat against the simulated others, in the terminal."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated
from urllib.parse import parse_qs, urlsplit

import typer
from rich.prompt import Confirm, FloatPrompt, IntPrompt

from negosim.cli.common import InputError, app, load_config, out, user_errors
from negosim.play.classroom import ClassroomError, gather
from negosim.play.debrief import debrief_blocks
from negosim.play.game import debrief, play_seat, save
from negosim.report.document import Picture, to_html, to_markdown


class TerminalAsker:
    """Rich prompts: a wrong answer is refused and asked again, with the allowed answers shown."""

    def choose(self, question: str, options: Sequence[str], default: int) -> int:
        for number, option in enumerate(options, start=1):
            out.print(f"   {number}. {option}", markup=False)
        choices = [str(n) for n in range(1, len(options) + 1)]
        return IntPrompt.ask(f"  {question}", choices=choices, default=default + 1, console=out) - 1

    def number(self, question: str, low: float, high: float, default: float) -> float:
        while True:
            value = FloatPrompt.ask(
                f"  {question} ({low:g} to {high:g})", default=default, console=out
            )
            if low <= value <= high:
                return value
            out.print(f"  Please enter a number from {low:g} to {high:g}", markup=False)

    def confirm(self, question: str) -> bool:
        return Confirm.ask(f"  {question}", console=out)

    def say(self, text: str) -> None:
        out.print(text, markup=False, soft_wrap=True)


@app.command("play")
def play_command(
    config: Annotated[
        str | None,
        typer.Argument(help="Scenario YAML file, or the name of a bundled scenario."),
    ] = None,
    as_: Annotated[str | None, typer.Option("--as", help="The actor you play.")] = None,
    join: Annotated[
        str | None,
        typer.Option(
            help="Sit at a classroom table instead: the DIR/NAME#TOKEN that "
            "'negosim table open' printed for your seat, or your seat's browser link (its table "
            "is then read from --tables)."
        ),
    ] = None,
    tables: Annotated[
        Path,
        typer.Option(
            help="The class's tables directory on this machine, where a browser link's table is."
        ),
    ] = Path("classroom"),
    seed: Annotated[int, typer.Option(min=0, help="Seed of the simulated others.")] = 0,
    save_to: Annotated[
        Path | None,
        typer.Option(
            "--save",
            help="Directory for the game (read by negosim report); default "
            "out/play/SCENARIO-ACTOR-seedN. A directory that holds a game is never overwritten: "
            "the next free name (DIR-2, DIR-3, ...) is used.",
        ),
    ] = None,
    runs: Annotated[
        int, typer.Option(min=1, max=10_000, help="Simulated runs for the debrief.")
    ] = 100,
    player: Annotated[
        str | None, typer.Option(help="Your name, shown in the class debrief.")
    ] = None,
) -> None:
    """Play one stakeholder against the simulation; a debrief compares your deal with simulated ones."""
    if join is not None:
        _join(join, tables)
        return
    with user_errors():
        if config is None or as_ is None:
            raise InputError("give a scenario and --as ACTOR, or --join DIR/NAME#TOKEN")
        loaded = load_config(config)
        scenario = loaded.scenario
        if as_ not in scenario.actors:
            raise InputError(
                f"--as: unknown actor {as_}; known actors: {', '.join(scenario.actors)}"
            )
        save_to = fresh_directory(save_to or Path("out/play") / f"{scenario.name}-{as_}-seed{seed}")
        save_to.mkdir(parents=True, exist_ok=True)
    label = scenario.actors[as_].label
    out.print(
        f"You are {label}. Your role sheet: negosim card {config} --actor {as_}", markup=False
    )
    played = play_seat(scenario, as_, seed, TerminalAsker())
    with user_errors():
        save(save_to, scenario, as_, seed, played, player)
    if played.result.reason == "interrupted":
        out.print(f"Game interrupted; what was played is saved in {save_to}", markup=False)
        raise typer.Exit(130)
    summary = debrief(scenario, as_, played, runs)
    result = played.result
    out.print("Deal reached." if result.agreement else f"No deal ({result.reason}).", markup=False)
    for name, points in summary.points.items():
        out.print(f"  {name:<18} {points:5.1f} points", markup=False)
    out.print(
        f"Your result beats or equals {summary.percentile:.0f}% of {runs} simulated runs "
        f"(the simulated {label} reaches a median of {summary.simulated_median:.1f} points).",
        markup=False,
        soft_wrap=True,
    )
    if summary.nash_points:
        nash = ", ".join(f"{k} {v:.1f}" for k, v in summary.nash_points.items())
        out.print(f"The Nash point gives: {nash}.", markup=False, soft_wrap=True)
    out.print(f"Saved in {save_to}: negosim report {save_to}", markup=False)


def _join(link: str, tables: Path) -> None:
    """Sit at a shared table until its talks are over."""
    import time

    from negosim.play.join import join_table
    from negosim.play.table_store import TableStore
    from negosim.play.tables import TableError

    with user_errors():
        directory, name, token = _seat_of(link, tables)
        try:
            store = TableStore(directory, create=False)
            view = join_table(store, name, token, TerminalAsker(), lambda: time.sleep(1.0))
        except TableError as error:
            raise InputError(f"--join: {error}") from None
    if view.result is not None:
        out.print("Deal reached." if view.result.agreement else f"No deal ({view.result.reason}).")


def _seat_of(link: str, tables: Path) -> tuple[Path, str, str]:
    """(tables directory, table, token) of a seat's link: DIR/NAME#TOKEN or a browser link."""
    if link.startswith(("http://", "https://")):
        query = parse_qs(urlsplit(link).query)
        name, token = (query.get(key, [""])[0] for key in ("table", "seat"))
        if not name or not token:
            raise InputError(f"--join {link}: a seat's link carries ?table=NAME&seat=TOKEN")
        return tables, name, token
    where, _, token = link.partition("#")
    path = Path(where)
    if not token or not path.name:
        raise InputError(f"--join {link}: expected DIR/NAME#TOKEN, as 'negosim table open' prints")
    return path.parent, path.name, token


def fresh_directory(path: Path) -> Path:
    """``path``, or the first of ``path-2``, ``path-3``, ... that is missing or empty."""
    candidate, number = path, 1
    while candidate.exists() and (not candidate.is_dir() or any(candidate.iterdir())):
        number += 1
        candidate = path.with_name(f"{path.name}-{number}")
    return candidate


@app.command("debrief")
def debrief_command(
    games: Annotated[
        list[Path],
        typer.Argument(help="Game directories (from play or the dashboard), or folders of them."),
    ],
    runs: Annotated[
        int, typer.Option(min=1, max=100_000, help="Simulated runs to compare with.")
    ] = 500,
    out_dir: Annotated[Path, typer.Option("--out", help="Directory to write.")] = Path(
        "out/debrief"
    ),
) -> None:
    """The class debrief: every game played, against the simulated distribution of the scenario."""
    with user_errors():
        try:
            classroom = gather(games, runs)
        except ClassroomError as error:
            raise InputError(str(error)) from None
        for reason in classroom.skipped:
            typer.echo(f"skipped {reason}", err=True)
        out_dir.mkdir(parents=True, exist_ok=True)
        blocks = debrief_blocks(classroom)
        title = f"Class debrief: {classroom.scenario.title}"
        for name, text in (
            ("debrief.md", to_markdown(blocks)),
            ("debrief.html", to_html(title, blocks)),
        ):
            _atomic(out_dir / name, text.encode("utf-8"))
        picture = next(b for b in blocks if isinstance(b, Picture))
        _atomic(out_dir / picture.file, picture.png)
        classroom.table().to_csv(out_dir / "games.csv", index=False)
    for line in to_markdown(blocks[:2]).splitlines():
        if line:
            out.print(line, markup=False, soft_wrap=True)
    out.print(f"written to {out_dir}/debrief.html (and .md, .png, games.csv)", markup=False)


def _atomic(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.partial")
    temporary.write_bytes(data)
    temporary.replace(path)
