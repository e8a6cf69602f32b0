"""`kg load` and `kg unload` when things go wrong (issue #15, items 4 and 8): the
connection lost mid-load is exit 2 with one line and no driver noise; content kg cannot
process is 1; an unknown source or a missing file is 2."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.api import Graph
from kg.cli import cli
from kg.config import Settings
from tests.integration.test_load import A, conn, dump

pytestmark = pytest.mark.neo4j


class CuttingProxy:
    """Forwards TCP to Neo4j's Bolt port until the client sends ``trigger`` (a write
    statement of the load): then it closes every connection and stops listening, as a
    server that died would."""

    def __init__(self, target: tuple[str, int], trigger: bytes) -> None:
        self.target, self.trigger = target, trigger
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.sockets: list[socket.socket] = []
        self.cut = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.cut.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target)
            self.sockets += [client, server]
            threading.Thread(target=self._pipe, args=(client, server, True), daemon=True).start()
            threading.Thread(target=self._pipe, args=(server, client, False), daemon=True).start()

    def _pipe(self, src: socket.socket, dst: socket.socket, upstream: bool) -> None:
        try:
            while data := src.recv(65536):
                if upstream and self.trigger in data:
                    self.close()
                    return
                dst.sendall(data)
        except OSError:
            pass

    def close(self) -> None:
        self.cut.set()
        for s in [self.listener, *self.sockets]:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()


def test_connection_lost_mid_load_is_exit_2_and_one_line(
    graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    before = dump(graph, settings)
    proxy = CuttingProxy(("127.0.0.1", settings.bolt_port), b"UNWIND $rows")
    try:
        env = {**os.environ, "NEO4J_URI": f"bolt://127.0.0.1:{proxy.port}",
               "NEO4J_PASSWORD": settings.password or "", "NEO4J_DATABASE": settings.database}
        done = subprocess.run(
            [str(Path(sys.executable).parent / "kg"), "load", str(A)],
            capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120, check=False,
        )
    finally:
        proxy.close()
    assert proxy.cut.is_set(), "the load never sent a write statement through the proxy"
    assert done.returncode == 2, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr  # no driver log lines before it
    assert lines[0].startswith("Error: load failed, nothing was written: cannot reach Neo4j"), lines
    assert dump(graph, settings) == before


def test_content_and_usage_errors_with_a_server(graph: Graph, settings: Settings, tmp_path: Path) -> None:
    bad = tmp_path / "matrix.csv"
    bad.write_text("activity,客户经理\n客户关系规划,X\n", encoding="utf-8")
    runner = CliRunner()
    cases = [
        (["load", str(bad)], 1, "unknown letter 'X'"),
        (["load", str(tmp_path / "missing.yaml")], 2, "no such file"),
        (["unload", "doc:never-loaded"], 2, "no source 'doc:never-loaded' is loaded"),
        (["cypher", "MATCH (n"], 1, ""),
    ]
    for args, code, text in cases:
        result = runner.invoke(cli, [*args, *conn(settings)])
        assert result.exit_code == code, (args, result.output)
        assert result.stderr.startswith("Error: ") and text in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.output
