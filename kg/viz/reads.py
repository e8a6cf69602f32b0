"""The views that read Neo4j, one view query (``cypher/viz-*.cypher``, parameterised,
runnable as a canned query too) each, run in a read transaction; and views of any canned
query's result (:func:`query_view`). They take the library handle (:class:`kg.db.Database`)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from neo4j import ManagedTransaction, Record

from kg import statements
from kg.db import Database
from kg.queries import run_resolved
from kg.viz.render import write_html
from kg.viz.subgraph import Subgraph, ViewError, subgraph_from_records
from kg.viz.view import View

#: A view larger than this is refused (draw a business area instead).
MAX_NODES = 5000


def _run(db: Database, name: str, params: dict[str, Any]) -> list[Record]:
    """Run the view query ``cypher/NAME.cypher`` in a read transaction."""
    text = statements.read(name)

    def work(tx: ManagedTransaction) -> list[Record]:
        return list(tx.run(text, params))

    with db.session(write=False) as session:
        return session.execute_read(work)


def _resolved_run(db: Database, name: str, names: dict[str, tuple[str, str | None]]) -> list[Record]:
    """Run the view query ``cypher/NAME.cypher`` with, for each ``names`` entry ``param:
    (kind, text)``, the id of the node ``text`` names (id, name in either script, English
    name; None stays None), with the canned-query library's messages when none or several
    do: names resolved and the view query run by one statement (kg.queries.single)."""
    params = {param: value for param, (_kind, value) in names.items()}
    kinds = {param: kind for param, (kind, _value) in names.items()}
    _columns, records, _bound = run_resolved(db, statements.read(name), params, kinds)
    return records


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
    records = _resolved_run(
        db, "viz-chain", {"role": ("role", role), "activity": ("activity", activity)}
    )
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
        cypher=statements.read("viz-chain"),
        layout="hierarchical",
        contexts=contexts,
        focus=[s.element_id for s in starts],
    )


def _neighbourhood(
    db: Database, query: str, kind: str, key: str, value: str, title: str
) -> View:
    records = _resolved_run(db, query, {key: ("role" if kind == "role" else "activity", value)})
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
        cypher=statements.read(query),
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
        cypher=statements.read("viz-model"),
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
