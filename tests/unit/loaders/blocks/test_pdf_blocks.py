"""PDFs read as blocks: a finance and procurement model printed by headless Chromium and,
from Word, by LibreOffice (tests/fixtures_blocks.py), read back to exactly these blocks;
damaged PDFs are one DocumentError line."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pdfplumber
import pytest

from kg.errors import DocumentError
from loaders.blocks import Document
from loaders.blocks.pdf import read_pdf_blocks
from tests.conftest import require_tool
from tests.fixtures_blocks import (
    MATRIX_CELLS,
    RUNNING_HEADER,
    Row,
    check_spans,
    field_table,
    finance_html,
    print_pdf,
    soffice_pdf,
    summary,
    write_finance_docx,
)


def expected(inner_bullet: str) -> list[Row]:
    """The blocks of the model as printed (NFKC: full-width punctuation folded as
    containers.read_pdf folds it), three pages."""
    return [
        (1, "paragraph", None, None, "华信集团文件 华信财〔2024〕12号"),  # the letterhead: the title is the first heading
        (1, "heading", 0, None, "华信集团财务管理业务模型(Ver 2.0)"),
        (1, "heading", 1, "1", "目的"),
        (1, "paragraph", None, None, "为明确财务管理各项业务活动的责任人、协助人与监控人,规范资金与付款流程,特制定本业务模型。"),
        (1, "heading", 1, "2", "适用范围"),
        (1, "paragraph", None, None, "本模型适用于集团总部财务部及各子公司财务部门。"),
        (1, "item", 1, "•", "集团总部财务部"),
        (1, "item", 2, inner_bullet, "资金管理科"),
        (1, "item", 2, inner_bullet, "会计核算科"),
        (1, "item", 1, "•", "各子公司财务部门"),
        (1, "heading", 1, "3", "资金管理"),
        (1, "heading", 2, "3.1", "资金计划"),
        (1, "heading", 3, "3.1.1", "年度资金计划编制"),
        (1, "table", 0, field_table([
            ("业务描述", "根据年度经营预算编制集团年度资金收支计划"), ("主要责任人", "资金主管"),
            ("协助人", "预算专员、出纳"), ("汇报关系", "资金主管向财务总监汇报")])),
        (1, "heading", 3, "3.1.2", "月度资金计划调整"),
        (1, "table", 0, field_table([
            ("业务描述", "按月度实际收支调整资金计划并报批"), ("主要责任人", "资金专员"),
            ("监控人", "第一监控人:财务总监;其他监控人:审计经理")])),
        (2, "heading", 2, "3.2", "付款管理"),
        (2, "paragraph", None, None, "付款管理的业务活动如下表:"),
        (2, "table", 2, MATRIX_CELLS),
        (3, "heading", 1, "4", "采购与费用管理"),
        (3, "heading", 2, "一", "采购计划"),
        (3, "heading", 3, "(一)", "需求汇总"),
        (3, "item", 1, "(1)", "各部门于每月25日前提交下月采购需求。"),
        (3, "item", 1, "(2)", "采购专员汇总需求并报采购经理审核。"),
        (3, "heading", 3, "(二)", "费用报销"),
        (3, "item", 1, "1", "报销人填写报销单"),
        (3, "item", 1, "2", "部门经理审批"),
        (3, "item", 2, "1", "金额在五千元以下"),
        (3, "item", 2, "2", "金额在五千元以上"),
        (3, "item", 1, "3", "财务审核付款"),
    ]


def no_page_furniture(doc: Document) -> None:
    """The running header and the 第 N 页 footer are on every page and in no block."""
    assert RUNNING_HEADER not in doc.text
    assert "华信集团 内部资料" not in doc.text
    assert not any(b.text.startswith("第 ") and b.text.endswith(" 页") for b in doc.blocks)
    assert "第 1 页" not in doc.text and "第 2 页" not in doc.text


@pytest.fixture(scope="module")
def chromium_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chromium = require_tool("chromium")
    return print_pdf(finance_html(), tmp_path_factory.mktemp("chromium") / "finance.pdf", chromium)


@pytest.mark.browser
def test_the_browsers_own_header_and_footer_are_left_out(tmp_path: Path) -> None:
    """Printed from the browser's menu: date and title above, address and 1/3 below."""
    chromium = require_tool("chromium")
    pdf = print_pdf(finance_html(print_css=False), tmp_path / "finance.pdf", chromium, browser_header=True)
    doc = read_pdf_blocks(pdf)
    assert summary(doc) == expected(inner_bullet="◦")
    assert "file://" not in doc.text and "1/3" not in doc.text and not re.search(r"\d+/\d+/\d+", doc.text)  # the date


