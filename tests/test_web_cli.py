"""``negosim web`` refuses what it cannot serve before starting anything."""

from __future__ import annotations

import socket
import subprocess
import sys

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


def test_solara_serves_with_the_settings_negosim_web_gives_it() -> None:
    """Solara reads its settings once, on import: nothing before ``serve`` may import it, or the
    page would fetch assets from the internet and keep closed sessions for a day (it did)."""
    show = (
        "import solara.server.settings as server, solara.settings as page; "
        "print(server.kernel.cull_timeout, server.theme.show_banner, page.assets.cdn)"
    )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code = (
        "import uvicorn; uvicorn.run = lambda *a, **k: exec(SHOW); "
        f"from negosim.cli import app; app(['web', '--port', '{port}', '--forget-after', '7'])"
    ).replace("SHOW", repr(show))
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=600
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "7s False http://127.0.0.1:9/no-downloads/"


def test_forget_after_is_bounded() -> None:
    result = runner.invoke(app, ["web", "--forget-after", "0"])
    assert result.exit_code == 2
    assert "--forget-after" in result.output


def test_a_class_server_prints_the_instructors_link_and_warns_off_localhost(
    tmp_path,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    import negosim.web.server

    served: list[object] = []
    monkeypatch.setattr(negosim.web.server, "serve", lambda *args: served.append(args))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    classroom = tmp_path / "classroom"
    result = runner.invoke(
        app, ["web", "--host", "0.0.0.0", "--port", str(port), "--tables", str(classroom)]
    )
    assert result.exit_code == 0, result.output
    token = (classroom / ".instructor-token").read_text(encoding="utf-8")
    assert f"http://0.0.0.0:{port}/?instructor={token}" in result.output
    said = " ".join(result.output.split())
    assert "anyone who can reach this machine can open the pages" in said
    assert "only with the instructor's link" in said
    assert served[0][-1] == classroom  # type: ignore[index]
