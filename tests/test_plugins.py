"""Third-party strategies and protocols join the registries through entry points.

A small plug-in package is written to a folder (its code and its installed metadata, as pip would
leave them), put on the path of a fresh negosim process, and used from a scenario by name.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import CONFIGS

pytestmark = [pytest.mark.smoke, pytest.mark.xdist_group("subprocess")]

PLUGIN = '''
from negosim.protocols import Protocol
from negosim.strategies import Strategy


class Stubborn(Strategy):
    """Offers its best outcome every time and accepts nothing else."""

    name = "stubborn"

    def propose(self, round_):
        return self.me.best

    def respond(self, round_, offer, proposer):
        return offer == self.me.best


class Ultimatum(Protocol):
    """The first actor makes one offer; the others take it or leave it."""

    name = "ultimatum"
    description = "one offer by the first actor, taken or left"

    def reset(self, table):
        pass

    def play_round(self, table):
        if not table.vote(0, table.propose(0)):
            table.conclude(None, "deadlock", None)
'''


def install_plugin(folder: Path) -> None:
    (folder / "negosim_demo_plugin.py").write_text(PLUGIN)
    info = folder / "negosim_demo_plugin-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: negosim-demo-plugin\nVersion: 0.1\n"
    )
    (info / "entry_points.txt").write_text(
        "[negosim.strategies]\nstubborn = negosim_demo_plugin:Stubborn\n\n"
        "[negosim.protocols]\nultimatum = negosim_demo_plugin:Ultimatum\n"
    )


def negosim(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    path = os.pathsep.join([str(folder), os.environ.get("PYTHONPATH", "")])
    return subprocess.run(
        [sys.executable, "-m", "negosim.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": path, "COLUMNS": "200"},
        check=False,
    )


def test_a_plugin_strategy_and_protocol_are_listed_and_played_by_name(tmp_path: Path) -> None:
    install_plugin(tmp_path)
    listed = negosim(tmp_path, "strategies")
    assert listed.returncode == 0, listed.stderr
    assert "stubborn" in listed.stdout

    document = yaml.safe_load((CONFIGS / "split_the_pie.yaml").read_text())
    document["tracks"]["pie"]["protocol"] = "ultimatum"
    document["actors"]["alice"]["strategy"] = {"name": "stubborn", "assumption": "A plug-in."}
    scenario = tmp_path / "ultimatum.yaml"
    scenario.write_text(yaml.safe_dump(document))
    played = negosim(tmp_path, "simulate", str(scenario))
    assert played.returncode == 0, played.stderr
    assert "Alice proposes alice share: 1" in played.stdout, "the stubborn player asks for all"
    assert "No agreement (deadlock) after 1 rounds" in played.stdout, "taken or left at once"

    without = negosim(tmp_path.parent, "validate", str(scenario))
    assert without.returncode == 2
    assert "ultimatum" in without.stderr


@pytest.mark.parametrize(
    ("blocked", "args", "extra"),
    [
        ("solara", ["web", "--port", "1"], "web"),
        ("distributed", ["run", "split_the_pie", "--runs", "2", "--backend", "dask"], "dask"),
    ],
)
def test_a_command_whose_extra_is_missing_names_the_install(
    tmp_path: Path, blocked: str, args: list[str], extra: str
) -> None:
    """Without the optional packages (blocked from import here), the command says what to install."""
    code = (
        f"import sys; sys.modules[{blocked!r}] = None; from negosim.cli import app; "
        f"app({[*args, '--out', str(tmp_path / 'out')] if args[0] == 'run' else args!r})"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=tmp_path
    )
    assert done.returncode == 2, done.stderr
    assert f"pip install 'negosim[{extra}]'" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


def test_a_negmas_seat_without_negmas_says_what_to_install(tmp_path: Path) -> None:
    document = yaml.safe_load((CONFIGS / "split_the_pie.yaml").read_text())
    document["actors"]["alice"]["strategy"] = {"name": "negmas", "assumption": "NegMAS's player."}
    scenario = tmp_path / "with_negmas.yaml"
    scenario.write_text(yaml.safe_dump(document))
    code = (
        "import sys; sys.modules['negmas'] = None; from negosim.cli import app; "
        f"app(['simulate', {str(scenario)!r}])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 2, done.stderr
    assert "pip install 'negosim[crosscheck]'" in done.stderr
    assert "Traceback" not in done.stderr
