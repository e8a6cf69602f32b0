"""Roles keep their identity across documents (#12): generic titles stay apart, aliases join.

Two hand-written documents of the family (tests/data/production-model.txt and
service-model.txt) name managers and directors of several departments by generic titles
(采购部经理, 财务部经理, 办事处主任, 技术部主任); loaded together, each is its own role in
its own department.  A third document names the production document's 质检员 as 质量检验员;
with the alias declared in its model file, the graph has one role stated by both sources.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from kg.api import Graph
from kg.config import Settings
from loaders.document import extract_file
from loaders.refresh import load_paths
from tests.conftest import DATA

PRODUCTION = DATA / "production-model.txt"
SERVICE = DATA / "service-model.txt"


def role_rows(graph: Graph, settings: Settings) -> dict[str, Any]:
    with graph.session(database=settings.database) as s:
        return {
            r["id"]: (r["dept"], r["props"])
            for r in s.run(
                "MATCH (r:Role) OPTIONAL MATCH (r)-[:BELONGS_TO]->(d:Department) "
                "RETURN r.id AS id, d.id AS dept, properties(r) AS props"
            )
        }


def test_generic_titles_of_different_departments_are_distinct_roles(
    graph: Graph, settings: Settings
) -> None:
    load_paths(graph, [PRODUCTION, SERVICE])
    roles = role_rows(graph, settings)
    assert {k: v[0] for k, v in roles.items() if k.endswith(("经理", "主任"))} == {
        "role:采购部经理": "dept:采购部",
        "role:财务部经理": "dept:财务部",
        "role:生产部经理": "dept:生产部",
        "role:质量部经理": "dept:质量部",
        "role:办事处主任": "dept:办事处",
        "role:技术部主任": "dept:技术部",
    }
    assert "role:经理" not in roles and "role:主任" not in roles


def test_one_role_named_two_ways_with_an_alias(
    graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    text = SERVICE.read_text(encoding="utf-8").replace("工程(chéng)师", "工程师")
    other = tmp_path / "inspection.txt"
    other.write_text(text.replace("工程师", "质量检验员"), encoding="utf-8")
    data = extract_file(other).model.to_dict()
    assert any(r["id"] == "role:质量检验员" for r in data["roles"])
    data["aliases"] = {"质量检验员": "role:质检员"}
    model_file = tmp_path / "inspection.yaml"
    model_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    load_paths(graph, [PRODUCTION, model_file])
    roles = role_rows(graph, settings)
    assert "role:质量检验员" not in roles
    _, props = roles["role:质检员"]
    assert sorted(props["sources"]) == sorted(
        ["doc:以客户为中心的生产业务模型", "doc:以客户为中心的服务业务模型"]
    )
    # both statements, each as its document wrote it
    sentences = " ".join(props["sentences"])
    assert "质检员" in sentences and "质量检验员" in sentences
    with graph.session(database=settings.database) as s:
        responsible = {
            r["a"]
            for r in s.run(
                "MATCH (:Role {id: 'role:质检员'})-[:RESPONSIBLE]->(a:Activity) RETURN a.id AS a"
            )
        }
    assert {"activity:来料检验", "activity:故障排除", "activity:技术培训"} <= responsible