@pytest.mark.browser
def test_pdf_printed_by_chromium_reads_as_these_blocks(chromium_pdf: Path) -> None:
    doc = read_pdf_blocks(chromium_pdf)
    assert (doc.format, doc.pages, doc.name) == ("pdf", 3, str(chromium_pdf))
    # the browser draws <ul>'s bullets: a filled disc at the top level, a circle below
    assert summary(doc) == expected(inner_bullet="◦")
    no_page_furniture(doc)
    check_spans(doc)
    # the text layer gives a Kangxi radical for 目 and a CJK Radicals Supplement one for 门:
    # both are folded (NFKC, then the supplement map of containers.normalise_pdf_text)
    with pdfplumber.open(str(chromium_pdf)) as pdf:
        raw = pdf.pages[0].extract_text()
    assert "\u2f6c" in raw and "\u2ed4" in raw  # ⽬ ⻔
    assert "\u2f6c" not in doc.text and "\u2ed4" not in doc.text and "部门" in doc.text


@pytest.mark.browser
def test_a_paragraph_across_a_page_break_is_one_block_and_a_boxed_note_is_text(tmp_path: Path) -> None:
    chromium = require_tool("chromium")
    sentence = "采购申请经部门经理审批后，由采购专员在供应商名录中选择至少三家供应商询价，比价结果报采购经理确认。"
    page = (
        '<!doctype html><html><head><meta charset="utf-8"><style>'
        '@page{margin:15mm 12mm;@bottom-center{content:"- " counter(page) " -";font-size:8pt}}'
        'body{font-family:"Noto Sans CJK SC",sans-serif;font-size:14pt} h2{font-size:20pt}'
        ".note{border:1px solid #333;padding:4pt}</style></head><body>"
        f'<h2>3.3 询价比价</h2><p>{sentence * 30}</p><div class="note">注：紧急采购可先执行后补办手续。</div>'
        "</body></html>"
    )
    doc = read_pdf_blocks(print_pdf(page, tmp_path / "long.pdf", chromium))
    assert doc.pages == 2
    folded = "采购申请经部门经理审批后,由采购专员在供应商名录中选择至少三家供应商询价,比价结果报采购经理确认。"
    assert summary(doc) == [
        (1, "heading", 0, "3.3", "询价比价"),
        (1, "paragraph", None, None, folded * 30),  # starts on page 1, ends on page 2
        (2, "paragraph", None, None, "注:紧急采购可先执行后补办手续。"),  # a box, not a table
    ]
    assert "- 1 -" not in doc.text and "- 2 -" not in doc.text


@pytest.mark.browser
def test_a_matrix_table_over_a_page_break_is_one_table_without_its_repeated_header(tmp_path: Path) -> None:
    chromium = require_tool("chromium")
    rows = "".join(
        f"<tr><td>5.{i}</td><td>合同审批第{i}项</td><td>采购专员</td><td>法务专员</td><td>采购经理</td></tr>"
        for i in range(1, 61)
    )
    page = (
        '<!doctype html><html><head><meta charset="utf-8"><style>'
        'body{font-family:"Noto Sans CJK SC",sans-serif;font-size:11pt} table{border-collapse:collapse}'
        "td,th{border:1px solid #666;padding:2pt 6pt}</style></head><body><h2>5 合同管理</h2>"
        '<table><thead><tr><th rowspan="2">序号</th><th rowspan="2">业务活动</th><th colspan="2">责任</th>'
        '<th rowspan="2">监控人</th></tr><tr><th>主要责任人</th><th>协助人</th></tr></thead>'
        f"<tbody>{rows}</tbody></table><p>以上活动每季度复核一次。</p></body></html>"
    )
    doc = read_pdf_blocks(print_pdf(page, tmp_path / "contracts.pdf", chromium))
    assert doc.pages == 2  # the browser repeats the thead on page 2
    heading, table, closing = doc.blocks
    assert (heading.kind, heading.number, heading.text) == ("heading", "5", "合同管理")
    assert (table.kind, table.page, table.header_rows, len(table.rows)) == ("table", 1, 2, 62)
    cells = [[None if c is None else c.text for c in row] for row in table.rows]
    assert cells[:2] == [["序号", "业务活动", "责任", None, "监控人"], [None, None, "主要责任人", "协助人", None]]
    assert cells[2:] == [[f"5.{i}", f"合同审批第{i}项", "采购专员", "法务专员", "采购经理"] for i in range(1, 61)]
    assert (closing.page, closing.kind, closing.text) == (2, "paragraph", "以上活动每季度复核一次。")
    check_spans(doc)


