"""Graph values as the explorer's page draws them: kg viz's groups and styles, kg ids,
statements spelt out. No database: a hand-made subgraph."""

from __future__ import annotations

from kg.explore.shapes import graph_json, styles
from kg.viz import EDGE_STYLES, NODE_STYLES, Subgraph, ViewEdge, ViewNode


def subgraph() -> Subgraph:
    g = Subgraph()
    g.nodes["e1"] = ViewNode("e1", ("Role",), {
        "id": "role:客户经理", "name": "客户经理", "name_original": "客戶經理", "name_en": "Account Manager",
        "stated_in": ["doc:a"], "pages": [1], "starts": [5], "ends": [9], "sentences": ["客戶經理"]})
    g.nodes["e2"] = ViewNode("e2", ("Activity",), {"id": "activity:市场", "name": "市场", "kind": "area"})
    g.edges["r1"] = ViewEdge("r1", "MONITORS", "e1", "e2", {
        "rank": "first", "stated_in": ["doc:a", "doc:b"], "pages": [2, 3], "starts": [10, 0],
        "ends": [20, 4], "sentences": ["第一监控人为客户经理", None]})
    return g


def test_nodes_and_edges_keyed_by_kg_ids_with_their_statements() -> None:
    out = graph_json(subgraph(), focus=["e1"])
    assert out["nodes"] == [
        {"id": "role:客户经理", "group": "Role", "labels": ["Role"],
         "names": {"zh": "客户经理", "orig": "客戶經理", "en": "Account Manager"},
         "props": {"id": "role:客户经理"},
         "provenance": [{"document": "doc:a", "page": 1, "start": 5, "end": 9, "sentence": "客戶經理"}],
         "focus": True},
        {"id": "activity:市场", "group": "Area", "labels": ["Activity"], "names": {"zh": "市场"},
         "props": {"id": "activity:市场", "kind": "area"}, "provenance": []},
    ]
    assert out["edges"] == [
        {"id": "r1", "from": "role:客户经理", "to": "activity:市场", "type": "MONITORS",
         "style": "MONITORS first", "props": {"rank": "first"},
         "provenance": [
             {"document": "doc:a", "page": 2, "start": 10, "end": 20, "sentence": "第一监控人为客户经理"},
             {"document": "doc:b", "page": 3, "start": 0, "end": 4, "sentence": None},
         ]},
    ]


def test_a_chain_layout_gives_levels() -> None:
    out = graph_json(subgraph(), layout="hierarchical")
    assert [n["level"] for n in out["nodes"]] == [0, 0]  # no reporting line between them


def test_the_styles_are_kg_viz_styles() -> None:
    s = styles()
    assert list(s["nodes"]) == list(NODE_STYLES) and list(s["edges"]) == list(EDGE_STYLES)
    assert s["edges"]["ASSISTS"] == {"title": "assists 协助人", "color": "#e67e22", "width": 1.8, "dashes": [8, 5]}
    assert s["nodes"]["Area"]["bold"] is True
