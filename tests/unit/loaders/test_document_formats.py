"""One model whatever the container (#11): the bundled document and the logistics document,
written as a Word file (python-docx), printed to PDF (headless Chromium) and wrapped in the
sharing site's web page (tests/fixtures_docs.py), extract to exactly the hand-checked
models (provenance, path and file hash aside)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import docx
import pytest

from loaders.containers import normalise_pdf_text, read_pdf
from loaders.document import extract_file, extract_text
from tests.conftest import require_tool
from tests.fixtures_docs import LOGISTICS, SEED, write_docx, write_pdf, write_site_page
from tests.unit.loaders.document.test_extraction import expected, without_provenance

DOCUMENTS = [(SEED, "seed.expected.yaml"), (LOGISTICS, "logistics-model.expected.yaml")]
IDS = ["seed", "logistics"]



def as_expected(model_data: dict[str, Any]) -> dict[str, Any]:
    """Provenance aside: the file's hash is the container's, not the scrape's."""
    model_data["source"]["sha256"] = None
    return model_data


def want(name: str) -> dict[str, Any]:
    return as_expected(expected(name))


def assert_same(got: dict[str, Any], wanted: dict[str, Any]) -> None:
    assert got["source"] == wanted["source"]
    for key in ("departments", "roles", "outputs"):
        assert got[key] == wanted[key], key
    assert [a["id"] for a in got["activities"]] == [a["id"] for a in wanted["activities"]]
    assert got == wanted


@pytest.mark.parametrize(("document", "expected_file"), DOCUMENTS, ids=IDS)
def test_word_file_extracts_exactly(tmp_path: Path, document: Path, expected_file: str) -> None:
    path = write_docx(document, tmp_path / f"{document.stem}.docx")
    written = docx.Document(str(path))
    # the clean original's layout really is there: headings, field tables, real bullets
    assert any(p.style is not None and (p.style.name or "").startswith("Heading") for p in written.paragraphs)
    assert written.tables and all(len(t.columns) == 2 for t in written.tables)
    assert any(p.text.startswith("•") for p in written.paragraphs)
    assert_same(as_expected(without_provenance(extract_file(path).model)), want(expected_file))


@pytest.mark.parametrize(("document", "expected_file"), DOCUMENTS, ids=IDS)
def test_site_page_extracts_exactly(tmp_path: Path, document: Path, expected_file: str) -> None:
    path = write_site_page(document, tmp_path / f"{document.stem}.html")
    assert_same(as_expected(without_provenance(extract_file(path).model)), want(expected_file))


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Path]:
    chromium = require_tool("chromium")
    out = tmp_path_factory.mktemp("pdf")
    return {doc: write_pdf(doc, out / f"{doc.stem}.pdf", chromium) for doc, _ in DOCUMENTS}


@pytest.mark.browser
@pytest.mark.parametrize(("document", "expected_file"), DOCUMENTS, ids=IDS)
def test_pdf_extracts_exactly(pdfs: dict[Path, Path], document: Path, expected_file: str) -> None:
    assert_same(as_expected(without_provenance(extract_file(pdfs[document]).model)), want(expected_file))


@pytest.mark.browser
@pytest.mark.parametrize(("document", "expected_file"), DOCUMENTS, ids=IDS)
def test_pdf_extracts_exactly_but_for_the_bullet_glyph(
    pdfs: dict[Path, Path], document: Path, expected_file: str
) -> None:
    """Everything else the PDF gives (pages, NFKC, radicals, tables) is right: with its
    line-start '·' read as the bullet it is, the model is exact."""
    text = read_pdf(pdfs[document])
    assert text.count("\f") >= 4
    line_start = r"(?m)(?:^|(?<=\f))·"  # a page starts a line too
    assert re.findall(line_start, text) and not re.findall(r"[^\n\f]·", text)
    bulleted = re.sub(line_start, "•", text)
    got = without_provenance(extract_text(bulleted, path=str(pdfs[document])).model)
    assert_same(as_expected(got), want(expected_file))


def test_pdf_radicals_nfkc_leaves_become_their_characters() -> None:
    # ⼾ (Kangxi, folded by NFKC); ⻋ ⻔ (CJK Radicals Supplement, which NFKC keeps)
    assert normalise_pdf_text("客\u2f3e \u2ecb辆 接口部\u2ed4") == "客戶 车辆 接口部门"
