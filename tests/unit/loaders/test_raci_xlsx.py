"""loaders.raci_xlsx: hand-made RACI workbooks (made here with openpyxl) → exact edges."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import pytest
from openpyxl import Workbook

from kg.errors import SourceError
from kg.model import Model
from kg.raci import parse_letters
from loaders.raci_xlsx import read_raci_xlsx
from loaders.sources import read_source


def edges(model: Model) -> set[tuple[str, str, str]]:
    """(party, relation, activity) for every letter; PART_OF as (child, 'part-of', parent)."""
    out: set[tuple[str, str, str]] = set()
    for a in model.activities:
        out |= {(r, "R", a.id) for r in a.responsible}
        out |= {(r, "S", a.id) for r in a.assists}
        out |= {(m.id, "A" if m.rank == "first" else "C", a.id) for m in a.monitors}
        if a.parent:
            out.add((a.id, "part-of", a.parent))
    return out


def one_sheet_raci(path: Path) -> Path:
    """One sheet for all: a merged area column, a notes column, blank rows, headers in
    Traditional script and English, standard RACI letters R/A/C/I."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "RACI 2024"
    ws.append(["業務領域", "編號", "活動", "客戶經理", "Product Manager", "dept:公司客户代表管理部", "備註"])
    ws.append(["客戶關系", "2.A", "客户意见直接反馈", "R", "I", "A", "每月"])
    ws.append([None, "2.B", "客户关系规划", "R/A", "i", None, None])
    ws.append([])
    ws.append(["市場", "3.A", "市场信息收集与维护", "R", "C", None, None])
    ws.append([None, "3.B", "市场策划", None, None, None, "only a parent"])
    ws.append([None, "3.B.a", "市场分析", "R", "I", "C", None])
    ws.merge_cells("A2:A4")
    ws.merge_cells("A5:A7")
    wb.save(str(path))
    return path


def test_one_sheet_with_merged_areas_notes_and_raci_letters(tmp_path: Path) -> None:
    model = read_raci_xlsx(one_sheet_raci(tmp_path / "raci.xlsx"), letters=parse_letters("assists=I"))
    assert model.source.id == "raci:raci"
    assert [(r.id, r.name_original, r.name_en) for r in model.roles] == [
        ("role:客户经理", "客戶經理", "Account Manager"),
        ("role:产品经理", "Product Manager", "Product Manager"),
    ]
    assert [d.id for d in model.departments] == ["dept:公司客户代表管理部"]
    assert [(a.id, a.kind, a.code) for a in model.activities] == [
        ("activity:客戶關系", "area", None),
        ("activity:客户意见直接反馈", "activity", "2.A"),
        ("activity:客户关系规划", "activity", "2.B"),
        ("activity:市場", "area", None),
        ("activity:市场信息收集与维护", "activity", "3.A"),
        ("activity:市场策划", "activity", "3.B"),
        ("activity:市场分析", "activity", "3.B.a"),
    ]
    assert edges(model) == {
        ("role:客户经理", "R", "activity:客户意见直接反馈"),
        ("role:产品经理", "S", "activity:客户意见直接反馈"),
        ("dept:公司客户代表管理部", "A", "activity:客户意见直接反馈"),
        ("role:客户经理", "R", "activity:客户关系规划"),
        ("role:客户经理", "A", "activity:客户关系规划"),
        ("role:产品经理", "S", "activity:客户关系规划"),
        ("role:客户经理", "R", "activity:市场信息收集与维护"),
        ("role:产品经理", "C", "activity:市场信息收集与维护"),
        ("role:客户经理", "R", "activity:市场分析"),
        ("role:产品经理", "S", "activity:市场分析"),
        ("dept:公司客户代表管理部", "C", "activity:市场分析"),
        ("activity:客户意见直接反馈", "part-of", "activity:客戶關系"),
        ("activity:客户关系规划", "part-of", "activity:客戶關系"),
        ("activity:市场信息收集与维护", "part-of", "activity:市場"),
        ("activity:市场策划", "part-of", "activity:市場"),
        ("activity:市场分析", "part-of", "activity:市场策划"),  # 3.B.a under 3.B
    }
    # the row is the provenance: its sheet and its cells
    feedback = model.activities[1]
    assert feedback.provenance is not None
    assert feedback.provenance.text == "客戶關系 | 2.A | 客户意见直接反馈 | R | I | A | 每月"
    assert feedback.evidence["responsible"] == feedback.provenance


