"""A query and the resolution of its names in ONE statement, in one auto-commit read:
one round trip (``RETURN 1`` through ``driver.execute_query`` takes two: BEGIN with
the statement, then COMMIT).

A canned query expects node ids (``$role`` is ``role:客户经理``) while people give
names in any script.  Resolving first and querying next costs four round trips in a
transaction (BEGIN, resolve, query, COMMIT).  Here one statement does both, reading its
parameters as given::

    CALL () { <find every name: FIND_MANY> } WITH collect(...) AS kg_found
    CALL () { CALL () { <the query> } RETURN collect([<its columns>]) AS kg_rows }
    RETURN kg_found, kg_rows

The query runs with the values as they were given: when every value resolves to
itself (an id was given, as kg's own callers and scripts do), its rows are the answer;
when a name resolves to another id, the query runs once more with the ids (a second
round trip); when one names nothing or several things, the two-step path of
:mod:`kg.queries.resolve` gives its messages (what there is, did you mean).  A query
whose columns cannot be read off its last ``RETURN`` (an expression without ``AS``),
and a graph without the full-text index ``find`` seeks, take the two-step path too.

The read is an auto-commit transaction in a READ session: routed to a reader on a
cluster, like the managed read transaction it replaces; not retried by the driver
(a read of a query is repeated by asking again).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from neo4j import ManagedTransaction, Record

from kg.db import Database
from kg.errors import CypherError
from kg.ogm import NAME_EN_INDEX
from kg.queries.params import NODE_TYPES
from kg.queries.resolve import FIND_MANY, candidates, reading, resolve_in
from kg.queries.transaction import auto_read, run_statement

#: The parameter the names to find travel in (the queries' own never start with kg_).
LOOKUPS = "kg_lookups"

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ALIAS = re.compile(r"(?is)^.*\sAS\s+(`(?:[^`]|``)+`|[A-Za-z_][A-Za-z0-9_]*)$")
_END = re.compile(r"(?i)(ORDER\s+BY|SKIP|LIMIT)\b")


def _top_level(text: str) -> list[tuple[int, str]]:
    """(position, character) of the characters of ``text`` outside brackets, strings,
    quoted names and ``//`` comments."""
    out: list[tuple[int, str]] = []
    depth, quote, i = 0, "", 0
    while i < len(text):
        c = text[i]
        if quote:
            if c == "\\" and quote != "`":
                i += 2
                continue
            if c == quote:
                quote = ""
        elif c in "'\"`":
            quote = c
        elif text.startswith("//", i):
            i = text.find("\n", i)
            if i < 0:
                break
            continue
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif depth == 0:
            out.append((i, c))
        i += 1
    return out


@lru_cache(maxsize=256)
def returned_columns(text: str) -> tuple[str, ...] | None:
    """The column names of a read query's last ``RETURN`` (outside any subquery), or None
    when one is not a name or ``… AS name`` (or the query ends otherwise)."""
    top = _top_level(text)
    flat = "".join(c for _, c in top)
    positions = [i for i, _ in top]
    matches = list(re.finditer(r"(?i)(?<![A-Za-z0-9_])RETURN\b", flat))
    if not matches:
        return None
    start = matches[-1].end()
    end = _END.search(flat, start)
    stop = positions[end.start()] if end else len(text)
    body = text[positions[start] if start < len(positions) else len(text) : stop]
    body = re.sub(r"//[^\n]*", "", body).strip().rstrip(";").strip()
    body = re.sub(r"(?i)^DISTINCT\b", "", body).strip()
    items: list[str] = []
    part: list[str] = []
    depth, quote = 0, ""
    for c in body:  # split at commas outside brackets and strings
        if quote:
            quote = "" if c == quote else quote
        elif c in "'\"`":
            quote = c
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c == "," and depth == 0:
            items.append("".join(part).strip())
            part = []
            continue
        part.append(c)
    items.append("".join(part).strip())
    columns: list[str] = []
    for item in items:
        m = _ALIAS.match(item)
        name = m[1] if m else item if _WORD.fullmatch(item) else None
        if not name or name == "*":
            return None
        columns.append(name[1:-1].replace("``", "`") if name.startswith("`") else name)
    return tuple(columns)


