"""Connection failures a user meets: one line that says what to do, exit code 2, and none
of the driver's own log records (they used to print before kg's message)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.config import Settings
from tests.conftest import with_scheme

pytestmark = pytest.mark.neo4j


def _status(uri: str, settings: Settings) -> tuple[int, str]:
    """`kg status` in its own process: pytest's log capture would hide what the driver
    logs, and that is part of what a user sees."""
    env = {**os.environ, "NEO4J_URI": uri, "NEO4J_PASSWORD": settings.password or ""}
    kg = Path(sys.executable).with_name("kg")
    proc = subprocess.run([str(kg), "status"], env=env, capture_output=True, text=True, timeout=60)
    assert proc.stdout == ""
    return proc.returncode, proc.stderr


@pytest.fixture
def hangup_port() -> Iterator[int]:
    """A port where something accepts TCP connections and closes them at once (a server
    that went away mid-conversation looks like this to the driver)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    server.close()


def test_tls_scheme_against_a_plain_server_says_so(settings: Settings) -> None:
    for scheme, plain in (("neo4j+s", "neo4j"), ("bolt+ssc", "bolt")):
        uri = with_scheme(settings.uri, scheme)
        code, output = _status(uri, settings)
        assert (code, output) == (
            2,
            f"Error: the server at {uri} answers, but not with TLS: use {plain}:// for a "
            f"server without TLS ({scheme}:// needs a server with a certificate, as Aura has)\n",
        )


def test_a_server_that_hangs_up_is_one_line_without_driver_noise(
    settings: Settings, hangup_port: int
) -> None:
    uri = f"bolt://127.0.0.1:{hangup_port}"
    code, output = _status(uri, settings)
    assert code == 2
    assert output.count("\n") == 1, output
    assert output.startswith(
        f"Error: Neo4j at {uri} accepts connections but dropped or refused this one ("
    )
    assert output.endswith("see its log (`kg server logs` for the local server), then try again\n")


def test_nothing_listening_suggests_starting_a_server(settings: Settings) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    uri = f"neo4j://127.0.0.1:{port}"
    assert _status(uri, settings) == (
        2,
        f"Error: cannot reach Neo4j at {uri}: check NEO4J_URI and that the server is "
        "running and reachable\n",
    )
