"""The benchmarks never delete a graph they did not create (#22).

They used to start with ``MATCH (n) DETACH DELETE n`` on whatever NEO4J_URI named: a user
who had exported it for their real graph and ran ``make bench`` lost that graph. Now they
run on their own server unless ``--uri`` says otherwise, and refuse (exit 2, one line,
nothing deleted) a database holding anything a benchmark did not create.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from benchmarks import bench_load, bench_queries, common
from kg.api import Graph
from kg.config import Settings
from kg.server import LocalServer
from tests.conftest import GUARD_LABEL, wipe
from tests.integration.test_load import dump

pytestmark = pytest.mark.neo4j


@pytest.fixture
def server_env(settings: Settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Settings:
    """The suite's server named as a user's would be; results written aside, not over
    the committed ones; the working folder empty, to see what a run leaves in it."""
    monkeypatch.setenv("NEO4J_PASSWORD", settings.password or "")
    monkeypatch.setattr(common, "RESULTS", tmp_path / "results")
    (tmp_path / "cwd").mkdir()
    monkeypatch.chdir(tmp_path / "cwd")
    return settings


def refused(main: Callable[[list[str]], int], argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1, err
    return err


@pytest.mark.parametrize(
    "main", [bench_load.main, bench_queries.main], ids=["bench_load", "bench_queries"]
)
def test_a_benchmark_refuses_a_database_holding_a_users_graph(
    seed_graph: Graph, server_env: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    main: Callable[[list[str]], int],
) -> None:
    before = dump(seed_graph, server_env)
    with seed_graph.session() as s:
        count = s.run("MATCH (n) RETURN count(n) AS c").single(strict=True)["c"]
    err = refused(main, ["--uri", server_env.uri, "--import-dir", str(tmp_path)], capsys) if main is bench_load.main \
        else refused(main, ["--uri", server_env.uri, "--roles", "50"], capsys)
    assert err == (
        f"Error: refusing to run: database {server_env.database!r} at {server_env.uri} holds "
        f"{count} nodes no benchmark created, and a benchmark empties its database. Run "
        "without --uri (the benchmark's own server), or give --uri an empty database.\n"
    )
    assert dump(seed_graph, server_env) == before
    assert not list((tmp_path / "cwd").iterdir())


def test_load_csv_needs_the_servers_import_folder(
    seed_graph: Graph, server_env: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    before = dump(seed_graph, server_env)
    err = refused(bench_load.main, ["--uri", server_env.uri], capsys)
    assert err.startswith("Error: the LOAD CSV reference reads its files from the server's import folder")
    assert dump(seed_graph, server_env) == before


@pytest.fixture
def unguarded(graph: Graph, settings: Settings) -> Iterator[Graph]:
    """An empty database, without even the test suite's mark (put back afterwards)."""
    with graph.session() as s:
        s.run(f"MATCH (g:{GUARD_LABEL}) DELETE g").consume()
    try:
        yield graph
    finally:
        with graph.session() as s:
            s.run(f"MATCH (g:{common.GUARD_LABEL}) DELETE g").consume()
            s.run(f"MERGE (:{GUARD_LABEL} {{owner: 'kg test suite'}})").consume()
        wipe(graph, settings)


def test_an_empty_database_is_claimed_and_a_run_leaves_only_its_mark(
    unguarded: Graph, server_env: Settings, tmp_path: Path
) -> None:
    import_dir = LocalServer(server_env).root / "import"
    assert bench_load.main([
        "--uri", server_env.uri, "--import-dir", str(import_dir),
        "--sizes", "20", "--repeat", "1", "--neomodel-size", "5",
    ]) == 0
    with unguarded.session() as s:
        left = s.run("MATCH (n) RETURN labels(n) AS labels, count(*) AS c").data()
    assert left == [{"labels": [common.GUARD_LABEL], "c": 1}]
    assert not list((tmp_path / "cwd").iterdir())  # no CSV left where it ran
    assert not list(import_dir.glob("*.csv"))  # nor in the server's import folder
    assert (tmp_path / "results" / "load.json").exists()
