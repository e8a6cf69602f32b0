"""loaders.guard: the hostile containers of issue #24's campaign are refused with one line,
within the memory ceiling (2 GB peak RSS, measured in a child process).

The bombs are built here, small (:mod:`tests.bombs`): a 1 MB Word file whose document.xml
inflates to 1 GB of whitespace, of one text run or of paragraphs; a Word file with a
billion-laughs DTD; a 1 MB PDF whose page inflates to 1 GB; a PDF with 100,000 nested
dictionaries; a workbook of a million rows."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from kg.errors import KgError
from loaders import guard
from loaders.sources import read_source
from tests import bombs

ROOT = Path(__file__).resolve().parents[3]
GB = 1024 * 1024 * 1024
CEILING = 2 * GB

#: name, builder, the error's text after "FILE: "
BOMBS: list[tuple[str, Callable[[Path], Path], str]] = [
    ("whitespace.docx", lambda p: bombs.docx_bomb(p, "whitespace"),
     "not a readable .docx: part word/document.xml inflates to 1,073,742,027 bytes (limit 64 MiB a part): "
     "a zip bomb, or not a document"),
    ("run.docx", lambda p: bombs.docx_bomb(p, "run"),
     "not a readable .docx: part word/document.xml inflates to 1,073,742,026 bytes (limit 64 MiB a part): "
     "a zip bomb, or not a document"),
    ("paragraphs.docx", lambda p: bombs.docx_bomb(p, "paragraphs"),
     "not a readable .docx: part word/document.xml inflates to 1,073,737,897 bytes (limit 64 MiB a part): "
     "a zip bomb, or not a document"),
    # the directory says 50 kB, the part inflates to 200 MB: zipfile stops at the stated
    # size and the CRC tells
    ("lying.docx", lambda p: bombs.docx_bomb(p, "paragraphs", 0.2, declared=50_000),
     "not a readable .docx: damaged zip (BadZipFile: Bad CRC-32 for file 'word/document.xml')"),
    ("entities.docx", bombs.entity_docx,
     "not a readable .docx: part word/document.xml declares a DTD or an entity (<!DOCTYPE, <!ENTITY): "
     "Office never writes one; refused as unsafe"),
    ("flate.pdf", lambda p: bombs.pdf_flate_bomb(p),
     "not a readable PDF: past a limit of the PDF reader (LimitReachedError: Limit reached while "
     "decompressing. "),  # … N bytes remaining.): a flate bomb, or not a document
    ("nested.pdf", bombs.pdf_nested_content,
     # … where pypdf gave up depends on the stack it had left
     "not a readable PDF (PdfReadError: Invalid Elementary Object starting with b'>' @"),
    ("million.xlsx", lambda p: bombs.xlsx_rows(p, 1_000_000),
     "not a readable .xlsx: part xl/worksheets/sheet1.xml inflates to 90,000,250 bytes "
     "(limit 64 MiB a part): a zip bomb, or not a document"),
]

#: the bombs whose message ends in a detail of pypdf's that varies: the start is compared
PREFIX_ONLY = {"flate.pdf", "nested.pdf"}


@pytest.mark.parametrize(("name", "build", "message"), BOMBS, ids=[b[0] for b in BOMBS])
def test_a_bomb_is_one_line(tmp_path: Path, name: str, build: Callable[[Path], Path], message: str) -> None:
    path = build(tmp_path / name)
    assert path.stat().st_size < 2 * 1024 * 1024  # the bomb is small on disk
    with pytest.raises(KgError) as caught:
        read_source(path)
    assert str(caught.value).startswith(f"{path}: {message}")
    assert "\n" not in str(caught.value)
    if name not in PREFIX_ONLY:
        assert str(caught.value) == f"{path}: {message}"


_CHILD = """
import sys
from kg.errors import KgError
from loaders.sources import read_source
try:
    read_source(sys.argv[1])
except KgError as exc:
    print(exc, file=sys.stderr)
    sys.exit(exc.exit_code)
"""


def _child(args: list[str]) -> tuple[int, str, int]:
    """Exit code, stderr and peak RSS (bytes) of a child process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    assert child.stderr is not None
    stderr = child.stderr.read().decode()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return child.returncode, stderr, usage.ru_maxrss * 1024  # kilobytes on Linux


