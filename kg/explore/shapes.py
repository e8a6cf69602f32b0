"""Graph values as the page draws them: nodes and edges styled exactly as ``kg viz``
draws them (:func:`kg.viz.build_network`: group by label, style by relationship type,
names in three scripts, provenance), keyed by kg's ids instead of Neo4j's element ids so
that a URL can name them, and with every statement spelt out (document, page, span,
sentence)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kg.viz import (
    EDGE_STYLES,
    NODE_STYLES,
    Subgraph,
    ViewData,
    build_network,
    subgraph_from_records,
)


def statements(prov: list[list[Any]], sources: list[str], sentences: list[str]) -> list[dict[str, Any]]:
    """Provenance rows ``[source, page, start, end, sentence]`` (indexes into the tables
    of :class:`kg.viz.network.Provenance`) as one dict each."""
    out = []
    for source, page, start, end, sentence in prov:
        out.append({
            "document": sources[source],
            "page": page,
            "start": start,
            "end": end,
            "sentence": None if sentence is None else sentences[sentence],
        })
    return out


def graph_json(graph: Subgraph, focus: Iterable[str] = (), layout: str = "physics") -> dict[str, Any]:
    """``{"nodes": [...], "edges": [...]}`` of a subgraph: each node ``{id, group, labels,
    names, props, provenance}`` (``id`` is kg's id; ``level`` too in a "hierarchical"
    layout, 0 at the top), each edge ``{id, from, to, type, style, props, provenance}``;
    ``focus`` names element ids drawn larger."""
    view = ViewData(title="", subgraph=graph, layout=layout, focus=list(focus))
    net = build_network(view)
    meta = net.kg
    ids = {key: str(node.props.get("id") or key) for key, node in graph.nodes.items()}
    nodes = []
    for n in net.nodes:
        item = {
            "id": ids[n["id"]],
            "group": n["group"],
            "labels": n["labels"],
            "names": n["names"],
            "props": n["props"],
            "provenance": statements(n["prov"], meta["sources"], meta["sentences"]),
        }
        if n.get("focus"):
            item["focus"] = True
        if "level" in n:
            item["level"] = n["level"]
        nodes.append(item)
    edges = [
        {
            "id": e["id"],
            "from": ids[e["from"]],
            "to": ids[e["to"]],
            "type": e["type"],
            "style": e["style"],
            "props": e["props"],
            "provenance": statements(e["prov"], meta["sources"], meta["sentences"]),
        }
        for e in net.edges
    ]
    return {"nodes": nodes, "edges": edges}


def records_graph(records: Iterable[Any]) -> dict[str, Any]:
    """:func:`graph_json` of every node, relationship and path in query records."""
    return graph_json(subgraph_from_records(records))


def styles() -> dict[str, Any]:
    """The styles of :mod:`kg.viz.styles`, for the page's legend and vis-network groups."""
    return {
        "nodes": {
            key: {"title": s.title, "shape": s.shape, "background": s.background,
                  "border": s.border, "fontColor": s.font_color, "bold": s.bold}
            for key, s in NODE_STYLES.items()
        },
        "edges": {
            key: {"title": s.title, "color": s.color, "width": s.width,
                  "dashes": list(s.dashes) if s.dashes else False}
            for key, s in EDGE_STYLES.items()
        },
    }


__all__ = ["graph_json", "records_graph", "statements", "styles"]
