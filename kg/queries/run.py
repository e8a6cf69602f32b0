"""Running queries: a canned query by name (parameters checked, typed and resolved), or
ad-hoc Cypher; the answer as a :class:`QueryResult`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from neo4j import Record

from kg.db import Database
from kg.errors import QueryError
from kg.queries.catalogue import get_query
from kg.queries.formats import to_data
from kg.queries.params import NODE_TYPES, coerce_params
from kg.queries.resolve import FIND_BY_SCAN
from kg.queries.single import run_resolved
from kg.queries.transaction import execute


@dataclass
class QueryResult:
    """The answer of a query: column names and the driver's records (nodes, relationships
    and paths stay objects, for drawing with :mod:`kg.viz`)."""

    columns: list[str]
    records: list[Record]
    name: str | None = None
    params: dict[str, Any] = field(default_factory=dict)

    def rows(self) -> list[tuple[Any, ...]]:
        """Plain rows: scalars and lists as they are, graph objects as dicts (JSON-ready)."""
        return [tuple(to_data(r[c]) for c in self.columns) for r in self.records]

    def dicts(self) -> list[dict[str, Any]]:
        return [{c: to_data(r[c]) for c in self.columns} for r in self.records]

    def column(self, name: str) -> list[Any]:
        return [to_data(r[name]) for r in self.records]

    def to_dataframe(self) -> Any:
        """A pandas DataFrame of the plain rows (for notebooks)."""
        import pandas as pd

        return pd.DataFrame(self.dicts(), columns=self.columns)

    def __len__(self) -> int:
        return len(self.records)


def run_query(
    db: Database, name: str, params: Mapping[str, Any] | None = None
) -> QueryResult:
    """Run the canned query ``name`` with ``params`` (raw values: text from the command line
    or Python values), read-only."""
    query = get_query(name)
    coerced = coerce_params(query, params or {})
    # names resolved and the query run by one statement (kg.queries.single)
    kinds = {p.name: p.type for p in query.params if p.type in NODE_TYPES}
    scan = FIND_BY_SCAN if query.name == "find" else None
    columns, records, bound = run_resolved(db, query.text, coerced, kinds, scan_text=scan)
    return QueryResult(columns, records, name=query.name, params=bound)


def run_cypher(
    db: Database,
    text: str,
    params: Mapping[str, Any] | None = None,
    *,
    write: bool = False,
) -> QueryResult:
    """Run ad-hoc Cypher; read-only (a READ transaction) unless ``write``."""
    if not text.strip():
        raise QueryError("no Cypher given")
    columns, records = execute(db, text, params or {}, write=write)
    return QueryResult(columns, records, name=None, params=dict(params or {}))


__all__ = ["QueryResult", "run_cypher", "run_query"]
