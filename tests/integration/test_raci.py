"""The seed's RACI matrix, cell by cell; its CSV loads back to the same relationships."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from kg import raci
from kg.api import Graph
from kg.config import Settings
from kg.errors import QueryError
from kg.raci import build_matrix, for_area, parse_letters, to_csv, to_html, to_markdown, write_xlsx
from tests.conftest import wipe

pytestmark = pytest.mark.neo4j

PARTIES = ["role:客户经理", "role:产品经理", "role:区域维护经理", "dept:公司客户代表管理部",
           "role:产品副主任", "role:技术支援助理", "role:销售副主任"]
#: the seed's matrix by hand from the document: activity -> letters in PARTIES order
EXPECTED = {
    "activity:客户关系": "       ",
    "activity:客户意见直接反馈": "RSSACC ",
    "activity:客户关系评估与分析": "RSS CCA",
    "activity:客户关系规划": "RSS CCA",
    "activity:客户关系改进": "       ",
    "activity:建立新的客户关系": "RSS CCA",
    "activity:改进已有的客户关系": "RSS CCA",
    "activity:市场": "       ",
    "activity:市场信息收集与维护": "RSS CCA",
    "activity:市场策划": "       ",
    "activity:市场分析": "       ",
    "activity:客户分析": "RSS CCA",
    "activity:竞争对手分析": "RS  C A",
    "activity:公司自身分析": "RSS CCA",
    "activity:销售": "       ",
    "activity:服务": "       ",
}

FACT_RELS = """
MATCH (a)-[r:RESPONSIBLE|ASSISTS|MONITORS|PART_OF]->(b)
WHERE NOT (type(r) = 'PART_OF' AND a:Department)
RETURN type(r) AS type, a.id AS start, b.id AS end, r.rank AS rank
ORDER BY type, start, end, rank
"""


def test_seed_matrix_cell_by_cell(seed_graph: Graph, settings: Settings) -> None:
    matrix = build_matrix(seed_graph)
    assert [p.id for p in matrix.parties] == PARTIES
    assert [r.id for r in matrix.rows] == list(EXPECTED)
    for row in matrix.rows:
        got = "".join(matrix.cell(row, p) or " " for p in matrix.parties)
        assert got == EXPECTED[row.id], row.id
    assert [(a, [r.name for r in rows]) for a, rows in matrix.areas()][2:] == [
        ("销售", ["销售"]), ("服务", ["服务"]),
    ]


def test_one_area(seed_graph: Graph, settings: Settings) -> None:
    matrix = build_matrix(seed_graph)
    market = for_area(matrix, "市場")  # Traditional, as in the document
    assert [r.id for r in market.rows] == [
        "activity:市场", "activity:市场信息收集与维护", "activity:市场策划", "activity:市场分析",
        "activity:客户分析", "activity:竞争对手分析", "activity:公司自身分析",
    ]
    assert [p.id for p in market.parties] == [
        "role:客户经理", "role:产品经理", "role:区域维护经理", "role:产品副主任",
        "role:技术支援助理", "role:销售副主任",
    ]
    assert [r.id for r in for_area(matrix, "activity:销售").rows] == ["activity:销售"]
    with pytest.raises(QueryError, match=r"--area 'x': no such business area; the areas: 客户关系"):
        for_area(matrix, "x")


def test_a_matrix_too_large_to_draw_is_refused(seed_graph: Graph, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    matrix = build_matrix(seed_graph)
    raci.check_size(matrix)  # 16 × 7
    monkeypatch.setattr(raci, "MAX_CELLS", 100)
    with pytest.raises(QueryError) as err:
        raci.check_size(matrix)
    assert str(err.value) == (
        "the matrix would have 112 cells (16 activities × 7 roles and departments), more "
        "than 100: draw one business area with --area, or list every letter one per row "
        "with `kg query raci-matrix --format csv`"
    )


def test_letters_are_configurable(seed_graph: Graph, settings: Settings) -> None:
    matrix = build_matrix(seed_graph, parse_letters("assists=I,monitors-other=O"))
    row = next(r for r in matrix.rows if r.id == "activity:客户意见直接反馈")
    assert [matrix.cell(row, p) for p in matrix.parties] == ["R", "I", "I", "A", "O", "O", ""]
    with pytest.raises(Exception, match="default letters"):
        to_csv(matrix)


def test_csv_round_trip_is_exact(seed_graph: Graph, settings: Settings, tmp_path: Path) -> None:
    from loaders.refresh import load_paths

    with seed_graph.session(database=settings.database) as s:
        before = s.run(FACT_RELS).data()
    text = to_csv(build_matrix(seed_graph))
    header = next(csv.reader(io.StringIO(text)))
    assert header == ["id", "activity", "code", "kind", "parent", "name_en", *PARTIES]
    path = tmp_path / "seed-matrix.csv"
    path.write_text(text, encoding="utf-8")

    wipe(seed_graph, settings)
    load_paths(seed_graph, [path])
    with seed_graph.session(database=settings.database) as s:
        after = s.run(FACT_RELS).data()
        source = s.run("MATCH (s:Source) RETURN s.id AS id, s.kind AS kind").data()
    assert after == before
    assert len(after) == 9 + 17 + 26 + 12
    assert source == [{"id": "raci:seed-matrix", "kind": "raci-csv"}]
    # and the matrix of the reloaded graph writes the same CSV again
    assert to_csv(build_matrix(seed_graph)) == text


def test_csv_cells_are_spreadsheet_safe_and_load_back(seed_graph: Graph, settings: Settings, tmp_path: Path) -> None:
    from loaders.refresh import load_paths

    with seed_graph.session(database=settings.database) as s:
        s.run(
            "MATCH (a:Activity {id: 'activity:市场分析'}) "
            "SET a.name = '=HYPERLINK(\"http://x\",\"y\")', a.name_en = '@SUM(1)'"
        ).consume()
    text = to_csv(build_matrix(seed_graph))
    rows = list(csv.reader(io.StringIO(text)))
    row = next(r for r in rows if r[0] == "activity:市场分析")
    assert row[1:6] == ["'=HYPERLINK(\"http://x\",\"y\")", "3.B.a", "activity", "activity:市场策划", "'@SUM(1)"]
    path = tmp_path / "m.csv"
    path.write_text(text, encoding="utf-8")
    wipe(seed_graph, settings)
    load_paths(seed_graph, [path])
    with seed_graph.session(database=settings.database) as s:
        act = s.run(
            "MATCH (a:Activity {id: 'activity:市场分析'}) RETURN a.name AS name, a.name_en AS en"
        ).single(strict=True)
    assert (act["name"], act["en"]) == ('=HYPERLINK("http://x","y")', "@SUM(1)")


def test_markdown(seed_graph: Graph, settings: Settings) -> None:
    text = to_markdown(build_matrix(seed_graph))
    assert text.startswith("**RACI**: R responsible · S assists · A first monitor · C other monitor\n")
    assert "| code | activity | 客户经理 | 产品经理 | 区域维护经理 | 公司客户代表管理部 | 产品副主任 | 技术支援助理 | 销售副主任 |" in text
    assert "| 2.A | 客户意见直接反馈 | R | S | S | A | C | C |  |" in text
    assert "| 3.B.a.2 | \u3000\u3000竞争对手分析 | R | S |  |  | C |  | A |" in text
    assert "### 销售\n\n(no activities)\n" in text


def test_html_escapes_document_text(seed_graph: Graph, settings: Settings) -> None:
    with seed_graph.session(database=settings.database) as s:
        s.run("MATCH (r:Role {id: 'role:客户经理'}) SET r.name = '<script>alert(1)</script>'").consume()
    page = to_html(build_matrix(seed_graph))
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert '<td class="cell A">A</td>' in page
    assert "http" not in page  # offline: no external resources


def test_xlsx(seed_graph: Graph, settings: Settings, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "raci.xlsx"
    write_xlsx(build_matrix(seed_graph), path)
    ws = load_workbook(path)["RACI"]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[0] == ["code", "activity", "客户经理", "产品经理", "区域维护经理", "公司客户代表管理部",
                         "产品副主任", "技术支援助理", "销售副主任", "id"]
    assert values[1][:2] == ["2", "客户关系"]
    assert values[2] == ["2.A", "客户意见直接反馈", "R", "S", "S", "A", "C", "C", None, "activity:客户意见直接反馈"]
    assert ws.freeze_panes == "C2"
