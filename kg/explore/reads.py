"""What the explorer's endpoints answer, as JSON-ready values: each a thin shell over what
``kg query``, ``kg raci``, ``kg viz`` and ``kg history`` already do, through the
:class:`kg.api.Graph` handle and the canned-query catalogue (read transactions only).

Lists that can be long are capped (:data:`SEARCH_LIMIT`, :data:`NEIGHBOURS_LIMIT`,
:data:`ROWS_LIMIT`) and say how many more there are.
"""

from __future__ import annotations

from typing import Any

from kg import changes as ch
from kg.api import Graph
from kg.errors import QueryError
from kg.queries import PARAM_TYPES, queries, to_data
from kg.queries.transaction import execute
from kg.raci import RELATION_COLOURS, RELATIONS, build_matrix, check_size
from kg.statements import statement
from kg.viz import Subgraph, View, chain_view, query_view, subgraph_from_records
from kg.viz.styles import node_group

from .shapes import graph_json, records_graph

#: Suggestions shown for a search.
SEARCH_LIMIT = 20
#: Relationships drawn per expansion ("+N more" asks for the next page).
NEIGHBOURS_LIMIT = 40
#: Rows of a query's result sent to the page (the CSV has them all).
ROWS_LIMIT = 1000
#: A saved page draws at most this many expanded nodes, each with at most MAX_EXPANDED
#: relationships.
MAX_EXPANSIONS = 50
MAX_EXPANDED = 2000

#: The page that shows a node of each group.
PAGES = {"Role": "role", "Department": "department", "Activity": "activity", "Area": "area",
         "Output": "output"}


def search(g: Graph, text: str, limit: int = SEARCH_LIMIT) -> dict[str, Any]:
    """Suggestions for ``text`` (canned query ``search``: part of a name in any script or
    English, or an id), the first ``limit`` and how many there are."""
    text = text.strip()
    if not text:
        return {"text": text, "results": [], "total": 0}
    rows = g.query("search", text=text).dicts()
    return {"text": text, "results": rows[:limit], "total": len(rows)}


def node_page(g: Graph, ref: str, skip: int = 0, limit: int = NEIGHBOURS_LIMIT) -> dict[str, Any]:
    """A node (by id, or any name ``kg query`` resolves) with its facts and provenance, and
    a page of its relationships (canned query ``neighbours``) drawn as the views draw."""
    node_id = g.resolve("node", ref)
    result = g.query("neighbours", node=node_id, skip=skip, limit=limit)
    if not result.records:  # resolved in one transaction, gone before the next
        raise QueryError(f"no node {ref!r}")
    record = result.records[0]
    centre = record["node"]
    graph = subgraph_from_records([[centre, record["links"]]])
    shaped = graph_json(graph, focus=[centre.element_id])
    me = next(n for n in shaped["nodes"] if n["id"] == node_id)
    group = node_group(centre.labels, dict(centre.items()))
    relationships = []
    for edge in shaped["edges"]:
        outgoing = edge["from"] == node_id
        relationships.append({**edge, "direction": "out" if outgoing else "in",
                              "other": edge["to"] if outgoing else edge["from"]})
    return {
        "node": {**me, "page": PAGES.get(group, "node")},
        "total": record["total"],
        "skip": skip,
        "limit": limit,
        "more": max(record["total"] - skip - len(relationships), 0),
        "graph": shaped,
        "relationships": relationships,
    }


