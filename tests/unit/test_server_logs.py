"""`kg server logs` shows the logs that say something (no server needed)."""

from __future__ import annotations

from pathlib import Path

from kg.config import load_settings
from kg.server import LocalServer


def test_logs_skip_blank_files(tmp_path: Path) -> None:
    server = LocalServer(load_settings({"home": str(tmp_path)}, environ={}, env_file=None))
    assert server.logs() == f"(no logs yet in {server.logs_dir})"
    server.logs_dir.mkdir(parents=True)
    (server.logs_dir / "console.log").write_text("\n\n  \n", encoding="utf-8")
    (server.logs_dir / "neo4j.log").write_text("a\nb\nc\n", encoding="utf-8")
    assert server.logs(2) == f"==> {server.logs_dir / 'neo4j.log'} <==\nb\nc"
