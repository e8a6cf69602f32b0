"""Interactive views: subgraphs read from Neo4j, drawn as ONE self-contained HTML file.

A view is built in three steps, each a function here:

1. **read** — a view query (``cypher/viz-*.cypher``, parameterised, runnable as a canned
   query too) returns nodes, relationships and paths;  :func:`subgraph_from_records`
   collects whatever graph values the records hold (the same function draws any canned
   query's result: :func:`write_query_view`);
2. **build** — :func:`build_network` turns the subgraph into a pyvis ``Network``: one node
   per graph node (style by label through vis *groups*), one edge per relationship (style
   by type), a layout chosen by the view: top-down levels for reporting chains (superiors
   above), physics up to :data:`PHYSICS_MAX_NODES` nodes (switched off once stable), a
   precomputed force layout beyond;
3. **render** — :func:`render_html` writes the network into kg's own template
   (``kg/templates/view.html``), not pyvis's: vis-network's standalone script (shipped in
   the pyvis package, licence header kept) is embedded inline, nothing is loaded from the
   network, and a Content-Security-Policy with the scripts' hashes forbids any other
   script, any request, and inline event handlers.

Names, descriptions and sentences come from documents: they travel to the page only as
JSON inside ``<script type="application/json">`` (``<``, ``>``, ``&`` escaped), and the
page's script puts them on screen with ``textContent`` / vis tooltips of plain text —
never as HTML.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from neo4j.graph import Node, Relationship
from neo4j.graph import Path as GraphPath
from pyvis.network import Network

from kg.db import Database
from kg.errors import KgError

#: Views with up to this many nodes lay themselves out with physics (then freeze);
#: larger ones get a layout computed here and no physics at all.
PHYSICS_MAX_NODES = 500
#: A view larger than this is refused (draw a business area instead).
MAX_NODES = 5000

VIS_JS = "lib/vis-9.1.2/vis-network.min.js"
TEMPLATES = Path(__file__).resolve().parent / "templates"
FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"
PROVENANCE = ("stated_in", "pages", "starts", "ends", "sentences")
HIDDEN_PROPS = {"sources", *PROVENANCE}


class ViewError(KgError):
    """A view that cannot be drawn: unknown role or activity, too large."""

    exit_code = 1


# --------------------------------------------------------------------------- styles
@dataclass(frozen=True)
class NodeStyle:
    title: str  # legend text
    shape: str
    background: str
    border: str
    font_color: str = "#1d2430"
    bold: bool = False


@dataclass(frozen=True)
class EdgeStyle:
    title: str
    color: str
    width: float
    dashes: bool | tuple[int, ...] = False


#: Node style by group (a label; business areas are their own group).
NODE_STYLES: dict[str, NodeStyle] = {
    "Role": NodeStyle("Role 角色", "box", "#dcebfa", "#3f6fb0"),
    "Department": NodeStyle("Department 部门", "database", "#ece3f5", "#7d58a8"),
    "Area": NodeStyle("Business area 业务领域", "box", "#f7b267", "#b86414", "#2b1a05", True),
    "Activity": NodeStyle("Activity 业务活动", "ellipse", "#fde8cf", "#d9822b"),
    "Output": NodeStyle("Output 业务输出", "box", "#e2f2dc", "#4e9a3a"),
    "Source": NodeStyle("Source 来源", "box", "#eeeeee", "#7a7a7a"),
    "Other": NodeStyle("Other 其他", "dot", "#d0d0d0", "#8a8a8a"),
}
#: Edge style by relationship type (MONITORS is split by rank).
EDGE_STYLES: dict[str, EdgeStyle] = {
    "REPORTS_TO": EdgeStyle("reports to 汇报", "#1f3b73", 2.5),
    "RESPONSIBLE": EdgeStyle("responsible 主要责任人", "#c0392b", 2.5),
    "ASSISTS": EdgeStyle("assists 协助人", "#e67e22", 1.8, (8, 5)),
    "MONITORS first": EdgeStyle("first monitor 第一监控人", "#8e44ad", 2.2, (2, 4)),
    "MONITORS other": EdgeStyle("other monitor 其他监控人", "#b98fd0", 1.4, (2, 6)),
    "PRODUCES": EdgeStyle("produces 输出", "#3c8d2f", 1.6),
    "PART_OF": EdgeStyle("part of 属于", "#8c8c8c", 1.4, (12, 6)),
    "BELONGS_TO": EdgeStyle("belongs to 归属部门", "#7d58a8", 1.4, (4, 3)),
    "INTERFACES_WITH": EdgeStyle("interfaces with 接口部门", "#16a2b8", 1.4, (10, 4, 2, 4)),
    "Other": EdgeStyle("other 其他", "#9a9a9a", 1.2),
}
_GROUP_ORDER = list(NODE_STYLES)
_LABEL_GROUPS = ("Role", "Department", "Activity", "Output", "Source")


def node_group(labels: Iterable[str], props: Mapping[str, Any]) -> str:
    labels = set(labels)
    if "Activity" in labels and props.get("kind") == "area":
        return "Area"
    for label in _LABEL_GROUPS:
        if label in labels:
            return label
    return "Other"


def edge_style_key(rel_type: str, props: Mapping[str, Any]) -> str:
    if rel_type == "MONITORS":
        return "MONITORS first" if props.get("rank") == "first" else "MONITORS other"
    return rel_type if rel_type in EDGE_STYLES else "Other"


# --------------------------------------------------------------------------- subgraph
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


# --------------------------------------------------------------------------- views
@dataclass
class View:
    """A drawable subgraph with what produced it."""

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

    def network(self) -> Network:
        return build_network(self)

    def html(self) -> str:
        return render_html(self)

    def write(self, path: str | Path) -> Path:
        return write_html(self, path)

    def _repr_html_(self) -> str:
        """Inline display in a notebook: the page in a sandboxed iframe (``srcdoc``)."""
        return iframe(self.html())


@cache
def view_cypher(name: str) -> str:
    """The text of ``cypher/NAME.cypher`` (package ``kg.cypher``)."""
    return (resources.files("kg.cypher") / f"{name}.cypher").read_text(encoding="utf-8")


def _run(db: Database, name: str, params: dict[str, Any]) -> list[Any]:
    """Run the view query ``cypher/NAME.cypher`` (read-only)."""
    records, _, _ = db.driver.execute_query(
        view_cypher(name), params, database_=db.database, routing_="r"
    )
    return list(records)


def _resolve(db: Database, kind: str, text: str, param: str) -> str:
    """The id of the node ``text`` names (id, name in either script, English name), with
    the canned-query library's messages when none or several do."""
    from kg.queries import resolve_node

    return resolve_node(db, kind, text, param=param)


