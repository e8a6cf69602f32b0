"""The analyst notebooks: committed without outputs, built on the public library only, and
executed top to bottom against the real Neo4j (connection passed through NEO4J_*)."""

from __future__ import annotations

import importlib
import re
from typing import Any

import pytest

from kg.api import Graph
from kg.config import Settings
from tests.conftest import ROOT

NOTEBOOKS = ROOT / "notebooks"
NAMES = ("01-explore.ipynb", "02-what-if.ipynb")
CYPHER = re.compile(r"\b(MATCH|MERGE|CREATE|DETACH|UNWIND|RETURN)\b")


def read(name: str) -> Any:
    nbformat = importlib.import_module("nbformat")
    return nbformat.read(NOTEBOOKS / name, as_version=4)


@pytest.mark.parametrize("name", NAMES)
def test_committed_clean_and_on_the_public_api(name: str) -> None:
    nb = read(name)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code
    for cell in code:
        assert cell.outputs == [] and cell.execution_count is None, "commit without outputs"
        assert not CYPHER.search(cell.source), f"Cypher pasted into a cell: {cell.source!r}"
        assert not re.search(r"^\s*(class|def) ", cell.source, re.M), cell.source
        for line in cell.source.splitlines():
            if line.startswith(("import ", "from ")):
                module = line.split()[1]
                assert module.split(".")[0] in {"kg", "loaders", "pandas"}, line
                assert not any(part.startswith("_") for part in line.split()), line


def outputs(nb: Any) -> list[str]:
    """Each code cell's outputs as text (plain and HTML), in order."""
    out = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        text = []
        for o in cell.outputs:
            assert o.output_type != "error", o
            data = o.get("data", {})
            text.append(o.get("text", "") + data.get("text/plain", "") + data.get("text/html", ""))
        out.append("\n".join(text))
    return out


def execute(name: str, settings: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    nbclient = importlib.import_module("nbclient")
    monkeypatch.setenv("NEO4J_URI", settings.uri)
    monkeypatch.setenv("NEO4J_USERNAME", settings.username)
    monkeypatch.setenv("NEO4J_PASSWORD", settings.password or "")
    monkeypatch.setenv("NEO4J_DATABASE", settings.database)
    nb = read(name)
    client = nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}
    )
    client.execute()
    return nb


@pytest.mark.neo4j
def test_explore_notebook_runs(graph: Graph, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    out = outputs(execute("01-explore.ipynb", settings, monkeypatch))
    connect, load, workload, chain_all, chain_feedback, raci, chain_view, area, _ = out
    assert settings.database in connect
    assert "'applied'" in load
    assert "客户经理" in workload and "Account Manager" in workload
    assert "销售副主任" in chain_all and "行政助理" in chain_all
    assert "行政助理" in chain_feedback and "销售副主任" not in chain_feedback
    # the styled RACI matrix: the account manager is responsible for customer feedback
    assert "客户意见直接反馈" in raci and "background-color:#f4c7c3" in raci.replace(" ", "")
    # views inline: the self-contained page in an iframe, escaped as an attribute
    assert chain_view.count("<iframe srcdoc=") == 1 and "&lt;script" in chain_view
    assert "22 nodes, 50 relationships" in area


@pytest.mark.neo4j
def test_what_if_notebook_runs_and_changes_nothing(graph: Graph, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    out = outputs(execute("02-what-if.ipynb", settings, monkeypatch))
    _, removed_workload, removed_findings, new_findings, merged_workload, merged_findings, same, _ = out
    # removing the account manager: its 9 activities lose their responsible role
    assert re.search(r"客户经理\s+9\s+0\s+-9", removed_workload)
    assert re.search(r"leaf-without-responsible\s+error\s+0\s+9\s+9", removed_findings)
    assert new_findings.count("<td>no responsible role</td>") == 9  # the HTML table
    # merging: the deputy director of sales takes over the other deputy's 9 activities
    assert re.search(r"销售副主任\s+8\s+17\s+9", merged_workload)
    assert re.search(r"产品副主任\s+9\s+0\s+-9", merged_workload)
    assert "role-without-department" in merged_findings
    # rolled back: the graph is as loaded
    roles = graph.driver.execute_query(
        "MATCH (r:Role) RETURN count(r) AS n", database_=settings.database
    ).records[0]["n"]
    assert roles == 8
    total = graph.driver.execute_query(
        "MATCH (:Role)-[r:RESPONSIBLE|ASSISTS|MONITORS]->(:Activity) RETURN count(r) AS n",
        database_=settings.database,
    ).records[0]["n"]
    assert same.strip() == str(total)
