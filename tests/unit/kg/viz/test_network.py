"""From a hand-made view to the pyvis network: groups, names, the properties shown, the
provenance rows, focus, levels and bent parallel edges."""

from __future__ import annotations

from typing import Any

from kg.schema import BOOKKEEPING_PROPS, PROVENANCE, SCOPE, SOURCE_PROPS
from kg.viz import Subgraph, View, ViewEdge, ViewNode, build_network
from kg.viz.network import Provenance, shown_props


def stated(*statements: tuple[str, int, str]) -> dict[str, Any]:
    """Provenance as the loader writes it: one entry per (source, page, sentence)."""
    return {
        SCOPE: sorted({s for s, _, _ in statements}),
        "stated_in": [s for s, _, _ in statements],
        "pages": [p for _, p, _ in statements],
        "starts": [10 * p for _, p, _ in statements],
        "ends": [10 * p + 4 for _, p, _ in statements],
        "sentences": [t for _, _, t in statements],
    }


def test_provenance_names_are_the_schemas() -> None:
    props = stated(("doc:a", 1, "一"))
    assert set(props) == {SCOPE, *PROVENANCE}
    assert shown_props({**props, "name": "n", "name_en": "N", "name_original": "o", "code": "2.A"}) == {
        "code": "2.A"
    }


def test_bookkeeping_is_not_shown() -> None:
    props = {**stated(("doc:a", 1, "一")), SOURCE_PROPS: ['{"name": "n"}'], "kind": "area"}
    assert set(BOOKKEEPING_PROPS) <= set(props)
    assert shown_props(props) == {"kind": "area"}


def test_shown_props_are_sorted_and_never_empty() -> None:
    assert shown_props({"z": 1, "a": [1], "empty": "", "none": None, "list": [], "zero": 0}) == {
        "a": [1], "z": 1, "zero": 0,
    }


def test_provenance_rows_store_sources_and_sentences_once() -> None:
    prov = Provenance()
    first = prov.rows(stated(("doc:a", 1, "同一句"), ("doc:b", 2, "另一句")))
    second = prov.rows(stated(("doc:b", 3, "同一句")))
    assert first == [[0, 1, 10, 14, 0], [1, 2, 20, 24, 1]]
    assert second == [[1, 3, 30, 34, 0]]
    assert prov.sources == ["doc:a", "doc:b"]
    assert prov.sentences == ["同一句", "另一句"]
    # shorter lists than stated_in: the missing entries are null
    assert prov.rows({"stated_in": ["doc:c"], "pages": []}) == [[2, None, None, None, None]]
    assert prov.rows({}) == []


def test_build_network() -> None:
    graph = Subgraph()
    graph.nodes["am"] = ViewNode(
        "am", ("Role",),
        {"id": "role:am", "name": "客户经理", "name_original": "客戶經理", "name_en": "Account Manager",
         **stated(("doc:a", 2, "客户经理"))},
    )
    graph.nodes["plan"] = ViewNode("plan", ("Activity",), {"id": "activity:p", "name": "规划", "kind": "activity"})
    graph.nodes["area"] = ViewNode("area", ("Activity",), {"id": "activity:a", "name": "客户关系", "kind": "area"})
    graph.nodes["bare"] = ViewNode("bare", (), {})
    graph.edges["r"] = ViewEdge("r", "RESPONSIBLE", "am", "plan", stated(("doc:a", 3, "主要责任人")))
    graph.edges["m"] = ViewEdge("m", "MONITORS", "am", "plan", {"rank": "first"})
    graph.edges["m2"] = ViewEdge("m2", "MONITORS", "plan", "am", {"rank": "other"})
    graph.edges["p"] = ViewEdge("p", "PART_OF", "plan", "area", {})
    net = build_network(View(title="t", subgraph=graph, focus=["am"]))
    nodes = {n["id"]: n for n in net.nodes}
    assert nodes["am"] == {
        "id": "am", "label": "客户经理", "shape": "box", "group": "Role", "labels": ["Role"],
        "names": {"zh": "客户经理", "orig": "客戶經理", "en": "Account Manager"},
        "props": {"id": "role:am"}, "prov": [[0, 2, 20, 24, 0]], "focus": True,
    }
    assert nodes["area"]["group"] == "Area" and nodes["area"]["shape"] == "box"
    assert nodes["plan"]["group"] == "Activity" and nodes["plan"]["shape"] == "ellipse"
    assert nodes["bare"]["group"] == "Other" and nodes["bare"]["names"] == {"zh": ""}
    assert not any("focus" in n for k, n in nodes.items() if k != "am")
    edges = {e["id"]: e for e in net.edges}
    assert edges["r"] == {
        "from": "am", "to": "plan", "id": "r", "type": "RESPONSIBLE", "style": "RESPONSIBLE",
        "props": {}, "prov": [[0, 3, 30, 34, 1]], "arrows": "to",
    }
    # the second and third relationship between the same two nodes bend more and more
    assert [edges[k].get("bend") for k in ("r", "m", "m2", "p")] == [None, 1, 2, None]
    assert edges["m"]["style"] == "MONITORS first" and edges["m2"]["style"] == "MONITORS other"
    assert net.kg == {"layout": "physics", "sources": ["doc:a"], "sentences": ["客户经理", "主要责任人"]}


def test_hierarchical_views_carry_levels_and_fixed_ones_positions() -> None:
    graph = Subgraph()
    for key in ("boss", "me"):
        graph.nodes[key] = ViewNode(key, ("Role",), {"name": key})
    graph.edges["e"] = ViewEdge("e", "REPORTS_TO", "me", "boss", {"activities": ["activity:x"]})
    chain = build_network(View(title="c", subgraph=graph, layout="hierarchical"))
    assert {n["id"]: n["level"] for n in chain.nodes} == {"boss": 0, "me": 1}
    assert chain.edges[0]["props"] == {"activities": ["activity:x"]}
    fixed = build_network(View(title="f", subgraph=graph, layout="fixed"))
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in fixed.nodes)
    assert not any("level" in n for n in fixed.nodes)
    physics = build_network(View(title="p", subgraph=graph))
    assert not any("level" in n or "x" in n for n in physics.nodes)
