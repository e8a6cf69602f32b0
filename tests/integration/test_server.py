"""The local server kg manages: start, idempotent start, status, stop (a real Neo4j)."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kg.cli import cli

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("kg-home")


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    base = {"NEO4J_URI": "", "NEO4J_PASSWORD": "", "KG_BOLT_PORT": "7691", "KG_HTTP_PORT": "7478"}
    return CliRunner().invoke(cli, list(args), env={**base, **(env or {})}, catch_exceptions=False)


def test_start_status_stop_cycle(home: Path) -> None:
    h = str(home)
    stopped = run("server", "status", "--home", h, "--format", "json")
    assert stopped.exit_code == 3
    assert json.loads(stopped.output)["running"] is False

    started = run("server", "start", "--home", h)
    assert started.exit_code == 0, started.output
    assert "running  pid" in started.output
    # generated password, private to the user
    pw = home / "neo4j-password"
    assert stat.S_IMODE(pw.stat().st_mode) == 0o600
    assert pw.read_text().strip() not in started.output

    again = run("server", "start", "--home", h)
    assert again.exit_code == 0
    assert "already running" in again.output

    info = run("status", "--home", h, "--format", "json")
    assert info.exit_code == 0, info.output
    data = json.loads(info.output)
    assert data["version"].startswith("5.26.")
    assert data["edition"] == "community"
    assert data["uri"] == "bolt://127.0.0.1:7691"
    assert data["database"] == "neo4j"

    # bound to loopback only, Browser on the HTTP port
    conf = (home / "neo4j" / "conf" / "neo4j.conf").read_text()
    assert "server.default_listen_address=127.0.0.1" in conf
    assert "dbms.security.auth_enabled=true" in conf

    running = json.loads(run("server", "status", "--home", h, "--format", "json").output)
    assert running["running"] is True and running["version"].startswith("5.26.")

    assert run("server", "stop", "--home", h).exit_code == 0
    assert json.loads(run("server", "status", "--home", h, "--format", "json").output)[
        "running"
    ] is False

    down = run("status", "--home", h)
    assert down.exit_code == 2
    assert down.output.strip() == (
        "Error: cannot reach Neo4j at bolt://127.0.0.1:7691: start the local server with "
        "`kg server start`, or set NEO4J_URI to a running Neo4j"
    )
    assert "Traceback" not in down.output

    assert run("server", "stop", "--home", h).output.strip() == "Neo4j is not running."


def test_port_in_use_is_a_clear_error(home: Path) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 7692))
        sock.listen(1)
        res = run("server", "start", "--home", str(home), "--bolt-port", "7692")
    assert res.exit_code == 1
    assert "port 7692 on 127.0.0.1 is already in use" in res.output


def test_any_password_is_set_without_a_command_line(tmp_path: Path) -> None:
    # the admin tool reads it from a private @file: a leading '-' (1 in 64 generated
    # passwords has one), quotes, spaces, a backslash, '#'
    password = "-a b\"c\\d#e'f é"
    env = {"NEO4J_PASSWORD": password, "KG_BOLT_PORT": "7694", "KG_HTTP_PORT": "7481",
           "NEO4J_URI": "bolt://127.0.0.1:7694"}
    h = str(tmp_path)
    started = run("server", "start", "--home", h, env=env)
    try:
        assert started.exit_code == 0, started.output
        assert password not in started.output
        assert not list((tmp_path / "neo4j" / "run").glob("initial-password-*"))
        info = run("status", "--home", h, "--format", "json", env=env)
        assert info.exit_code == 0, info.output
        wrong = run("status", "--home", h, env={**env, "NEO4J_PASSWORD": "-a b"})
        assert wrong.exit_code == 2 and "authentication failed" in wrong.output
    finally:
        run("server", "stop", "--home", h, env=env)