def _not_found(kind: str, value: str) -> ViewError:
    return ViewError(
        f"no {kind} matches {value!r} (by id, name in either script, or English name); "
        f"find names with `kg query search --param text=…`"
    )


def chain_view(
    db: Database, role: str, activity: str | None = None
) -> View:
    """The upward reporting chain(s) of ``role``, all contexts or ``activity``'s only."""
    params = {"role": role, "activity": activity}
    bound = {
        "role": _resolve(db, "role", role, "role"),
        "activity": None
        if activity is None
        else _resolve(db, "activity", activity, "activity"),
    }
    records = _run(db, "viz-chain", bound)
    if not records:
        raise _not_found("role", role)
    if activity is not None and all(r["activity"] is None for r in records):
        raise _not_found("activity", activity)
    graph = Subgraph()
    for r in records:  # the role itself, even when it reports to no one
        graph.add(r["start"])
        graph.add(r["paths"])
    contexts = {c["id"]: dict(c) for r in records for c in r["contexts"]}
    starts = [r["start"] for r in records]
    name = starts[0].get("name") or role
    title = f"Reporting chain of {name}"
    if activity is not None:
        act = next(r["activity"] for r in records if r["activity"] is not None)
        title += f" — in the context of {act.get('name') or activity}"
    return View(
        title=title,
        subgraph=graph,
        query="viz-chain",
        params=params,
        cypher=view_cypher("viz-chain"),
        layout="hierarchical",
        contexts=contexts,
        focus=[s.element_id for s in starts],
    )