def test_pdf_printed_by_libreoffice_from_word_reads_as_these_blocks(tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("soffice (LibreOffice) is not installed: apt-get install --no-install-recommends libreoffice-writer-nogui")
    pdf = soffice_pdf(write_finance_docx(tmp_path / "finance.docx"), soffice)
    doc = read_pdf_blocks(pdf)
    assert doc.pages == 3
    # Word's bullets are a Symbol-font glyph in the private-use area: read as •
    assert summary(doc) == expected(inner_bullet="•")
    no_page_furniture(doc)
    check_spans(doc)


# --------------------------------------------------------------------------- damaged files
#: A line drawn on a hand-made page: x, y (from the bottom), size, bold, text.
Drawn = tuple[float, float, float, bool, str]


def hand_pdf(pages: list[list[Drawn]]) -> bytes:
    """A PDF written by hand (offsets computed): Helvetica and Helvetica-Bold text lines
    on A4 pages."""
    objects: dict[int, str] = {
        1: "<< /Type /Catalog /Pages 2 0 R >>",
        3: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        4: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>",
    }
    kids = []
    for i, lines in enumerate(pages):
        page_id, content_id = 5 + 2 * i, 6 + 2 * i
        kids.append(f"{page_id} 0 R")
        stream = " ".join(
            f"BT /{'F2' if bold else 'F1'} {size} Tf {x} {y} Td ({text}) Tj ET" for x, y, size, bold, text in lines
        )
        objects[page_id] = (
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            f"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {content_id} 0 R >>"
        )
        objects[content_id] = f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream"
    objects[2] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(pages)} >>"
    out = b"%PDF-1.4\n"
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += f"{number} 0 obj\n{objects[number]}\nendobj\n".encode("latin-1")
    xref = len(out)
    size = max(objects) + 1
    out += f"xref\n0 {size}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offsets[n]:010d} 00000 n \n".encode() for n in range(1, size))
    out += f"trailer\n<< /Size {size} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def tiny_pdf(lines: list[str]) -> bytes:
    """One page of 12-point lines, 20 points apart from the top."""
    return hand_pdf([[(72, 720 - 20 * i, 12, False, t) for i, t in enumerate(lines)]])


def test_running_header_footer_and_page_numbers_of_a_hand_made_pdf(tmp_path: Path) -> None:
    """Three pages: the same header on each, a footer whose page number changes, a bare
    page number; headings by size and by weight at the body size; a paragraph wrapped
    (its first line reaches the right edge), lists by typed numbers."""
    header = (72, 800, 9, False, "ACME Corp - Finance - internal")
    def footer(n: int) -> Drawn:
        return (250, 40, 9, False, f"Page {n} of 3")
    body = "Budget owners plan the spending of their unit for the year and send"
    pages = [
        [header, (72, 740, 20, True, "Finance Operating Model"),
         (72, 700, 14, True, "1 Budgeting"),
         (72, 680, 11, False, body), (72, 666, 11, False, "it to finance by October."),
         (72, 640, 11, True, "1.1 Annual plan"),
         (72, 620, 11, False, "1. Draft the plan"), (72, 606, 11, False, "2. Review the plan"),
         footer(1)],
        [header, (72, 740, 14, True, "2 Payments"), (72, 720, 11, False, "Payments run weekly."), footer(2)],
        [header, (72, 740, 14, True, "3 Closing"), (72, 720, 11, False, "The books close monthly."),
         (290, 60, 9, False, "3"), footer(3)],
    ]
    path = tmp_path / "hand.pdf"
    path.write_bytes(hand_pdf(pages))
    doc = read_pdf_blocks(path)
    assert doc.pages == 3
    assert summary(doc) == [
        (1, "heading", 0, None, "Finance Operating Model"),
        (1, "heading", 1, "1", "Budgeting"),
        (1, "paragraph", None, None, body + " it to finance by October."),
        (1, "heading", 2, "1.1", "Annual plan"),
        (1, "item", 1, "1", "Draft the plan"),
        (1, "item", 1, "2", "Review the plan"),
        (2, "heading", 1, "2", "Payments"),
        (2, "paragraph", None, None, "Payments run weekly."),
        (3, "heading", 1, "3", "Closing"),
        (3, "paragraph", None, None, "The books close monthly."),
    ]
    assert "ACME" not in doc.text and "Page " not in doc.text
    check_spans(doc)


def test_a_small_pdf_without_chromium(tmp_path: Path) -> None:
    path = tmp_path / "tiny.pdf"
    path.write_bytes(tiny_pdf(["Finance model", "1. Plan the budget", "2. Pay suppliers"]))
    doc = read_pdf_blocks(path)
    assert summary(doc) == [
        (1, "paragraph", None, None, "Finance model"),
        (1, "item", 1, "1", "Plan the budget"),
        (1, "item", 1, "2", "Pay suppliers"),
    ]
    assert doc.text == "Finance model\n1. Plan the budget\n2. Pay suppliers"


@pytest.mark.parametrize(
    "content",
    [b"", b"hello", b"%PDF-1.4\n%%EOF\n", b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"],
    ids=["empty", "not-a-pdf", "no-objects", "dangling-pages"],
)
def test_damaged_pdf_is_one_line_naming_the_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(content)
    with pytest.raises(DocumentError) as info:
        read_pdf_blocks(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ") and "\n" not in message


def test_truncated_and_corrupted_pdfs_never_raise_anything_else(tmp_path: Path) -> None:
    good = tiny_pdf(["Finance model", "1. Plan the budget"])
    rng = random.Random(19)
    variants = [good[:n] for n in (40, 120, 300, len(good) - 30)]
    for _ in range(40):
        damaged = bytearray(good)
        for _ in range(rng.randint(1, 8)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        variants.append(bytes(damaged))
    path = tmp_path / "damaged.pdf"
    refused = 0
    for data in variants:
        path.write_bytes(data)
        try:
            read_pdf_blocks(path)
        except DocumentError as exc:
            refused += 1
            assert str(exc).startswith(f"{path}: ") and "\n" not in str(exc)
    assert refused >= 4  # the truncated ones at least