def test_without_letters_i_is_unknown_and_the_cell_is_named(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as err:
        read_raci_xlsx(one_sheet_raci(tmp_path / "raci.xlsx"))
    assert str(err.value) == (
        f"{tmp_path / 'raci.xlsx'}: 'RACI 2024'!E2: unknown letter 'I' in 'I' "
        "(use R, S, A, C; combine with '/')"
    )


def test_one_sheet_per_area(tmp_path: Path) -> None:
    wb = Workbook()
    cover = wb.active
    assert cover is not None
    cover.title = "說明"
    cover.append(["本表列出各業務的責任人"])  # no header row: not a RACI sheet
    customers = wb.create_sheet("客户关系")
    customers.append(["activity", "客户经理", "产品经理"])
    customers.append(["客户意见直接反馈", "R", "S"])
    market = wb.create_sheet("市场")
    market.append([])
    market.append(["code", "activity", "产品经理", "客户经理", "notes"])  # another order
    market.append(["3.A", "市场信息收集与维护", "S", "R", "x"])
    market.append([None, None, None, None, "a note alone"])
    market.append(["3.B", "市场策划", None, None])
    market.append(["3.B.1", "竞争对手分析", "C", "R/A"])
    path = tmp_path / "areas.xlsx"
    wb.save(str(path))
    model = read_raci_xlsx(path)
    assert [r.id for r in model.roles] == ["role:客户经理", "role:产品经理"]
    assert [(a.id, a.kind) for a in model.activities] == [
        ("activity:客户关系", "area"),
        ("activity:客户意见直接反馈", "activity"),
        ("activity:市场", "area"),
        ("activity:市场信息收集与维护", "activity"),
        ("activity:市场策划", "activity"),
        ("activity:竞争对手分析", "activity"),
    ]
    assert edges(model) == {
        ("role:客户经理", "R", "activity:客户意见直接反馈"),
        ("role:产品经理", "S", "activity:客户意见直接反馈"),
        ("role:客户经理", "R", "activity:市场信息收集与维护"),
        ("role:产品经理", "S", "activity:市场信息收集与维护"),
        ("role:客户经理", "R", "activity:竞争对手分析"),
        ("role:客户经理", "A", "activity:竞争对手分析"),
        ("role:产品经理", "C", "activity:竞争对手分析"),
        ("activity:客户意见直接反馈", "part-of", "activity:客户关系"),
        ("activity:市场信息收集与维护", "part-of", "activity:市场"),
        ("activity:市场策划", "part-of", "activity:市场"),
        ("activity:竞争对手分析", "part-of", "activity:市场策划"),
    }


def workbook(path: Path, sheet: str, rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet
    for row in rows:
        ws.append(row)
    wb.save(str(path))
    return path


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            [["activity", "客户经理", "产品经理", "销售副主任"]]
            + [[f"活动{i}", "R", None, None] for i in range(5)]
            + [["活动x", "R", None, "X"]],
            "市场!D7: unknown letter 'X' in 'X' (use R, S, A, C; combine with '/')",
        ),
        ([["activity", "dept:部"], ["规划", "R"]], "市场!B2: a department can only monitor (A or C), not R"),
        ([["activity", "客户经理"], [None, "R"]], "市场!A2: no activity name"),
        ([["activity", "客户经理"], ["规划", "R"], ["规划", "S"]],
         "市场!A3: duplicate activity 'activity:规划' (also 市场!2:2)"),
        ([["activity", "客户经理", "Account Manager"]], "市场!C1: duplicate column: role:客户经理 (also B1)"),
        ([["activity", "output:单"], ["规划", "R"]], "市场!B1: unknown column"),
    ],
)
def test_errors_name_the_sheet_and_cell(tmp_path: Path, rows: list[list[object]], message: str) -> None:
    path = workbook(tmp_path / "m.xlsx", "市场", rows)
    with pytest.raises(SourceError) as err:
        read_raci_xlsx(path)
    assert str(err.value).startswith(f"{path}: {message}")


def test_a_workbook_without_a_raci_sheet(tmp_path: Path) -> None:
    path = workbook(tmp_path / "budget.xlsx", "Budget", [["item", "amount"], ["rent", 100]])
    with pytest.raises(SourceError) as err:
        read_source(path)
    assert str(err.value) == (
        f"{path}: no RACI sheet: no sheet has a header row with an 'activity' column and one "
        "column per role (sheets: Budget)"
    )


