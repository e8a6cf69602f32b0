"""Shared fixtures: a real Neo4j for the whole session, a clean graph for each test.

Without NEO4J_URI the suite starts its own local server (data in .kg/test, Bolt 7688,
HTTP 7475, or KG_TEST_BOLT_PORT/KG_TEST_HTTP_PORT) and stops it at the end.  With NEO4J_URI it uses that server, but refuses to
wipe a database holding data it did not create: the suite marks a database it owns with
one ``:KgTestGuard`` node and only ever deletes graphs that carry the mark (or are empty).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.api import Graph
from kg.config import Settings
from kg.db import Database

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEED = ROOT / "data" / "huawei-marketing-model-v1.txt"
TEST_HOME = ROOT / ".kg" / "test"
GUARD_LABEL = "KgTestGuard"


@pytest.fixture(scope="session")
def settings() -> Iterator[Settings]:
    """Settings of the Neo4j the suite runs against (starting the local test server)."""
    from kg.config import load_settings
    from kg.errors import KgError
    from kg.server import LocalServer

    if os.environ.get("NEO4J_URI"):
        yield load_settings(env_file=None)
        return
    # KG_TEST_BOLT_PORT/KG_TEST_HTTP_PORT: two checkouts can run their suites side by side
    overrides = {
        "home": str(TEST_HOME),
        "bolt_port": int(os.environ.get("KG_TEST_BOLT_PORT", "7688")),
        "http_port": int(os.environ.get("KG_TEST_HTTP_PORT", "7475")),
    }
    settings = load_settings(overrides, environ={}, env_file=None)
    server = LocalServer(settings, echo=print)
    started = server.pid() is None
    try:
        server.start()
    except KgError as exc:  # one clear message, not one error per test
        pytest.exit(f"cannot start the test suite's Neo4j: {exc}", returncode=3)
    settings = load_settings(overrides, environ={}, env_file=None)  # picks up the password
    try:
        yield settings
    finally:
        if started and not os.environ.get("KG_TEST_KEEP_SERVER"):
            server.stop()


@pytest.fixture(scope="session")
def driver(settings: Settings) -> Iterator[Graph]:
    """The library handle (kg.api.Graph) on the suite's database, for the whole session."""
    drv = Graph.open(settings)
    with drv.session() as s:
        guarded = s.run(f"MATCH (g:{GUARD_LABEL}) RETURN count(g) AS c").single(strict=True)["c"]
        others = s.run(
            f"MATCH (n) WHERE NOT n:{GUARD_LABEL} RETURN count(n) AS c"
        ).single(strict=True)["c"]
        if others and not guarded:
            drv.close()
            pytest.exit(
                f"refusing to run: database {settings.database!r} at {settings.uri} holds "
                f"{others} nodes the test suite did not create. Point NEO4J_URI at an empty "
                "database (or unset it to use the suite's own server).",
                returncode=3,
            )
        s.run(f"MERGE (:{GUARD_LABEL} {{owner: 'kg test suite'}})").consume()
    yield drv
    drv.close()


def wipe(driver: Database, settings: Settings) -> None:
    """Delete everything but the guard node, and every constraint and index."""
    with driver.session(database=settings.database) as s:
        s.run(
            f"MATCH (n) WHERE NOT n:{GUARD_LABEL} "
            "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
        ).consume()
        for rec in s.run("SHOW CONSTRAINTS YIELD name RETURN name").data():
            s.run(f"DROP CONSTRAINT `{rec['name']}` IF EXISTS").consume()
        for rec in s.run(
            "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name"
        ).data():
            s.run(f"DROP INDEX `{rec['name']}` IF EXISTS").consume()


@pytest.fixture
def graph(driver: Graph, settings: Settings) -> Graph:
    """A clean graph (the guard node aside) for one test; yields the handle (kg.api.Graph)."""
    wipe(driver, settings)
    return driver


def with_scheme(uri: str, scheme: str) -> str:
    """``uri`` with its scheme replaced (``bolt://h:p`` or ``neo4j://h:p`` -> ``SCHEME://h:p``):
    the suite runs against either (``make test-routing`` sets ``neo4j://``)."""
    rest = uri.split("://", 1)[1]
    return f"{scheme}://{rest}"


def require_tool(path_or_name: str) -> str:
    """The path of a system tool the test needs. Missing: a skip on a developer's machine
    (README: `bash .ci/run` installs it), a failure in CI where it must be there."""
    import shutil

    found = shutil.which(path_or_name)
    if found:
        return found
    message = f"{path_or_name} is not installed (.ci/run installs it with apt-get)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def seed_graph(graph: Graph) -> Graph:
    """A clean graph holding the bundled seed document, loaded the way `kg load` does."""
    graph.load([SEED])
    return graph
