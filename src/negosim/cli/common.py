"""What every command shares: the app, consoles, how bad input is reported, scenario loading.

Start-up stays light: a command's module (and the engine, pandas, matplotlib behind it) is imported
only when that command runs or shows its help; ``negosim --help`` lists the commands from
:data:`COMMANDS`.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from negosim.limits import LimitSettingError, WorkLimitError

if TYPE_CHECKING:
    from negosim.scenario import LoadedScenario

COMMANDS: dict[str, tuple[str, str]] = {
    "run": (
        "experiments",
        ("Play the scenario many times under its uncertainty and store one row per run."),
    ),
    "verify": (
        "experiments",
        ("Check a results directory against its manifest: checksums, row counts, every run once."),
    ),
    "sweep": (
        "experiments",
        ("A grid of what-ifs, each cell a Monte Carlo, to OUT/sweep.parquet."),
    ),
    "sensitivity": (
        "experiments",
        ("Sobol or Morris indices of the scenario's uncertain parameters (SALib)."),
    ),
    "import": (
        "formats",
        ("Convert a negotiation domain from another format into a negosim scenario (YAML)."),
    ),
    "export": (
        "formats",
        ("Write a scenario in another format; what that format cannot express is listed."),
    ),
    "plot": (
        "outputs",
        ("Write every figure the directory's data supports to DIRECTORY/figures/."),
    ),
    "report": (
        "outputs",
        (
            "Write DIRECTORY/report.html: one self-contained page with figures, provenance "
            "and manifest."
        ),
    ),
    "card": (
        "outputs",
        ("The public scenario card and a confidential role sheet per actor, as HTML and Markdown."),
    ),
    "play": (
        "play",
        (
            "Play one stakeholder against the simulation; a debrief compares your deal with "
            "simulated ones."
        ),
    ),
    "table": (
        "tables",
        ("Classroom tables: several people negotiate at one table; the strategies fill the rest."),
    ),
    "debrief": (
        "play",
        (
            "The class debrief: every game played, against the simulated distribution of the "
            "scenario."
        ),
    ),
    "validate": (
        "scenarios",
        ("Check scenario files: exit 0 when all are valid, 2 with every problem listed otherwise."),
    ),
    "schema": (
        "scenarios",
        ("Print the JSON Schema of the scenario format."),
    ),
    "scenarios": (
        "scenarios",
        ("List the bundled scenarios with a one-line description."),
    ),
    "analyze": (
        "scenarios",
        ("Outcome space, ZOPA, Pareto frontier and bargaining solutions of a scenario."),
    ),
    "simulate": (
        "scenarios",
        ("Play one negotiation round by round and print what happened."),
    ),
    "strategies": (
        "tournament",
        ("List the strategies with what kind of player each is (its classifier)."),
    ),
    "tournament": (
        "tournament",
        ("Every strategy against every other (and itself), in every seat, on every scenario."),
    ),
    "web": (
        "web",
        (
            "Serve the dashboard: scenarios, what-ifs, one negotiation step by step or played"
            " from a seat, Monte Carlo batches. Works offline."
        ),
    ),
}
"""Command name -> (module of :mod:`negosim.cli` that defines it, its one-line help)."""


class LazyCommands(TyperGroup):
    """The root command: a subcommand's module is imported only when that command is run.

    Listing the commands (``negosim --help``) shows each one's line from :data:`COMMANDS`.
    """

    # Click's types are left as Any: Typer vendors its own click from 0.20 on.

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        if cmd_name in COMMANDS:
            return TyperCommand(cmd_name, help=COMMANDS[cmd_name][1])  # a listing, not to run
        return None

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, line) for name, (_, line) in COMMANDS.items()])

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and args[0] in COMMANDS and args[0] not in self.commands:
            importlib.import_module(f"negosim.cli.{COMMANDS[args[0]][0]}")
            self.commands.update(typer.main.get_group(app).commands)
        return super().resolve_command(ctx, args)


app = typer.Typer(
    cls=LazyCommands,
    help="Play stakeholder negotiations out many times and see what tends to happen.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    add_completion=False,
)


class LazyConsole:
    """rich's Console, made on first use: importing it would be a third of the start-up time.

    Parameters
    ----------
    **options
        Passed to :class:`rich.console.Console`.
    """

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: Any = None

    def __getattr__(self, name: str) -> Any:
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._options)
        return getattr(self._console, name)


out: Any = LazyConsole(highlight=False)
"""The console commands print to (a :class:`rich.console.Console` once used)."""

ConfigArg = Annotated[
    str, typer.Argument(help="Scenario YAML file, or the name of a bundled scenario.")
]


class InputError(Exception):
    """Bad input from the user: reported as a message with exit status 2, never a traceback."""


@contextmanager
def user_errors() -> Iterator[None]:
    try:
        yield
    except (InputError, OSError, ImportError, WorkLimitError, LimitSettingError) as error:
        # ImportError: an optional part (NegMAS, the dashboard) that is not installed.
        if isinstance(error, OSError):
            where = f"{error.filename}: " if error.filename else ""
            typer.echo(f"error: {where}{error.strerror or error}", err=True)
        else:
            typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    except Exception as error:
        from negosim.scenario.problems import ScenarioError

        if not isinstance(error, ScenarioError):
            raise
        typer.echo(error.render(), err=True)
        raise typer.Exit(2) from None


def load_config(config: str) -> LoadedScenario:
    from negosim.engine.catalogue import read_scenario
    from negosim.scenario.bundled import bundled_scenarios, resolve_config

    path = resolve_config(config)
    if not path.exists():
        names = ", ".join(s.name for s in bundled_scenarios())
        raise InputError(f"{config}: no such file, nor a bundled scenario (bundled: {names})")
    return read_scenario(path)


EXTRAS = {"web": ("solara", "the dashboard"), "dask": ("distributed", "the Dask backend")}
"""Optional installs: extra name -> (module that marks it installed, what it provides)."""


def needs_extra(extra: str) -> None:
    """Refuse, with the install command, a feature whose optional dependencies are missing."""
    module, what = EXTRAS[extra]
    # Found, not imported: Solara reads its settings from the environment once, on import, and
    # `negosim web` sets them (offline assets, session culling) just before it serves.
    try:
        installed = importlib.util.find_spec(module) is not None
    except ValueError:  # a module set to None in sys.modules: deliberately unavailable
        installed = False
    if not installed:
        raise InputError(
            f"{what} is an optional part of negosim: pip install 'negosim[{extra}]'"
        ) from None


def print_warnings(loaded: LoadedScenario) -> None:
    for warning in loaded.warnings:
        typer.echo(warning.render(loaded.file), err=True)


def check_choice(option: str, value: str | None, allowed: tuple[str, ...]) -> None:
    if value is not None and value not in allowed:
        raise InputError(f"{option}: unknown value '{value}'; allowed: {', '.join(allowed)}")


QUIET = [False]
"""Whether ``--quiet`` was given (a list, so that commands read the value set at start-up)."""


def configure_output(verbose: int, quiet: bool) -> None:
    """Route negosim's log records to stderr at the level the flags ask for.

    Parameters
    ----------
    verbose
        How many ``-v``: 1 for what is done, 2 for detail.
    quiet
        Only warnings and errors, and no progress bars.
    """
    level = (
        logging.WARNING
        if quiet or verbose == 0
        else logging.INFO
        if verbose == 1
        else logging.DEBUG
    )
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("negosim")
    logger.handlers[:] = [handler]
    logger.setLevel(level)
    QUIET[0] = quiet


@contextmanager
def progress_bar(description: str, total: int | None) -> Iterator[Callable[[int], None]]:
    if QUIET[0]:
        yield lambda n: None
        return
    # Imported here: only commands that show progress need them.
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True)) as progress:
        task = progress.add_task(description, total=total)
        yield lambda n: progress.advance(task, n)