def _neighbourhood(
    db: Database, query: str, kind: str, key: str, value: str, title: str
) -> View:
    node_id = _resolve(db, "role" if kind == "role" else "activity", value, key)
    records = _run(db, query, {key: node_id})
    if not records:
        raise _not_found(kind, value)
    graph = subgraph_from_records(records)
    centre = [r[key] for r in records]
    name = centre[0].get("name") or value
    return View(
        title=f"{title} {name}",
        subgraph=graph,
        query=query,
        params={key: value},
        cypher=view_cypher(query),
        contexts=_activity_names(graph),
        focus=[c.element_id for c in centre],
    )


def role_view(db: Database, role: str) -> View:
    """A role's neighbourhood: RACI relationships, reporting lines, department, outputs."""
    return _neighbourhood(db, "viz-role", "role", "role", role, "Role")


def activity_view(db: Database, activity: str) -> View:
    """An activity's neighbourhood: who does, assists, monitors it; outputs; context lines."""
    return _neighbourhood(
        db, "viz-activity", "activity", "activity", activity, "Activity"
    )


def area_view(db: Database, area: str) -> View:
    """A business area with all its activities and everything attached to them."""
    return _neighbourhood(db, "viz-area", "business area", "area", area, "Business area")


def model_view(db: Database, max_nodes: int = MAX_NODES) -> View:
    """The whole model."""
    records = _run(db, "viz-model", {})
    graph = subgraph_from_records(records)
    if len(graph.nodes) > max_nodes:
        raise ViewError(
            f"the model has {len(graph.nodes)} nodes, more than {max_nodes} can be drawn "
            "usefully: draw one business area (`kg viz area NAME`), or raise --max-nodes"
        )
    return View(
        title="The whole model",
        subgraph=graph,
        query="viz-model",
        cypher=view_cypher("viz-model"),
        contexts=_activity_names(graph),
    )


def _activity_names(graph: Subgraph) -> dict[str, dict[str, str | None]]:
    return {
        str(n.props["id"]): {
            "name": n.props.get("name"),
            "name_original": n.props.get("name_original"),
            "name_en": n.props.get("name_en"),
        }
        for n in graph.nodes.values()
        if "Activity" in n.labels and n.props.get("id")
    }


def query_view(result: Any, title: str) -> View:
    """A view of a canned query's result (``kg.queries.QueryResult``: ``.records``;
    ``.name``/``.params``/``.cypher`` are shown when present)."""
    graph = subgraph_from_records(result.records)
    name = getattr(result, "name", None)
    params = getattr(result, "params", None)
    cypher = getattr(result, "cypher", None)
    query = getattr(result, "query", None)
    if name is None and query is not None:
        name = getattr(query, "name", None)
        cypher = cypher or getattr(query, "text", None) or getattr(query, "cypher", None)
    only_lines = bool(graph.edges) and all(e.type == "REPORTS_TO" for e in graph.edges.values())
    return View(
        title=title,
        subgraph=graph,
        query=name if isinstance(name, str) else None,
        params=dict(params) if isinstance(params, Mapping) else {},
        cypher=cypher if isinstance(cypher, str) else None,
        layout="hierarchical" if only_lines else "auto",
        contexts=_activity_names(graph),
    )


def write_query_view(result: Any, path: str | Path, title: str) -> Path:
    """Draw the nodes, relationships and paths of a canned query's result into ``path``."""
    view = query_view(result, title)
    if not view.subgraph.nodes:
        columns = ", ".join(getattr(result, "columns", []) or []) or "none"
        raise ViewError(
            f"nothing to draw: the result holds no nodes, relationships or paths "
            f"(columns: {columns}); return nodes or paths to use --viz"
        )
    return write_html(view, path)


