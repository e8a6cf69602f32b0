"""Graph-typed parameters: a role, activity, department or output named by its id, its
canonical (Simplified) name, its original-script name or its English name
(case-insensitive), resolved to the id the Cypher expects."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from neo4j import Record

from kg.db import Database
from kg.errors import CypherError, QueryError
from kg.names import to_simplified
from kg.ogm import NAME_EN_INDEX
from kg.queries.catalogue import CannedQuery, get_query
from kg.queries.params import NODE_TYPES, coerce_params
from kg.queries.transaction import execute


def bind_params(
    db: Database, query: CannedQuery, raw: Mapping[str, Any]
) -> dict[str, Any]:
    """The parameters ``query`` runs with: checked, typed, defaulted, and graph-typed values
    resolved to node ids."""
    params = coerce_params(query, raw)
    for p in query.params:
        if p.type in NODE_TYPES and params[p.name] is not None:
            params[p.name] = resolve_node(db, p.type, params[p.name], param=p.name)
    return params


def resolve_node(
    db: Database, kind: str, text: str, *, param: str | None = None
) -> str:
    """The id of the one ``kind`` node (see :data:`NODE_TYPES`) that ``text`` names: its id,
    canonical name, original-script name or English name (case-insensitive); Traditional
    input also matches the Simplified name.  :class:`QueryError` when none or several do."""
    labels = list(NODE_TYPES[kind])
    finder = get_query("find").text
    what = f"parameter {param!r}: " if param else ""
    candidates = [text.strip()]
    folded = to_simplified(candidates[0])
    if folded != candidates[0]:
        candidates.append(folded)
    for candidate in candidates:
        _, records = run_find(db, finder, {"text": candidate, "labels": labels})
        ids = {r["id"]: r for r in records}
        if len(ids) == 1:
            return next(iter(ids))
        if len(ids) > 1:
            listed = ", ".join(f"{r['id']} ({r['kind']})" for r in ids.values())
            raise QueryError(f"{what}{text!r} names several nodes: {listed}; give the id")
    # nothing: list what there is
    _, records = execute(
        db, get_query("search").text, {"text": folded}
    )
    near = [r for r in records if r["kind"] in labels]
    kind_word = " or ".join(label.lower() for label in labels)
    if near:
        listed = ", ".join(_label(r) for r in near[:15])
        raise QueryError(f"{what}no {kind_word} is named {text!r}; did you mean: {listed}?")
    _, everything = execute(db, get_query("search").text, {"text": ""})
    all_of_kind = [r for r in everything if r["kind"] in labels]
    if not all_of_kind:
        raise QueryError(f"{what}no {kind_word} is named {text!r}: the graph holds none (load a source first)")
    listed = ", ".join(_label(r) for r in all_of_kind[:30])
    more = f" and {len(all_of_kind) - 30} more" if len(all_of_kind) > 30 else ""
    raise QueryError(f"{what}no {kind_word} is named {text!r}; the graph has: {listed}{more}")


#: ``find`` without the full-text index: one scan of the fact nodes, for a graph that was
#: written without kg's schema (by hand, or by a version before the index); same rows.
FIND_BY_SCAN = """
MATCH (n:Role|Department|Activity|Output)
WHERE any(label IN labels(n) WHERE label IN $labels)
  AND (n.id = $text OR n.name = $text OR n.name_original = $text
       OR toLower(n.name_en) = toLower($text))
RETURN labels(n)[0] AS kind, n.id AS id, n.name AS name, n.name_original AS name_original,
       n.name_en AS name_en
ORDER BY kind, id
"""


def run_find(
    db: Database, text: str, params: Mapping[str, Any]
) -> tuple[list[str], list[Record]]:
    """Run ``find`` (its text ``text``); by a scan when the graph lacks the full-text index."""
    try:
        return execute(db, text, params)
    except CypherError as exc:
        if NAME_EN_INDEX not in str(exc):
            raise
        return execute(db, FIND_BY_SCAN, params)


def _label(record: Record) -> str:
    return f"{record['name']} ({record['name_en']})" if record["name_en"] else str(record["name"])


__all__ = ["bind_params", "resolve_node", "run_find"]
