"""`kg status` against the session's real Neo4j: counts, JSON, and the failure messages."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner, Result

from kg.api import Graph
from kg.cli import cli
from kg.config import Settings
from tests.conftest import with_scheme

pytestmark = pytest.mark.neo4j


def invoke(settings: Settings, *args: str, **extra: str) -> Result:
    env = {
        "NEO4J_URI": extra.get("uri", settings.uri),
        "NEO4J_USERNAME": settings.username,
        "NEO4J_PASSWORD": extra.get("password", settings.password),
        "NEO4J_DATABASE": extra.get("database", settings.database),
    }
    return CliRunner().invoke(cli, ["status", *args], env=env, catch_exceptions=False)


def test_status_counts_by_label_and_type(graph: Graph, settings: Settings) -> None:
    with graph.session(database=settings.database) as s:
        s.run(
            "CREATE (a:Role {id: 'r1'})-[:REPORTS_TO]->(b:Role {id: 'r2'}), "
            "(a)-[:RESPONSIBLE]->(:Activity {id: 'a1'})"
        ).consume()
    res = invoke(settings, "--format", "json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["edition"] == "community"
    assert data["version"].startswith("5.26.")
    assert data["labels"] == {"Activity": 1, "KgTestGuard": 1, "Role": 2}
    assert data["relationship_types"] == {"REPORTS_TO": 1, "RESPONSIBLE": 1}
    assert data["nodes"] == 4 and data["relationships"] == 2
    assert (data["fact_nodes"], data["fact_relationships"], data["staged_nodes"]) == (3, 2, 0)

    text = invoke(settings)
    assert text.exit_code == 0
    assert "(community)" in text.output
    assert (
        "3 roles, activities, outputs and departments, 2 relationships between them "
        "(and 1 bookkeeping node)" in text.output
    )


def test_wrong_password(settings: Settings) -> None:
    res = invoke(settings, password="definitely-not-it")
    assert res.exit_code == 2
    assert res.output.startswith(f"Error: authentication failed for user 'neo4j' at {settings.uri}")
    assert "definitely-not-it" not in res.output


def test_unknown_database(settings: Settings) -> None:
    res = invoke(settings, database="nosuchdb")
    assert res.exit_code == 2
    assert "database 'nosuchdb' does not exist" in res.output


def test_unreachable_server(settings: Settings) -> None:
    res = invoke(settings, uri="bolt://127.0.0.1:1")
    assert res.exit_code == 2
    assert res.output.strip() == (
        "Error: cannot reach Neo4j at bolt://127.0.0.1:1: check NEO4J_URI and that the "
        "server is running and reachable"
    )


@pytest.mark.parametrize("scheme", ["bolt", "neo4j"])
def test_uri_schemes(settings: Settings, scheme: str) -> None:
    uri = with_scheme(settings.uri, scheme)
    res = invoke(settings, "--format", "json", uri=uri)
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["uri"] == uri


def test_tls_scheme_against_plain_server_fails_cleanly(settings: Settings) -> None:
    uri = with_scheme(settings.uri, "neo4j+s")
    res = invoke(settings, uri=uri)
    assert res.exit_code == 2
    assert res.output == (
        f"Error: the server at {uri} answers, but not with TLS: use neo4j:// for a server "
        "without TLS (neo4j+s:// needs a server with a certificate, as Aura has)\n"
    )


def test_status_tells_of_staged_remains(graph: Graph, settings: Settings) -> None:
    with graph.session(database=settings.database) as s:
        s.run("CREATE (:KgStaged {id: 'role:x'}), (:KgStaged {id: 'role:y'})").consume()
    text = invoke(settings)
    assert text.exit_code == 0
    assert (
        "2 hidden staged nodes are what an interrupted load left: no query of the knowledge "
        "graph sees them, and the next `kg load` deletes them." in text.output
    )
