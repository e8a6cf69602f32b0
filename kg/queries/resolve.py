"""Graph-typed parameters: a role, activity, department or output named by its id, its
canonical (Simplified) name, its original-script name or its English name
(case-insensitive), resolved to the id the Cypher expects."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from neo4j import ManagedTransaction, Record

from kg.db import Database
from kg.errors import CypherError, QueryError
from kg.names import to_simplified
from kg.ogm import NAME_EN_INDEX
from kg.queries.catalogue import CannedQuery, get_query
from kg.queries.params import NODE_TYPES, coerce_params
from kg.queries.transaction import execute_work, run_statement

T = TypeVar("T")


def bind_params(
    db: Database, query: CannedQuery, raw: Mapping[str, Any]
) -> dict[str, Any]:
    """The parameters ``query`` runs with: checked, typed, defaulted, and graph-typed values
    resolved to node ids."""
    params = coerce_params(query, raw)
    return reading(db, lambda tx, scan: resolve_params(tx, query, params, scan=scan))


def resolve_params(
    tx: ManagedTransaction, query: CannedQuery, params: Mapping[str, Any], *, scan: bool = False
) -> dict[str, Any]:
    """``params`` (coerced) with the graph-typed values resolved to node ids, in ``tx``: every
    name (and its Simplified form) looked up by one statement (:data:`FIND_MANY`), the
    parameters then decided in their order as :func:`resolve_in` decides one."""
    bound = dict(params)
    wanted = [p for p in query.params if p.type in NODE_TYPES and bound[p.name] is not None]
    if scan or not wanted:
        for p in wanted:
            bound[p.name] = resolve_in(tx, p.type, bound[p.name], param=p.name, scan=scan)
        return bound
    lookups = [
        {"key": f"{p.name}/{i}", "text": candidate, "labels": list(NODE_TYPES[p.type])}
        for p in wanted
        for i, candidate in enumerate(candidates(bound[p.name]))
    ]
    _, records = run_statement(tx, FIND_MANY, {"lookups": lookups})
    found: dict[str, list[Record]] = {}
    for r in records:
        found.setdefault(r["key"], []).append(r)
    for p in wanted:
        text = bound[p.name]
        for i, _candidate in enumerate(candidates(text)):
            ids = {r["id"]: r for r in found.get(f"{p.name}/{i}", [])}
            if ids:
                bound[p.name] = _one(ids, text, param=p.name)
                break
        else:  # nothing: the messages of resolve_in (which lists what there is)
            resolve_in(tx, p.type, text, param=p.name)
    return bound


def reading(db: Database, work: Callable[[ManagedTransaction, bool], T]) -> T:
    """Call ``work(tx, scan)`` in one read transaction: name resolution and the query that
    uses it in one session and one commit.  ``scan`` is False, or True on a second try
    when the graph lacks the full-text index ``find`` seeks (see :data:`FIND_BY_SCAN`)."""
    try:
        return execute_work(db, lambda tx: work(tx, False))
    except CypherError as exc:
        if NAME_EN_INDEX not in str(exc):
            raise
        return execute_work(db, lambda tx: work(tx, True))


def resolve_node(
    db: Database, kind: str, text: str, *, param: str | None = None
) -> str:
    """The id of the one ``kind`` node (see :data:`NODE_TYPES`) that ``text`` names: its id,
    canonical name, original-script name or English name (case-insensitive); Traditional
    input also matches the Simplified name.  :class:`QueryError` when none or several do."""
    return reading(db, lambda tx, scan: resolve_in(tx, kind, text, param=param, scan=scan))


def resolve_in(
    tx: ManagedTransaction, kind: str, text: str, *, param: str | None = None, scan: bool = False
) -> str:
    """:func:`resolve_node` in the transaction ``tx`` (``find`` by a scan if ``scan``)."""
    labels = list(NODE_TYPES[kind])
    finder = FIND_BY_SCAN if scan else get_query("find").text
    what = f"parameter {param!r}: " if param else ""
    names = candidates(text)
    folded = names[-1]
    for candidate in names:
        _, records = run_statement(tx, finder, {"text": candidate, "labels": labels})
        ids = {r["id"]: r for r in records}
        if ids:
            return _one(ids, text, param=param)
    # nothing: list what there is
    _, records = run_statement(tx, get_query("search").text, {"text": folded})
    near = [r for r in records if r["kind"] in labels]
    kind_word = " or ".join(label.lower() for label in labels)
    if near:
        listed = ", ".join(_label(r) for r in near[:15])
        raise QueryError(f"{what}no {kind_word} is named {text!r}; did you mean: {listed}?")
    _, everything = run_statement(tx, get_query("search").text, {"text": ""})
    all_of_kind = [r for r in everything if r["kind"] in labels]
    if not all_of_kind:
        raise QueryError(f"{what}no {kind_word} is named {text!r}: the graph holds none (load a source first)")
    listed = ", ".join(_label(r) for r in all_of_kind[:30])
    more = f" and {len(all_of_kind) - 30} more" if len(all_of_kind) > 30 else ""
    raise QueryError(f"{what}no {kind_word} is named {text!r}; the graph has: {listed}{more}")


def candidates(text: str) -> list[str]:
    """What a name is looked up as: the text (stripped), then its Simplified form if other."""
    out = [text.strip()]
    folded = to_simplified(out[0])
    if folded != out[0]:
        out.append(folded)
    return out


def _one(ids: Mapping[str, Record], text: str, *, param: str | None) -> str:
    """The one id of ``ids`` (found for ``text``); :class:`QueryError` when several."""
    if len(ids) == 1:
        return next(iter(ids))
    what = f"parameter {param!r}: " if param else ""
    listed = ", ".join(f"{r['id']} ({r['kind']})" for r in ids.values())
    raise QueryError(f"{what}{text!r} names several nodes: {listed}; give the id")


#: ``find`` for several names at once (``$lookups``: {key, text, labels} each), one row
#: per (key, node) found: the same index lookups per name as cypher/find.cypher, so that
#: the parameters of one query are resolved by one statement.
FIND_MANY = r"""
UNWIND $lookups AS lookup
CALL (lookup) {
  MATCH (n:Role) WHERE n.id = lookup.text OR n.name = lookup.text OR n.name_original = lookup.text
  RETURN n
  UNION
  MATCH (n:Department)
  WHERE n.id = lookup.text OR n.name = lookup.text OR n.name_original = lookup.text
  RETURN n
  UNION
  MATCH (n:Activity)
  WHERE n.id = lookup.text OR n.name = lookup.text OR n.name_original = lookup.text
  RETURN n
  UNION
  MATCH (n:Output)
  WHERE n.id = lookup.text OR n.name = lookup.text OR n.name_original = lookup.text
  RETURN n
  UNION
  CALL db.index.fulltext.queryNodes(
    'kg_name_en', '"' + replace(replace(lookup.text, '\\', '\\\\'), '"', '\\"') + '"'
  ) YIELD node AS n
  WITH n WHERE toLower(n.name_en) = toLower(lookup.text)
  RETURN n
}
WITH lookup, n WHERE any(label IN labels(n) WHERE label IN lookup.labels)
RETURN lookup.key AS key, labels(n)[0] AS kind, n.id AS id, n.name AS name
ORDER BY key, kind, id
"""


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


def _label(record: Record) -> str:
    return f"{record['name']} ({record['name_en']})" if record["name_en"] else str(record["name"])


__all__ = ["FIND_BY_SCAN", "FIND_MANY", "bind_params", "candidates", "reading", "resolve_in", "resolve_node", "resolve_params"]
