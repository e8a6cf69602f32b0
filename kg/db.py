"""Connections to Neo4j: one driver per settings, errors translated into what to do."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from neo4j import Driver, GraphDatabase
from neo4j.exceptions import (
    AuthError,
    ConfigurationError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from kg.config import Settings
from kg.errors import ConnectionFailed

# The server's notifications (deprecations, performance hints) are for query authors;
# kg's own queries are kept free of them, and a CLI user must not see driver log noise.
logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)


def _hint(settings: Settings) -> str:
    if settings.is_local:
        return "start the local server with `kg server start`, or set NEO4J_URI to a running Neo4j"
    return "check NEO4J_URI and that the server is running and reachable"


def translate(exc: Exception, settings: Settings) -> ConnectionFailed:
    """Turn a driver exception into a one-line message that says what to do."""
    if isinstance(exc, AuthError):
        return ConnectionFailed(
            f"authentication failed for user {settings.username!r} at {settings.uri}: "
            "check NEO4J_USERNAME/NEO4J_PASSWORD (or --username/--password)"
        )
    if isinstance(exc, (ServiceUnavailable, SessionExpired, OSError)):
        return ConnectionFailed(f"cannot reach Neo4j at {settings.uri}: {_hint(settings)}")
    if isinstance(exc, ConfigurationError):
        return ConnectionFailed(f"cannot connect to {settings.uri}: {exc}")
    code = getattr(exc, "code", "") or ""
    if code.endswith("DatabaseNotFound"):
        return ConnectionFailed(
            f"database {settings.database!r} does not exist on {settings.uri}: "
            "set NEO4J_DATABASE (or --database) to an existing one (Community has 'neo4j')"
        )
    message = getattr(exc, "message", None) or str(exc)
    return ConnectionFailed(f"Neo4j at {settings.uri} refused the request: {message}")


def open_driver(settings: Settings) -> Driver:
    """A verified driver for ``settings`` (raises :class:`ConnectionFailed`)."""
    auth = (settings.username, settings.password or "")
    try:
        driver = GraphDatabase.driver(settings.uri, auth=auth, connection_timeout=10.0)
    except (ValueError, ConfigurationError) as exc:
        raise ConnectionFailed(f"cannot use NEO4J_URI {settings.uri!r}: {exc}") from None
    try:
        driver.verify_connectivity()
        with driver.session(database=settings.database) as session:
            session.run("RETURN 1").consume()
    except (Neo4jError, ServiceUnavailable, SessionExpired, ConfigurationError, OSError) as exc:
        driver.close()
        raise translate(exc, settings) from None
    return driver


@contextmanager
def connect(settings: Settings) -> Iterator[Driver]:
    """``with connect(settings) as driver:`` — verified, closed afterwards."""
    driver = open_driver(settings)
    try:
        yield driver
    except (ServiceUnavailable, SessionExpired, AuthError) as exc:
        raise translate(exc, settings) from None
    finally:
        driver.close()


def server_info(driver: Driver, settings: Settings) -> dict[str, Any]:
    """Version, edition, database and node/relationship counts by label/type."""
    with driver.session(database=settings.database) as s:
        comp = s.run(
            "CALL dbms.components() YIELD name, versions, edition "
            "RETURN name, versions[0] AS version, edition"
        ).single()
        labels = [r["label"] for r in s.run("CALL db.labels() YIELD label RETURN label")]
        types = [
            r["relationshipType"]
            for r in s.run("CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType")
        ]
        node_counts: dict[str, int] = {}
        for label in sorted(labels):
            # identifiers cannot be parameters; these come from the server's own catalogue
            # and are escaped, so this reads the count store with no user text in the query
            q = f"MATCH (n:{escape_name(label)}) RETURN count(n) AS c"
            node_counts[label] = s.run(q).single()["c"]  # type: ignore[index]
        rel_counts: dict[str, int] = {}
        for rtype in sorted(types):
            q = f"MATCH ()-[r:{escape_name(rtype)}]->() RETURN count(r) AS c"
            rel_counts[rtype] = s.run(q).single()["c"]  # type: ignore[index]
        from kg.graph import FACT_LABELS  # the graph classes load neomodel: only when needed

        # fact relationships start at a fact node; staged ones (a load under way) do not yet
        starts = " OR ".join(f"a:{label}" for label in FACT_LABELS)
        totals = s.run(
            "CALL () { MATCH (n) RETURN count(n) AS nodes } "
            "CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } "
            f"CALL () {{ MATCH (a)-[r]->() WHERE {starts} RETURN count(r) AS facts }} "
            "RETURN nodes, relationships, facts"
        ).single()
    fact_nodes = sum(node_counts.get(label, 0) for label in FACT_LABELS)
    staged = node_counts.get("KgStaged", 0)
    fact_rels = totals["facts"] if totals else 0
    return {
        "uri": settings.uri,
        "database": settings.database,
        "server": comp["name"] if comp else None,
        "version": comp["version"] if comp else None,
        "edition": comp["edition"] if comp else None,
        "nodes": totals["nodes"] if totals else 0,
        "relationships": totals["relationships"] if totals else 0,
        "fact_nodes": fact_nodes,
        "fact_relationships": fact_rels,
        "staged_nodes": staged,
        "labels": {k: v for k, v in node_counts.items() if v},
        "relationship_types": {k: v for k, v in rel_counts.items() if v},
    }


def escape_name(name: str) -> str:
    """Quote a label or relationship type as a Cypher identifier."""
    return "`" + name.replace("`", "``") + "`"


__all__ = ["connect", "escape_name", "open_driver", "server_info", "translate"]
