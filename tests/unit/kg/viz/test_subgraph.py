"""Collecting the graph values of query records into a subgraph. The driver's nodes,
relationships and paths are built by hand here, as the driver builds them from a
server's answer."""

from __future__ import annotations

from typing import Any

from neo4j.graph import Graph, Node, Path, Relationship
from neo4j.time import Date, DateTime

from kg.viz import Subgraph, View, ViewNode, subgraph_from_records


class Driverish:
    """Makes driver graph values the way the driver's hydration does."""

    def __init__(self) -> None:
        self.graph = Graph()
        self.count = 0

    def node(self, element_id: str, labels: tuple[str, ...] = (), **props: Any) -> Node:
        self.count += 1
        return Node(self.graph, element_id, self.count, labels, props)

    def rel(self, element_id: str, rel_type: str, start: Node | None, end: Node | None,
            **props: Any) -> Relationship:
        self.count += 1
        rel = self.graph.relationship_type(rel_type)(self.graph, element_id, self.count, props)
        rel._start_node, rel._end_node = start, end
        return rel


def test_nodes_relationships_and_paths_anywhere_in_a_record() -> None:
    d = Driverish()
    am = d.node("n:am", ("Role",), id="role:am", name="客户经理")
    boss = d.node("n:boss", ("Role",), name="主任")
    top = d.node("n:top", ("Role",), name="总裁")
    up = d.rel("r:1", "REPORTS_TO", am, boss, activities=["activity:a"])
    upper = d.rel("r:2", "REPORTS_TO", boss, top)
    records = [
        {"role": am, "name": "客户经理", "count": 3},  # plain values are ignored
        {"paths": [Path(am, up, upper)], "nested": {"again": [am, {"deeper": (up,)}]}},
        (boss, None),  # a record as a sequence of values
    ]
    graph = subgraph_from_records(records)
    assert list(graph.nodes) == ["n:am", "n:boss", "n:top"]
    assert list(graph.edges) == ["r:1", "r:2"]
    assert graph.edges["r:1"].start == "n:am" and graph.edges["r:1"].end == "n:boss"
    assert graph.edges["r:1"].type == "REPORTS_TO"
    assert graph.edges["r:1"].props == {"activities": ["activity:a"]}
    assert graph.nodes["n:am"].labels == ("Role",) and graph.nodes["n:am"].name == "客户经理"


def test_a_relationship_brings_its_ends_and_a_dangling_one_is_left_out() -> None:
    d = Driverish()
    a, b = d.node("a", ("Activity",), name="a"), d.node("b", ("Output",), name="b")
    graph = Subgraph()
    graph.add(d.rel("r", "PRODUCES", a, b))
    assert set(graph.nodes) == {"a", "b"} and set(graph.edges) == {"r"}
    graph.add(d.rel("half", "PRODUCES", a, None))
    assert "half" not in graph.edges


def test_labels_learnt_later_replace_a_bare_node() -> None:
    d = Driverish()
    graph = Subgraph()
    graph.add(d.node("x", (), name="bare"))
    graph.add(d.node("x", ("Role", "Department"), name="full"))
    assert graph.nodes["x"].labels == ("Department", "Role")  # sorted
    assert graph.nodes["x"].props == {"name": "full"}
    graph.add(d.node("x", ("Output",), name="later"))  # the first with labels stays
    assert graph.nodes["x"].props == {"name": "full"}


def test_properties_become_json_values() -> None:
    d = Driverish()
    node = d.node(
        "s", ("Source",), id="doc:a", loaded_at=DateTime(2026, 1, 2, 3, 4, 5), day=Date(2026, 1, 2),
        pages=[1, 2], mixed=[1, Date(2026, 1, 2)], ok=True, ratio=0.5,
    )
    graph = Subgraph()
    graph.add(node)
    assert graph.nodes["s"].props == {
        "id": "doc:a", "loaded_at": "2026-01-02T03:04:05.000000000", "day": "2026-01-02",
        "pages": [1, 2], "mixed": [1, "2026-01-02"], "ok": True, "ratio": 0.5,
    }


def test_view_node_name() -> None:
    assert ViewNode("k", ("Role",), {"name": "n", "id": "i"}).name == "n"
    assert ViewNode("k", ("Source",), {"title": "t", "id": "i"}).name == "t"
    assert ViewNode("k", ("Role",), {"id": "i", "name": ""}).name == "i"
    assert ViewNode("k", ("A", "B"), {}).name == "A:B"
    assert ViewNode("k", (), {}).name == "k"


def test_view_counts() -> None:
    d = Driverish()
    graph = subgraph_from_records([[d.rel("r", "ASSISTS", d.node("a"), d.node("b"))]])
    view = View(title="t", subgraph=graph)
    assert (view.node_count, view.edge_count) == (2, 1)
    assert view.layout == "auto" and view.params == {} and view.focus == []
