"""Another company's business model — finance and procurement — written by the tools
analysts use: a web page printed to PDF by headless Chromium, a Word file (python-docx)
printed to PDF by LibreOffice, and the saved page of the document-sharing site.

Not derived from the bundled document: a letterhead above the title, decimal numbering (3 / 3.1 / 3.1.2), Chinese
numbering (一、/（一）/（1）), a label | value field table per activity, a matrix table
(one row per activity, the field labels as column headers, a merged header cell), nested
lists, and a running page header and footer (a page number) that are not the document.  Beside
the writers, what the tests compare blocks with: :func:`summary`, :func:`check_spans`.

LibreOffice is Debian's ``libreoffice-writer-nogui`` (``apt-get install -y
--no-install-recommends libreoffice-writer-nogui``: 51 packages, about 250 MB installed,
47 s here); the tests that need it skip, saying so, where ``soffice`` is absent.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from benchmarks.common import CHROMIUM_ARGS
from loaders.blocks import Document

#: the letterhead above the title, as a company's documents carry it
LETTERHEAD = "华信集团文件 华信财〔2024〕12号"
TITLE = "华信集团财务管理业务模型（Ver 2.0）"
RUNNING_HEADER = "华信集团 内部资料 请勿外传"
PURPOSE = "为明确财务管理各项业务活动的责任人、协助人与监控人，规范资金与付款流程，特制定本业务模型。"
SCOPE = "本模型适用于集团总部财务部及各子公司财务部门。"
#: the field table of 3.1.1 and of 3.1.2: label | value
FIELDS_311 = [
    ("业务描述", "根据年度经营预算编制集团年度资金收支计划"),
    ("主要责任人", "资金主管"),
    ("协助人", "预算专员、出纳"),
    ("汇报关系", "资金主管向财务总监汇报"),
]
FIELDS_312 = [
    ("业务描述", "按月度实际收支调整资金计划并报批"),
    ("主要责任人", "资金专员"),
    ("监控人", "第一监控人：财务总监；其他监控人：审计经理"),
]
#: the matrix table of 3.2: one row per activity
MATRIX = [
    ("3.2.1", "供应商付款审核", "应付会计", "采购专员", "财务经理"),
    ("3.2.2", "付款执行", "出纳", "资金专员", "资金主管"),
    ("3.2.3", "付款对账", "应付会计", "出纳", "审计经理"),
]
NEEDS = ["各部门于每月25日前提交下月采购需求。", "采购专员汇总需求并报采购经理审核。"]


# --------------------------------------------------------------------------- what tests compare
Row = tuple[Any, ...]


def summary(doc: Document) -> list[Row]:
    """Each block as (page, kind, level, number, text), a table as (page, "table",
    header rows, its cells as (text, rowspan, colspan) or None)."""
    out: list[Row] = []
    for b in doc.blocks:
        if b.kind == "table":
            cells = tuple(tuple(None if c is None else (c.text, c.rowspan, c.colspan) for c in row) for row in b.rows)
            out.append((b.page, "table", b.header_rows, cells))
        else:
            out.append((b.page, b.kind, b.level, b.number, b.text))
    return out


def check_spans(doc: Document) -> None:
    """Every block's span holds its text (a heading's or item's after its number; a
    table's is its span), every cell's span its text."""
    for b in doc.blocks:
        shown = doc.text[b.start : b.end]
        if b.kind == "table":
            assert shown == b.text
            for row in b.rows:
                for c in row:
                    if c is not None:
                        assert doc.text[c.start : c.end] == c.text
        else:
            assert shown.endswith(b.text), (shown, b.text)
            if b.number is not None:
                assert shown.startswith(b.number), (shown, b.number)


def field_table(rows: list[tuple[str, str]]) -> tuple[Row, ...]:
    return tuple(((k, 1, 1), (v, 1, 1)) for k, v in rows)


#: the matrix table as every reader gives it: a merged header over two rows
MATRIX_CELLS = (
    (("序号", 2, 1), ("业务活动", 2, 1), ("责任", 1, 2), None, ("监控人", 2, 1)),
    (None, None, ("主要责任人", 1, 1), ("协助人", 1, 1), None),
    (("3.2.1", 1, 1), ("供应商付款审核", 1, 1), ("应付会计", 1, 1), ("采购专员", 1, 1), ("财务经理", 1, 1)),
    (("3.2.2", 1, 1), ("付款执行", 1, 1), ("出纳", 1, 1), ("资金专员", 1, 1), ("资金主管", 1, 1)),
    (("3.2.3", 1, 1), ("付款对账", 1, 1), ("应付会计", 1, 1), ("出纳", 1, 1), ("审计经理", 1, 1)),
)


def _table(rows: list[tuple[str, str]]) -> str:
    return "<table>" + "".join(f"<tr><td>{k}</td><td>{v}</td></tr>" for k, v in rows) + "</table>"


def finance_html(*, print_css: bool = True) -> str:
    """The model as a web page; with ``print_css`` a running header and a page-number
    footer on every printed page (CSS page margin boxes) and a page break before 3.2 and 4."""
    margin = (
        "@page{size:A4;margin:25mm 20mm;"
        f'@top-center{{content:"{RUNNING_HEADER}";font-size:9pt}}'
        '@bottom-center{content:"第 " counter(page) " 页";font-size:9pt}}'
    ) if print_css else ""
    matrix = "".join(f"<tr>{''.join(f'<td>{c}</td>' for c in row)}</tr>" for row in MATRIX)
    return (
        '<!doctype html><html><head><meta charset="utf-8"><title>财务管理业务模型</title><style>'
        f"{margin}"
        'body{font-family:"Noto Sans CJK SC",sans-serif;font-size:11pt}'
        "h1{font-size:20pt} h2{font-size:16pt} h3{font-size:13pt} h4{font-size:11pt;font-weight:bold}"
        ".pb{break-before:page} table{border-collapse:collapse}"
        "td,th{border:1px solid #666;padding:2pt 6pt;vertical-align:top}"
        "</style></head><body>"
        f"<p>{LETTERHEAD}</p><h1>{TITLE}</h1>"
        f"<h2>1 目的</h2><p>{PURPOSE}</p>"
        f"<h2>2 适用范围</h2><p>{SCOPE}</p>"
        "<ul><li>集团总部财务部<ul><li>资金管理科</li><li>会计核算科</li></ul></li>"
        "<li>各子公司财务部门</li></ul>"
        "<h2>3 资金管理</h2><h3>3.1 资金计划</h3>"
        f"<h4>3.1.1 年度资金计划编制</h4>{_table(FIELDS_311)}"
        f"<h4>3.1.2 月度资金计划调整</h4>{_table(FIELDS_312)}"
        '<h3 class="pb">3.2 付款管理</h3><p>付款管理的业务活动如下表：</p>'
        '<table><thead><tr><th rowspan="2">序号</th><th rowspan="2">业务活动</th>'
        '<th colspan="2">责任</th><th rowspan="2">监控人</th></tr>'
        f"<tr><th>主要责任人</th><th>协助人</th></tr></thead><tbody>{matrix}</tbody></table>"
        '<h2 class="pb">4 采购与费用管理</h2><h3>一、采购计划</h3><h4>（一）需求汇总</h4>'
        + "".join(f"<p>（{i}）{t}</p>" for i, t in enumerate(NEEDS, 1))
        + "<h4>（二）费用报销</h4>"
        "<ol><li>报销人填写报销单</li><li>部门经理审批<ol><li>金额在五千元以下</li>"
        "<li>金额在五千元以上</li></ol></li><li>财务审核付款</li></ol>"
        "</body></html>"
    )


def print_pdf(page_html: str, path: Path, chromium: str, *, browser_header: bool = False) -> Path:
    """``page_html`` printed to ``path`` by headless Chromium; with ``browser_header`` the
    browser's own running header and footer (date and title; the page's address and
    ``1/3``), as printing from a browser's menu gives them."""
    source = path.with_suffix(".print.html")
    source.write_text(page_html, encoding="utf-8")
    flags = [] if browser_header else ["--no-pdf-header-footer"]
    subprocess.run(
        [chromium, *CHROMIUM_ARGS, *flags, f"--print-to-pdf={path}", source.as_uri()],
        check=True, capture_output=True, timeout=180,
    )
    source.unlink()
    return path


