"""A view as a pyvis ``Network``: one node per graph node (style by label through vis
*groups*), one edge per relationship (style by type), placed as the layout says, each
carrying its names, the properties worth showing and where it is stated."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pyvis.network import Network

from kg.schema import BOOKKEEPING_PROPS, DERIVED_PROPS, NAMES, PROVENANCE
from kg.viz.layout import choose_layout, force_layout, reporting_levels
from kg.viz.styles import NODE_STYLES, edge_style_key, node_group
from kg.viz.subgraph import ViewData

#: Properties not listed with a node or relationship: its names (shown as its label) and
#: the bookkeeping of where it is stated (the provenance is shown as such), and what kg
#: derives for its indexes.
HIDDEN_PROPS: frozenset[str] = frozenset({*BOOKKEEPING_PROPS, *DERIVED_PROPS, *NAMES})
#: The provenance lists, in the order of a provenance row.
STATED_IN, PAGES, STARTS, ENDS, SENTENCES = PROVENANCE


def _names(props: Mapping[str, Any]) -> dict[str, str]:
    out = {"zh": str(props.get("name") or props.get("title") or props.get("id") or "")}
    if props.get("name_original"):
        out["orig"] = str(props["name_original"])
    if props.get("name_en"):
        out["en"] = str(props["name_en"])
    return out


class Provenance:
    """Statements as rows ``[source, page, start, end, sentence]`` with sources and
    sentences stored once (a sentence often states many facts)."""

    def __init__(self) -> None:
        self.sources: list[str] = []
        self.sentences: list[str] = []
        self._source_ix: dict[str, int] = {}
        self._sentence_ix: dict[str, int] = {}

    def _ix(self, table: list[str], index: dict[str, int], value: str) -> int:
        if value not in index:
            index[value] = len(table)
            table.append(value)
        return index[value]

    def rows(self, props: Mapping[str, Any]) -> list[list[int | None]]:
        stated = props.get(STATED_IN) or []
        out: list[list[int | None]] = []
        for i, source in enumerate(stated):
            def at(key: str, i: int = i) -> Any:
                values = props.get(key) or []
                return values[i] if i < len(values) else None

            sentence = at(SENTENCES)
            out.append(
                [
                    self._ix(self.sources, self._source_ix, str(source)),
                    at(PAGES),
                    at(STARTS),
                    at(ENDS),
                    None if sentence is None else self._ix(self.sentences, self._sentence_ix, str(sentence)),
                ]
            )
        return out


def shown_props(props: Mapping[str, Any]) -> dict[str, Any]:
    """The properties listed in tooltips and details: sorted, none empty or hidden."""
    return {
        k: v for k, v in sorted(props.items()) if k not in HIDDEN_PROPS and v not in (None, "", [])
    }


def build_network(view: ViewData) -> Network:
    """The view as a pyvis ``Network``: nodes and edges with their style keys, names and
    provenance; ``net.kg`` holds the tables and settings the page needs besides."""
    layout = choose_layout(view.layout, view.node_count)
    graph = view.subgraph
    net = Network(directed=True, height="100%", width="100%", heading=view.title)
    prov = Provenance()
    levels = reporting_levels(graph) if layout == "hierarchical" else {}
    positions: dict[str, tuple[float, float]] = {}
    if layout == "fixed":
        positions = force_layout(
            list(graph.nodes), ((e.start, e.end) for e in graph.edges.values())
        )
    focus = set(view.focus)
    for key, node in graph.nodes.items():
        group = node_group(node.labels, node.props)
        extra: dict[str, Any] = {
            "group": group,
            "labels": list(node.labels),
            "names": _names(node.props),
            "props": shown_props(node.props),
            "prov": prov.rows(node.props),
        }
        if key in focus:
            extra["focus"] = True
        if layout == "hierarchical":
            extra["level"] = levels.get(key, 0)  # 0 = the top of a chain
        elif layout == "fixed":
            extra["x"], extra["y"] = positions[key]
        net.add_node(key, label=extra["names"]["zh"], shape=NODE_STYLES[group].shape, **extra)
    pair_count: dict[tuple[str, str], int] = {}
    for key, edge in graph.edges.items():
        pair = (min(edge.start, edge.end), max(edge.start, edge.end))
        pair_count[pair] = pair_count.get(pair, 0) + 1
        extra = {
            "id": key,
            "type": edge.type,
            "style": edge_style_key(edge.type, edge.props),
            "props": shown_props(edge.props),
            "prov": prov.rows(edge.props),
        }
        if pair_count[pair] > 1:  # a second relationship between the same two nodes
            extra["bend"] = pair_count[pair] - 1
        net.add_edge(edge.start, edge.end, **extra)
    net.kg = {
        "layout": layout,
        "sources": prov.sources,
        "sentences": prov.sentences,
    }
    return net
