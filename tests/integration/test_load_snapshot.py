"""Snapshots: a load keeps the model it loaded with its source (:KgSnapshot), and the next
refresh diffs with it instead of reading back every fact the source states
(loaders/refresh.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from neo4j import Transaction

import loaders.refresh as loader
from kg.api import Graph
from kg.config import Settings
from kg.model import read_model
from loaders.facts import Facts, to_facts
from loaders.refresh import load_paths, read_current, unload
from tests.integration.test_load import SA, SB, A, B, _edited, dump, edges

pytestmark = pytest.mark.neo4j


def _no_reading_back(*_args: Any, **_kwargs: Any) -> Facts:
    raise AssertionError("the refresh read the source's facts back from the graph")


def test_snapshot_is_what_the_graph_holds_from_each_source(graph: Graph, settings: Settings, tmp_path: Path) -> None:
    load_paths(graph, [A, B])
    edited = _edited(tmp_path)
    load_paths(graph, [edited])  # A edited, B shares nodes with it
    kept_by_source = {}
    with graph.session(database=settings.database) as s:
        for source in (SA, SB):
            tx = s.begin_transaction()
            try:
                held = read_current(tx, source)
                state = tx.run(
                    "MATCH (s:Source {id: $id}) RETURN s.content_hash AS h", id=source
                ).single(strict=True)
                kept = loader._snapshot_facts(tx, source, state["h"])
            finally:
                tx.rollback()
            assert kept is not None
            assert kept.nodes == held.nodes
            assert kept.rels == held.rels
            kept_by_source[source] = kept
    assert kept_by_source[SA].rels == to_facts(read_model(edited)).rels
    assert kept_by_source[SB].rels == to_facts(read_model(B)).rels


def test_refresh_diffs_with_the_snapshot(graph: Graph, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_paths(graph, [A])
    monkeypatch.setattr(loader, "read_current", _no_reading_back)
    [report] = load_paths(graph, [_edited(tmp_path)])
    assert report.totals == {
        "nodes_added": 1, "nodes_removed": 0, "nodes_changed": 0,
        "relationships_added": 2, "relationships_removed": 1, "relationships_changed": 0,
    }
    assert ("removed", "relationship", "ASSISTS",
            "(role:财务专员)-[:ASSISTS]->(activity:采购计划编制)") in report.changes
    with pytest.raises(AssertionError, match="read the source's facts back"):
        load_paths(graph, [A], force=True)  # --force reconciles with the graph


def test_force_reconciles_with_the_graph(graph: Graph, settings: Settings) -> None:
    load_paths(graph, [A])
    before = edges(graph, settings)
    with graph.session(database=settings.database) as s:
        s.run("MATCH (:Role {id: 'role:财务专员'})-[r:ASSISTS]->() DELETE r").consume()
    [same] = load_paths(graph, [A])
    assert same.status == "unchanged"  # a refresh compares with what kg loaded
    [forced] = load_paths(graph, [A], force=True)
    assert forced.totals["relationships_added"] == 1
    assert edges(graph, settings) == before


def test_snapshot_of_another_kg_version_is_not_used(graph: Graph, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_paths(graph, [A])
    with graph.session(database=settings.database) as s:
        s.run("MATCH (s:KgSnapshot) SET s.loader = 'kg 0.1 / kg-org-model/1'").consume()
    calls: list[str] = []
    real = loader.read_current

    def counting(tx: Transaction, source: str) -> Facts:
        calls.append(source)
        return real(tx, source)

    monkeypatch.setattr(loader, "read_current", counting)
    [report] = load_paths(graph, [_edited(tmp_path)])
    assert calls == [SA]
    assert report.totals["relationships_removed"] == 1


def test_unload_forgets_the_snapshot(graph: Graph, settings: Settings) -> None:
    load_paths(graph, [A, B])
    unload(graph, SA)
    with graph.session(database=settings.database) as s:
        kept = s.run("MATCH (s:KgSnapshot) RETURN s.id AS id").value()
    assert kept == [SB]
    before = dump(graph, settings)
    assert before["nodes"]  # B's facts stay
