"""One statement in one managed transaction (READ unless asked to write), and Neo4j's
refusals as one line that says what to do."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from neo4j import ManagedTransaction, Record
from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

from kg.db import Database
from kg.errors import CypherError

T = TypeVar("T")


def run_statement(
    tx: ManagedTransaction, text: str, params: Mapping[str, Any]
) -> tuple[list[str], list[Record]]:
    """Run ``text`` in the transaction ``tx``: the column names and every record."""
    result = tx.run(text, dict(params))
    records = list(result)
    return list(result.keys()), records


def execute_work(
    db: Database, work: Callable[[ManagedTransaction], T], *, write: bool = False
) -> T:
    """Call ``work`` in one managed transaction (READ access mode unless ``write``): several
    statements, one session and one commit; Neo4j's refusals as :class:`CypherError`."""
    try:
        # the session's access mode too (not only the transaction function's): on a cluster
        # a read session is routed to a reader from its first request
        with db.session(write=write) as session:
            if write:
                return session.execute_write(work)
            return session.execute_read(work)
    except (ServiceUnavailable, SessionExpired) as exc:
        raise db.translate(exc) from None
    except Neo4jError as exc:
        raise cypher_error(exc) from None


def auto_read(
    db: Database, text: str, params: Mapping[str, Any]
) -> tuple[list[str], list[Record]]:
    """Run ``text`` as an auto-commit transaction in a READ session (routed to a reader on
    a cluster): the statement and its answer in one round trip, where a managed
    transaction adds its COMMIT's.  Not retried by the driver; Neo4j's refusals as
    :class:`CypherError`."""
    try:
        with db.session(write=False) as session:
            result = session.run(text, dict(params))
            records = list(result)
            return list(result.keys()), records
    except (ServiceUnavailable, SessionExpired) as exc:
        raise db.translate(exc) from None
    except Neo4jError as exc:
        raise cypher_error(exc) from None


def execute(
    db: Database, text: str, params: Mapping[str, Any], *, write: bool = False
) -> tuple[list[str], list[Record]]:
    """Run ``text`` in one managed transaction (READ access mode unless ``write``): the
    column names and every record."""
    return execute_work(db, lambda tx: run_statement(tx, text, params), write=write)


def cypher_error(exc: Neo4jError) -> CypherError:
    """A one-line message for a query Neo4j refused."""
    code = exc.code or ""
    message = (exc.message or str(exc)).strip().splitlines()[0] if (exc.message or str(exc)) else code
    if code.endswith("AccessMode") or "in read access mode" in message:
        return CypherError(
            "the query writes to the graph, and this run is read-only: pass --write to allow it"
        )
    if code.endswith("SyntaxError"):
        return CypherError(f"Cypher syntax error: {message}")
    if code.endswith("ParameterMissing"):
        return CypherError(f"{message} (give it with --param NAME=VALUE)")
    kind = code.rsplit(".", 1)[-1] if code else "error"
    return CypherError(f"Neo4j refused the query ({kind}): {message}")


__all__ = ["auto_read", "cypher_error", "execute", "execute_work", "run_statement"]
