"""Validation rules: the seed's real findings (and nothing spurious), and every rule firing
on a small hand-built graph."""

from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner

from kg.api import Graph
from kg.cli import cli
from kg.config import Settings
from kg.validate import ValidationReport, validate

pytestmark = pytest.mark.neo4j

#: A small organisation, written the way the loader writes (kg/schema.py), with one of
#: every problem the rules look for.
BROKEN = """
CREATE (office:Department {id: 'dept:办事处', name: '办事处', name_original: '辦事處'})
CREATE (audit:Department {id: 'dept:审计部', name: '审计部'})
CREATE (boss:Role {id: 'role:主任', name: '主任'})
CREATE (dep:Role {id: 'role:产品副主任', name: '产品副主任'})
CREATE (dup:Role {id: 'role:办事处产品副主任', name: '办事处产品副主任'})
CREATE (trad:Role {id: 'role:客戶經理', name: '客户经理', name_original: '客戶經理'})
CREATE (simp:Role {id: 'role:客户经理', name: '客户经理', name_original: '客户经理'})
CREATE (a:Role {id: 'role:甲', name: '甲'})
CREATE (b:Role {id: 'role:乙', name: '乙'})
CREATE (lonely:Role {id: 'role:孤', name: '孤'})
CREATE (area:Activity {id: 'activity:区', name: '区', kind: 'area', code: '1'})
CREATE (parent:Activity {id: 'activity:父', name: '父', kind: 'activity', code: '1.A'})
CREATE (child:Activity {id: 'activity:子', name: '子', kind: 'activity', code: '1.A.1'})
CREATE (bare:Activity {id: 'activity:空', name: '空', kind: 'activity', code: '1.B'})
CREATE (two:Activity {id: 'activity:双', name: '双', kind: 'activity', code: '1.C'})
CREATE (orphan:Output {id: 'output:孤单', name: '孤单'})
CREATE (parent)-[:PART_OF]->(area), (child)-[:PART_OF]->(parent), (bare)-[:PART_OF]->(area),
       (two)-[:PART_OF]->(area)
CREATE (boss)-[:BELONGS_TO]->(office), (dep)-[:BELONGS_TO]->(office), (a)-[:BELONGS_TO]->(office),
       (b)-[:BELONGS_TO]->(office), (lonely)-[:BELONGS_TO]->(office), (dup)-[:BELONGS_TO]->(office), (trad)-[:BELONGS_TO]->(office),
       (simp)-[:BELONGS_TO]->(office)
// the child carries its parent's work; a responsible role that also monitors
CREATE (a)-[:RESPONSIBLE]->(child), (a)-[:MONITORS {rank: 'first'}]->(child)
CREATE (b)-[:RESPONSIBLE]->(two), (boss)-[:MONITORS {rank: 'first'}]->(two),
       (audit)-[:MONITORS {rank: 'first'}]->(two)
// a chain with a top (主任), and a cycle 甲 -> 乙 -> 甲
CREATE (dep)-[:REPORTS_TO {activities: ['activity:子']}]->(boss)
CREATE (a)-[:REPORTS_TO {activities: ['activity:子']}]->(b),
       (b)-[:REPORTS_TO {activities: ['activity:子']}]->(a)
CREATE (dup)-[:REPORTS_TO {activities: ['activity:双']}]->(boss)
CREATE (trad)-[:REPORTS_TO {activities: ['activity:双']}]->(boss),
       (simp)-[:REPORTS_TO {activities: ['activity:双']}]->(boss)
"""


def findings(
    driver: Graph, settings: Settings
) -> tuple[list[tuple[str, str, list[str], str]], ValidationReport]:
    report = validate(driver)
    return [(f.severity, f.rule, list(f.ids), f.detail) for f in report.findings], report


def test_seed_findings_are_real_and_nothing_spurious(seed_graph: Graph, settings: Settings) -> None:
    got, report = findings(seed_graph, settings)
    # Only four roles stated without a department; the parents 客户关系改进, 市场策划,
    # 市场分析 (their sub-activities carry the work), the areas 销售/服务, and the tops of
    # the chains 主任, 行政助理, 销售副主任 ... are not findings.
    assert got == [
        ("warning", "role-without-department", ["role:产品经理"], "no department"),
        ("warning", "role-without-department", ["role:区域维护经理"], "no department"),
        ("warning", "role-without-department", ["role:技术支援助理"], "no department"),
        ("warning", "role-without-department", ["role:行政助理"], "no department"),
    ]
    assert report.summary() == {"rules": 10, "errors": 0, "warnings": 4, "info": 0}
    assert not report.has_errors