# --------------------------------------------------------------------------- build
def reporting_levels(graph: Subgraph) -> dict[str, int]:
    """Levels for a top-down chain: a superior is drawn above everyone reporting to it
    (longest-path layering over REPORTS_TO; cycles are cut where they close)."""
    ups: dict[str, list[str]] = {k: [] for k in graph.nodes}
    for e in graph.edges.values():
        if e.type == "REPORTS_TO":
            ups[e.start].append(e.end)
    height: dict[str, int] = {}
    visiting: set[str] = set()

    def walk(start: str) -> int:
        # iterative DFS: height = 0 at the top of a chain, 1 + max(height of superiors)
        stack: list[tuple[str, int]] = [(start, 0)]
        while stack:
            node, i = stack.pop()
            if i == 0:
                if node in height:
                    continue
                visiting.add(node)
            sups = ups[node]
            if i < len(sups):
                stack.append((node, i + 1))
                sup = sups[i]
                if sup not in height and sup not in visiting:
                    stack.append((sup, 0))
                continue
            visiting.discard(node)
            height[node] = 1 + max((height[s] for s in sups if s in height), default=-1)
        return height[start]

    for key in graph.nodes:
        walk(key)
    return height


def force_layout(
    keys: Sequence[str], pairs: Iterable[tuple[str, str]], iterations: int = 60, seed: int = 7
) -> dict[str, tuple[float, float]]:
    """A Fruchterman-Reingold layout (numpy; dense repulsion, attraction along edges),
    scaled to vis-network pixels. Deterministic for the same input."""
    import numpy as np

    n = len(keys)
    if n == 0:
        return {}
    index = {k: i for i, k in enumerate(keys)}
    links = np.array(
        [(index[a], index[b]) for a, b in pairs if a in index and b in index and a != b],
        dtype=np.int64,
    ).reshape(-1, 2)
    rng = np.random.default_rng(seed)
    x = rng.random(n, dtype=np.float32)
    y = rng.random(n, dtype=np.float32)
    k = np.float32(math.sqrt(1.0 / n))
    temp = np.float32(0.1)
    cool = temp / np.float32(iterations + 1)
    for _ in range(iterations):
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        d2 = dx * dx + dy * dy
        np.maximum(d2, np.float32(1e-6), out=d2)
        rep = (k * k) / d2
        px = (dx * rep).sum(1)
        py = (dy * rep).sum(1)
        if len(links):
            a, b = links[:, 0], links[:, 1]
            lx, ly = x[a] - x[b], y[a] - y[b]
            dist = np.sqrt(lx * lx + ly * ly)
            att = dist / k
            np.subtract.at(px, a, lx * att)
            np.subtract.at(py, a, ly * att)
            np.add.at(px, b, lx * att)
            np.add.at(py, b, ly * att)
        length = np.sqrt(px * px + py * py)
        np.maximum(length, np.float32(1e-6), out=length)
        step = np.minimum(length, temp) / length
        x += px * step
        y += py * step
        temp -= cool
    # scale so that neighbouring nodes sit ~ 120 px apart
    scale = 120.0 / float(k)
    x = (x - x.mean()) * scale
    y = (y - y.mean()) * scale
    return {key: (round(float(x[i]), 1), round(float(y[i]), 1)) for i, key in enumerate(keys)}


def _layout(view: View) -> str:
    if view.layout != "auto":
        return view.layout
    return "physics" if view.node_count <= PHYSICS_MAX_NODES else "fixed"


def _names(props: Mapping[str, Any]) -> dict[str, str]:
    out = {"zh": str(props.get("name") or props.get("title") or props.get("id") or "")}
    if props.get("name_original"):
        out["orig"] = str(props["name_original"])
    if props.get("name_en"):
        out["en"] = str(props["name_en"])
    return out


class _Provenance:
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
        stated = props.get("stated_in") or []
        out: list[list[int | None]] = []
        for i, source in enumerate(stated):
            def at(key: str, i: int = i) -> Any:
                values = props.get(key) or []
                return values[i] if i < len(values) else None

            sentence = at("sentences")
            out.append(
                [
                    self._ix(self.sources, self._source_ix, str(source)),
                    at("pages"),
                    at("starts"),
                    at("ends"),
                    None if sentence is None else self._ix(self.sentences, self._sentence_ix, str(sentence)),
                ]
            )
        return out


def _shown_props(props: Mapping[str, Any]) -> dict[str, Any]:
    skip = HIDDEN_PROPS | {"name", "name_original", "name_en"}
    return {k: v for k, v in sorted(props.items()) if k not in skip and v not in (None, "", [])}


