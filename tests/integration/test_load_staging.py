"""Staging: a large load writes its new nodes, and the relationships between them, hidden
(:KgStaged) in batches that commit on their own, side by side, then publishes them in its
one transaction (loaders/staging.py, loaders/apply.py). The tests lower the batch size and
the size from which it does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import loaders.staging as staging
from benchmarks.synthetic import synthetic_model
from kg.api import Graph
from kg.config import Settings
from kg.db import Database
from kg.model import write_model
from kg.statements import statement
from loaders.facts import to_facts
from loaders.refresh import LoadFailed, load_paths
from loaders.rows import CREATE_REL_COLUMNS, STAGE_NODE_COLUMNS
from tests.integration.test_load import A, dump, edges, fail_after

pytestmark = pytest.mark.neo4j


def _cells(columns: tuple[str, ...], **values: Any) -> list[Any]:
    """A positional row (stage-nodes, create-rels) from its columns' values (else null)."""
    return [values.get(column) for column in columns]


def _staged(db: Database, settings: Settings) -> int:
    with db.session(database=settings.database) as s:
        return s.run("MATCH (n:KgStaged) RETURN count(n) AS c").single(strict=True)["c"]


def test_many_small_batches_side_by_side(graph: Graph, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # batches of 7: hundreds of them, three at a time, most on a few shared nodes (areas,
    # departments, managers), so concurrent batches wait for, and deadlock with, each other
    monkeypatch.setattr(staging, "BATCH", 7)
    monkeypatch.setattr(staging, "STAGE_SEPARATELY_FROM", 0)
    model = synthetic_model(200)
    path = tmp_path / "m.json"
    write_model(model, path)
    facts = to_facts(model)
    [report] = load_paths(graph, [path])
    assert report.totals["relationships_added"] == len(facts.rels) == 2210
    assert edges(graph, settings) == {
        (r.from_id, r.type, r.to_id, r.rank) for r in facts.rels.values()
    }
    with graph.session(database=settings.database) as s:
        labels = {
            r["label"]: r["c"]
            for r in s.run("MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS c")
        }
        line = s.run(
            "MATCH (:Role {id: 'role:岗位8'})-[r:REPORTS_TO]->(:Role {id: 'role:岗位7'}) "
            "RETURN r.sources AS s, r.pages AS p, r.contexts AS c, r.context_sources AS cs, "
            "r.rank AS rank"
        ).single(strict=True)
    assert labels == {"Department": 5, "Role": 210, "Output": 200, "Activity": 201,
                      "Source": 1, "LoadRun": 1, "KgLock": 1, "KgSnapshot": 1, "KgTestGuard": 1}
    assert dict(line) == {"s": ["bench:synthetic"], "p": [1], "c": ["activity:活动7"],
                          "cs": ["bench:synthetic"], "rank": None}
    [again] = load_paths(graph, [path], force=True)
    assert again.totals == dict.fromkeys(again.totals, 0)
    assert _staged(graph, settings) == 0


def test_failure_while_staging_leaves_nothing(graph: Graph, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_paths(graph, [A])
    before = dump(graph, settings)
    monkeypatch.setattr(staging, "BATCH", 50)
    monkeypatch.setattr(staging, "STAGE_SEPARATELY_FROM", 0)
    path = tmp_path / "m.json"
    write_model(synthetic_model(200), path)
    # 616 nodes are 13 batches: stop in the middle of the relationships' batches
    fail_after(monkeypatch, 30)
    with pytest.raises(LoadFailed, match="stopped after 30 batches"):
        load_paths(graph, [path])
    assert _staged(graph, settings) == 0
    assert dump(graph, settings) == before


def test_remains_of_a_killed_load_are_hidden_then_deleted(graph: Graph, settings: Settings) -> None:
    load_paths(graph, [A])
    before = dump(graph, settings)
    roles = graph.driver.execute_query(
        "MATCH (r:Role) RETURN r.id AS id ORDER BY id", database_=settings.database
    ).records
    # what a load killed while staging leaves: staged nodes, one with the id of a role
    # that exists, and a relationship between two of them
    stated = {"pages": [1], "starts": [0], "ends": [1], "sentences": ["x"]}
    unstated: dict[str, Any] = {"pages": [], "starts": [], "ends": [], "sentences": []}
    cells = [
        _cells(STAGE_NODE_COLUMNS, id="role:采购经理", name="采购经理", source_props="{}", **stated),
        _cells(STAGE_NODE_COLUMNS, id="role:new", name="new", source_props="{}", **unstated),
    ]
    with graph.session(database=settings.database) as s:
        rec = s.run(statement("stage-nodes"), source="doc:killed", run="killed", rows=cells).single(strict=True)
        a, b = rec["eids"]
        s.run(
            statement("create-rels", type="REPORTS_TO"),
            source="doc:killed",
            rows=[_cells(CREATE_REL_COLUMNS, a=a, b=b, **stated)],
        ).consume()
    assert _staged(graph, settings) == 2
    # hidden from what names a fact label
    assert graph.driver.execute_query(
        "MATCH (r:Role) RETURN r.id AS id ORDER BY id", database_=settings.database
    ).records == roles
    # the next load, even of an unchanged file, deletes them
    [report] = load_paths(graph, [A])
    assert report.status == "unchanged"
    assert _staged(graph, settings) == 0
    assert dump(graph, settings) == before


def test_a_staged_batch_that_commits_late_is_deleted_before_publishing(
    graph: Graph, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch a killed load sent just before it died commits after the next load has
    cleaned up: that load deletes it again just before it commits (issue #15, item 10)."""
    import loaders.refresh as refresh_module

    real = refresh_module.drop_staged
    calls: list[str] = []

    def drop_then_land(db: Graph, keep: str) -> None:
        real(db, keep)
        calls.append(keep)
        if len(calls) == 1:  # the killed load's last batch lands now
            cells = [_cells(STAGE_NODE_COLUMNS, id="role:late", name="late", source_props="{}",
                            pages=[], starts=[], ends=[], sentences=[])]
            with graph.session(database=settings.database) as s:
                s.run(statement("stage-nodes"), source="doc:killed", run="killed", rows=cells).consume()

    monkeypatch.setattr(refresh_module, "drop_staged", drop_then_land)
    load_paths(graph, [A])
    assert len(calls) == 2 and calls[0] == calls[1]  # at the start and before the commit
    assert _staged(graph, settings) == 0
