"""Running queries: a canned query by name (parameters checked, typed and resolved), or
ad-hoc Cypher; the answer as a :class:`QueryResult`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from neo4j import ManagedTransaction, Record

from kg.db import Database
from kg.errors import QueryError
from kg.queries.catalogue import get_query
from kg.queries.formats import to_data
from kg.queries.params import coerce_params
from kg.queries.resolve import FIND_BY_SCAN, reading, resolve_params
from kg.queries.transaction import execute, run_statement


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

    def work(tx: ManagedTransaction, scan: bool) -> QueryResult:
        # names resolved and the query run in one transaction: one session, one commit
        bound = resolve_params(tx, query, coerced, scan=scan)
        text = FIND_BY_SCAN if scan and query.name == "find" else query.text
        columns, records = run_statement(tx, text, bound)
        return QueryResult(columns, records, name=query.name, params=bound)

    return reading(db, work)


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
