"""kg load of what analysts have (#11): the Excel RACI, a folder as one refresh (--prune),
and bad files that write nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook
from pypdf import PdfWriter

from kg.api import Graph
from kg.cli import cli
from kg.config import Settings
from kg.raci import build_matrix
from loaders.refresh import load_paths
from tests.conftest import DATA, wipe
from tests.fixtures_docs import LOGISTICS, SEED, write_docx, write_site_page
from tests.integration.test_load import conn, dump
from tests.integration.test_raci import FACT_RELS

pytestmark = pytest.mark.neo4j


def kg(settings: Settings, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [*args, *conn(settings)])
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output


# --------------------------------------------------------------------------- Excel RACI
def test_kg_raci_workbook_loads_back_to_the_same_matrix(
    seed_graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    with seed_graph.session(database=settings.database) as s:
        # names a spreadsheet would run as formulas: they stay text both ways
        formula = '=HYPERLINK("http://x","y")'
        s.run(
            "MATCH (a:Activity {id: 'activity:市场分析'}) SET a.name = $name, a.id = $id, a.name_en = null",
            name=formula, id=f"activity:{formula}",
        ).consume()
        s.run("MATCH (r:Role {id: 'role:销售副主任'}) SET r.name = '@SUM(1)', r.id = 'role:@SUM(1)'").consume()
        before = s.run(FACT_RELS).data()
    matrix = build_matrix(seed_graph)
    path = tmp_path / "seed-matrix.xlsx"
    code, output = kg(settings, "raci", "-o", str(path))
    assert code == 0, output

    wipe(seed_graph, settings)
    code, output = kg(settings, "load", str(path))
    assert code == 0, output
    with seed_graph.session(database=settings.database) as s:
        after = s.run(FACT_RELS).data()
        source = s.run("MATCH (s:Source) RETURN s.id AS id, s.kind AS kind").data()
    assert source == [{"id": "raci:seed-matrix", "kind": "raci-xlsx"}]
    assert after == before
    again = build_matrix(seed_graph)
    assert again.parties == matrix.parties
    assert again.rows == matrix.rows  # ids, names, codes, kinds, parents, areas, letters
    assert again.as_dict() == matrix.as_dict()
    assert any(r.name.startswith("=HYPERLINK") for r in again.rows)
    # and unchanged on a second load
    code, output = kg(settings, "load", str(path))
    assert code == 0 and "unchanged" in output


def test_hand_made_raci_workbook_with_standard_letters(
    graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "销售"
    ws.append(["Area", "Code", "Activity", "Account Manager", "產品經理", "dept:销售部", "Notes"])
    ws.append(["销售", "4.A", "投标", "R", "I", "A", None])
    ws.append([None, "4.B", "合同谈判", "R/A", None, "C", "with legal"])
    ws.append([])
    ws.merge_cells("A2:A4")
    path = tmp_path / "sales.xlsx"
    wb.save(str(path))
    code, output = kg(settings, "load", str(path), "--letters", "assists=I")
    assert code == 0, output
    with graph.session(database=settings.database) as s:
        rels = {(r["type"], r["start"], r["end"], r["rank"]) for r in s.run(FACT_RELS)}
    assert rels == {
        ("RESPONSIBLE", "role:客户经理", "activity:投标", None),
        ("ASSISTS", "role:产品经理", "activity:投标", None),
        ("MONITORS", "dept:销售部", "activity:投标", "first"),
        ("RESPONSIBLE", "role:客户经理", "activity:合同谈判", None),
        ("MONITORS", "role:客户经理", "activity:合同谈判", "first"),
        ("MONITORS", "dept:销售部", "activity:合同谈判", "other"),
        ("PART_OF", "activity:投标", "activity:销售", None),
        ("PART_OF", "activity:合同谈判", "activity:销售", None),
    }
    # the letter I without --letters: one line naming the cell, nothing written
    before = dump(graph, settings)
    code, output = kg(settings, "load", str(path), "--force")
    assert code == 1
    assert output.strip() == (
        f"Error: {path}: 销售!E2: unknown letter 'I' in 'I' (use R, S, A, C; combine with '/')"
    )
    assert dump(graph, settings) == before


# --------------------------------------------------------------------------- folders
EXTRA = """activity,code,客户经理,采购经理
客户回访,9.A,R,S
"""


def test_folder_loads_as_one_refresh_and_prune_withdraws_exactly_the_gone_file(
    graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "documents"
    (folder / "raci").mkdir(parents=True)
    write_docx(SEED, folder / "marketing.docx")
    write_site_page(LOGISTICS, folder / "logistics.html")
    (folder / "raci" / "extra.csv").write_text(EXTRA, encoding="utf-8")
    # a model file names the document it was extracted from: pruned by the file loaded
    finance = (DATA / "models" / "finance-b.yaml").read_text(encoding="utf-8")
    (folder / "finance.yaml").write_text(
        finance.replace("version: Ver1.0}", "version: Ver1.0, path: /elsewhere/finance.docx}"),
        encoding="utf-8",
    )
    (folder / ".notes.txt").write_text("not a document", encoding="utf-8")  # hidden
    (folder / "~$marketing.docx").write_bytes(b"\x00lock")  # Word's lock file
    (folder / "readme.md").write_text("# not a source", encoding="utf-8")  # another type
    outside = tmp_path / "procurement-a.yaml"  # loaded from elsewhere; shares 采购经理
    shutil.copy(DATA / "models" / "procurement-a.yaml", outside)

    code, output = kg(settings, "load", str(outside))
    assert code == 0, output
    code, output = kg(settings, "load", str(folder))
    assert code == 0, output
    with graph.session(database=settings.database) as s:
        sources = s.run("MATCH (s:Source) RETURN s.id AS id, s.path AS path ORDER BY id").data()
    assert [(r["id"], Path(r["path"]).name) for r in sources] == [
        ("doc:以客户为中心的物流业务模型", "logistics.html"),
        ("doc:以客户为中心的营销业务模型", "marketing.docx"),
        ("doc:财务业务模型", "finance.docx"),
        ("doc:采购业务模型", "procurement-a.yaml"),
        ("raci:extra", "extra.csv"),
    ]

    (folder / "raci" / "extra.csv").unlink()
    (folder / "finance.yaml").unlink()
    outside.unlink()  # gone too, but not loaded from the folder: never pruned
    before = dump(graph, settings)
    code, output = kg(settings, "load", str(folder), "--prune", "--dry-run")
    assert code == 0, output
    assert "Would withdraw 2 source(s) whose file is gone:\n  doc:财务业务模型 (" in output
    assert "\n  raci:extra (" in output
    assert dump(graph, settings) == before

    code, output = kg(settings, "load", str(folder), "--prune")
    assert code == 0, output
    assert "Withdrew 2 source(s) whose file is gone:\n  doc:财务业务模型 (" in output
    pruned = dump(graph, settings)

    # exactly its facts: the graph is the one the remaining sources make
    wipe(graph, settings)
    shutil.copy(DATA / "models" / "procurement-a.yaml", outside)
    load_paths(graph, [outside])
    load_paths(graph, [folder])
    assert dump(graph, settings) == pruned
    code, output = kg(settings, "load", str(folder), "--prune")
    assert code == 0 and "Nothing to prune" in output


def test_prune_needs_a_folder(graph: Graph, settings: Settings) -> None:
    code, output = kg(settings, "load", str(DATA / "models" / "procurement-a.yaml"), "--prune")
    assert code == 2  # usage (#24: it was 1)
    assert "--prune withdraws what was loaded from a folder" in output


# --------------------------------------------------------------------------- bad files
def _encrypted_pdf(path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    with open(path, "wb") as fh:
        writer.write(fh)


def _scanned_pdf(path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    with open(path, "wb") as fh:
        writer.write(fh)


def _no_raci_sheet(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["item", "amount"])
    wb.save(str(path))


BAD_FILES = [
    ("broken.docx", lambda p: p.write_bytes(b"PK\x03\x04 not a zip"), "not a readable .docx (not a zip archive)"),
    ("locked.pdf", _encrypted_pdf, "the PDF is encrypted: save a copy without a password"),
    ("scan.pdf", _scanned_pdf, "the PDF has no text layer (a scan?): run OCR first"),
    ("old.doc", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0"), "kg cannot read .doc files: save it as .docx"),
    ("old.xls", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0"), "kg cannot read .xls files: save it as .xlsx"),
    ("budget.xlsx", _no_raci_sheet, "no RACI sheet: no sheet has a header row with an 'activity' column"),
    ("huge.txt", lambda p: p.write_bytes(b"x" * 3 * 1024 * 1024), "3.0 MB is over the 2 MB limit for one file"),
]


@pytest.mark.parametrize(("name", "make", "message"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_files_one_line_and_nothing_written(
    graph: Graph, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    name: str, make: object, message: str,
) -> None:
    monkeypatch.setenv("KG_MAX_FILE_MB", "2")
    load_paths(graph, [DATA / "models" / "procurement-a.yaml"])
    before = dump(graph, settings)
    bad = tmp_path / name
    make(bad)  # type: ignore[operator]
    code, output = kg(settings, "load", str(DATA / "models" / "finance-b.yaml"), str(bad))
    assert code == 1
    assert output.strip().count("\n") == 0 and output.startswith(f"Error: {bad}: ")
    assert message in output
    assert dump(graph, settings) == before
    # a folder holding it: the same line, nothing written
    folder = tmp_path / "folder"
    folder.mkdir()
    shutil.move(bad, folder / name)
    if (folder / name).suffix in (".doc", ".xls"):
        return  # not a type kg looks for in a folder
    code, output = kg(settings, "load", str(folder))
    assert code == 1 and message in output and output.strip().count("\n") == 0
    assert dump(graph, settings) == before
