"""`kg export`: JSON, GraphML, Archi CSV and model file of the seed."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner

from kg.api import Graph
from kg.cli import cli
from kg.config import Settings
from kg.export import GraphData, archi_id, read_graph, to_graphml, to_json, write_archi_csv

pytestmark = pytest.mark.neo4j
G = "{http://graphml.graphdrawing.org/xmlns}"


def test_json(seed_graph: Graph, settings: Settings) -> None:
    data = json.loads(to_json(read_graph(seed_graph)))
    assert data["format"] == "kg-graph/1"
    assert len(data["nodes"]) == 32 and len(data["relationships"]) == 80
    node = next(n for n in data["nodes"] if n["id"] == "role:客户经理")
    assert node["label"] == "Role"
    assert node["properties"]["name_en"] == "Account Manager"
    rel = next(r for r in data["relationships"]
               if r["type"] == "REPORTS_TO" and r["end"] == "role:办事处主任")
    assert rel["start"] == "role:客户经理"
    assert rel["properties"]["activities"] == ["activity:客户意见直接反馈"]
    assert rel["properties"]["pages"] == [2]


def test_graphml(seed_graph: Graph, settings: Settings) -> None:
    root = ET.fromstring(to_graphml(read_graph(seed_graph)).encode("utf-8"))
    graph = root.find(f"{G}graph")
    assert graph is not None
    nodes = graph.findall(f"{G}node")
    edges = graph.findall(f"{G}edge")
    assert len(nodes) == 32 and len(edges) == 80
    keys = {k.get("id"): (k.get("for"), k.get("attr.name"), k.get("attr.type")) for k in root.findall(f"{G}key")}
    assert keys["n_label"] == ("node", "label", "string")
    assert keys["e_type"] == ("edge", "type", "string")
    assert keys["e_pages"] == ("edge", "pages", "string")  # lists as JSON text
    first = next(e for e in edges if e.get("source") == "role:客户经理" and e.get("target") == "role:办事处主任")
    values = {d.get("key"): d.text or "" for d in first.findall(f"{G}data")}
    assert values["e_type"] == "REPORTS_TO"
    assert json.loads(values["e_activities"]) == ["activity:客户意见直接反馈"]


def test_archi_csv(seed_graph: Graph, settings: Settings, tmp_path: Path) -> None:
    paths = write_archi_csv(read_graph(seed_graph), tmp_path / "archi")
    assert [p.name for p in paths] == ["elements.csv", "relations.csv", "properties.csv"]

    def read(name: str) -> list[list[str]]:
        with open(tmp_path / "archi" / name, encoding="utf-8", newline="") as fh:
            return list(csv.reader(fh))

    elements, relations, properties = read("elements.csv"), read("relations.csv"), read("properties.csv")
    assert elements[0] == ["ID", "Type", "Name", "Documentation", "Specialization"]
    assert relations[0] == ["ID", "Type", "Name", "Documentation", "Source", "Target", "Specialization"]
    assert properties[0] == ["ID", "Key", "Value"]
    assert elements[1][1] == "ArchimateModel"
    types = [e[1] for e in elements[2:]]
    assert (types.count("BusinessActor"), types.count("BusinessRole"), types.count("BusinessProcess"),
            types.count("BusinessObject")) == (2, 8, 16, 6)
    am = archi_id("role:客户经理")
    feedback = archi_id("activity:客户意见直接反馈")
    assert [am, "BusinessRole", "客户经理", "", ""] in elements
    assert elements[[e[0] for e in elements].index(feedback)][3] == "将客户反馈的各种意见直接反馈到公司管理层"
    assignment = next(r for r in relations if r[4] == am and r[5] == feedback)
    assert assignment[1:4] == ["AssignmentRelationship", "responsible", ""]
    assert [assignment[0], "RACI", "R"] in properties
    # every relation ends at exported elements; ids are unique
    ids = {e[0] for e in elements[1:]}
    assert all(r[4] in ids and r[5] in ids for r in relations[1:])
    assert len(ids) == len(elements) - 1
    assert len({r[0] for r in relations[1:]}) == len(relations) - 1 == 80
    letters = [p[2] for p in properties if p[1] == "RACI"]
    assert (letters.count("R"), letters.count("S"), letters.count("A"), letters.count("C")) == (9, 17, 9, 17)


def test_cli(seed_graph: Graph, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", settings.uri)
    monkeypatch.setenv("NEO4J_PASSWORD", settings.password or "")
    runner = CliRunner()
    out = runner.invoke(cli, ["export", "--format", "json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["format"] == "kg-graph/1"
    missing = runner.invoke(cli, ["export", "--format", "archi-csv"])
    assert missing.exit_code == 2
    assert "give --output FOLDER" in missing.output
    ok = runner.invoke(cli, ["export", "--format", "archi-csv", "-o", str(tmp_path / "a")])
    assert ok.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["elements.csv", "properties.csv", "relations.csv"]


SOURCE_KEYS = {"sources", "stated_in", "source_props", "context_sources"}


def _facts(graph: GraphData) -> tuple[list[Any], list[Any]]:
    """Nodes and relationships with every property but those that name sources."""
    def strip(props: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in props.items() if k not in SOURCE_KEYS}

    nodes = sorted((n["label"], n["id"], sorted(strip(n["properties"]).items())) for n in graph.nodes)
    rels = sorted(
        (r["type"], r["start"], r["end"], sorted(strip(r["properties"]).items()))
        for r in graph.relationships
    )
    return nodes, rels


def test_model_export_loads_back_to_the_same_graph(seed_graph: Graph, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.conftest import wipe

    before = _facts(read_graph(seed_graph))
    monkeypatch.setenv("NEO4J_URI", settings.uri)
    monkeypatch.setenv("NEO4J_PASSWORD", settings.password or "")
    path = tmp_path / "merged.yaml"
    out = CliRunner().invoke(cli, ["export", "--format", "model", "-o", str(path)])
    assert out.exit_code == 0, out.output
    assert path.read_text(encoding="utf-8").startswith("schema: kg-org-model/1\nsource:\n  id: kg:export\n")
    wipe(seed_graph, settings)
    loaded = CliRunner().invoke(cli, ["load", str(path), "--format", "json"])
    assert loaded.exit_code == 0, loaded.output
    # every node, relationship and property, provenance included, as before
    assert _facts(read_graph(seed_graph)) == before


def test_model_export_merges_sources(graph: Graph, settings: Settings) -> None:
    from kg.export import to_model
    from kg.model import Source, read_model
    from loaders.facts import to_facts
    from loaders.refresh import load_paths
    from tests.integration.test_load import A, B

    load_paths(graph, [A, B])
    model = to_model(read_graph(graph), Source(id="kg:export"))
    edges = {(r.type, r.from_id, r.to_id, r.rank) for r in to_facts(model).rels.values()}
    stated = {
        (r.type, r.from_id, r.to_id, r.rank)
        for path in (A, B)
        for r in to_facts(read_model(path)).rels.values()
    }
    assert edges == stated


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_graph_written_as_a_document_extracts_to_the_seed(
    seed_graph: Graph, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """The graph as a site-style document (kg export --format docx|html) reads back to the
    facts of the document it was loaded from: every relationship, code and description."""
    from loaders.document import extract_file
    from tests.conftest import SEED
    from tests.fixtures_publish import facts

    monkeypatch.setenv("NEO4J_URI", settings.uri)
    monkeypatch.setenv("NEO4J_PASSWORD", settings.password or "")
    path = tmp_path / f"seed.{fmt}"
    out = CliRunner().invoke(cli, ["export", "--format", fmt, "-o", str(path)])
    assert out.exit_code == 0, out.output
    assert "site style: 4 areas, 12 activities" in out.stderr
    written, seed = facts(extract_file(path).model), facts(extract_file(SEED).model)
    assert written["statements"] == seed["statements"]
    # the graph keeps no order for areas without a code (销售, 服务): by id, not the overview's
    assert sorted(written["activities"]) == sorted(seed["activities"])
    assert written["source"][:2] == seed["source"][:2] == ("以客户为中心的营销业务模型", "Ver1.0")
