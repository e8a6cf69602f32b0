"""The chain view returns only the longest chains (cypher/viz-chain.cypher): its rows
change, its picture does not — the nodes, relationships and contexts drawn are those of
every chain, prefixes included, as the query returned them before, for every role of
the seed and of a synthetic organisation with matrix lines, over all contexts and
within each activity's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from benchmarks.synthetic import synthetic_org
from kg.api import Graph
from kg.model import write_model
from kg.queries import run_cypher
from kg.viz import chain_view

pytestmark = pytest.mark.neo4j

#: The chain view's query as it was: every chain up from the role, each prefix of a
#: longer one a path of its own.
EVERY_CHAIN = """
MATCH (start:Role {id: $role})
OPTIONAL MATCH (ctx:Activity {id: $activity})
WITH start, ctx
OPTIONAL MATCH p = (start)-[:REPORTS_TO*1..20]->(:Role|Department)
WHERE $activity IS NULL OR all(line IN relationships(p) WHERE ctx.id IN line.activities)
RETURN start, collect(p) AS paths
"""


def _drawn(graph: Graph, role: str, activity: str | None) -> tuple[set[str], set[str], set[str]]:
    view = chain_view(graph, role, activity)
    contexts = set(view.contexts)
    return set(view.subgraph.nodes), set(view.subgraph.edges), contexts


def _every_chain(graph: Graph, role: str, activity: str | None) -> tuple[set[str], set[str], set[str], int]:
    [record] = run_cypher(graph, EVERY_CHAIN, {"role": role, "activity": activity}).records
    nodes = {record["start"].element_id}
    edges: set[str] = set()
    contexts: set[str] = set()
    for path in record["paths"]:
        nodes.update(n.element_id for n in path.nodes)
        for line in path.relationships:
            edges.add(line.element_id)
            contexts.update(line["activities"] or [])
    return nodes, edges, contexts, len(record["paths"])


def _same_picture(graph: Graph) -> int:
    """Compare for every role, over all contexts and in the context of each activity a
    line of its is stated for; the number of chains the longest-only rows left out."""
    roles = run_cypher(
        graph,
        "MATCH (r:Role) RETURN r.id AS id, COLLECT { MATCH (r)-[l:REPORTS_TO]->() "
        "UNWIND l.activities AS a RETURN DISTINCT a } AS contexts ORDER BY id",
    ).records
    assert roles
    left_out = 0
    for r in roles:
        for activity in [None, *r["contexts"]]:
            nodes, edges, contexts, chains = _every_chain(graph, r["id"], activity)
            assert _drawn(graph, r["id"], activity) == (nodes, edges, contexts), (r["id"], activity)
            [row] = graph.query("viz-chain", role=r["id"], activity=activity).records
            left_out += chains - len(row["paths"])
    return left_out


def test_the_seed_chains_draw_the_same(seed_graph: Graph) -> None:
    _same_picture(seed_graph)  # its chains are short: few prefixes to leave out


def test_a_synthetic_organisations_chains_draw_the_same(graph: Graph, tmp_path: Path) -> None:
    path = tmp_path / "org.json"
    write_model(synthetic_org(60), path)
    graph.load([path])
    assert _same_picture(graph) > 0


def test_a_deep_chain_is_one_path(graph: Graph, tmp_path: Path) -> None:
    path = tmp_path / "org.json"
    write_model(synthetic_org(60), path)
    graph.load([path])
    # role 59 reports to 29, 14, 6, 2, 0 (none of them a matrix role: i % 10 != 5)
    [row] = graph.query("viz-chain", role="role:岗位59").records
    paths: list[Any] = row["paths"]
    assert [[n["id"] for n in p.nodes] for p in paths] == [
        ["role:岗位59", "role:岗位29", "role:岗位14", "role:岗位6", "role:岗位2", "role:岗位0"]
    ]