#: What the limits let in that costs the most memory: the most XML elements a part may
#: hold (1,998,000 empty paragraphs, each with an attribute), read by python-docx.
LARGEST_ADMITTED = ("paragraphs-within-limits.docx", lambda p: bombs.docx_paragraphs(p, 1_998_000), "holds no text")


@pytest.mark.slow
def test_the_bombs_stay_under_the_memory_ceiling(tmp_path: Path) -> None:
    for name, build, message in [*BOMBS, LARGEST_ADMITTED]:
        path = build(tmp_path / name)
        code, stderr, peak = _child([sys.executable, "-c", _CHILD, str(path)])
        assert code == 1 and stderr.startswith(f"{path}: {message}"), (name, stderr)
        print(f"{name}: peak RSS {peak / 1024 / 1024:.0f} MiB")
        assert stderr.count("\n") == 1, (name, stderr)
        assert peak < CEILING, (name, peak)


def test_kg_extract_of_a_nested_pdf_is_one_line_on_stderr(tmp_path: Path) -> None:
    """pypdf logged a line per nesting level it gave up on: 33,172 lines before."""
    path = bombs.pdf_nested_content(tmp_path / "nested.pdf")
    code, stderr, _ = _child([sys.executable, "-c", "from kg.__main__ import main; main()", "extract", str(path)])
    assert code == 1
    assert stderr.count("\n") == 1 and stderr.startswith(f"Error: {path}: not a readable PDF (PdfReadError"), stderr


