"""Sources that disagree: the graph does not depend on the order they were loaded in, each
source's value is kept, and `kg validate` reports the conflict (issue #15, item 6); a
property a source stops stating goes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from kg.api import Graph
from kg.config import Settings
from kg.validate import validate
from loaders.refresh import load_paths
from tests.integration.test_load import dump

pytestmark = pytest.mark.neo4j


def model(source: str, code: str, name_en: str | None = "Review") -> dict[str, Any]:
    return {
        "schema": "kg-org-model/1",
        "source": {"id": source},
        "roles": [{"id": "role:审核员", "name": "审核员"}],
        "activities": [
            {"id": "activity:审核", "name": "审核", "code": code, "name_en": name_en,
             "kind": "activity", "responsible": ["role:审核员"]},
        ],
    }


def write(tmp_path: Path, name: str, data: dict[str, Any]) -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def visible(graph: Graph, settings: Settings) -> dict[tuple[str, str], Any]:
    """The graph without what records the load order (provenance lists are in the order
    sources were loaded; their content is compared as sets)."""
    out = {}
    for n in dump(graph, settings)["nodes"]:
        props = dict(n["props"])
        pairs = sorted(zip(props.pop("sources", []), props.pop("source_props", []), strict=True))
        for key in ("stated_in", "pages", "starts", "ends", "sentences", "content_hash",
                    "path", "file_sha256", "sha256"):
            props.pop(key, None)
        out[(n["label"], props["id"])] = (props, pairs)
    return out


def test_either_load_order_gives_the_same_graph_and_a_finding(
    graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    first = write(tmp_path, "a.yaml", model("doc:a", "1.A"))
    second = write(tmp_path, "b.yaml", model("doc:b", "9.Z", name_en=None))
    load_paths(graph, [first])
    load_paths(graph, [second])
    one_way = visible(graph, settings)
    findings = [f for f in validate(graph, ["conflicting-values"]).findings]
    graph.unload("doc:a")
    graph.unload("doc:b")
    load_paths(graph, [second])
    load_paths(graph, [first])
    other_way = visible(graph, settings)

    assert one_way == other_way
    props, pairs = one_way[("Activity", "activity:审核")]
    assert props["code"] == "1.A"  # doc:a sorts first; the value does not depend on load order
    assert props["name_en"] == "Review"  # only doc:a states it
    assert [source for source, _ in pairs] == ["doc:a", "doc:b"]
    assert '"code":"9.Z"' in pairs[1][1]  # each source's value is kept
    assert [(f.rule, f.severity, f.ids, f.detail) for f in findings] == [
        ("conflicting-values", "warning", ("activity:审核",), 'code: "1.A" in doc:a, "9.Z" in doc:b'),
    ]
    assert validate(graph, ["conflicting-values"]).findings == findings
    # the conflict resolved: no finding
    load_paths(graph, [write(tmp_path, "b.yaml", model("doc:b", "1.A", name_en=None))])
    assert validate(graph, ["conflicting-values"]).findings == []


def test_a_property_a_source_stops_stating_goes(graph: Graph, settings: Settings, tmp_path: Path) -> None:
    path = write(tmp_path, "a.yaml", model("doc:a", "1.A"))
    load_paths(graph, [path])
    write(tmp_path, "a.yaml", model("doc:a", "1.A", name_en=None))
    [report] = load_paths(graph, [path])
    assert report.totals["nodes_changed"] == 1
    props, pairs = visible(graph, settings)[("Activity", "activity:审核")]
    assert "name_en" not in props
    assert "name_en" not in pairs[0][1]
    [again] = load_paths(graph, [path], force=True)  # and the graph agrees with the snapshot
    assert not any(again.totals.values())
