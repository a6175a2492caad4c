"""``negosim web`` refuses what it cannot serve before starting anything."""

from __future__ import annotations

import socket

from typer.testing import CliRunner

from negosim.cli import app

runner = CliRunner()


def test_a_taken_port_is_an_error_not_a_traceback() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(app, ["web", "--port", str(port)])
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.output
    assert "Traceback" not in result.output


def test_an_unknown_scenario_or_port_is_refused() -> None:
    result = runner.invoke(app, ["web", "no_such_scenario"])
    assert result.exit_code == 2
    assert "no such file, nor a bundled scenario" in result.output
    result = runner.invoke(app, ["web", "--port", "70000"])
    assert result.exit_code == 2
    assert "65535" in result.output


def test_a_broken_scenario_file_is_reported_with_its_line(tmp_path, pie_text: str) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "broken.yaml"
    broken.write_text(pie_text.replace("deadline: 50", "deadline: -3"), encoding="utf-8")
    result = runner.invoke(app, ["web", str(broken)])
    assert result.exit_code == 2
    assert f"{broken}:16:" in result.output
