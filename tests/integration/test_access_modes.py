"""Reads ask for read access, writes for write access (#14): on a cluster the driver sends
a read session to a reader and a write session to the leader.

The server guards one half: a write in a read session is refused (the first test), so
every write path of the suite would fail if it ran in one.  The other half — a read in a
write session — works everywhere and only loads the leader, so nothing would notice it:
here the real driver kg opens (through ``kg.db``) notes the access mode of every session
and transaction function kg asks it for, and each read-only operation, through the
library, the notebooks' layer and the command line, must have asked for reads only.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from click.testing import CliRunner
from neo4j import READ_ACCESS, WRITE_ACCESS, Driver, GraphDatabase
from neo4j.exceptions import ClientError

import kg.db
from kg import notebook
from kg.api import Graph
from kg.cli import cli
from kg.config import Settings
from tests.conftest import SEED

pytestmark = pytest.mark.neo4j

SOURCE = "doc:以客户为中心的营销业务模型"


class AccessLog:
    """The access modes kg asked for since the last :meth:`take`."""

    def __init__(self) -> None:
        self.modes: list[str] = []

    def take(self) -> set[str]:
        modes, self.modes = set(self.modes), []
        return modes

    def watch(self, driver: Driver) -> Driver:
        """Note the access mode of each session ``driver`` opens, and of each transaction
        function run in it (``execute_write`` in a read session asks for write access)."""
        open_session = driver.session

        def session(**config: Any) -> Any:
            opened = open_session(**config)
            self.modes.append(config.get("default_access_mode", WRITE_ACCESS))
            for name, mode in (("execute_read", READ_ACCESS), ("execute_write", WRITE_ACCESS)):
                setattr(opened, name, self._noting(mode, getattr(opened, name)))
            return opened

        setattr(driver, "session", session)  # noqa: B010 (mypy refuses an assignment to a method)
        return driver

    def _noting(self, mode: str, run: Callable[..., Any]) -> Callable[..., Any]:
        def noted(*args: Any, **kwargs: Any) -> Any:
            self.modes.append(mode)
            return run(*args, **kwargs)

        return noted


@pytest.fixture
def log(seed_graph: Graph, monkeypatch: pytest.MonkeyPatch) -> Iterator[AccessLog]:
    """The seed loaded; every driver kg opens from now on is watched."""
    log = AccessLog()

    def driver(uri: str, **config: Any) -> Driver:
        return log.watch(GraphDatabase.driver(uri, **config))

    monkeypatch.setattr(kg.db, "GraphDatabase", SimpleNamespace(driver=driver))
    yield log


@pytest.fixture
def g(log: AccessLog, settings: Settings) -> Iterator[Graph]:
    """A library handle on a watched driver (opening it is a read too)."""
    with Graph.open(settings) as handle:
        assert log.take() == {READ_ACCESS}, "the connection check asked for write access"
        yield handle


def test_the_server_refuses_a_write_in_a_read_session(graph: Graph) -> None:
    with graph.session(write=False) as s, pytest.raises(ClientError) as refused:
        s.run("CREATE (:KgAccessModeProbe)").consume()
    assert "AccessMode" in (refused.value.code or "")


def test_a_graph_object_is_a_reader(seed_graph: Graph) -> None:
    role: Any = seed_graph.node("role", "客户经理")  # neomodel objects: untyped
    role.name_en = "Changed Through neomodel"
    with pytest.raises(ClientError) as refused:
        role.save()
    assert "AccessMode" in (refused.value.code or "")
    assert seed_graph.resolve("role", "account manager") == "role:客户经理"  # unchanged


def test_the_library_reads_in_read_sessions(log: AccessLog, g: Graph) -> None:
    area = g.query("area-summary").dicts()[0]["area"]
    reads: dict[str, Callable[[], object]] = {
        "status": g.status,
        "query": lambda: g.query("reporting-chain", role="客户经理"),
        "query by English name": lambda: g.query("role-activities", role="account manager"),
        "cypher": lambda: g.cypher("MATCH (r:Role) RETURN count(r) AS n"),
        "resolve": lambda: g.resolve("role", "客户经理"),
        "node": lambda: g.node("role", "客户经理"),
        "raci": g.raci,
        "raci of an area": lambda: g.raci(area=area),
        "validate": g.validate,
        "view chain": lambda: g.view("chain", role="客户经理"),
        "view role": lambda: g.view("role", role="客户经理"),
        "view activity": lambda: g.view("activity", activity="客户意见直接反馈"),
        "view area": lambda: g.view("area", area=area),
        "view model": lambda: g.view("model"),
        "export": g.export,
        "loaded model": lambda: g.loaded_model(SOURCE),
        "notebook query": lambda: notebook.query(g, "workload"),
        "notebook raci": lambda: notebook.raci_frame(g),
    }
    log.take()
    asked = {}
    for name, read in reads.items():
        read()
        asked[name] = log.take()
    assert {name: modes for name, modes in asked.items() if modes != {READ_ACCESS}} == {}


def test_the_library_writes_in_write_sessions(log: AccessLog, g: Graph) -> None:
    writes: dict[str, Callable[[], object]] = {
        # a what-if changes the graph in a transaction it rolls back: a write all the same
        "what-if": lambda: notebook.what_if_remove(g, "客户经理"),
        "cypher --write": lambda: g.cypher("CREATE (:KgAccessModeProbe)", write=True),
        "install schema": g.install_schema,
        "unload": lambda: g.unload(SOURCE),
        "load": lambda: g.load([SEED]),
    }
    asked = {}
    for name, write in writes.items():
        write()
        asked[name] = log.take()
    assert {name: modes for name, modes in asked.items() if WRITE_ACCESS not in modes} == {}


def test_the_read_only_commands_read_in_read_sessions(log: AccessLog, settings: Settings, tmp_path: Path) -> None:
    conn = ["--uri", settings.uri, "--password", settings.password or "", "--database", settings.database]
    runner = CliRunner()
    history = runner.invoke(cli, ["history", "--format", "json", *conn])
    assert history.exit_code == 0, history.output
    run = json.loads(history.output)[0]["id"]
    log.take()
    commands = [
        ["status"],
        ["query", "workload"],
        ["query", "reporting-chain", "-p", "role=客户经理"],
        ["cypher", "MATCH (a:Activity) RETURN count(a) AS n"],
        ["raci", "--format", "markdown"],
        ["validate"],
        ["export", "--format", "json", "-o", str(tmp_path / "graph.json")],
        ["viz", "chain", "--role", "客户经理", "-o", str(tmp_path / "chain.html")],
        ["viz", "role", "客户经理", "-o", str(tmp_path / "role.html")],
        ["viz", "activity", "客户意见直接反馈", "-o", str(tmp_path / "activity.html")],
        ["viz", "model", "-o", str(tmp_path / "model.html")],
        ["history"],
        ["history", "--show", run],
        ["diff", "--graph", SOURCE, str(SEED)],
    ]
    asked = {}
    for args in commands:
        res = runner.invoke(cli, [*args, *conn])
        assert res.exit_code in (0, 1), (args, res.output)  # validate exits 1 on findings
        asked[" ".join(args[:2])] = log.take()
    assert {name: modes for name, modes in asked.items() if modes != {READ_ACCESS}} == {}