def _quoted(name: str) -> str:
    return name if _WORD.fullmatch(name) else "`" + name.replace("`", "``") + "`"


@lru_cache(maxsize=256)
def one_statement(text: str, columns: tuple[str, ...]) -> str:
    """``text`` (a read query returning ``columns``) and the lookup of the names in
    ``$kg_lookups`` (:data:`kg.queries.resolve.FIND_MANY`), as one statement of one row:
    kg_found (key, kind, id, name of each node found), kg_rows (the query's rows)."""
    query = text.strip().rstrip(";")
    find = FIND_MANY.strip().replace("$lookups", "$" + LOOKUPS)
    row = ", ".join(_quoted(c) for c in columns)
    return (
        f"CALL () {{\n{find}\n}}\n"
        "WITH collect({key: key, kind: kind, id: id, name: name}) AS kg_found\n"
        f"CALL () {{\n  CALL () {{\n{query}\n  }}\n  RETURN collect([{row}]) AS kg_rows\n}}\n"
        "RETURN kg_found, kg_rows"
    )


def run_resolved(
    db: Database,
    text: str,
    params: Mapping[str, Any],
    kinds: Mapping[str, str],
    *,
    scan_text: str | None = None,
) -> tuple[list[str], list[Record], dict[str, Any]]:
    """Run the read query ``text`` with ``params``, the values of the parameters named in
    ``kinds`` (param -> a :data:`NODE_TYPES` kind) resolved to node ids first: the
    columns, the records and the parameters it ran with.  ``scan_text``: what runs
    instead of ``text`` on a graph without the full-text index (``find``'s scan)."""

    def two_steps() -> tuple[list[str], list[Record], dict[str, Any]]:
        def work(tx: ManagedTransaction, scan: bool) -> tuple[list[str], list[Record], dict[str, Any]]:
            bound = dict(params)
            for name in wanted:
                bound[name] = resolve_in(tx, kinds[name], bound[name], param=name, scan=scan)
            columns, records = run_statement(tx, scan_text if scan and scan_text else text, bound)
            return columns, records, bound

        return reading(db, work)

    wanted = [name for name in kinds if params.get(name) is not None]
    if not wanted:
        try:
            columns, records = auto_read(db, text, params)
        except CypherError as exc:
            if NAME_EN_INDEX not in str(exc):
                raise
            return two_steps()
        return columns, records, dict(params)
    shape = returned_columns(text)
    if shape is None:
        return two_steps()
    lookups = [
        {"key": f"{name}/{i}", "text": candidate, "labels": list(NODE_TYPES[kinds[name]])}
        for name in wanted
        for i, candidate in enumerate(candidates(params[name]))
    ]
    try:
        _, [record] = auto_read(db, one_statement(text, shape), {**params, LOOKUPS: lookups})
    except CypherError as exc:
        if NAME_EN_INDEX not in str(exc):
            raise
        return two_steps()
    bound = _decide(wanted, params, record["kg_found"])
    if bound is None:  # a name that names nothing, or several things: the messages
        return two_steps()
    if all(bound[name] == params[name] for name in wanted):
        return list(shape), [Record(zip(shape, row, strict=True)) for row in record["kg_rows"]], bound
    columns, records = auto_read(db, text, bound)  # names were given: once more, with ids
    return columns, records, bound


def _decide(wanted: list[str], params: Mapping[str, Any], found: list[dict[str, Any]]) -> dict[str, Any] | None:
    """``params`` with each ``wanted`` name replaced by the one id its first candidate
    that finds anything finds (as :func:`kg.queries.resolve.resolve_in` decides), or
    None when one finds nothing or several nodes."""
    by_key: dict[str, dict[str, dict[str, Any]]] = {}
    for f in found:
        by_key.setdefault(f["key"], {})[f["id"]] = f
    bound = dict(params)
    for name in wanted:
        for i, _candidate in enumerate(candidates(params[name])):
            ids = by_key.get(f"{name}/{i}")
            if ids:
                if len(ids) > 1:
                    return None
                bound[name] = next(iter(ids))
                break
        else:
            return None
    return bound


__all__ = ["LOOKUPS", "one_statement", "returned_columns", "run_resolved"]
