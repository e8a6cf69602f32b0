"""Every canned query against the loaded seed document: exact rows; EXPLAIN on every file.

The seed (data/huawei-marketing-model-v1.txt; expected model in
tests/data/seed.expected.yaml) has two detailed business areas, 客户关系 (2) and 市场 (3),
and two named only, 销售 and 服务. The account manager 客户经理 is responsible for all nine
leaf activities; in the customer-feedback context (客户意见直接反馈) he reports to the
office director (办事处主任, of department 办事处: a bare generic title keeps its office) and the administrative
assistant 行政助理, everywhere else to the deputy director of sales 销售副主任. The first
monitor of customer feedback is a department, 公司客户代表管理部.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from kg.api import Graph
from kg.config import Settings
from kg.queries import load_catalogue, run_query
from tests.conftest import SEED, wipe

pytestmark = pytest.mark.neo4j

CR = ["客户关系评估与分析", "客户关系规划", "建立新的客户关系", "改进已有的客户关系"]
MK = ["市场信息收集与维护", "客户分析", "竞争对手分析", "公司自身分析"]
#: the activities in whose context 客户经理 reports to 销售副主任 (all leaves but 2.A), by code
SALES_CONTEXTS = CR + MK
ALL_LEAVES = ["客户意见直接反馈", *SALES_CONTEXTS]


@pytest.fixture(scope="module")
def seed(driver: Graph, settings: Settings) -> Iterator[Graph]:
    """The seed loaded once for this module, exactly as the `seed_graph` fixture loads it."""
    from loaders.refresh import load_paths

    wipe(driver, settings)
    load_paths(driver, [SEED])
    yield driver
    wipe(driver, settings)


def rows(driver: Graph, settings: Settings, name: str, **params: Any) -> list[tuple[Any, ...]]:
    return run_query(driver, name, params).rows()


def _dummy(ptype: str) -> object:
    return {"int": 1, "float": 1.0, "bool": True, "list": ["x"]}.get(ptype, "x")


@pytest.mark.parametrize("name", sorted(load_catalogue()))
def test_every_file_explains(driver: Graph, settings: Settings, name: str) -> None:
    """EXPLAIN compiles the query without running it: a syntax error cannot land."""
    query = load_catalogue()[name]
    params = {p.name: p.default if p.default is not None else _dummy(p.type) for p in query.params}
    with driver.session(database=settings.database) as s:
        s.run("EXPLAIN " + query.text, params).consume()


# --------------------------------------------------------------------------- reporting
def test_reporting_chain_in_customer_feedback_context(seed: Graph, settings: Settings) -> None:
    assert rows(seed, settings, "reporting-chain", role="客户经理", activity="客户意见直接反馈") == [
        (1, "客户经理", "Account Manager", "办事处主任", "Office Director", ["客户意见直接反馈"]),
        (1, "客户经理", "Account Manager", "行政助理", "Administrative Assistant", ["客户意见直接反馈"]),
    ]


def test_reporting_chain_in_market_information_context(seed: Graph, settings: Settings) -> None:
    # English and Traditional names resolve too
    assert rows(seed, settings, "reporting-chain", role="account manager",
                activity="市場信息收集與維護") == [
        (1, "客户经理", "Account Manager", "销售副主任", "Deputy Director of Sales", ["市场信息收集与维护"]),
    ]


def test_reporting_chain_over_all_contexts(seed: Graph, settings: Settings) -> None:
    assert rows(seed, settings, "reporting-chain", role="role:客户经理") == [
        (1, "客户经理", "Account Manager", "办事处主任", "Office Director", ["客户意见直接反馈"]),
        (1, "客户经理", "Account Manager", "行政助理", "Administrative Assistant", ["客户意见直接反馈"]),
        (1, "客户经理", "Account Manager", "销售副主任", "Deputy Director of Sales", SALES_CONTEXTS),
    ]
    # the top of a chain has nobody above it
    assert rows(seed, settings, "reporting-chain", role="办事处主任") == []


def test_subordinates(seed: Graph, settings: Settings) -> None:
    assert rows(seed, settings, "subordinates", role="技术支援助理") == [
        (1, "区域维护经理", "Regional Maintenance Manager", "技术支援助理",
         ["客户意见直接反馈", "客户关系评估与分析", "客户关系规划", "建立新的客户关系",
          "改进已有的客户关系", "市场信息收集与维护", "客户分析", "公司自身分析"]),
    ]
    assert rows(seed, settings, "subordinates", role="销售副主任", activity="客户意见直接反馈") == []


def test_reporting_lines(seed: Graph, settings: Settings) -> None:
    assert rows(seed, settings, "reporting-lines") == [
        ("产品经理", "Product Manager", "产品副主任", "Deputy Director of Products", ALL_LEAVES),
        ("区域维护经理", "Regional Maintenance Manager", "技术支援助理", "Technical Support Assistant",
         [a for a in ALL_LEAVES if a != "竞争对手分析"]),
        ("客户经理", "Account Manager", "办事处主任", "Office Director", ["客户意见直接反馈"]),
        ("客户经理", "Account Manager", "行政助理", "Administrative Assistant", ["客户意见直接反馈"]),
        ("客户经理", "Account Manager", "销售副主任", "Deputy Director of Sales", SALES_CONTEXTS),
    ]


def test_path_between_roles(seed: Graph, settings: Settings) -> None:
    result = run_query(seed, "path-between-roles", {"from_role": "产品经理", "to_role": "办事处主任"})
    assert [(r[0], r[1]) for r in result.rows()] == [
        (3, "产品经理 -REPORTS_TO-> 产品副主任 -BELONGS_TO-> 办事处 <-BELONGS_TO- 办事处主任"),
    ]
    path = result.records[0]["path"]  # the path itself stays a driver object (for kg.viz)
    assert [n["id"] for n in path.nodes] == ["role:产品经理", "role:产品副主任", "dept:办事处", "role:办事处主任"]
    assert [(r[0], r[1]) for r in rows(seed, settings, "path-between-roles",
                                       from_role="客户经理", to_role="销售副主任")] == [
        (1, "客户经理 -REPORTS_TO-> 销售副主任"),
    ]


def test_matrix_reporting(seed: Graph, settings: Settings) -> None:
    assert rows(seed, settings, "matrix-reporting") == [
        ("客户经理", "Account Manager", "办事处主任", "Office Director", ["客户意见直接反馈"]),
        ("客户经理", "Account Manager", "行政助理", "Administrative Assistant", ["客户意见直接反馈"]),
        ("客户经理", "Account Manager", "销售副主任", "Deputy Director of Sales", SALES_CONTEXTS),
    ]


def test_reporting_cycles_none_in_seed(seed: Graph, settings: Settings) -> None:
    assert rows(seed, settings, "reporting-cycles") == []


# --------------------------------------------------------------------------- RACI
def test_activity_roles(seed: Graph, settings: Settings) -> None:
    assert rows(seed, settings, "activity-roles", activity="Direct Customer Feedback") == [
        ("R", "responsible", "客户经理", "Account Manager", "Role"),
        ("S", "assists", "产品经理", "Product Manager", "Role"),
        ("S", "assists", "区域维护经理", "Regional Maintenance Manager", "Role"),
        ("A", "monitors (first)", "公司客户代表管理部",
         "Corporate Customer Representative Management Department", "Department"),
        ("C", "monitors (other)", "产品副主任", "Deputy Director of Products", "Role"),
        ("C", "monitors (other)", "技术支援助理", "Technical Support Assistant", "Role"),
    ]
    # 競爭對手分析: one assistant, two monitors only
    assert rows(seed, settings, "activity-roles", activity="競爭對手分析") == [
        ("R", "responsible", "客户经理", "Account Manager", "Role"),
        ("S", "assists", "产品经理", "Product Manager", "Role"),
        ("A", "monitors (first)", "销售副主任", "Deputy Director of Sales", "Role"),
        ("C", "monitors (other)", "产品副主任", "Deputy Director of Products", "Role"),
    ]


def test_role_activities(seed: Graph, settings: Settings) -> None:
    assert rows(seed, settings, "role-activities", role="销售副主任") == [
        ("客户关系", "客户关系评估与分析", "2.B", "A"),
        ("客户关系", "客户关系规划", "2.C", "A"),
        ("客户关系", "建立新的客户关系", "2.D.1", "A"),
        ("客户关系", "改进已有的客户关系", "2.D.2", "A"),
        ("市场", "市场信息收集与维护", "3.A", "A"),
        ("市场", "客户分析", "3.B.a.1", "A"),
        ("市场", "竞争对手分析", "3.B.a.2", "A"),
        ("市场", "公司自身分析", "3.B.a.3", "A"),
    ]
    assert rows(seed, settings, "role-activities", role="公司客户代表管理部") == [
        ("客户关系", "客户意见直接反馈", "2.A", "A"),
    ]


def test_raci_matrix_rows(seed: Graph, settings: Settings) -> None:
    got = [r[:6] for r in rows(seed, settings, "raci-matrix")]
    expected = []
    codes = {"客户意见直接反馈": "2.A", "客户关系评估与分析": "2.B", "客户关系规划": "2.C",
             "建立新的客户关系": "2.D.1", "改进已有的客户关系": "2.D.2", "市场信息收集与维护": "3.A",
             "客户分析": "3.B.a.1", "竞争对手分析": "3.B.a.2", "公司自身分析": "3.B.a.3"}
    for activity, code in codes.items():
        area = "客户关系" if code.startswith("2") else "市场"
        cells = [("客户经理", "Role", "R"), ("产品经理", "Role", "S")]
        if activity != "竞争对手分析":
            cells.append(("区域维护经理", "Role", "S"))
        if activity == "客户意见直接反馈":
            cells.append(("公司客户代表管理部", "Department", "A"))
        else:
            cells.append(("销售副主任", "Role", "A"))
        cells.append(("产品副主任", "Role", "C"))
        if activity != "竞争对手分析":
            cells.append(("技术支援助理", "Role", "C"))
        expected += [(area, activity, code, who, kind, letter) for who, kind, letter in cells]
    assert got == expected
    assert len(got) == 9 * 6 - 2


def test_workload(seed: Graph, settings: Settings) -> None:
    assert rows(seed, settings, "workload") == [
        ("客户经理", "Account Manager", 9, 0, 0, 0, 9),
        ("产品副主任", "Deputy Director of Products", 0, 0, 0, 9, 9),
        ("产品经理", "Product Manager", 0, 9, 0, 0, 9),
        ("区域维护经理", "Regional Maintenance Manager", 0, 8, 0, 0, 8),
        ("技术支援助理", "Technical Support Assistant", 0, 0, 0, 8, 8),
        ("销售副主任", "Deputy Director of Sales", 0, 0, 8, 0, 8),
        ("办事处主任", "Office Director", 0, 0, 0, 0, 0),
        ("行政助理", "Administrative Assistant", 0, 0, 0, 0, 0),
    ]


def test_gaps_and_conflicts_none_in_seed(seed: Graph, settings: Settings) -> None:
    # 客户关系改进, 市场策划 and 市场分析 have no roles of their own, but their
    # sub-activities do; 销售 and 服务 are business areas: none of them is a gap
    assert rows(seed, settings, "activities-without-responsible") == []
    assert rows(seed, settings, "activities-without-first-monitor") == []
    assert rows(seed, settings, "sod-conflicts") == []


def test_sole_responsible(seed: Graph, settings: Settings) -> None:
    assert rows(seed, settings, "sole-responsible") == [
        ("客户经理", "Account Manager", 9, ALL_LEAVES),
    ]
    assert rows(seed, settings, "sole-responsible", min=10) == []


def test_role_impact(seed: Graph, settings: Settings) -> None:
    assert rows(seed, settings, "role-impact", role="客户经理") == [
        ("no responsible role left", a, "R", []) for a in ALL_LEAVES
    ]
    assert rows(seed, settings, "role-impact", role="销售副主任") == [
        *[("no first monitor left", a, "A", []) for a in SALES_CONTEXTS],
        ("no superior left", "客户经理", "reports to", []),
    ]
    assert rows(seed, settings, "role-impact", role="行政助理") == [
        # 客户经理 still reports to 办事处主任 in the customer-feedback context
        ("another superior", "客户经理", "reports to", ["办事处主任"]),
    ]


# --------------------------------------------------------------------------- structure
def test_outputs_by_role(seed: Graph, settings: Settings) -> None:
    assert rows(seed, settings, "outputs-by-role", role="客户经理") == [
        ("客户经理", "R", "客户意见直接反馈", "客户意见反馈单", "Customer Feedback Form"),
        ("客户经理", "R", "客户关系评估与分析", "客户关系评估与分析报告",
         "Customer Relationship Assessment and Analysis Report"),
        ("客户经理", "R", "客户关系规划", "客户关系改进策划及实施计划",
         "Customer Relationship Improvement Plan and Implementation Plan"),
        # the parent's outputs, through its two sub-activities
        ("客户经理", "R", "客户关系改进", "客户关系改进策划报告和实施计划执行情况总结",
         "Customer Relationship Improvement Planning Report and Implementation Plan Execution Summary"),
        ("客户经理", "R", "客户关系改进", "客户拜访报告", "Customer Visit Report"),
        ("客户经理", "R", "市场信息收集与维护", "准确及时的市场信息", "Accurate and Timely Market Information"),
    ]
    everyone = rows(seed, settings, "outputs-by-role")
    assert sorted({r[0] for r in everyone}) == sorted(["产品经理", "区域维护经理", "客户经理"])
    assert len(everyone) == 3 * 6


def test_activities_by_department(seed: Graph, settings: Settings) -> None:
    assert rows(seed, settings, "activities-by-department", department="公司客户代表管理部") == [
        ("公司客户代表管理部", "公司客户代表管理部", "A", "客户意见直接反馈"),
        ("公司客户代表管理部", "公司客户代表管理部", "I", "客户意见直接反馈"),
    ]
    office = rows(seed, settings, "activities-by-department", department="Representative Office")
    assert office[:4] == [
        ("办事处", "产品副主任", "C", "客户意见直接反馈"),
        ("办事处", "客户经理", "R", "客户意见直接反馈"),
        ("办事处", "产品副主任", "C", "客户关系评估与分析"),
        ("办事处", "客户经理", "R", "客户关系评估与分析"),
    ]
    # members 客户经理 (R ×9), 产品副主任 (C ×9), 销售副主任 (A ×8); 办事处主任 has no letters
    assert len(office) == 9 + 9 + 8


def test_department_roles(seed: Graph, settings: Settings) -> None:
    assert rows(seed, settings, "department-roles") == [
        ("办事处", "产品副主任", "Deputy Director of Products", "办事处"),
        ("办事处", "办事处主任", "Office Director", "办事处"),
        ("办事处", "客户经理", "Account Manager", "办事处"),
        ("办事处", "销售副主任", "Deputy Director of Sales", "办事处"),
    ]


def test_area_summary(seed: Graph, settings: Settings) -> None:
    assert rows(seed, settings, "area-summary") == [
        ("客户关系", "Customer Relations", 6, 5, 6, 5, 0, 0),
        ("市场", "Market", 6, 4, 6, 1, 0, 0),
        ("销售", "Sales", 0, 0, 0, 0, 0, 0),
        ("服务", "Service", 0, 0, 0, 0, 0, 0),
    ]


def test_activity_tree(seed: Graph, settings: Settings) -> None:
    got = [(r[0], r[1], r[2], r[3], r[5], r[6]) for r in rows(seed, settings, "activity-tree")]
    assert got == [
        (0, "客户关系", None, "客户关系", "2", "area"),
        (1, "客户关系", "客户关系", "客户意见直接反馈", "2.A", "activity"),
        (1, "客户关系", "客户关系", "客户关系评估与分析", "2.B", "activity"),
        (1, "客户关系", "客户关系", "客户关系规划", "2.C", "activity"),
        (1, "客户关系", "客户关系", "客户关系改进", "2.D", "activity"),
        (2, "客户关系", "客户关系改进", "建立新的客户关系", "2.D.1", "activity"),
        (2, "客户关系", "客户关系改进", "改进已有的客户关系", "2.D.2", "activity"),
        (0, "市场", None, "市场", "3", "area"),
        (1, "市场", "市场", "市场信息收集与维护", "3.A", "activity"),
        (1, "市场", "市场", "市场策划", "3.B", "activity"),
        (2, "市场", "市场策划", "市场分析", "3.B.a", "activity"),
        (3, "市场", "市场分析", "客户分析", "3.B.a.1", "activity"),
        (3, "市场", "市场分析", "竞争对手分析", "3.B.a.2", "activity"),
        (3, "市场", "市场分析", "公司自身分析", "3.B.a.3", "activity"),
        (0, "销售", None, "销售", None, "area"),
        (0, "服务", None, "服务", None, "area"),
    ]


def test_activity_detail(seed: Graph, settings: Settings) -> None:
    assert rows(seed, settings, "activity-detail", activity="客户关系改进") == [
        ("客户关系改进", "Customer Relationship Improvement", "2.D", "activity", "客户关系", None,
         ["客户关系改进策划报告和实施计划执行情况总结", "客户拜访报告"], [],
         ["建立新的客户关系", "改进已有的客户关系"], ["doc:以客户为中心的营销业务模型"]),
    ]


def test_shared_activities_and_interfaces(seed: Graph, settings: Settings) -> None:
    assert rows(seed, settings, "shared-activities", role="客户经理", other="公司客户代表管理部") == [
        ("客户意见直接反馈", "R", "A"),
    ]
    assert rows(seed, settings, "shared-activities", role="区域维护经理", other="技术支援助理") == [
        (a, "S", "C") for a in ALL_LEAVES if a != "竞争对手分析"
    ]
    assert rows(seed, settings, "interfaces") == [
        ("客户意见直接反馈", "公司客户代表管理部", "Corporate Customer Representative Management Department"),
    ]


# --------------------------------------------------------------------------- names, provenance
@pytest.mark.parametrize("text", ["客户经理", "客戶經理", "account manager", "ACCOUNT", "经理"])
def test_search_in_any_script_or_english(seed: Graph, settings: Settings, text: str) -> None:
    found = rows(seed, settings, "search", text=text)
    assert ("Role", "role:客户经理", "客户经理", "客戶經理", "Account Manager") in found
    if text != "经理":
        assert len(found) == 1


def test_search_part_of_a_name(seed: Graph, settings: Settings) -> None:
    assert [r[1] for r in rows(seed, settings, "search", text="经理")] == [
        "role:产品经理", "role:客户经理", "role:区域维护经理",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("COUNT MAN", ["role:客户经理"]),  # inside the English name, in any case
        ("ccount manag", ["role:客户经理"]),
        ("戶經", ["role:客户经理"]),  # Traditional: folded to Simplified (a `name` parameter)
        ("role:客户经理", ["role:客户经理"]),  # the id
        ("户经", ["role:客户经理"]),  # inside the Simplified name
    ],
)
def test_search_by_text_indexes(seed: Graph, settings: Settings, text: str, expected: list[str]) -> None:
    """`search` seeks TEXT indexes (kg_text_LABEL_name, _name_original, _name_en_lower)
    and the id constraints; what it finds is what the scan it replaced found."""
    assert [r[1] for r in rows(seed, settings, "search", text=text)] == expected


def test_search_inside_an_original_name_alone(seed: Graph, settings: Settings) -> None:
    """The original-script branch: a name_original no other name contains (the seed's are
    the Traditional forms of the names, which folding reaches through the names)."""
    with seed.session(database=settings.database) as s:
        s.run("MATCH (n:Role {id: 'role:客户经理'}) SET n.name_original = '客戶經理 (Kundenbetreuer)'").consume()
    try:
        assert [r[1] for r in rows(seed, settings, "search", text="Kundenbetreu")] == ["role:客户经理"]
        assert rows(seed, settings, "search", text="kundenbetreu") == []  # only English in any case
    finally:
        with seed.session(database=settings.database) as s:
            s.run("MATCH (n:Role {id: 'role:客户经理'}) SET n.name_original = '客戶經理'").consume()


def test_search_uses_the_text_indexes(seed: Graph, settings: Settings) -> None:
    from kg.ogm import TEXT_INDEXES

    with seed.session(database=settings.database) as s:
        online = {
            r["name"] for r in s.run("SHOW INDEXES YIELD name, type, state WHERE type = 'TEXT' RETURN *")
        }
        plan = s.run("EXPLAIN " + load_catalogue()["search"].text, {"text": "经理"}).consume().plan
    assert set(TEXT_INDEXES) <= online
    assert plan is not None
    operators: list[str] = []

    def walk(op: dict[str, Any]) -> None:
        operators.append(op["operatorType"].split("@")[0])
        for child in op.get("children", []):
            walk(child)

    walk(dict(plan))
    assert not {"AllNodesScan", "NodeByLabelScan", "UnionNodeByLabelsScan"} & set(operators)


def test_search_on_a_graph_written_before_the_lower_cased_name(seed: Graph, settings: Settings) -> None:
    """A graph loaded by an earlier version lacks name_en_lower: the next schema install
    (kg load installs it when the newest index is missing) fills it in."""
    from kg.ogm import install_schema

    with seed.session(database=settings.database) as s:
        s.run("MATCH (n:Role {id: 'role:客户经理'}) REMOVE n.name_en_lower").consume()
    assert rows(seed, settings, "search", text="count man") == []
    install_schema(seed)
    assert [r[1] for r in rows(seed, settings, "search", text="count man")] == ["role:客户经理"]


def test_find_exact(seed: Graph, settings: Settings) -> None:
    assert rows(seed, settings, "find", text="office director") == [
        ("Role", "role:办事处主任", "办事处主任", "辦事處主任", "Office Director"),
    ]


def test_provenance_of_a_reporting_line(seed: Graph, settings: Settings) -> None:
    got = rows(seed, settings, "provenance", from_node="客户经理", type="reports_to", to_node="办事处主任")
    assert got == [
        ("客户经理", "REPORTS_TO", "办事处主任", "doc:以客户为中心的营销业务模型", 2, 670, 755,
         "匯報關系:客戶經理向辦事處主任、行政助理匯報,產品經理向產品副主任匯報,"
         "區域維護經理向技術支援助理匯報"),
    ]
    # the span points into the raw document (pinyin annotations and all)
    raw = SEED.read_text(encoding="utf-8")
    assert raw[670:755].startswith("匯報關系:客戶經")
    # one statement per activity where 客户经理 reports to 销售副主任
    sales = rows(seed, settings, "provenance", from_node="客户经理", to_node="销售副主任")
    assert [r[1] for r in sales] == ["REPORTS_TO"] * 8
    assert {r[4] for r in sales} == {3, 4, 5, 6, 7}


def test_provenance_of_an_output(seed: Graph, settings: Settings) -> None:
    assert rows(seed, settings, "provenance", from_node="客户意见反馈单") == [
        ("客户意见直接反馈", "PRODUCES", "客户意见反馈单", "doc:以客户为中心的营销业务模型", 2, 537, 553,
         "業務輸出:客戶意見反饋單"),
    ]


def test_sources(seed: Graph, settings: Settings) -> None:
    got = [(r[0], r[1], r[2], r[3], r[5], r[6]) for r in rows(seed, settings, "sources")]
    assert got == [("doc:以客户为中心的营销业务模型", "document", "以客戶為中心的營銷業務模型", "Ver1.0", 32, 80)]


def test_role_changes_of_the_first_load(seed: Graph, settings: Settings) -> None:
    """The seed's one run: the role appears with its letters (two versions: test_history_changes.py)."""
    got = rows(seed, settings, "role-changes", role="客户经理")
    assert {(r[2], r[3]) for r in got} == {("doc:以客户为中心的营销业务模型", "∅ → Ver1.0")}
    assert got[0][4] == "2.A 客户意见直接反馈 (activity added): +R" and got[-1][4] == "role added"