def chain(
    g: Graph, role: str, activity: str | None = None, direction: str = "up", depth: int = 0
) -> dict[str, Any]:
    """The reporting chain of ``role`` upward (``reporting-chain``) or downward
    (``subordinates``), in all contexts or ``activity``'s, levels up to ``depth`` (0: all);
    upward, drawn as ``kg viz chain`` draws it."""
    if direction not in ("up", "down"):
        raise QueryError(f"direction {direction!r}: up or down")
    name = "reporting-chain" if direction == "up" else "subordinates"
    result = g.query(name, role=role, activity=activity or None)
    rows = [r for r in result.dicts() if not depth or (r["level"] or 0) <= depth]
    answer: dict[str, Any] = {
        "query": name,
        "params": {"role": result.params["role"], "activity": result.params.get("activity")},
        "columns": result.columns,
        "rows": [[r[c] for c in result.columns] for r in rows],
        "graph": None,
    }
    if direction == "up":
        view = chain_view(g, result.params["role"], result.params.get("activity"))
        shaped = graph_json(view.subgraph, view.focus, layout="hierarchical")
        if depth:  # keep what the rows name: the role and its superiors up to depth
            keep = {result.params["role"]}
            names = {r["superior"] for r in rows}
            keep |= {n["id"] for n in shaped["nodes"] if n["names"].get("zh") in names}
            shaped["nodes"] = [n for n in shaped["nodes"] if n["id"] in keep]
            shaped["edges"] = [e for e in shaped["edges"] if e["from"] in keep and e["to"] in keep]
        answer["graph"] = shaped
    return answer


def path(g: Graph, from_role: str, to_role: str, limit: int = 5) -> dict[str, Any]:
    """The shortest connections between two roles or departments (``path-between-roles``)."""
    result = g.query("path-between-roles", from_role=from_role, to_role=to_role, limit=limit)
    return {
        "params": result.params,
        "columns": ["hops", "route"],
        "rows": [[r["hops"], r["route"]] for r in result.dicts()],
        "graph": records_graph(result.records),
    }


def raci(g: Graph, area: str | None = None) -> dict[str, Any]:
    """The RACI matrix (``kg raci``), of one business area or all, with its letters and the
    colours of the html matrix."""
    matrix = build_matrix(g, None, area or None)
    check_size(matrix)
    return {
        "area": area or None,
        "letters": matrix.letters,
        "colours": {matrix.letters[r]: c for r, c in RELATION_COLOURS.items()},
        "order": [matrix.letters[r] for r in RELATIONS],
        "parties": [{"id": p.id, "name": p.name, "kind": p.kind} for p in matrix.parties],
        "rows": [
            {
                "id": r.id, "name": r.name, "name_en": r.name_en, "code": r.code,
                "kind": r.kind, "depth": r.depth, "area": r.area,
                "cells": {p.id: matrix.cell(r, p) for p in matrix.parties if matrix.cell(r, p)},
            }
            for r in matrix.rows
        ],
    }


def catalogue() -> list[dict[str, Any]]:
    """Every canned query with its declared parameters: what a form is generated from."""
    return [
        {
            "name": q.name,
            "description": q.description,
            "returns": list(q.returns),
            "params": [
                {
                    "name": p.name, "type": p.type, "required": p.required,
                    "default": to_data(p.default), "example": p.example,
                    "choices": list(p.choices), "help": PARAM_TYPES[p.type],
                }
                for p in q.params
            ],
        }
        for q in queries()
    ]


def run(g: Graph, name: str, params: dict[str, str]) -> dict[str, Any]:
    """A canned query's result (``kg query NAME -p k=v…``): the first :data:`ROWS_LIMIT`
    rows, and a graph when the rows hold nodes, relationships or paths."""
    result = g.query(name, **params)
    graph = subgraph_from_records(result.records[:ROWS_LIMIT])
    return {
        "query": name,
        "params": result.params,
        "columns": result.columns,
        "rows": [list(r) for r in result.rows()[:ROWS_LIMIT]],
        "total": len(result),
        "graph": graph_json(graph) if graph.nodes else None,
    }


def history(g: Graph, source: str | None = None, limit: int = 50) -> dict[str, Any]:
    """The recorded load runs, newest first (``kg history``)."""
    _, records = execute(g, statement("history"), {"source": source or None, "limit": limit})
    return {"runs": [dict(r) for r in records]}


