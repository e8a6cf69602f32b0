"""``kg extract`` of Word files, PDFs and web pages, and of files it cannot read (#11):
one line, exit 1, nothing written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from openpyxl import Workbook
from pypdf import PdfWriter

from kg.cli import cli
from tests.fixtures_docs import SEED, write_docx, write_site_page
from tests.fixtures_house_styles import chinese_docx


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result.exit_code, result.output


@pytest.mark.parametrize("make", [write_docx, write_site_page], ids=["docx", "html"])
def test_extract_a_container(tmp_path: Path, make: Callable[[Path, Path], Path]) -> None:
    suffix = ".docx" if make is write_docx else ".html"
    path = make(SEED, tmp_path / f"seed{suffix}")
    out = tmp_path / "seed.yaml"
    code, output = run("extract", str(path), "-o", str(out))
    assert code == 0, output
    assert output.splitlines()[0] == f"{path}: 4 areas, 12 activities, 8 roles, 2 departments, 6 outputs"
    assert out.exists()


def _pdf(path: Path, *, encrypted: bool) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if encrypted:
        writer.encrypt(user_password="secret", algorithm="RC4-128")
    with open(path, "wb") as fh:
        writer.write(fh)


def _workbook(path: Path) -> None:
    wb = Workbook()
    wb.save(str(path))


BAD = [
    ("broken.docx", lambda p: p.write_bytes(b"PK\x03\x04 not a zip"),
     "not a readable .docx (not a zip archive): the file is damaged or not a Word document"),
    ("locked.pdf", lambda p: _pdf(p, encrypted=True),
     "the PDF is encrypted: save a copy without a password (e.g. `qpdf --decrypt IN.pdf OUT.pdf`)"),
    ("scan.pdf", lambda p: _pdf(p, encrypted=False),
     "the PDF has no text layer (a scan?): run OCR first"),
    ("old.doc", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0"),
     "kg cannot read .doc files: save it as .docx (Word: File > Save As; "
     "or `soffice --headless --convert-to docx FILE`)"),
    ("old.xls", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0"), "kg cannot read .xls files: save it as .xlsx"),
    ("raci.xlsx", _workbook, "a RACI workbook, not a document: `kg load"),
    ("huge.txt", lambda p: p.write_bytes(b"x" * 3 * 1024 * 1024),
     "3.0 MB is over the 2 MB limit for one file: split it, or raise KG_MAX_FILE_MB"),
]


@pytest.mark.parametrize(("name", "make", "message"), BAD, ids=[b[0] for b in BAD])
def test_extract_bad_files_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str,
    make: Callable[[Path], None], message: str,
) -> None:
    monkeypatch.setenv("KG_MAX_FILE_MB", "2")
    path = tmp_path / name
    make(path)
    out = tmp_path / "model.yaml"
    code, output = run("extract", str(path), "-o", str(out))
    assert code == 1
    assert output.startswith(f"Error: {path}: ") and output.strip().count("\n") == 0
    assert message in output
    assert not out.exists()


def test_extract_a_word_file_in_another_house_style(tmp_path: Path) -> None:
    path = chinese_docx(tmp_path / "procurement.docx")
    out = tmp_path / "procurement.yaml"
    code, output = run("extract", str(path), "-o", str(out))
    assert code == 0, output
    assert output.splitlines()[0] == f"{path}: 2 areas, 8 activities, 10 roles, 1 departments, 6 outputs"
    assert out.exists()


def test_a_word_file_of_headings_without_fields_is_refused(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("会议纪要", level=1)
    document.add_paragraph("本次会议讨论了下季度的工作安排。")
    path = tmp_path / "minutes.docx"
    document.save(str(path))
    code, output = run("extract", str(path), "-o", str(tmp_path / "minutes.yaml"))
    assert (code, output.strip()) == (
        1,
        f"Error: {path}: no recognisable activities (no headings followed by fields such as "
        "'业务描述:' or '主要责任人:')",
    )
    assert not (tmp_path / "minutes.yaml").exists()
