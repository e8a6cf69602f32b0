"""Interactive views: subgraphs read from Neo4j, drawn as ONE self-contained HTML file.

A view is built in three steps, each a module here:

1. **read** (:mod:`kg.viz.reads`) — a view query (``cypher/viz-*.cypher``, parameterised,
   runnable as a canned query too) returns nodes, relationships and paths;
   :func:`subgraph_from_records` (:mod:`kg.viz.subgraph`) collects whatever graph values
   the records hold into a :class:`Subgraph` (the same function draws any canned query's
   result: :func:`write_query_view`);
2. **build** (:mod:`kg.viz.network`) — :func:`build_network` turns the subgraph into a
   pyvis ``Network``: one node per graph node (style by label through vis *groups*,
   :mod:`kg.viz.styles`), one edge per relationship (style by type), a layout chosen by
   the view (:mod:`kg.viz.layout`): top-down levels for reporting chains (superiors
   above), physics up to :data:`PHYSICS_MAX_NODES` nodes (switched off once stable), a
   precomputed force layout beyond;
3. **render** (:mod:`kg.viz.render`) — :func:`render_html` writes the network into kg's
   own template (``kg/templates/view.html``), not pyvis's: vis-network's standalone
   script (shipped in the pyvis package, licence header kept) is embedded inline, nothing
   is loaded from the network, and a Content-Security-Policy with the scripts' hashes
   forbids any other script, any request, and inline event handlers.

Names, descriptions and sentences come from documents: they travel to the page only as
JSON inside ``<script type="application/json">`` (``<``, ``>``, ``&`` escaped), and the
page's script puts them on screen with ``textContent`` / vis tooltips of plain text —
never as HTML.

Only :mod:`kg.viz.reads` touches the database; everything else works on a hand-made
:class:`View` as well. :func:`diff_view` (:mod:`kg.viz.diff`) builds its subgraph from two
models: what changes between two versions, drawn (``kg viz diff``).
"""

from __future__ import annotations

from kg.viz.diff import CHANGE_STYLES, DiffView, diff_view
from kg.viz.layout import PHYSICS_MAX_NODES, choose_layout, force_layout, reporting_levels
from kg.viz.network import build_network
from kg.viz.reads import (
    MAX_NODES,
    activity_view,
    area_view,
    chain_view,
    model_view,
    query_view,
    role_view,
    write_query_view,
)
from kg.viz.render import iframe, render_html, script_json, vis_network_js, write_html
from kg.viz.styles import (
    EDGE_STYLES,
    NODE_STYLES,
    EdgeStyle,
    NodeStyle,
    edge_style_key,
    node_group,
)
from kg.viz.subgraph import (
    Subgraph,
    ViewData,
    ViewEdge,
    ViewError,
    ViewNode,
    subgraph_from_records,
)
from kg.viz.view import View

__all__ = [
    "CHANGE_STYLES",
    "EDGE_STYLES",
    "MAX_NODES",
    "NODE_STYLES",
    "PHYSICS_MAX_NODES",
    "EdgeStyle",
    "NodeStyle",
    "Subgraph",
    "View",
    "ViewData",
    "ViewEdge",
    "ViewError",
    "ViewNode",
    "DiffView",
    "activity_view",
    "area_view",
    "build_network",
    "chain_view",
    "choose_layout",
    "diff_view",
    "edge_style_key",
    "force_layout",
    "iframe",
    "model_view",
    "node_group",
    "query_view",
    "render_html",
    "reporting_levels",
    "role_view",
    "script_json",
    "subgraph_from_records",
    "vis_network_js",
    "write_html",
    "write_query_view",
]
