"""The views read from the real Neo4j: exactly the expected nodes and relationships,
every document text escaped, nothing loaded from the network (a hand-made hostile graph,
and the bundled seed). The browser tests open the same pages in Chromium; what needs no
database is tested in tests/unit/kg/viz/."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from click.testing import CliRunner

from kg.api import Graph
from kg.config import Settings
from kg.db import Database
from kg.schema import BOOKKEEPING_PROPS
from kg.viz import (
    activity_view,
    area_view,
    chain_view,
    model_view,
    role_view,
    write_query_view,
)
from tests.unit.kg.viz.pages import (
    EVIL_SENTENCE,
    HREF,
    XSS,
    assert_offline_and_safe,
    edge_set,
    names,
    page_data,
)

SOURCE = "doc:test-hostile"

# A small graph written the way the loader writes it (kg/schema.py): ids, three names,
# provenance as parallel lists, REPORTS_TO with activities/contexts, MONITORS with rank.
HOSTILE = """
CREATE (src:Source {id: $source, title: 'hostile test document', kind: 'document'})
CREATE (dept:Department {id: 'dept:办事处', name: '办事处', name_original: '辦事處',
        name_en: 'Representative Office', sources: [$source], stated_in: [$source],
        pages: [1], starts: [0], ends: [3], sentences: ['办事处']})
CREATE (area:Activity {id: 'activity:客户关系', name: '客户关系', name_original: '客戶關系',
        name_en: 'Customer Relations', kind: 'area', code: '2', sources: [$source],
        stated_in: [$source], pages: [1], starts: [10], ends: [14], sentences: ['客户关系工作']})
CREATE (act:Activity {id: 'activity:反馈', name: '客户意见直接反馈', name_original: '客戶意見直接反饋',
        name_en: 'Direct Customer Feedback', kind: 'activity', code: '2.A', description: $href,
        sources: [$source], stated_in: [$source, $source], pages: [2, 3], starts: [20, 400],
        ends: [40, 420], sentences: [$evil, '第二处']})
CREATE (plan:Activity {id: 'activity:规划', name: '客户关系规划', name_en: 'Customer Relationship Planning',
        kind: 'activity', code: '2.C', sources: [$source], stated_in: [$source], pages: [3],
        starts: [500], ends: [510], sentences: ['客户关系规划']})
CREATE (out:Output {id: 'output:反馈单', name: '客户意见反馈单', name_en: 'Customer feedback form',
        sources: [$source], stated_in: [$source], pages: [2], starts: [41], ends: [48],
        sentences: ['业务输出:客户意见反馈单']})
CREATE (am:Role {id: 'role:客户经理', name: '客户经理', name_original: '客戶經理',
        name_en: 'Account Manager', sources: [$source], stated_in: [$source], pages: [2],
        starts: [50], ends: [54], sentences: ['主要责任人:客户经理']})
CREATE (xss:Role {id: 'role:xss', name: $xss, name_original: $xss, name_en: $xss,
        sources: [$source], stated_in: [$source], pages: [2], starts: [60], ends: [70],
        sentences: [$xss]})
CREATE (dir:Role {id: 'role:主任', name: '主任', name_en: 'Director', sources: [$source],
        stated_in: [$source], pages: [2], starts: [80], ends: [82], sentences: ['向主任汇报']})
CREATE (boss:Role {id: 'role:总裁', name: '总裁', name_en: 'President', sources: [$source],
        stated_in: [$source], pages: [4], starts: [90], ends: [92], sentences: ['主任向总裁汇报']})
CREATE (act)-[:PART_OF {sources: [$source], stated_in: [$source], pages: [2], starts: [20],
        ends: [22], sentences: ['A.']}]->(area)
CREATE (plan)-[:PART_OF {sources: [$source], stated_in: [$source], pages: [3], starts: [500],
        ends: [502], sentences: ['C.']}]->(area)
CREATE (act)-[:PRODUCES {sources: [$source], stated_in: [$source], pages: [2], starts: [41],
        ends: [48], sentences: ['业务输出:客户意见反馈单']}]->(out)