def test_export_queries(seed: Graph, settings: Settings) -> None:
    nodes = rows(seed, settings, "export-nodes")
    assert [(r[0], r[1]) for r in nodes][:3] == [
        ("Department", "dept:公司客户代表管理部"), ("Department", "dept:办事处"), ("Role", "role:产品副主任"),
    ]
    assert len(nodes) == 2 + 8 + 16 + 6
    assert len(rows(seed, settings, "export-relationships")) == 80


def test_every_canned_query_has_a_seed_test() -> None:
    """A new .cypher file needs a test here (rules: test_validate.py; views: the viz tests)."""
    import inspect
    import sys

    source = inspect.getsource(sys.modules[__name__])
    untested = [
        name for name, q in load_catalogue().items()
        if not q.is_rule and not name.startswith("viz-") and f'"{name}"' not in source
    ]
    assert untested == []


def test_neighbours_pages_through_a_nodes_relationships(seed: Graph, settings: Settings) -> None:
    """What `kg explore` draws when a node is expanded: reporting lines first, then RACI,
    departments; the total for "+N more"."""
    [(node, total, links)] = run_query(seed, "neighbours", {"node": "客户经理", "limit": 4}).records
    assert node["id"] == "role:客户经理" and total == 13
    assert [(rel.type, other["id"]) for rel, other in links] == [
        ("REPORTS_TO", "role:办事处主任"), ("REPORTS_TO", "role:行政助理"),
        ("REPORTS_TO", "role:销售副主任"), ("RESPONSIBLE", "activity:公司自身分析"),
    ]
    [(_, _, rest)] = run_query(seed, "neighbours", {"node": "role:客户经理", "skip": 12}).records
    assert [(rel.type, other["id"]) for rel, other in rest] == [("BELONGS_TO", "dept:办事处")]
