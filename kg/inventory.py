"""What a database holds: server version and edition, node and relationship counts by
label and type, facts apart from bookkeeping (``kg status``)."""

from __future__ import annotations

from typing import Any

from kg.db import Database, escape_name
from kg.schema import FACT_LABELS, STAGED


def server_info(db: Database) -> dict[str, Any]:
    """Version, edition, database and node/relationship counts by label/type."""
    settings = db.settings
    with db.session(write=False) as s:
        comp = s.run(
            "CALL dbms.components() YIELD name, versions, edition "
            "RETURN name, versions[0] AS version, edition"
        ).single()
        labels = [r["label"] for r in s.run("CALL db.labels() YIELD label RETURN label")]
        types = [
            r["relationshipType"]
            for r in s.run("CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType")
        ]
        # identifiers cannot be parameters; these come from the server's own catalogue and
        # are escaped, so the counts read the count store with no user text in the query
        node_counts: dict[str, int] = {}
        for label in sorted(labels):
            rec = s.run(f"MATCH (n:{escape_name(label)}) RETURN count(n) AS c").single()
            node_counts[label] = rec["c"] if rec else 0
        rel_counts: dict[str, int] = {}
        for rtype in sorted(types):
            rec = s.run(f"MATCH ()-[r:{escape_name(rtype)}]->() RETURN count(r) AS c").single()
            rel_counts[rtype] = rec["c"] if rec else 0
        # fact relationships start at a fact node; staged ones (a load under way) do not yet
        starts = " OR ".join(f"a:{label}" for label in FACT_LABELS)
        totals = s.run(
            "CALL () { MATCH (n) RETURN count(n) AS nodes } "
            "CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } "
            f"CALL () {{ MATCH (a)-[r]->() WHERE {starts} RETURN count(r) AS facts }} "
            "RETURN nodes, relationships, facts"
        ).single()
    return {
        "uri": settings.uri,
        "database": settings.database,
        "server": comp["name"] if comp else None,
        "version": comp["version"] if comp else None,
        "edition": comp["edition"] if comp else None,
        "nodes": totals["nodes"] if totals else 0,
        "relationships": totals["relationships"] if totals else 0,
        "fact_nodes": sum(node_counts.get(label, 0) for label in FACT_LABELS),
        "fact_relationships": totals["facts"] if totals else 0,
        "staged_nodes": node_counts.get(STAGED, 0),
        "labels": {k: v for k, v in node_counts.items() if v},
        "relationship_types": {k: v for k, v in rel_counts.items() if v},
    }