def run_report(g: Graph, run_id: str) -> dict[str, Any]:
    """What one load run changed, as ``kg history --show RUN`` prints it (and as data)."""
    _, records = execute(g, statement("run-changes"), {"run": run_id})
    if not records:
        raise QueryError(f"no load run {run_id!r} is recorded")
    if len({r["id"] for r in records}) > 1:
        raise QueryError(f"{run_id!r} names several runs; give more of the id")
    rec = records[0]
    run_info = {k: rec[k] for k in ("id", "started_at", "source", "status", "old_version", "new_version")}
    if rec["changes"] is None:
        return {"run": run_info, "report": None, "text": None}
    report = ch.unpack(rec["changes"])
    return {"run": run_info, "report": ch.to_data(report), "text": ch.to_text(report)}


def expanded_view(g: Graph, ref: str, expanded: list[str]) -> View:
    """A node's page as the graph shows it: its neighbourhood and that of each node
    ``expanded`` (``id`` or ``id@N``: its first N relationships), as one view."""
    graph = Subgraph()
    focus = []
    for entry in [ref, *expanded]:
        node, at, count = entry.rpartition("@")
        if not (at and count.isdigit() and int(count) > 0):  # an id may hold '@' too
            node, count = entry, str(NEIGHBOURS_LIMIT)
        limit = int(count)
        result = g.query("neighbours", node=node, skip=0, limit=min(limit, MAX_EXPANDED))
        for record in result.records:
            graph.add([record["node"], record["links"]])
            if entry == ref:
                focus.append(record["node"].element_id)
    centre = graph.nodes.get(focus[0]) if focus else None
    name = centre.name if centre else ref
    return View(title=f"{name} and its neighbourhood", subgraph=graph, query="neighbours",
                params={"node": ref, "expanded": ",".join(expanded) or None},
                contexts=_activity_names(graph), focus=focus)


def _activity_names(graph: Subgraph) -> dict[str, dict[str, str | None]]:
    return {
        str(n.props["id"]): {k: n.props.get(k) for k in ("name", "name_original", "name_en")}
        for n in graph.nodes.values()
        if "Activity" in n.labels and n.props.get("id")
    }


def static_html(g: Graph, view: str, params: dict[str, str]) -> tuple[str, str]:
    """Today's offline page (``kg viz``'s renderer) of what a page shows: its file name and
    HTML.  A node's page with nodes expanded (``x``, as the page's URL has it) is drawn as
    it is on screen; without, as ``kg viz role|activity|area`` draws it."""
    expanded = [x for x in (params.get("x") or "").split(",") if x.strip()]
    if expanded and view in ("role", "activity", "area", "department", "output", "node"):
        if len(expanded) > MAX_EXPANSIONS:
            raise QueryError(f"at most {MAX_EXPANSIONS} expanded nodes in one page")
        page = expanded_view(g, g.resolve("node", params.get("ref") or ""), expanded)
    elif view in ("role", "activity", "area"):
        page = g.view(view, **{view: params.get("ref") or ""})
    elif view == "chain":
        page = g.view("chain", role=params.get("role") or "", activity=params.get("activity") or None)
    elif view in ("department", "output", "node"):
        node_id = g.resolve("node", params.get("ref") or "")
        result = g.query("neighbours", node=node_id, skip=0, limit=NEIGHBOURS_LIMIT)
        page = query_view(result, f"Neighbourhood of {node_id}")
    elif view == "query":
        name = params.pop("query", "")
        result = g.query(name, **params)
        page = query_view(result, f"kg query {name}")
        if not page.subgraph.nodes:
            raise QueryError(f"query {name}: its result holds no nodes to draw")
    else:
        raise QueryError(f"no static view {view!r} (role, activity, area, department, output, chain, query)")
    return f"kg-{view}.html", page.html()


__all__ = [
    "NEIGHBOURS_LIMIT",
    "ROWS_LIMIT",
    "SEARCH_LIMIT",
    "catalogue",
    "chain",
    "history",
    "node_page",
    "path",
    "raci",
    "run",
    "run_report",
    "search",
    "static_html",
]