CREATE (act)-[:INTERFACES_WITH {sources: [$source], stated_in: [$source], pages: [2],
        starts: [30], ends: [36], sentences: ['接口部门为办事处']}]->(dept)
CREATE (am)-[:RESPONSIBLE {sources: [$source], stated_in: [$source], pages: [2], starts: [50],
        ends: [54], sentences: ['主要责任人:客户经理']}]->(act)
CREATE (am)-[:RESPONSIBLE {sources: [$source], stated_in: [$source], pages: [3], starts: [505],
        ends: [509], sentences: ['主要责任人:客户经理']}]->(plan)
CREATE (xss)-[:ASSISTS {sources: [$source], stated_in: [$source], pages: [2], starts: [60],
        ends: [70], sentences: [$xss]}]->(act)
CREATE (dir)-[:MONITORS {rank: 'first', sources: [$source], stated_in: [$source], pages: [2],
        starts: [71], ends: [79], sentences: ['第一监控人为主任']}]->(act)
CREATE (dept)-[:MONITORS {rank: 'other', sources: [$source], stated_in: [$source], pages: [2],
        starts: [71], ends: [79], sentences: ['其他监控人为办事处']}]->(act)
CREATE (am)-[:MONITORS {rank: 'other', sources: [$source], stated_in: [$source], pages: [3],
        starts: [511], ends: [520], sentences: ['其他监控人为客户经理']}]->(plan)
CREATE (am)-[:BELONGS_TO {sources: [$source], stated_in: [$source], pages: [1], starts: [5],
        ends: [9], sentences: ['客户经理直接归属办事处管理']}]->(dept)
CREATE (am)-[:REPORTS_TO {activities: ['activity:反馈'], contexts: ['activity:反馈'],
        sources: [$source], stated_in: [$source], pages: [2], starts: [100], ends: [130],
        sentences: [$evil]}]->(dir)
CREATE (am)-[:REPORTS_TO {activities: ['activity:规划'], contexts: ['activity:规划'],
        sources: [$source], stated_in: [$source], pages: [3], starts: [530], ends: [540],
        sentences: ['客户经理向XSS汇报']}]->(xss)
CREATE (dir)-[:REPORTS_TO {activities: ['activity:反馈', 'activity:规划'],
        contexts: ['activity:反馈', 'activity:规划'], sources: [$source],
        stated_in: [$source, $source], pages: [2, 3], starts: [131, 541], ends: [140, 550],
        sentences: ['主任向总裁汇报', '主任向总裁汇报']}]->(boss)
CREATE (xss)-[:REPORTS_TO {activities: ['activity:规划'], contexts: ['activity:规划'],
        sources: [$source], stated_in: [$source], pages: [3], starts: [551], ends: [560],
        sentences: ['XSS向总裁汇报']}]->(boss)
