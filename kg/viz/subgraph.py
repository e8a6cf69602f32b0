"""What a view draws: the nodes and relationships of a subgraph, plain Python values (no
database needed to make one), and :class:`View`, a subgraph with what produced it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from neo4j.graph import Node, Relationship
from neo4j.graph import Path as GraphPath

from kg.errors import KgError


class ViewError(KgError):
    """A view that cannot be drawn: unknown role or activity, too large."""

    exit_code = 1


@dataclass
class ViewNode:
    key: str  # the element id
    labels: tuple[str, ...]
    props: dict[str, Any]

    @property
    def name(self) -> str:
        for key in ("name", "title", "id"):
            if self.props.get(key):
                return str(self.props[key])
        return ":".join(self.labels) or self.key


@dataclass
class ViewEdge:
    key: str
    type: str
    start: str
    end: str
    props: dict[str, Any]


@dataclass
class Subgraph:
    """The nodes and relationships of a view, keyed by element id (no duplicates)."""

    nodes: dict[str, ViewNode] = field(default_factory=dict)
    edges: dict[str, ViewEdge] = field(default_factory=dict)

    def add(self, value: Any) -> None:
        """Add every node, relationship and path found in ``value`` (lists and maps are
        searched; other values are ignored)."""
        if isinstance(value, Node):
            self._add_node(value)
        elif isinstance(value, Relationship):
            self._add_rel(value)
        elif isinstance(value, GraphPath):
            for node in value.nodes:
                self._add_node(node)
            for rel in value.relationships:
                self._add_rel(rel)
        elif isinstance(value, (list, tuple)):
            for item in value:
                self.add(item)
        elif isinstance(value, Mapping):
            for item in value.values():
                self.add(item)

    def _add_node(self, node: Node) -> None:
        known = self.nodes.get(node.element_id)
        if known is None or (not known.labels and node.labels):
            self.nodes[node.element_id] = ViewNode(
                node.element_id, tuple(sorted(node.labels)), _plain(dict(node.items()))
            )

    def _add_rel(self, rel: Relationship) -> None:
        if rel.element_id in self.edges:
            return
        for end in (rel.start_node, rel.end_node):
            if end is not None:
                self._add_node(end)
        if rel.start_node is None or rel.end_node is None:
            return
        self.edges[rel.element_id] = ViewEdge(
            rel.element_id,
            rel.type,
            rel.start_node.element_id,
            rel.end_node.element_id,
            _plain(dict(rel.items())),
        )


def _plain(props: dict[str, Any]) -> dict[str, Any]:
    """Properties as JSON-able values (temporal values become ISO text)."""
    out: dict[str, Any] = {}
    for key, value in props.items():
        if isinstance(value, (str, int, float, bool)) or value is None:
            out[key] = value
        elif isinstance(value, (list, tuple)):
            out[key] = [v if isinstance(v, (str, int, float, bool)) else str(v) for v in value]
        else:
            iso = getattr(value, "iso_format", None)
            out[key] = iso() if callable(iso) else str(value)
    return out


def subgraph_from_records(records: Iterable[Any]) -> Subgraph:
    """Every node, relationship and path in the records (any column, nested in lists)."""
    graph = Subgraph()
    for record in records:
        values = record.values() if hasattr(record, "values") else record
        for value in values:
            graph.add(value)
    return graph


@dataclass
class ViewData:
    """A drawable subgraph with what produced it (:class:`kg.viz.view.View` draws it)."""

    title: str
    subgraph: Subgraph
    query: str | None = None  # the canned/view query's name
    params: dict[str, Any] = field(default_factory=dict)
    cypher: str | None = None
    layout: str = "auto"  # auto | hierarchical | physics | fixed
    #: activity id -> names, for labelling reporting lines with their contexts
    contexts: dict[str, dict[str, str | None]] = field(default_factory=dict)
    #: element ids of the nodes the view is about (drawn larger)
    focus: list[str] = field(default_factory=list)

    @property
    def node_count(self) -> int:
        return len(self.subgraph.nodes)

    @property
    def edge_count(self) -> int:
        return len(self.subgraph.edges)
