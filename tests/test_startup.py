"""The command line starts light: listing the commands or checking a scenario loads no engine.

`negosim --help` imports none of Mesa, matplotlib, numba, pandas, Solara (nor numpy or pydantic);
`negosim validate` only what validation needs (numpy, pydantic). Each command's module is imported
when that command runs, and the command list is kept in step with the commands' own help.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
import typer

from negosim.cli import app
from negosim.cli.common import COMMANDS
from tests.conftest import CONFIGS

pytestmark = pytest.mark.smoke

ENGINE = {"mesa", "matplotlib", "numba", "pandas", "pyarrow", "scipy", "solara", "distributed"}


def imported_by(*args: str) -> set[str]:
    """The top-level packages a fresh process has imported after running ``negosim ARGS``."""
    code = (
        "import sys\nfrom negosim.cli import app\n"
        f"try:\n    app({list(args)!r})\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(done.stdout.split()[-1000:])


def test_help_loads_neither_the_engine_nor_numpy() -> None:
    loaded = imported_by("--help")
    assert not loaded & (ENGINE | {"numpy", "pydantic"}), loaded & (ENGINE | {"numpy", "pydantic"})


def test_validate_loads_what_validation_needs_only() -> None:
    loaded = imported_by("validate", str(CONFIGS / "grand_bargain.yaml"))
    assert "pydantic" in loaded
    assert not loaded & ENGINE, loaded & ENGINE


def test_the_command_list_says_what_each_command_says_of_itself() -> None:
    group = typer.main.get_command(app)
    for name, (_, line) in COMMANDS.items():
        _, command, _ = group.resolve_command(group.context_class(group), [name])  # type: ignore[attr-defined]
        assert command is not None, name
        own = " ".join(command.help.split("\n\n")[0].split())
        assert own == line, name