def test_every_rule_fires_on_a_broken_graph(graph: Graph, settings: Settings) -> None:
    with graph.session(database=settings.database) as s:
        s.run(BROKEN).consume()
    got, report = findings(graph, settings)
    assert got == [
        ("error", "leaf-without-responsible", ["activity:空"], "no responsible role"),
        ("error", "leaf-without-first-monitor", ["activity:空"], "no first monitor"),
        ("error", "multiple-first-monitors", ["activity:双", "dept:审计部", "role:主任"], "2 first monitors"),
        ("error", "sod-conflict", ["role:甲", "activity:子"], "responsible and first monitor"),
        ("error", "reporting-cycle", ["role:乙", "role:甲", "role:乙"], "cycle of 2 reporting line(s)"),
        ("warning", "isolated-role", ["role:孤"], "in no reporting line"),
        ("warning", "output-without-producer", ["output:孤单"], "produced by no activity"),
        ("warning", "likely-duplicate", ["role:产品副主任", "role:办事处产品副主任"],
         "differ by the office prefix 办事处"),
        ("warning", "likely-duplicate", ["role:客戶經理", "role:客户经理"], "differ only in script"),
    ]
    assert report.has_errors


def test_cli_exit_codes_gate_ci(graph: Graph, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", settings.uri)
    monkeypatch.setenv("NEO4J_PASSWORD", settings.password or "")
    monkeypatch.setenv("NEO4J_DATABASE", settings.database)
    runner = CliRunner()
    ok = runner.invoke(cli, ["validate"])
    assert ok.exit_code == 0, ok.output
    assert ok.output.strip() == "0 error(s), 0 warning(s), 0 info from 10 rules"
    with graph.session(database=settings.database) as s:
        s.run(BROKEN).consume()
    bad = runner.invoke(cli, ["validate", "--format", "json"])
    assert bad.exit_code == 1
    import json

    data = json.loads(bad.output)
    assert data["summary"] == {"rules": 10, "errors": 5, "warnings": 4, "info": 0}
    assert data["findings"][0] == {
        "rule": "leaf-without-responsible", "severity": "error", "ids": ["activity:空"],
        "nodes": ["空"], "detail": "no responsible role",
    }
    only_warnings = runner.invoke(cli, ["validate", "--rule", "isolated-role"])
    assert only_warnings.exit_code == 0
    assert "孤" in only_warnings.output
    # the severity is styled, not printed as markup ("[yellow]warning[/]")
    row = only_warnings.output.splitlines()[1].split()
    assert row[:2] == ["warning", "isolated-role"]
    strict = runner.invoke(cli, ["validate", "--rule", "isolated-role", "--strict"])
    assert strict.exit_code == 1
    unknown = runner.invoke(cli, ["validate", "--rule", "nope"])
    assert unknown.exit_code == 2
    assert "unknown rule 'nope'; the rules are: " in unknown.output


def test_gap_and_conflict_queries_on_a_broken_graph(graph: Graph, settings: Settings) -> None:
    """The canned queries behind the rules, on what the seed does not have."""
    from kg.queries import run_query

    with graph.session(database=settings.database) as s:
        s.run(BROKEN).consume()

    def rows(name: str, **params: Any) -> list[tuple[Any, ...]]:
        return run_query(graph, name, params).rows()

    assert rows("activities-without-responsible") == [("区", "空", "1.B", 0)]
    assert rows("activities-without-first-monitor") == [("区", "空", "1.B", [])]
    assert rows("sod-conflicts") == [("甲", None, "子", "first")]
    assert rows("reporting-cycles") == [(["乙", "甲", "乙"], 2, ["子"])]
    # a chain through a cycle stops where it closes (relationships are not repeated)
    assert rows("reporting-chain", role="甲") == [
        (1, "甲", None, "乙", None, ["子"]),
        (2, "乙", None, "甲", None, ["子"]),
    ]
    assert rows("subordinates", role="主任") == [
        (1, "产品副主任", None, "主任", ["子"]),
        (1, "办事处产品副主任", None, "主任", ["双"]),
        (1, "客户经理", None, "主任", ["双"]),
        (1, "客户经理", None, "主任", ["双"]),
    ]
    # 客戶經理 (a Traditional-script duplicate) and 客户经理 share a name: ambiguous
    from kg.errors import QueryError

    with pytest.raises(QueryError, match="names several nodes: role:客戶經理 \\(Role\\), role:客户经理 \\(Role\\)"):
        rows("reporting-chain", role="客户经理")
    assert rows("reporting-chain", role="role:客户经理") == [(1, "客户经理", None, "主任", None, ["双"])]
