"""A `kg load` process killed in the middle of writing leaves the graph as it was.

New nodes and the relationships between them are staged, hidden, in transactions of their
own before the load's transaction publishes them (loaders/graph.py): a kill during staging
leaves those remains, invisible to every query that names a fact label and connected to
no fact node, and the next load deletes them."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from benchmarks.synthetic import synthetic_model
from kg.model import write_model
from loaders.graph import load_paths
from tests.conftest import DATA

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]


def _state(driver, settings) -> tuple[int, int, list[str]]:  # type: ignore[no-untyped-def]
    """Fact nodes, relationships that touch a fact node, sources."""
    with driver.session(database=settings.database) as s:
        rec = s.run(
            "CALL () { MATCH (n) WHERE n:Role OR n:Activity OR n:Output OR n:Department RETURN count(n) AS n } "
            "CALL () { MATCH (a)-[r]->(b) WHERE NOT (a:KgStaged AND b:KgStaged) RETURN count(r) AS r } "
            "CALL () { MATCH (s:Source) RETURN collect(s.id) AS sources } "
            "RETURN n, r, sources"
        ).single()
    return rec["n"], rec["r"], sorted(rec["sources"])


def _load_running(driver) -> bool:  # type: ignore[no-untyped-def]
    with driver.session(database="neo4j") as s:
        rows = s.run("SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery").data()
    return any("UNWIND $rows" in (r["currentQuery"] or "") for r in rows)


def test_killed_load_leaves_graph_untouched(graph, settings, tmp_path):  # type: ignore[no-untyped-def]
    load_paths(graph, settings, [DATA / "models" / "procurement-a.yaml"])
    before = _state(graph, settings)
    big = tmp_path / "big.json"
    write_model(synthetic_model(4000), big)
    kg = shutil.which("kg", path=os.path.dirname(sys.executable))
    assert kg, "the kg console script is installed beside the interpreter"
    env = {
        **os.environ,
        "NEO4J_URI": settings.uri,
        "NEO4J_USERNAME": settings.username,
        "NEO4J_PASSWORD": settings.password,
        "NEO4J_DATABASE": settings.database,
    }
    proc = subprocess.Popen([kg, "load", str(big)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while not _load_running(graph):
            assert proc.poll() is None, f"the load ended before it could be killed: {proc.stderr.read()!r}"
            assert time.monotonic() < deadline, "the load never started writing"
            time.sleep(0.05)
        time.sleep(0.5)  # well into the writes
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
    # the server notices the dropped connection and rolls the transaction back
    deadline = time.monotonic() + 60
    while _load_running(graph) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert proc.returncode == -signal.SIGKILL
    assert _state(graph, settings) == before
    # nothing staged touches a fact node; the next load (here: of an unchanged file)
    # deletes whatever was staged
    with graph.session(database=settings.database) as s:
        touching = s.run(
            "MATCH (a:KgStaged)--(b) WHERE NOT b:KgStaged RETURN count(*) AS c"
        ).single()["c"]
    assert touching == 0
    [report] = load_paths(graph, settings, [DATA / "models" / "procurement-a.yaml"])
    assert report.status == "unchanged"
    with graph.session(database=settings.database) as s:
        staged = s.run("MATCH (n:KgStaged) RETURN count(n) AS n").single()["n"]
        rels = s.run("MATCH ()-[r]->() RETURN count(r) AS r").single()["r"]
    assert (staged, rels) == (0, before[1])
