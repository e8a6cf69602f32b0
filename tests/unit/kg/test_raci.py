"""The RACI matrix's formats, exactly, on a hand-built matrix (no database)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import QueryError
from kg.raci import (
    DEFAULT_LETTERS,
    MatrixRow,
    Party,
    RaciMatrix,
    for_area,
    parse_letters,
    render,
    to_csv,
    to_html,
    to_markdown,
    write_xlsx,
)
from kg.schema import RACI_LETTERS
from loaders.raci_csv import read_raci_csv

PARTIES = [
    Party("role:客户经理", "客户经理", "Role"),
    Party("dept:审计部", "审计<部>", "Department"),
    Party("role:甲", "甲", "Role"),
]


def matrix(letters: dict[str, str] | None = None) -> RaciMatrix:
    """A business area with an activity and its sub-activity (a name a spreadsheet would
    run, a name with Markdown's '|'), and an area without activities."""
    rows = [
        MatrixRow("activity:区", "区", "Area", "1", "area", None, "区", 0),
        MatrixRow("activity:甲", "甲|活动", "Activity A", "1.A", "activity", "activity:区", "区", 1,
                  {"role:客户经理": ["monitors-first", "responsible"],
                   "dept:审计部": ["monitors-other"]}),
        MatrixRow("activity:乙", "=乙", None, "1.A.1", "activity", "activity:甲", "区", 2,
                  {"role:甲": ["assists"]}),
        MatrixRow("activity:空", "空区", None, None, "area", None, "空区", 0),
    ]
    return RaciMatrix(list(PARTIES), rows, dict(letters or DEFAULT_LETTERS))


def test_cells_and_areas() -> None:
    m = matrix()
    assert DEFAULT_LETTERS == RACI_LETTERS
    # letters in the order of the relations, whatever the order they were found in
    assert m.as_dict() == {
        "activity:甲": {"role:客户经理": "R/A", "dept:审计部": "C"},
        "activity:乙": {"role:甲": "S"},
    }
    assert [(area, [r.id for r in rows]) for area, rows in m.areas()] == [
        ("区", ["activity:区", "activity:甲", "activity:乙"]),
        ("空区", ["activity:空"]),
    ]
    assert [(r.id, r.is_area) for r in m.rows] == [
        ("activity:区", True), ("activity:甲", False), ("activity:乙", False), ("activity:空", True),
    ]


def test_csv() -> None:
    assert to_csv(matrix()) == (
        "id,activity,code,kind,parent,name_en,role:客户经理,dept:审计部,role:甲\n"
        "activity:区,区,1,area,,Area,,,\n"
        "activity:甲,甲|活动,1.A,activity,activity:区,Activity A,R/A,C,\n"
        "activity:乙,'=乙,1.A.1,activity,activity:甲,,,,S\n"
        "activity:空,空区,,area,,,,,\n"
    )
    with pytest.raises(QueryError, match="drop --letters for --format csv"):
        to_csv(matrix(parse_letters("assists=I")))


def test_csv_reads_back_as_the_same_relations(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text(to_csv(matrix()), encoding="utf-8")
    model = read_raci_csv(path)
    by_id = {a.id: a for a in model.activities}
    assert by_id["activity:乙"].name == "=乙"
    assert by_id["activity:乙"].assists == ["role:甲"]
    assert by_id["activity:甲"].responsible == ["role:客户经理"]
    assert [(m.id, m.rank) for m in by_id["activity:甲"].monitors] == [
        ("role:客户经理", "first"), ("dept:审计部", "other"),
    ]


def test_markdown() -> None:
    assert to_markdown(matrix()) == (
        "**RACI**: R responsible · S assists · A first monitor · C other monitor\n"
        "\n### 区\n\n"
        "| code | activity | 客户经理 | 审计\\<部> | 甲 |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| 1.A | 甲\\|活动 | R/A | C |  |\n"
        "| 1.A.1 | \u3000=乙 |  |  | S |\n"
        "\n### 空区\n\n(no activities)\n"
    )
    assert to_markdown(matrix(parse_letters("assists=I"))).splitlines()[0] == (
        "**RACI**: R responsible · I assists · A first monitor · C other monitor"
    )


def test_html() -> None:
    page = to_html(matrix())
    assert page.startswith(
        '<!DOCTYPE html>\n<html lang="zh">\n<head>\n<meta charset="utf-8">\n'
        "<title>RACI matrix</title>\n<style>\n"
    )
    assert page[page.index("</style>"):] == (
        "</style>\n</head>\n<body>\n<h1>RACI matrix</h1>\n"
        '<p class="legend">R responsible · S assists · A first monitor · C other monitor</p>\n'
        "<table>\n"
        '<thead><tr><th>code</th><th>activity</th><th title="role:客户经理">客户经理</th>'
        '<th title="dept:审计部">审计&lt;部&gt;</th><th title="role:甲">甲</th></tr></thead>\n'
        "<tbody>\n"
        '<tr class="area"><th colspan="5">区 <small>Area</small></th></tr>\n'
        '<tr><td>1.A</td><td style="padding-left: 0.5em" title="Activity A">甲|活动</td>'
        '<td class="cell R A">R/A</td><td class="cell C">C</td><td class="cell"></td></tr>\n'
        '<tr><td>1.A.1</td><td style="padding-left: 2.0em">=乙</td><td class="cell"></td>'
        '<td class="cell"></td><td class="cell S">S</td></tr>\n'
        '<tr class="area"><th colspan="5">空区</th></tr>\n'
        "</tbody>\n</table>\n</body>\n</html>\n"
    )
    assert "http" not in page  # offline: no external resources


def test_render_picks_the_format() -> None:
    m = matrix()
    assert render(m, "csv") == to_csv(m)
    assert render(m, "markdown") == to_markdown(m)
    assert render(m, "html") == to_html(m)
    with pytest.raises(QueryError, match="xlsx needs --output"):
        render(m, "xlsx")


def test_xlsx(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "raci.xlsx"
    write_xlsx(matrix(), path)
    book = load_workbook(path)
    values = [[c.value for c in row] for row in book["RACI"].iter_rows()]
    assert values == [
        ["code", "activity", "客户经理", "审计<部>", "甲", "id"],
        ["1", "区", None, None, None, "activity:区"],
        ["1.A", "甲|活动", "R/A", "C", None, "activity:甲"],
        ["1.A.1", "=乙", None, None, "S", "activity:乙"],  # text, not a formula
        [None, "空区", None, None, None, "activity:空"],
    ]
    assert book["RACI"].column_dimensions["F"].hidden
    assert book["RACI"]["B4"].data_type == "s"
    assert [[c.value for c in row] for row in book["Legend"].iter_rows()] == [
        ["letter", "meaning"], ["R", "responsible"], ["S", "assists"], ["A", "first monitor"],
        ["C", "other monitor"], [None, None], ["column", "id"], ["客户经理", "role:客户经理"],
        ["审计<部>", "dept:审计部"], ["甲", "role:甲"],
    ]


def test_for_area() -> None:
    area = for_area(matrix(), "AREA")  # its English name, in any case
    assert [r.id for r in area.rows] == ["activity:区", "activity:甲", "activity:乙"]
    assert [p.id for p in area.parties] == ["role:客户经理", "dept:审计部", "role:甲"]
    assert [p.id for p in for_area(matrix(), "空区").parties] == []
    with pytest.raises(QueryError, match=r"--area 'x': no such business area; the areas: 区 \(Area\), 空区$"):
        for_area(matrix(), "x")


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("boss=B", "RELATION one of responsible, assists, monitors-first, monitors-other"),
        ("assists=", "a letter must be non-empty"),
        ("assists=R", "two relations share a letter"),
    ],
)
def test_bad_letters(spec: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        parse_letters(spec)