def test_a_workbook_is_held_to_its_rows_and_cells(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = bombs.xlsx_rows(tmp_path / "rows.xlsx", 2_000)
    monkeypatch.setattr(guard, "MAX_SHEET_ROWS", 1_000)
    with pytest.raises(KgError) as caught:
        read_source(path)
    assert str(caught.value) == (
        f"{path}: sheet 'RACI' has more than 1,000 rows: not a RACI matrix kg reads (split it, or "
        "delete the rows below the matrix)"
    )
    monkeypatch.setattr(guard, "MAX_SHEET_ROWS", 100_000)
    monkeypatch.setattr(guard, "MAX_CELLS", 3_000)
    with pytest.raises(KgError) as caught:
        read_source(path)
    assert str(caught.value) == (
        f"{path}: the workbook has more than 3,000 cells (sheet 'RACI', row 1,501): not a RACI "
        "matrix kg reads (delete what lies outside the matrix)"
    )


def test_a_workbook_claiming_every_column_is_read_as_it_is(tmp_path: Path) -> None:
    """A sheet's dimension may claim A1:XFD1048576; read-only mode would pad every row to
    16,384 cells: the claim is ignored, the rows read as they are."""
    path = bombs.xlsx_rows(tmp_path / "wide.xlsx", 3)
    with zipfile.ZipFile(path) as archive:
        parts = [(n, archive.read(n)) for n in archive.namelist()]
    sheet = dict(parts)["xl/worksheets/sheet1.xml"].replace(
        b"<sheetData>", b'<dimension ref="A1:XFD1048576"/><sheetData>')
    bombs.write_zip(path, [(n, sheet if n == "xl/worksheets/sheet1.xml" else d) for n, d in parts])
    with pytest.raises(KgError, match=r"duplicate activity 'activity:work'"):
        read_source(path)  # the rows were read (and hold the same activity three times)


def test_pdf_page_contents_are_held_to_a_total(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = bombs.pdf_flate_bomb(tmp_path / "pages.pdf", megabytes=1, pages=3)
    monkeypatch.setattr(guard, "MAX_PDF_CONTENT_BYTES", 2 * 1024 * 1024)
    with pytest.raises(KgError) as caught:
        read_source(path)
    assert str(caught.value) == (
        f"{path}: not a readable PDF: the page contents up to page 2 inflate to more than 2 MiB: "
        "a flate bomb, or not a document"
    )


def test_a_zip_over_the_directory_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parts = bombs.docx_parts()
    path = bombs.write_zip(tmp_path / "many.docx", [*parts, ("word/document.xml", bombs.document_xml(b""))])
    monkeypatch.setattr(guard, "MAX_PARTS", len(parts))
    with pytest.raises(KgError) as caught:
        guard.check_zip(path)
    assert str(caught.value) == f"{path}: not a readable .docx: {len(parts) + 1:,} parts in the zip (limit {len(parts):,})"
    monkeypatch.setattr(guard, "MAX_PARTS", 10_000)
    # 3 MB of paragraphs: over the ratio; then over a total lowered to 2 MiB
    path = bombs.docx_bomb(tmp_path / "total.docx", "paragraphs", 3 / 1024, declared=None)
    with pytest.raises(KgError) as caught:
        guard.check_zip(path)
    assert str(caught.value) == (
        f"{path}: not a readable .docx: part word/document.xml inflates 652 times (limit 200): "
        "a zip bomb, or not a document"
    )
    monkeypatch.setattr(guard, "MAX_RATIO", 10_000)
    monkeypatch.setattr(guard, "MAX_TOTAL_BYTES", 2 * 1024 * 1024)
    with pytest.raises(KgError, match=r"the parts inflate to 3,970,497 bytes \(limit 2 MiB in all\)"):
        guard.check_zip(path)


def test_xml_in_an_odd_encoding_is_refused(tmp_path: Path) -> None:
    xml = bombs.document_xml(b"<w:p/>").replace(b"encoding='UTF-8'", b"encoding='UTF-7'")
    path = bombs.docx_with(tmp_path / "utf7.docx", xml)
    with pytest.raises(KgError) as caught:
        guard.check_zip(path)
    assert str(caught.value) == (
        f"{path}: not a readable .docx: part word/document.xml is XML in an encoding Office never "
        "writes (only UTF-8 and UTF-16 are read)"
    )
    dtd16 = "<?xml version='1.0' encoding='UTF-16'?><!DOCTYPE x [<!ENTITY a 'b'>]><x/>".encode("utf-16-le")
    path = bombs.docx_with(tmp_path / "utf16.docx", dtd16)
    with pytest.raises(KgError, match="declares a DTD or an entity"):
        guard.check_zip(path)


def test_a_valid_word_file_passes(tmp_path: Path) -> None:
    path = bombs.docx_with(tmp_path / "ok.docx", bombs.document_xml(b"<w:p><w:r><w:t>A.one</w:t></w:r></w:p>"))
    guard.check_zip(path)  # no error
    from loaders.containers import read_docx

    assert read_docx(path) == "A.one"


def test_a_3_mb_word_file_is_held_to_the_file_limit_not_the_text_limit(tmp_path: Path) -> None:
    """#24: a 3 MB .docx (a picture) was refused as '3,038,681 bytes of text', its file size."""
    import random

    from tests.fixtures_docs import LOGISTICS, write_docx

    small = write_docx(LOGISTICS, tmp_path / "small.docx")
    with zipfile.ZipFile(small) as archive:
        parts = [(n, archive.read(n)) for n in archive.namelist()]
    picture = random.Random(3).randbytes(3_000_000)  # incompressible, as a photo is
    path = bombs.write_zip(tmp_path / "big.docx", [*parts, ("word/media/image1.png", picture)])
    assert path.stat().st_size > 3_000_000
    item = read_source(path)
    assert item.kind == "document" and len(item.model.activities) == len(read_source(small).model.activities)


def test_a_part_over_the_tags_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = bombs.docx_paragraphs(tmp_path / "tags.docx", 20_000)  # styles.xml holds 11,844
    monkeypatch.setattr(guard, "MAX_XML_TAGS", 15_000)
    with pytest.raises(KgError) as caught:
        guard.check_zip(path)
    assert str(caught.value) == (
        f"{path}: not a readable .docx: part word/document.xml holds more than 15,000 XML tags: "
        "not a document kg reads"
    )


def test_the_pdf_block_reader_is_held_to_the_same_limits(tmp_path: Path) -> None:
    """pdfplumber (pdfminer) inflates a stream whole: the 1 MB flate bomb took it to 2 GB."""
    from loaders.blocks.pdf import read_pdf_blocks

    path = bombs.pdf_flate_bomb(tmp_path / "flate.pdf")
    with pytest.raises(KgError) as caught:
        read_pdf_blocks(path)
    assert str(caught.value).startswith(
        f"{path}: not a readable PDF: past a limit of the PDF reader (LimitReachedError: "
    )
    assert "\n" not in str(caught.value)
    path = bombs.pdf_text(tmp_path / "ok.pdf", "Purchasing rules")  # a valid file still reads
    assert [b.text for b in read_pdf_blocks(path).blocks] == ["Purchasing rules"]
