"""A `kg load` process killed in the middle of writing leaves the graph as it was.

A large load stages its new nodes and the relationships between them, hidden, in
transactions of their own before the load's transaction publishes them
(loaders/staging.py): a kill during staging leaves those remains, invisible to every query
that names a fact label and connected to no fact node, and the next load deletes them.
A smaller load leaves nothing at all."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from benchmarks.synthetic import synthetic_model
from kg.api import Graph
from kg.config import Settings
from kg.db import Database
from kg.model import write_model
from loaders.refresh import load_paths
from tests.conftest import DATA

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]


def _state(db: Database, settings: Settings) -> tuple[int, int, list[str]]:
    """Fact nodes, relationships that touch a fact node, sources."""
    with db.session(database=settings.database) as s:
        rec = s.run(
            "CALL () { MATCH (n) WHERE n:Role OR n:Activity OR n:Output OR n:Department RETURN count(n) AS n } "
            "CALL () { MATCH (a)-[r]->(b) WHERE NOT (a:KgStaged AND b:KgStaged) RETURN count(r) AS r } "
            "CALL () { MATCH (s:Source) RETURN collect(s.id) AS sources } "
            "RETURN n, r, sources"
        ).single(strict=True)
    return rec["n"], rec["r"], sorted(rec["sources"])


def _writing(db: Database, locks: int = 1000) -> bool:
    """Whether a transaction is well into its writes: it holds at least ``locks`` locks
    (each node or relationship a load writes takes some), an event the server reports,
    not a guess of how long the load needs to get there."""
    with db.session(database="neo4j") as s:
        rows = s.run(
            "SHOW TRANSACTIONS YIELD currentQuery, activeLockCount "
            "WHERE NOT currentQuery STARTS WITH 'SHOW' RETURN activeLockCount AS locks"
        ).data()
    return any(r["locks"] >= locks for r in rows)


def _staged(db: Database) -> bool:
    """Whether staging batches have committed (hidden nodes are in the graph)."""
    with db.session(database="neo4j") as s:
        return bool(s.run("MATCH (n:KgStaged) RETURN count(n) > 0 AS c").single(strict=True)["c"])


def _other_transactions(db: Database) -> int:
    with db.session(database="neo4j") as s:
        rows = s.run("SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery").data()
    return sum(1 for r in rows if not (r["currentQuery"] or "").startswith("SHOW TRANSACTIONS"))


def _raw(db: Database, settings: Settings) -> tuple[int, int]:
    """Every node and relationship, bookkeeping and staged ones included."""
    with db.session(database=settings.database) as s:
        nodes = s.run("MATCH (n) RETURN count(n) AS c").single(strict=True)["c"]
        rels = s.run("MATCH ()-[r]->() RETURN count(r) AS c").single(strict=True)["c"]
    return nodes, rels


def _kill_midway(
    db: Database, settings: Settings, path: Path, ready: Callable[[Database], bool] = _writing
) -> None:
    """Run `kg load PATH` in a process of its own and SIGKILL it as soon as ``ready``
    says it is writing."""
    kg = shutil.which("kg", path=os.path.dirname(sys.executable))
    assert kg, "the kg console script is installed beside the interpreter"
    env = {
        **os.environ,
        "NEO4J_URI": settings.uri,
        "NEO4J_USERNAME": settings.username,
        "NEO4J_PASSWORD": settings.password or "",
        "NEO4J_DATABASE": settings.database,
    }
    proc = subprocess.Popen([kg, "load", str(path)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while not ready(db):
            assert proc.poll() is None, f"the load ended before it could be killed: {proc.communicate()[1]!r}"
            assert time.monotonic() < deadline, "the load never started writing"
            time.sleep(0.02)  # polling the server for the event, not waiting for the load
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
    # the server notices the dropped connection and rolls the transaction back; a staging
    # batch whose COMMIT was already sent still commits (it shows no query meanwhile):
    # wait until no other transaction is open at all
    deadline = time.monotonic() + 60
    while _other_transactions(db) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert proc.returncode == -signal.SIGKILL


def test_killed_load_leaves_nothing(graph: Graph, settings: Settings, tmp_path: Path) -> None:
    # 3,000 activities: 42k new nodes and relationships, fewer than STAGE_SEPARATELY_FROM,
    # so everything is written in the load's one transaction
    load_paths(graph, [DATA / "models" / "procurement-a.yaml"])
    before = _raw(graph, settings)
    path = tmp_path / "m.json"
    write_model(synthetic_model(3000), path)
    _kill_midway(graph, settings, path)
    assert _raw(graph, settings) == before


def test_large_load_killed_while_staging(graph: Graph, settings: Settings, tmp_path: Path) -> None:
    # 6,000 activities: 84k, so staged in batches that commit on their own
    load_paths(graph, [DATA / "models" / "procurement-a.yaml"])
    before = _state(graph, settings)
    raw = _raw(graph, settings)
    path = tmp_path / "m.json"
    write_model(synthetic_model(6000), path)
    _kill_midway(graph, settings, path, ready=lambda db: _staged(db) and _writing(db))
    assert _state(graph, settings) == before
    # nothing staged touches a fact node; the next load (here: of an unchanged file)
    # deletes whatever was staged
    with graph.session(database=settings.database) as s:
        touching = s.run(
            "MATCH (a:KgStaged)--(b) WHERE NOT b:KgStaged RETURN count(*) AS c"
        ).single(strict=True)["c"]
    assert touching == 0
    [report] = load_paths(graph, [DATA / "models" / "procurement-a.yaml"])
    assert report.status == "unchanged"
    assert _raw(graph, settings) == (raw[0] + 1, raw[1])  # + the unchanged run's LoadRun
