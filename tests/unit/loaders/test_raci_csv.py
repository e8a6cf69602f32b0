"""RACI matrix CSV → model (no database): the format, and errors naming file, row, column."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import SourceError
from loaders.raci_csv import read_raci_csv

MATRIX = """\
id,activity,code,kind,parent,name_en,role:客户经理,产品经理,dept:公司客户代表管理部
activity:客户关系,客户关系,2,area,,Customer Relations,,,
activity:客户意见直接反馈,客户意见直接反馈,2.A,activity,activity:客户关系,,R,s/C,A
,客户关系规划,2.C,,客户关系,,R/A,,
"""


def write(tmp_path: Path, text: str, name: str = "matrix.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_the_matrix(tmp_path: Path) -> None:
    model = read_raci_csv(write(tmp_path, "\ufeff" + MATRIX))
    assert model.source.id == "raci:matrix"
    assert [(r.id, r.name) for r in model.roles] == [("role:客户经理", "客户经理"), ("role:产品经理", "产品经理")]
    assert [(d.id, d.name) for d in model.departments] == [("dept:公司客户代表管理部", "公司客户代表管理部")]
    area, feedback, planning = model.activities
    assert (area.id, area.kind, area.code, area.name_en, area.parent) == (
        "activity:客户关系", "area", "2", "Customer Relations", None)
    assert (feedback.responsible, feedback.assists) == (["role:客户经理"], ["role:产品经理"])
    assert [(m.id, m.rank) for m in feedback.monitors] == [
        ("role:产品经理", "other"), ("dept:公司客户代表管理部", "first")]
    # the id defaults from the name; the parent may be given by name
    assert (planning.id, planning.parent, planning.kind) == ("activity:客户关系规划", "activity:客户关系", "activity")
    assert planning.responsible == ["role:客户经理"]
    assert [(m.id, m.rank) for m in planning.monitors] == [("role:客户经理", "first")]
    # provenance: the row it comes from
    assert feedback.provenance is not None
    assert feedback.provenance.text.startswith("activity:客户意见直接反馈,")
    assert feedback.evidence["responsible"] == feedback.provenance


def test_source_id_override(tmp_path: Path) -> None:
    assert read_raci_csv(write(tmp_path, MATRIX), source_id="raci:x").source.id == "raci:x"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("activity,客户经理\n客户关系规划,X\n", "row 2, column '客户经理': unknown letter 'X' in 'X'"),
        ("activity,客户经理\n客户关系规划,R/Q\n", "row 2, column '客户经理': unknown letter 'Q'"),
        ("activity,output:单\n客户关系规划,R\n", "row 1, column 'output:单': unknown column"),
        ("activity,客户经理,客户经理\n", "row 1, column '客户经理': duplicate column"),
        ("name,客户经理\n", "row 1: no 'activity' column"),
        ("activity,客户经理\n规划,R\n规划,S\n", "row 3, column 'activity': duplicate activity 'activity:规划' (also row 2)"),
        ("activity,parent\n规划,无此\n", "row 2, column 'parent': unknown parent '无此'"),
        ("activity,dept:部\n规划,R\n", "row 2, column 'dept:部': a department can only monitor"),
        ("activity,kind\n规划,process\n", "row 2, column 'kind': unknown kind 'process'"),
        ("", "empty file"),
    ],
)
def test_errors_name_file_row_and_column(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(SourceError) as err:
        read_raci_csv(path)
    assert str(err.value).startswith(f"{path}: ")
    assert message in str(err.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file"):
        read_raci_csv(tmp_path / "nope.csv")


def test_headers_in_any_script_or_english_name_the_same_roles(tmp_path: Path) -> None:
    text = "activity,客戶經理,Product Manager,dept:公司客戶代表管理部\n客户关系规划,R,S,A\n"
    model = read_raci_csv(write(tmp_path, text))
    assert [(r.id, r.name, r.name_en) for r in model.roles] == [
        ("role:客户经理", "客户经理", "Account Manager"),
        ("role:产品经理", "产品经理", "Product Manager"),
    ]
    assert [d.id for d in model.departments] == ["dept:公司客户代表管理部"]
    with pytest.raises(SourceError, match="duplicate column: role:客户经理"):
        read_raci_csv(write(tmp_path, "activity,客户经理,客戶經理\n客户关系规划,R,S\n", "d.csv"))


def test_gbk_csv_says_how_to_convert(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("activity,客户经理\n客户关系规划,R\n".encode("gbk"))
    with pytest.raises(SourceError, match=r"looks like GBK-encoded Chinese text\. Convert it with: iconv -f GBK"):
        read_raci_csv(path)


def test_any_number_of_byte_order_marks(tmp_path: Path) -> None:
    model = read_raci_csv(write(tmp_path, "\ufeff\ufeff" + MATRIX))
    assert [r.id for r in model.roles] == ["role:客户经理", "role:产品经理"]


def test_a_gbk_csv_gets_the_iconv_hint(tmp_path: Path) -> None:
    path = tmp_path / "matrix.csv"
    path.write_bytes(MATRIX.encode("gbk"))
    with pytest.raises(SourceError, match=r"GBK-encoded .* iconv -f GBK -t UTF-8"):
        read_raci_csv(path)


def test_a_missing_csv_is_exit_code_2(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as err:
        read_raci_csv(tmp_path / "nope.csv")
    assert err.value.exit_code == 2


def test_a_wide_matrix_keeps_its_provenance_small(tmp_path: Path) -> None:
    """A role's provenance is its header cell, and a row's text is cut: a matrix with
    thousands of columns would otherwise repeat its whole header on every role and its
    whole row on every relationship (issue #15: 20 x 10,000 took 4 GB)."""
    roles = [f"role:角色{i:04d}" for i in range(2000)]
    rows = [f"活动{r}," + ",".join("R" if (i + r) % 3 == 0 else "S" for i in range(len(roles))) for r in range(3)]
    model = read_raci_csv(write(tmp_path, "activity," + ",".join(roles) + "\n" + "\n".join(rows) + "\n"))
    role = model.roles[1234]
    assert role.provenance is not None
    assert role.provenance.text == roles[1234]
    header = "activity," + ",".join(roles)
    assert header[role.provenance.start : role.provenance.end] == roles[1234]
    activity = model.activities[0]
    assert activity.provenance is not None
    assert len(activity.provenance.text) == 241 and activity.provenance.text.endswith("…")
    assert activity.provenance.end - activity.provenance.start == len(rows[0])
    assert len(activity.responsible) + len(activity.assists) == 2000