def test_damaged_and_legacy_workbooks(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(b"PK\x03\x04 truncated")
    with pytest.raises(SourceError, match=r"damaged\.xlsx: not a readable \.xlsx \(not a zip archive\)"):
        read_source(damaged)
    legacy = tmp_path / "old.xls"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0 an OLE2 file")
    with pytest.raises(SourceError) as err:
        read_source(legacy)
    assert str(err.value) == (
        f"{legacy}: kg cannot read .xls files: save it as .xlsx (Excel: File > Save As; "
        "or `soffice --headless --convert-to xlsx FILE`)"
    )


def test_kg_raci_workbook_with_other_letters_reads_back(tmp_path: Path) -> None:
    """The Legend sheet says which letters the workbook uses and which column is a
    department: `kg raci --letters assists=I -o m.xlsx` reads back without --letters."""
    from kg.raci import MatrixRow, Party, RaciMatrix, write_xlsx

    parties = [Party("role:客户经理", "客户经理", "Role"), Party("dept:办事处", "办事处", "Department")]
    rows = [
        MatrixRow("activity:客户关系", "客户关系", None, "2", "area", None, "客户关系", 0),
        MatrixRow("activity:客户关系改进", "客户关系改进", None, "2.D", "activity", "activity:客户关系", "客户关系", 1),
        MatrixRow("activity:建立新的客户关系", "建立新的客户关系", None, "2.D.1", "activity",
                  "activity:客户关系改进", "客户关系", 2,
                  {"role:客户经理": ["responsible", "assists"], "dept:办事处": ["monitors-first"]}),
    ]
    path = tmp_path / "m.xlsx"
    write_xlsx(RaciMatrix(parties, rows, parse_letters("assists=I")), path)
    model = read_raci_xlsx(path)
    assert [d.id for d in model.departments] == ["dept:办事处"]
    assert [(a.id, a.kind, a.code, a.parent) for a in model.activities] == [
        ("activity:客户关系", "area", "2", None),
        ("activity:客户关系改进", "activity", "2.D", "activity:客户关系"),
        ("activity:建立新的客户关系", "activity", "2.D.1", "activity:客户关系改进"),
    ]
    assert edges(model) >= {
        ("role:客户经理", "R", "activity:建立新的客户关系"),
        ("role:客户经理", "S", "activity:建立新的客户关系"),
        ("dept:办事处", "A", "activity:建立新的客户关系"),
    }


def test_folder_files_skip_hidden_lock_and_other_files(tmp_path: Path) -> None:
    from loaders.sources import expand_paths, folder_files

    for name in ["b.docx", "a/z.csv", "a/m.xlsx", ".hidden.txt", ".git/x.txt", "~$b.docx",
                 "notes.md", "scan.PDF"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"")
    assert [p.relative_to(tmp_path).as_posix() for p in folder_files(tmp_path)] == [
        "a/m.xlsx", "a/z.csv", "b.docx", "scan.PDF",
    ]
    # a file given and found again in the folder is loaded once
    single = (tmp_path / "b.docx").resolve()
    assert expand_paths([single, tmp_path]) == [
        single, *(p for p in folder_files(tmp_path.resolve()) if p != single)
    ]


def test_kg_raci_workbook_keeps_ids_that_are_not_names(tmp_path: Path) -> None:
    """Ids that differ from names (a document's second 'X' is 'activity:X#2.B'), a
    department named otherwise than its id, a name a spreadsheet would run: all back."""
    from kg.raci import write_xlsx
    from tests.unit.kg.test_raci import matrix

    path = tmp_path / "m.xlsx"
    drawn = matrix()
    write_xlsx(drawn, path)
    model = read_raci_xlsx(path)
    assert [(a.id, a.name, a.code, a.kind, a.parent) for a in model.activities] == [
        (r.id, r.name, r.code, r.kind, r.parent_id) for r in drawn.rows
    ]
    assert [r.id for r in model.roles] + [d.id for d in model.departments] == [
        "role:客户经理", "role:甲", "dept:审计部",
    ]
    assert edges(model) == {
        ("role:客户经理", "R", "activity:甲"),
        ("role:客户经理", "A", "activity:甲"),
        ("dept:审计部", "C", "activity:甲"),
        ("role:甲", "S", "activity:乙"),
        ("activity:甲", "part-of", "activity:区"),
        ("activity:乙", "part-of", "activity:甲"),
    }


def test_an_unreadable_folder_beneath_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """#24: os.walk skipped a folder it could not list without a word (exit 0, its files
    left out).  Root reads any folder whatever its mode, so the listing fails here."""
    import os

    from kg.errors import KgError, SourceError
    from loaders.sources import expand_paths

    (tmp_path / "closed").mkdir()
    (tmp_path / "closed" / "m.csv").write_text("activity\n", encoding="utf-8")
    (tmp_path / "open.csv").write_text("activity\n", encoding="utf-8")
    scandir = os.scandir

    def refuse(path: Any = ".") -> Any:
        if str(path).endswith("closed"):
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    with pytest.raises(SourceError) as caught:
        expand_paths([tmp_path])
    assert caught.value.exit_code == 2
    assert str(caught.value) == (
        f"{tmp_path / 'closed'}: cannot read the folder (Permission denied): its files would be "
        "left out of the load (kg load --skip-unreadable leaves it out with a warning)"
    )
    # kg load --skip-unreadable: told, and left out
    told: list[tuple[Path, str]] = []
    assert expand_paths([tmp_path], lambda folder, why: told.append((folder, why))) == [
        tmp_path.resolve() / "open.csv"
    ]
    assert told == [(tmp_path.resolve() / "closed", "Permission denied")]
    # … but never with --prune: the files beneath would look gone
    from loaders.refresh import load_paths

    with pytest.raises(KgError) as refused:
        load_paths(cast(Any, None), [tmp_path], prune=True, on_unreadable=lambda folder, why: None)
    assert (refused.value.exit_code, str(refused.value)) == (
        2,
        f"{tmp_path.resolve() / 'closed'}: cannot read the folder: --prune withdraws nothing while a "
        "folder beneath cannot be read (make it readable, or load without --prune)",
    )
