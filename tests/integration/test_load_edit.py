"""A new version of a model file, read as an edit of what its source loaded before
(loaders/delta.py, loaders/snapshot.py): the graph, the run's report and the snapshot are
what a whole refresh gives, and the file is never read whole."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import loaders.refresh as refresh
import loaders.snapshot as snapshot
import loaders.sources as sources
from kg import changes
from kg.api import Graph
from kg.config import Settings
from kg.errors import KgError
from kg.model import Activity, Model, Report, read_model, write_model
from loaders.refresh import GraphBaseline, load_paths, loaded_model, refresh_all
from loaders.sources import read_sources
from tests.conftest import wipe
from tests.integration.test_load import SA, A, B, dump

pytestmark = pytest.mark.neo4j


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(snapshot, "CHUNK", 2)


def _old() -> Model:
    return read_model(A)


def _new(old: Model) -> Model:
    """Four edits: an assistant gone, a description, a reporting line another activity
    states too, an activity added in the middle."""
    new = old.model_copy(deep=True)
    plan = new.activities[1]
    assert plan.assists == ["role:财务专员"]
    plan.assists = []
    new.activities[0].description = "采购的新描述"
    line = next(r for a in new.activities for r in a.reports)
    target = next(a for a in new.activities if all((r.from_, r.to) != (line.from_, line.to) for r in a.reports))
    target.reports.append(Report(**{"from": line.from_, "to": line.to}))
    new.activities.insert(2, Activity(id="activity:合同签订", code="1.C", name="合同签订",
                                      parent="activity:采购", responsible=["role:采购主管"]))
    return new


def _never_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    def whole(path: Any) -> Model:
        raise AssertionError(f"{path} was read whole")

    monkeypatch.setattr(sources, "read_model", whole)


def _chunk_keys(graph: Graph, settings: Settings) -> list[str]:
    with graph.session(database=settings.database) as s:
        keys = s.run("MATCH (s:KgSnapshot {id: $id}) RETURN keys(s) AS k", id=SA).single(strict=True)["k"]
    return sorted(k for k in keys if k[0] == "c" and k[1:].isdigit())


def test_an_edit_refreshes_as_a_whole_refresh_does(
    graph: Graph, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "procurement-a.json"
    old, new = _old(), _new(_old())
    write_model(old, path)
    load_paths(graph, [path, B])

    # the whole refresh: no snapshot to read the file against
    write_model(new, path)
    with monkeypatch.context() as m:
        m.setattr(GraphBaseline, "kept", lambda self, source: None)
        [whole] = load_paths(graph, [path])
    by_whole = dump(graph, settings)

    wipe(graph, settings)
    write_model(old, path)
    load_paths(graph, [path, B])
    write_model(new, path)
    with monkeypatch.context() as m:
        _never_whole(m)
        [dry] = load_paths(graph, [path], dry_run=True)
        [edit] = load_paths(graph, [path])
    assert dump(graph, settings) == by_whole
    for report in (dry, edit):
        assert report.counts == whole.counts
        assert sorted(report.changes) == sorted(whole.changes)
        assert report.semantic is not None and whole.semantic is not None
        assert changes.to_data(report.semantic) == changes.to_data(whole.semantic)
        assert report.party_changes == whole.party_changes
    assert edit.totals["relationships_removed"] == 1 and edit.totals["nodes_added"] == 1
    assert edit.content_hash == new.content_hash()
    assert loaded_model(graph, SA) == new  # kg diff --graph
    assert len(_chunk_keys(graph, settings)) == len(snapshot.layout(new).chunks)

    # the same bytes again: known without reading; the same content reformatted: unchanged
    [again] = load_paths(graph, [path])
    assert again.status == "unchanged"
    path.write_text(new.to_text("json").replace("\n  ", "\n    "), encoding="utf-8")
    with monkeypatch.context() as m:
        _never_whole(m)
        [same] = load_paths(graph, [path])
    assert same.status == "unchanged"
    assert dump(graph, settings) == by_whole


def test_a_source_changed_since_the_file_was_read_is_refreshed_whole(
    graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    path, other = tmp_path / "a.json", tmp_path / "other.json"
    old, new = _old(), _new(_old())
    write_model(old, path)
    load_paths(graph, [path])
    write_model(new, path)
    [item] = read_sources([path], baseline=GraphBaseline(graph))
    assert item.edit is not None
    between = old.model_copy(deep=True)
    between.activities[0].name = "另一个版本"
    write_model(between, other)
    load_paths(graph, [other])  # the graph no longer holds what the edit was read against
    [report] = refresh_all(graph, [item])
    assert report.status == "applied"
    assert loaded_model(graph, SA) == new
    refreshed = dump(graph, settings)
    wipe(graph, settings)
    load_paths(graph, [path])
    assert dump(graph, settings) == refreshed


def test_removals_are_edits_and_a_shorter_model_leaves_no_chunk_behind(
    graph: Graph, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.json"
    old = _old()
    write_model(old, path)
    load_paths(graph, [path, B])
    before = _chunk_keys(graph, settings)
    shorter = old.model_copy(deep=True)
    parents = {a.parent for a in shorter.activities}
    shorter.activities = [a for a in shorter.activities if a.id in parents or a.parent is None]
    assert len(shorter.activities) < len(old.activities)
    write_model(shorter, path)
    with monkeypatch.context() as m:
        _never_whole(m)
        [report] = load_paths(graph, [path])
    assert report.totals["nodes_removed"] == len(old.activities) - len(shorter.activities)
    after = _chunk_keys(graph, settings)
    assert len(after) == len(snapshot.layout(shorter).chunks) < len(before)
    assert loaded_model(graph, SA) == shorter
    by_edit = dump(graph, settings)
    wipe(graph, settings)
    load_paths(graph, [path, B])
    assert dump(graph, settings) == by_edit


def test_a_removed_role_still_named_is_refused(graph: Graph, settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    old = _old()
    write_model(old, path)
    load_paths(graph, [path])
    held = dump(graph, settings)
    named = old.activities[1].responsible[0]
    broken = old.model_copy(deep=True)
    broken.roles = [r for r in broken.roles if r.id != named]
    write_model(broken, path)
    with pytest.raises(KgError) as err:
        load_paths(graph, [path])
    assert f"responsible[0]: unknown id {named!r}" in str(err.value)
    assert dump(graph, settings) == held


def test_an_older_snapshot_still_reads(graph: Graph, settings: Settings, tmp_path: Path) -> None:
    """A snapshot an earlier kg wrote (one compressed blob) gives `kg diff --graph` its
    model, and the next load replaces it with chunks."""
    import zlib

    path = tmp_path / "a.json"
    old = _old()
    write_model(old, path)
    load_paths(graph, [path])
    with graph.session(database=settings.database) as s:
        s.run(
            "MATCH (s:KgSnapshot {id: $id}) SET s = {id: $id, content_hash: $h, loader: $l, data: $d}",
            id=SA, h=old.content_hash(), l=refresh.LOADER_VERSION, d=zlib.compress(old.canonical_json()),
        ).consume()
    assert loaded_model(graph, SA) == old
    new = _new(old)
    write_model(new, path)
    [report] = load_paths(graph, [path])  # read whole: the old snapshot has no chunks
    assert report.totals["nodes_added"] == 1
    assert loaded_model(graph, SA) == new
    assert len(_chunk_keys(graph, settings)) == len(snapshot.layout(new).chunks)


def test_a_positional_snapshot_still_reads_and_is_edited(
    graph: Graph, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A snapshot of format 2 (chunks of CHUNK items cut by position, in the slots of
    their positions) gives `kg diff --graph` its model, and a new version of the file is
    read as an edit of it all the same: the next snapshot is cut by identity."""
    import zlib

    path = tmp_path / "a.json"
    old = _old()
    write_model(old, path)
    load_paths(graph, [path, B])
    by_whole_old = dump(graph, settings)
    lay = snapshot.layout(old)
    props: dict[str, Any] = {
        "content_hash": old.content_hash(), "loader": refresh.LOADER_VERSION, "format": 2,
        "source_data": lay.source, "aliases_data": lay.aliases,
        "chunk_kinds": [], "chunk_sizes": [], "chunk_hashes": [],
    }
    for kind in snapshot.LISTS:
        items = getattr(old, kind)
        for start in range(0, len(items), snapshot.CHUNK):
            body = snapshot.dump_items(kind, items[start : start + snapshot.CHUNK])
            props[f"c{len(props['chunk_kinds'])}"] = zlib.compress(body)
            props["chunk_kinds"].append(kind)
            props["chunk_sizes"].append(len(items[start : start + snapshot.CHUNK]))
            props["chunk_hashes"].append(snapshot.digest(body))
    with graph.session(database=settings.database) as s:
        s.run("MATCH (s:KgSnapshot {id: $id}) SET s = $props, s.id = $id", id=SA, props=props).consume()
    assert loaded_model(graph, SA) == old
    assert dump(graph, settings) == by_whole_old
    new = _new(old)
    write_model(new, path)
    with monkeypatch.context() as m:
        _never_whole(m)
        [report] = load_paths(graph, [path])
    assert report.totals["nodes_added"] == 1 and report.totals["relationships_removed"] == 1
    assert loaded_model(graph, SA) == new
    assert len(_chunk_keys(graph, settings)) == len(snapshot.layout(new).chunks)
    by_edit = dump(graph, settings)
    wipe(graph, settings)
    load_paths(graph, [path, B])
    assert dump(graph, settings) == by_edit
