"""`kg explore`'s refusals before it serves anything: one line, exit code 2 (usage or
the connection), no traceback. No database: the connection case points at a closed port."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kg.cli import cli

CLOSED = ["--uri", "bolt://127.0.0.1:1", "--password", "x"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--host", "0.0.0.0"], "--host 0.0.0.0: the explorer listens beyond this machine only with a token"),
        (["--host", "192.0.2.7", "--token", "short"], "--token: at least 16 characters"),
        (["--port", "70000"], "--port 70000: a port from 1 to 65535"),
        ([], "cannot reach Neo4j at bolt://127.0.0.1:1"),
    ],
)
def test_refusals_are_one_line_and_exit_2(args: list[str], message: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KG_EXPLORE_TOKEN", raising=False)
    result = CliRunner().invoke(cli, ["explore", *args, *CLOSED])
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"Error: {message}")
    assert "Traceback" not in result.output


def test_the_token_may_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_EXPLORE_TOKEN", "short")
    result = CliRunner().invoke(cli, ["explore", "--host", "0.0.0.0", *CLOSED])
    assert result.exit_code == 2 and "--token: at least 16 characters" in result.output


def test_a_port_in_use_is_said_before_the_graph_is_opened() -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["explore", "--port", str(port), *CLOSED])
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: cannot listen on 127.0.0.1:{port}: Address already in use (choose another --port)")