def build_network(view: View) -> Network:
    """The view as a pyvis ``Network``: nodes and edges with their style keys, names and
    provenance; ``net.kg`` holds the tables and settings the page needs besides."""
    layout = _layout(view)
    graph = view.subgraph
    net = Network(directed=True, height="100%", width="100%", heading=view.title)
    prov = _Provenance()
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
            "props": _shown_props(node.props),
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
            "props": _shown_props(edge.props),
            "prov": prov.rows(edge.props),
        }
        if pair_count[pair] > 1:  # a second relationship between the same two nodes
            extra["bend"] = pair_count[pair] - 1
        net.add_edge(edge.start, edge.end, **extra)
    net.kg = {  # type: ignore[attr-defined]
        "layout": layout,
        "sources": prov.sources,
        "sentences": prov.sentences,
    }
    return net


# --------------------------------------------------------------------------- render
@cache
def vis_network_js() -> str:
    """vis-network's standalone build as shipped inside pyvis (Apache-2.0 OR MIT; its
    licence header is kept)."""
    return (resources.files("pyvis") / VIS_JS).read_text(encoding="utf-8")


@cache
def _asset(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html"]),
        keep_trailing_newline=True,
    )


def script_json(data: Any) -> str:
    """JSON safe inside a ``<script>`` element: no ``<``, ``>``, ``&`` or line separators
    survive, so no text can close the element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def _vis_options(layout: str, node_count: int) -> dict[str, Any]:
    groups: dict[str, Any] = {}
    for name, style in NODE_STYLES.items():
        groups[name] = {
            "shape": style.shape,
            "color": {
                "background": style.background,
                "border": style.border,
                "highlight": {"background": "#fff6b3", "border": "#222222"},
                "hover": {"background": style.background, "border": "#222222"},
            },
            "borderWidth": 1.5,
            "font": {
                "face": FONT,
                "color": style.font_color,
                "size": 16 if style.bold else 14,
                **({"bold": {"face": FONT}} if style.bold else {}),
            },
            "margin": 8,
        }
    options: dict[str, Any] = {
        "groups": groups,
        "nodes": {
            "font": {"face": FONT, "size": 14},
            "shapeProperties": {"borderRadius": 4},
            "widthConstraint": {"maximum": 180},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "font": {"face": FONT, "size": 11, "color": "#444", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "selectionWidth": 1.5,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "navigationButtons": False,
            "keyboard": {"enabled": True, "bindToWindow": False},
            "multiselect": True,
        },
    }
    if layout == "hierarchical":  # small views: larger type
        for group in groups.values():
            group["font"]["size"] += 3
        options["edges"]["font"]["size"] = 13
        options["layout"] = {
            "hierarchical": {
                "enabled": True,
                "direction": "UD",
                "sortMethod": "directed",
                "levelSeparation": 130,
                "nodeSpacing": 280,
                "treeSpacing": 220,
                "blockShifting": True,
                "edgeMinimization": True,
                "parentCentralization": True,
            }
        }
        options["physics"] = {"enabled": False}
        options["edges"]["smooth"] = {"type": "cubicBezier", "forceDirection": "vertical", "roundness": 0.4}
    elif layout == "physics":
        options["layout"] = {"improvedLayout": node_count <= 150, "randomSeed": 7}
        options["physics"] = {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -70,
                "centralGravity": 0.008,
                "springLength": 130,
                "springConstant": 0.06,
                "avoidOverlap": 0.6,
            },
            "stabilization": {
                "enabled": True,
                "iterations": 600 if node_count <= 150 else 300, "updateInterval": 50,
                "fit": True,
            },
        }
        options["edges"]["smooth"] = {"type": "continuous", "roundness": 0.3}
    else:  # fixed: positions computed here, no physics, cheap drawing
        options["layout"] = {"improvedLayout": False}
        options["physics"] = {"enabled": False}
        options["edges"]["smooth"] = False
        options["interaction"]["hideEdgesOnDrag"] = True
        options["interaction"]["hideEdgesOnZoom"] = True
    return options


def _legend(net: Network) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    groups: dict[str, int] = {}
    for n in net.nodes:
        groups[n["group"]] = groups.get(n["group"], 0) + 1
    styles: dict[str, int] = {}
    for e in net.edges:
        styles[e["style"]] = styles.get(e["style"], 0) + 1
    node_items = [
        {
            "key": g,
            "title": NODE_STYLES[g].title,
            "count": groups[g],
            "shape": NODE_STYLES[g].shape,
            "background": NODE_STYLES[g].background,
            "border": NODE_STYLES[g].border,
        }
        for g in _GROUP_ORDER
        if g in groups
    ]
    edge_items = [
        {
            "key": s,
            "title": EDGE_STYLES[s].title,
            "count": styles[s],
            "color": EDGE_STYLES[s].color,
            "width": EDGE_STYLES[s].width,
            "dashes": list(EDGE_STYLES[s].dashes) if EDGE_STYLES[s].dashes else [],
        }
        for s in EDGE_STYLES
        if s in styles
    ]
    return node_items, edge_items


def render_html(view: View, net: Network | None = None) -> str:
    """The view as one self-contained HTML page (see the module doc)."""
    net = net or build_network(view)
    meta = getattr(net, "kg", {"layout": _layout(view), "sources": [], "sentences": []})
    node_items, edge_items = _legend(net)
    edge_styles = {
        key: {
            "color": s.color,
            "width": s.width,
            "dashes": list(s.dashes) if s.dashes else False,
        }
        for key, s in EDGE_STYLES.items()
    }
    payload = {
        "title": view.title,
        "query": view.query,
        "params": {k: v for k, v in view.params.items()},
        "layout": meta["layout"],
        "nodes": net.nodes,
        "edges": net.edges,
        "sources": meta["sources"],
        "sentences": meta["sentences"],
        "contexts": view.contexts,
        "edgeStyles": edge_styles,
        "edgeTitles": {k: s.title for k, s in EDGE_STYLES.items()},
        "groupTitles": {k: s.title for k, s in NODE_STYLES.items()},
        "options": _vis_options(meta["layout"], len(net.nodes)),
        "edgeLabels": "contexts" if meta["layout"] == "hierarchical" else "none",
    }
    vis_js = vis_network_js()
    view_js = _asset("view.js")
    for script in (vis_js, view_js):
        if "</script" in script.lower():  # pragma: no cover - a guard on shipped files
            raise RuntimeError("an inline script contains '</script'")
    csp = "; ".join(
        [
            "default-src 'none'",
            f"script-src '{_sha256(vis_js)}' '{_sha256(view_js)}'",
            "style-src 'unsafe-inline'",
            "img-src data:",
            "font-src data:",
            "connect-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    assert '"' not in csp  # written into an attribute as it is
    params_text = ", ".join(f"{k} = {v}" for k, v in view.params.items() if v is not None)
    return _environment().get_template("view.html").render(
        title=view.title,
        query=view.query,
        params_text=params_text,
        cypher=view.cypher,
        params_json=json.dumps(view.params, ensure_ascii=False, indent=2),
        node_count=len(net.nodes),
        edge_count=len(net.edges),
        node_legend=node_items,
        edge_legend=edge_items,
        csp=csp,
        css=_asset("view.css"),
        vis_js=vis_js,
        view_js=view_js,
        data_json=script_json(payload),
    )


def write_html(view: View, path: str | Path) -> Path:
    """Write the view's page to ``path`` (folders are created); returns the path."""
    path = Path(path)
    if path.suffix.lower() not in (".html", ".htm"):
        raise ViewError(f"{path}: a view is an HTML file, name it *.html")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(view.html(), encoding="utf-8")
    tmp.replace(path)
    return path


def iframe(page: str, height: int = 640) -> str:
    """A page as an ``<iframe srcdoc>`` for notebooks (escaped once more as an attribute)."""
    return (
        f'<iframe srcdoc="{html.escape(page, quote=True)}" '
        f'style="width:100%;height:{height}px;border:1px solid #ddd" '
        'sandbox="allow-scripts"></iframe>'
    )


__all__ = [
    "MAX_NODES",
    "PHYSICS_MAX_NODES",
    "Subgraph",
    "View",
    "ViewError",
    "activity_view",
    "area_view",
    "build_network",
    "chain_view",
    "model_view",
    "query_view",
    "render_html",
    "role_view",
    "subgraph_from_records",
    "write_html",
    "write_query_view",
]