"""


def create_hostile_graph(db: Database) -> None:
    """Write the hostile graph (names that are HTML, a description with ``href``)."""
    with db.session() as s:
        s.run(HOSTILE, source=SOURCE, xss=XSS, href=HREF, evil=EVIL_SENTENCE).consume()


@pytest.fixture
def hostile_graph(graph: Graph) -> Graph:
    create_hostile_graph(graph)
    return graph


# --------------------------------------------------------------------------- hostile graph
@pytest.mark.neo4j
def test_chain_view_draws_superiors_above_with_contexts(hostile_graph: Graph) -> None:
    view = chain_view(hostile_graph, "account manager")
    page = view.html()
    data = page_data(page)
    assert names(data) == {"客户经理", "主任", XSS, "总裁"}
    assert edge_set(data) == {
        ("客户经理", "REPORTS_TO", "主任"),
        ("客户经理", "REPORTS_TO", XSS),
        ("主任", "REPORTS_TO", "总裁"),
        (XSS, "REPORTS_TO", "总裁"),
    }
    level = {n["names"]["zh"]: n["level"] for n in data["nodes"]}
    assert level == {"总裁": 0, "主任": 1, XSS: 1, "客户经理": 2}  # superiors above
    assert data["layout"] == "hierarchical"
    assert data["options"]["layout"]["hierarchical"]["direction"] == "UD"
    assert data["options"]["physics"] == {"enabled": False}
    assert data["contexts"]["activity:反馈"]["name"] == "客户意见直接反馈"
    assert data["title"] == "Reporting chain of 客户经理"
    assert data["params"] == {"role": "account manager", "activity": None}
    assert [n["names"]["zh"] for n in data["nodes"] if n.get("focus")] == ["客户经理"]
    assert_offline_and_safe(page)


@pytest.mark.neo4j
def test_chain_view_within_one_activity_context(hostile_graph: Graph) -> None:
    view = chain_view(hostile_graph, "客戶經理", activity="Direct Customer Feedback")
    data = page_data(view.html())
    assert edge_set(data) == {
        ("客户经理", "REPORTS_TO", "主任"),
        ("主任", "REPORTS_TO", "总裁"),
    }
    assert view.title == "Reporting chain of 客户经理 — in the context of 客户意见直接反馈"


@pytest.mark.neo4j
def test_document_text_is_data_not_markup(hostile_graph: Graph) -> None:
    page = role_view(hostile_graph, "role:xss").html()
    assert_offline_and_safe(page)
    data = page_data(page)
    xss = next(n for n in data["nodes"] if n["props"].get("id") == "role:xss")
    # the JSON round-trips the exact text: it reaches the page as data
    assert xss["names"] == {"zh": XSS, "orig": XSS, "en": XSS}
    assert data["sentences"][xss["prov"][0][4]] == XSS
    # the title (shown as text by the browser) is escaped in the HTML
    assert "<title>Role &lt;img src=x onerror=alert(1)&gt;</title>" in page
    # a sentence that tries to close the script element stays inside the JSON
    act_page = activity_view(hostile_graph, "客户意见直接反馈").html()
    assert_offline_and_safe(act_page)
    act_data = page_data(act_page)
    act = next(n for n in act_data["nodes"] if n["props"].get("id") == "activity:反馈")
    assert act["props"]["description"] == HREF
    assert EVIL_SENTENCE in act_data["sentences"]
    assert "\\u003c/script\\u003e" in act_page


@pytest.mark.neo4j
def test_role_view_neighbourhood(hostile_graph: Graph) -> None:
    data = page_data(role_view(hostile_graph, "客户经理").html())
    assert edge_set(data) == {
        ("客户经理", "RESPONSIBLE", "客户意见直接反馈"),
        ("客户经理", "RESPONSIBLE", "客户关系规划"),
        ("客户经理", "MONITORS", "客户关系规划"),
        ("客户经理", "BELONGS_TO", "办事处"),
        ("客户经理", "REPORTS_TO", "主任"),
        ("客户经理", "REPORTS_TO", XSS),
        ("客户意见直接反馈", "PRODUCES", "客户意见反馈单"),
        ("客户意见直接反馈", "PART_OF", "客户关系"),
        ("客户关系规划", "PART_OF", "客户关系"),
    }
    groups = {n["names"]["zh"]: n["group"] for n in data["nodes"]}
    assert groups["客户关系"] == "Area" and groups["客户意见直接反馈"] == "Activity"
    assert groups["办事处"] == "Department" and groups["客户意见反馈单"] == "Output"
    styles = {(e["type"], e["style"]) for e in data["edges"]}
    assert ("MONITORS", "MONITORS other") in styles
    # RESPONSIBLE and MONITORS between the same two nodes: the second one is bent
    plan = [e for e in data["edges"] if e["to"] == next(
        n["id"] for n in data["nodes"] if n["names"]["zh"] == "客户关系规划")
        and e["type"] in ("RESPONSIBLE", "MONITORS")]
    assert sorted(e.get("bend", 0) for e in plan) == [0, 1]
    # provenance: source, page, span, sentence of each statement
    edge = next(e for e in data["edges"] if e["type"] == "BELONGS_TO")
    source, page, start, end, sentence = edge["prov"][0]
    assert (data["sources"][source], page, start, end, data["sentences"][sentence]) == (
        SOURCE, 1, 5, 9, "客户经理直接归属办事处管理"
    )
    assert "stated_in" not in edge["props"] and "sentences" not in edge["props"]


@pytest.mark.neo4j
def test_activity_and_area_views(hostile_graph: Graph) -> None:
    data = page_data(activity_view(hostile_graph, "客户意见直接反馈").html())
    assert edge_set(data) == {
        ("客户经理", "RESPONSIBLE", "客户意见直接反馈"),
        (XSS, "ASSISTS", "客户意见直接反馈"),
        ("主任", "MONITORS", "客户意见直接反馈"),
        ("办事处", "MONITORS", "客户意见直接反馈"),
        ("客户意见直接反馈", "PRODUCES", "客户意见反馈单"),
        ("客户意见直接反馈", "PART_OF", "客户关系"),
        ("客户意见直接反馈", "INTERFACES_WITH", "办事处"),
        # reporting lines stated in this activity's context
        ("客户经理", "REPORTS_TO", "主任"),
        ("主任", "REPORTS_TO", "总裁"),
    }
    first = next(e for e in data["edges"] if e["type"] == "MONITORS" and e["props"]["rank"] == "first")
    assert first["style"] == "MONITORS first"
    area = area_view(hostile_graph, "Customer Relations")
    area_data = page_data(area.html())
    assert names(area_data) == {
        "客户关系", "客户意见直接反馈", "客户关系规划", "客户意见反馈单", "办事处",
        "客户经理", XSS, "主任", "总裁",
    }
    assert len(area_data["edges"]) == 15
    assert area_data["layout"] == "physics"


@pytest.mark.neo4j
def test_model_view_draws_every_fact(hostile_graph: Graph) -> None:
    view = model_view(hostile_graph)
    data = page_data(view.html())
    assert len(data["nodes"]) == 9  # the Source node is not a fact
    assert len(data["edges"]) == 15
    with pytest.raises(Exception, match="more than 5 can be drawn"):
        model_view(hostile_graph, max_nodes=5)


@pytest.mark.neo4j
def test_write_query_view_draws_paths_and_nodes(hostile_graph: Graph, settings: Settings, tmp_path: Path) -> None:
    records, keys, _ = hostile_graph.driver.execute_query(
        "MATCH p = (:Role {id: 'role:客户经理'})-[:REPORTS_TO*]->(top) "
        "WHERE NOT (top)-[:REPORTS_TO]->() RETURN p, top.name AS name",
        database_=settings.database,
    )
    result = SimpleNamespace(columns=keys, records=records, name="my-query", params={"x": 1})
    path = write_query_view(result, tmp_path / "q.html", "Paths to the top")
    page = path.read_text(encoding="utf-8")
    data = page_data(page)
    assert names(data) == {"客户经理", "主任", XSS, "总裁"}
    assert len(data["edges"]) == 4
    assert data["layout"] == "hierarchical"  # only reporting lines: drawn as a chain
    assert data["query"] == "my-query" and data["params"] == {"x": 1}
    assert "<title>Paths to the top</title>" in page
    assert_offline_and_safe(page)
    empty = SimpleNamespace(columns=["name"], records=[{"name": "x"}])
    with pytest.raises(Exception, match="nothing to draw"):
        write_query_view(empty, tmp_path / "none.html", "nothing")


@pytest.mark.neo4j
def test_write_query_view_with_the_canned_query_library(hostile_graph: Graph, tmp_path: Path) -> None:
    result = hostile_graph.query("viz-chain", role="客户经理")
    data = page_data(write_query_view(result, tmp_path / "c.html", "chain").read_text("utf-8"))
    assert names(data) == {"客户经理", "主任", XSS, "总裁"}
    assert data["query"] == "viz-chain"


# --------------------------------------------------------------------------- CLI
@pytest.mark.neo4j
def test_cli_writes_views_and_reports_unknown_names(hostile_graph: Graph, settings: Settings, tmp_path: Path) -> None:
    from kg.cli import cli

    conn = ["--uri", settings.uri, "--password", settings.password or "", "--database", settings.database]
    runner = CliRunner()
    out = tmp_path / "views" / "chain.html"
    result = runner.invoke(cli, ["viz", "chain", "--role", "客户经理", "-o", str(out), *conn])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"{out}  (4 nodes, 4 relationships)"
    assert page_data(out.read_text("utf-8"))["title"] == "Reporting chain of 客户经理"
    for args, expected in (
        (["role", "主任"], "(5 nodes, 4 relationships)"),
        (["activity", "客户意见直接反馈"], "(8 nodes, 9 relationships)"),
        (["area", "客户关系"], "(9 nodes, 15 relationships)"),
        (["model"], "(9 nodes, 15 relationships)"),
    ):
        target = tmp_path / f"{args[0]}.html"
        result = runner.invoke(cli, ["viz", *args, "-o", str(target), *conn])
        assert result.exit_code == 0, result.output
        assert result.output.strip() == f"{target}  {expected}"
    result = runner.invoke(cli, ["viz", "role", "nobody", "-o", str(tmp_path / "x.html"), *conn])
    assert result.exit_code != 0
    assert "no role is named 'nobody'" in result.output
    assert "Traceback" not in result.output
    result = runner.invoke(cli, ["viz", "model", "-o", str(tmp_path / "x.png"), *conn])
    assert result.exit_code == 1 and "name it *.html" in result.output


def test_every_viz_command_has_help() -> None:
    from kg.cli import cli

    for name in ("chain", "role", "activity", "area", "model"):
        result = CliRunner().invoke(cli, ["viz", name, "--help"])
        assert result.exit_code == 0
        assert "Usage: " in result.output and len(result.output.splitlines()) > 5


# --------------------------------------------------------------------------- seed
@pytest.mark.neo4j
def test_seed_views(seed_graph: Graph, settings: Settings) -> None:
    chain = page_data(chain_view(seed_graph, "客户经理").html())
    assert edge_set(chain) == {
        ("客户经理", "REPORTS_TO", "办事处主任"),
        ("客户经理", "REPORTS_TO", "行政助理"),
        ("客户经理", "REPORTS_TO", "销售副主任"),
    }
    feedback = page_data(chain_view(seed_graph, "客户经理", "客户意见直接反馈").html())
    assert names(feedback) == {"客户经理", "办事处主任", "行政助理"}
    market = page_data(chain_view(seed_graph, "客户经理", "市场信息收集与维护").html())
    assert names(market) == {"客户经理", "销售副主任"}
    # the top of a chain is drawn alone rather than as an empty page
    top = page_data(chain_view(seed_graph, "办事处主任").html())
    assert names(top) == {"办事处主任"} and edge_set(top) == set()
    # the whole model: every fact node and relationship in the graph, once
    counts = seed_graph.driver.execute_query(
        "MATCH (n) WHERE n:Role OR n:Activity OR n:Output OR n:Department "
        "RETURN count(n) AS nodes, COUNT { MATCH (:Role|Activity|Output|Department)-[r]->"
        "(:Role|Activity|Output|Department) RETURN r } AS rels",
        database_=settings.database,
    ).records[0]
    view = model_view(seed_graph)
    page = view.html()
    data = page_data(page)
    assert (len(data["nodes"]), len(data["edges"])) == (counts["nodes"], counts["rels"])
    assert every_statement_has_provenance(data)
    # a loaded node keeps its sources' properties as JSON: bookkeeping, not shown
    assert not any(set(item["props"]) & set(BOOKKEEPING_PROPS) for item in data["nodes"] + data["edges"])
    assert_offline_and_safe(page)


def every_statement_has_provenance(data: dict[str, Any]) -> bool:
    for item in data["nodes"] + data["edges"]:
        assert item["prov"], item
        for source, page, start, end, sentence in item["prov"]:
            assert data["sources"][source].startswith("doc:")
            assert page >= 1 and end > start and data["sentences"][sentence]
    return True