def write_finance_docx(path: Path) -> Path:
    """The model as a Word file (python-docx's template: Title, Heading 1–3, List Bullet,
    List Number, Table Grid), a running header and a ``第 N 页`` footer with a PAGE field."""
    import docx
    from docx.enum.text import WD_BREAK
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    out = docx.Document()
    section = out.sections[0]
    section.header.paragraphs[0].text = RUNNING_HEADER
    footer = section.footer.paragraphs[0]
    footer.add_run("第 ")
    footer._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    footer.add_run(" 页")

    def field_table(rows: list[tuple[str, str]]) -> None:
        table = out.add_table(rows=len(rows), cols=2)
        table.style = "Table Grid"
        for r, (label, value) in enumerate(rows):
            table.cell(r, 0).text, table.cell(r, 1).text = label, value

    out.add_paragraph(LETTERHEAD)
    out.add_heading(TITLE, level=0)
    out.add_heading("1 目的", level=1)
    out.add_paragraph(PURPOSE)
    out.add_heading("2 适用范围", level=1)
    out.add_paragraph(SCOPE)
    out.add_paragraph("集团总部财务部", style="List Bullet")
    out.add_paragraph("资金管理科", style="List Bullet 2")
    out.add_paragraph("会计核算科", style="List Bullet 2")
    out.add_paragraph("各子公司财务部门", style="List Bullet")
    out.add_heading("3 资金管理", level=1)
    out.add_heading("3.1 资金计划", level=2)
    out.add_heading("3.1.1 年度资金计划编制", level=3)
    field_table(FIELDS_311)
    out.add_heading("3.1.2 月度资金计划调整", level=3)
    field_table(FIELDS_312)
    out.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    out.add_heading("3.2 付款管理", level=2)
    out.add_paragraph("付款管理的业务活动如下表：")
    matrix = out.add_table(rows=2 + len(MATRIX), cols=5)
    matrix.style = "Table Grid"
    for c, label in ((0, "序号"), (1, "业务活动"), (4, "监控人")):
        matrix.cell(0, c).merge(matrix.cell(1, c)).text = label
    matrix.cell(0, 2).merge(matrix.cell(0, 3)).text = "责任"
    matrix.cell(1, 2).text, matrix.cell(1, 3).text = "主要责任人", "协助人"
    for r, row in enumerate(MATRIX, start=2):
        for c, text in enumerate(row):
            matrix.cell(r, c).text = text
    out.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    out.add_heading("4 采购与费用管理", level=1)
    out.add_heading("一、采购计划", level=2)
    out.add_heading("（一）需求汇总", level=3)
    for i, text in enumerate(NEEDS, 1):
        out.add_paragraph(f"（{i}）{text}")
    out.add_heading("（二）费用报销", level=3)
    out.add_paragraph("报销人填写报销单", style="List Number")
    out.add_paragraph("部门经理审批", style="List Number")
    out.add_paragraph("金额在五千元以下", style="List Number 2")
    out.add_paragraph("金额在五千元以上", style="List Number 2")
    out.add_paragraph("财务审核付款", style="List Number")
    out.save(str(path))
    return path


def soffice_pdf(docx_path: Path, soffice: str) -> Path:
    """A Word file printed to PDF by LibreOffice (``soffice --headless --convert-to pdf``),
    with its own profile so that parallel runs do not share one."""
    profile = docx_path.parent / ".soffice-profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(docx_path.parent), str(docx_path)],
        check=True, capture_output=True, timeout=180,
    )
    return docx_path.with_suffix(".pdf")
