"""Document containers read into text: Word, PDF and the sharing site's web page.

The files are made here by the tools that make them in real life (python-docx, pypdf,
headless Chromium for a PDF with CJK text), never typed by hand."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK
from pypdf import PdfWriter

from benchmarks.common import CHROMIUM_ARGS
from kg.errors import DocumentError
from loaders.blocks.pdf import read_pdf_blocks
from loaders.containers import read_docx, read_html, read_pdf
from tests.conftest import require_tool


def test_docx_paragraphs_tables_and_page_breaks(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("以客戶為中心的營銷業務模型", level=1)
    document.add_paragraph("2.客戶關系工作")
    document.add_paragraph("A.客戶意見直接反饋")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "業務描述:", "將客戶反饋的意見直接反饋到公司管理層"
    table.cell(1, 0).text, table.cell(1, 1).text = "主要責任人", "客戶經理"
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("• 協助人:產品經理")
    path = tmp_path / "model.docx"
    document.save(str(path))
    assert read_docx(path) == (
        "以客戶為中心的營銷業務模型\n2.客戶關系工作\nA.客戶意見直接反饋\n"
        "業務描述:將客戶反饋的意見直接反饋到公司管理層\n主要責任人:客戶經理"
        "\f• 協助人:產品經理"
    )


def test_damaged_docx_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(DocumentError) as info:
        read_docx(path)
    assert str(info.value) == (
        f"{path}: not a readable .docx (not a zip archive): the file is damaged or not a "
        "Word document; open and save it again in Word or LibreOffice"
    )


SITE = """<!doctype html><html><head><title>營銷業務模型-天天文庫</title>
<script>var page = "1、not the document";</script><style>.page {{ margin: 0 }}</style></head>
<body><nav class="navbar">首頁 登錄 上傳文檔</nav><div id="header">天天文庫</div>
<div class="doc-main">{pages}</div>
<div class="download-box">下載本文檔需要 5 積分</div><footer>© 2020 天天文庫</footer></body></html>"""


def test_web_page_keeps_the_page_containers_only(tmp_path: Path) -> None:
    pages = "".join(
        f'<div class="page" id="page-{i}"><p>{text}</p><p>{more}</p></div>'
        for i, (text, more) in enumerate([("客戶關系工作", "A.客戶意見直接反饋"), ("業務描述:將", "客戶&lt;反饋&gt;")], 1)
    )
    path = tmp_path / "doc.html"
    path.write_bytes(SITE.format(pages=pages).encode("gb18030"))  # no charset declared
    assert read_html(path).splitlines() == [
        "營銷業務模型-天天文庫",
        "1、客戶關系工作 A.客戶意見直接反饋",
        "2、業務描述:將 客戶<反饋>",
    ]


def test_web_page_without_page_containers_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "doc.htm"
    path.write_text(
        '<html><head><meta charset="utf-8"></head><body><nav>首頁</nav>'
        "<article><h1>營銷業務模型</h1><p>1.客戶關系</p></article><footer>版權</footer></body></html>",
        encoding="utf-8",
    )
    assert read_html(path) == "營銷業務模型\n1.客戶關系"


PDF_READERS = pytest.mark.parametrize(
    "read", [read_pdf, read_pdf_blocks], ids=["text", "blocks"]
)


@PDF_READERS
def test_encrypted_pdf_says_how_to_decrypt(tmp_path: Path, read: Callable[[Path], object]) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    with open(path, "wb") as fh:
        writer.write(fh)
    with pytest.raises(DocumentError) as info:
        read(path)
    assert str(info.value) == (
        f"{path}: the PDF is encrypted: save a copy without a password "
        "(e.g. `qpdf --decrypt IN.pdf OUT.pdf`) and load that"
    )


@PDF_READERS
def test_pdf_without_text_layer_suggests_ocr(tmp_path: Path, read: Callable[[Path], object]) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    path = tmp_path / "scan.pdf"
    with open(path, "wb") as fh:
        writer.write(fh)
    with pytest.raises(DocumentError, match=r"has no text layer \(a scan\?\): run OCR first"):
        read(path)


def test_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "fake.pdf"
    path.write_text("hello", encoding="utf-8")
    with pytest.raises(DocumentError, match=r"not a readable PDF"):
        read_pdf(path)


@pytest.mark.browser
def test_pdf_printed_by_chromium_gives_its_pages_in_nfkc(tmp_path: Path) -> None:
    chromium = require_tool("chromium")
    page = tmp_path / "doc.html"
    # the second page holds Kangxi radicals (U+2F3E ⼾, U+2F08 ⼈) as CJK PDFs often do
    page.write_text(
        '<html><head><meta charset="utf-8"><style>body{font-family:"Noto Sans CJK TC",sans-serif}'
        "p{break-after:page}</style></head><body><p>客戶關系工作</p><p>客\u2f3e經理 個\u2f08</p>"
        "</body></html>",
        encoding="utf-8",
    )
    pdf = tmp_path / "doc.pdf"
    subprocess.run(
        [chromium, *CHROMIUM_ARGS, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    assert read_pdf(pdf).split("\f") == ["客戶關系工作", "客戶經理 個人"]
