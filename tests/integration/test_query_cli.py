"""`kg query` and `kg cypher` through the command line (CliRunner)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kg.api import Graph
from kg.cli import cli
from kg.config import Settings

#: ``kg(*args, input=None)``: run the command line, as the ``kg`` fixture does
Run = Callable[..., Result]

pytestmark = pytest.mark.neo4j


@pytest.fixture
def kg(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Run:
    monkeypatch.setenv("NEO4J_URI", settings.uri)
    monkeypatch.setenv("NEO4J_PASSWORD", settings.password or "")
    monkeypatch.setenv("NEO4J_DATABASE", settings.database)
    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> Result:
        return runner.invoke(cli, list(args), input=input)

    return run


def test_list_and_show(kg: Run) -> None:
    listed = kg("query", "--list")
    assert listed.exit_code == 0
    assert "reporting-chain" in listed.output and "params: role (role, required)" in listed.output
    as_json = json.loads(kg("query", "--list", "--format", "json").output)
    assert {"name": "role", "type": "role", "required": True, "default": None, "example": "客户经理"} in next(
        q for q in as_json if q["name"] == "reporting-chain")["params"]
    shown = kg("query", "--show", "reporting-chain")
    assert shown.exit_code == 0
    assert shown.output.startswith("// name: reporting-chain\n")
    assert "MATCH (me:Role {id: $role})" in shown.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "nope"], "unknown query 'nope'; the queries are: activities-by-department,"),
        (["query", "reporting-chain", "-p", "rol=客户经理"],
         "unknown parameter 'rol'; its parameters: role (role, required), activity (activity, default null)"),
        (["query", "sole-responsible", "-p", "min=many"],
         "parameter 'min' (int): expected a whole number, got 'many'"),
        (["query", "reporting-chain"],
         "missing required parameter 'role' (e.g. --param role=客户经理); its parameters: role (role, required)"),
        (["query", "reporting-chain", "-p", "role"], "--param 'role': expected NAME=VALUE"),
        (["query"], "give a query name (kg query --list shows them): activities-by-department"),
    ],
)
def test_usage_errors_exit_2_listing_choices(kg: Run, args: list[str], message: str) -> None:
    # no database needed: these are checked before connecting
    result = kg(*args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_unknown_role_lists_the_roles(kg: Run, seed_graph: Graph) -> None:
    result = kg("query", "reporting-chain", "-p", "role=董事长")
    assert result.exit_code == 2
    assert "parameter 'role': no role is named '董事长'; the graph has: 产品经理 (Product Manager), " in result.output
    assert "办事处主任 (Office Director)" in result.output
    near = kg("query", "reporting-chain", "-p", "role=经理")
    assert "did you mean: 产品经理 (Product Manager), 客户经理 (Account Manager), " in near.output


def test_formats(kg: Run, seed_graph: Graph) -> None:
    args = ["query", "reporting-chain", "-p", "role=客戶經理", "-p", "activity=客户意见直接反馈"]
    data = json.loads(kg(*args, "--format", "json").output)
    assert data == [
        {"level": 1, "role": "客户经理", "role_en": "Account Manager", "superior": "办事处主任",
         "superior_en": "Office Director", "contexts": ["客户意见直接反馈"]},
        {"level": 1, "role": "客户经理", "role_en": "Account Manager", "superior": "行政助理",
         "superior_en": "Administrative Assistant", "contexts": ["客户意见直接反馈"]},
    ]
    rows = list(csv.reader(io.StringIO(kg(*args, "--format", "csv").output)))
    assert rows == [
        ["level", "role", "role_en", "superior", "superior_en", "contexts"],
        ["1", "客户经理", "Account Manager", "办事处主任", "Office Director", "客户意见直接反馈"],
        ["1", "客户经理", "Account Manager", "行政助理", "Administrative Assistant", "客户意见直接反馈"],
    ]
    md = kg(*args, "--format", "markdown").output
    assert md.splitlines()[:3] == [
        "| level | role | role_en | superior | superior_en | contexts |",
        "| --- | --- | --- | --- | --- | --- |",
        "| 1 | 客户经理 | Account Manager | 办事处主任 | Office Director | 客户意见直接反馈 |",
    ]
    table = kg(*args)
    assert table.exit_code == 0
    assert "行政助理" in table.output and "2 row(s)" in table.output


def test_viz_option(kg: Run, seed_graph: Graph, tmp_path: Path) -> None:
    page = tmp_path / "path.html"
    result = kg("query", "path-between-roles", "-p", "from_role=产品经理", "-p", "to_role=办事处主任",
                "--format", "csv", "--viz", str(page))
    assert result.exit_code == 0, result.output
    assert page.is_file() and "产品副主任" in page.read_text(encoding="utf-8")


def test_cypher_read_only_by_default(kg: Run, graph: Graph, settings: Settings) -> None:
    refused = kg("cypher", "CREATE (:Role {id: 'role:x', name: 'x'})")
    assert refused.exit_code == 1
    assert "the query writes to the graph, and this run is read-only: pass --write" in refused.output
    with graph.session(database=settings.database) as s:
        assert s.run("MATCH (r:Role) RETURN count(r) AS c").single(strict=True)["c"] == 0
    written = kg("cypher", "CREATE (r:Role {id: $id, name: $name}) RETURN r.id AS id",
                 "-p", "id=role:x", "-p", "name=x", "--write", "--format", "json")
    assert written.exit_code == 0, written.output
    assert json.loads(written.output) == [{"id": "role:x"}]
    read = kg("cypher", "MATCH (r:Role) WHERE r.id = $id RETURN r.name AS name, $n + 1 AS n",
              "-p", "id=role:x", "-p", "n=2", "--format", "csv")
    assert read.output == "name,n\nx,3\n"
    stdin = kg("cypher", "-", "--format", "csv", input="RETURN 1 AS one")
    assert stdin.output == "one\n1\n"
    # text that a spreadsheet would run as a formula is written as text; numbers stay
    formula = kg("cypher", "RETURN '=1+1' AS f, '@x' AS a, -2 AS n, 'x' AS t", "--format", "csv")
    assert formula.output == "f,a,n,t\n'=1+1,'@x,-2,x\n"


def test_cypher_errors_are_one_line(kg: Run, graph: Graph) -> None:
    bad = kg("cypher", "MATCH (n RETURN n")
    assert bad.exit_code == 1
    assert bad.output.startswith("Error: Cypher syntax error: ")
    assert len(bad.output.strip().splitlines()) == 1
    missing = kg("cypher", "RETURN $x AS x")
    assert missing.exit_code == 1
    assert "give it with --param NAME=VALUE" in missing.output


def test_every_command_has_help(kg: Run) -> None:
    for command in ("query", "cypher", "raci", "validate", "export"):
        result = kg(command, "--help")
        assert result.exit_code == 0
        assert len(result.output) > 200


def test_raci_command(kg: Run, seed_graph: Graph, tmp_path: Path) -> None:
    md = kg("raci")
    assert md.exit_code == 0
    assert "| 2.A | 客户意见直接反馈 | R | S | S | A | C | C |  |" in md.output
    assert kg("raci", "--format", "xlsx").exit_code == 2
    out = tmp_path / "m.xlsx"
    assert kg("raci", "--format", "xlsx", "-o", str(out)).exit_code == 0 and out.is_file()
    bad = kg("raci", "--letters", "boss=B")
    assert bad.exit_code == 2 and "RELATION one of responsible, assists" in bad.output
