"""Word documents in other companies' house styles, written by python-docx (#19).

None is derived from the bundled document: their content is a finance department's fund
business (资金计划, 付款, 结算) and a procurement department's (采购计划, 合同管理), with
their own numbering and field layouts:

- :func:`decimal_docx` — (a) decimal outline numbers typed in the text (``1``, ``1.1``,
  ``1.2.1``, ``3.``, ``３.２`` in full-width digits), fields as labelled paragraphs, the
  payment area as a matrix table (a number column, one row per activity, a group row);
  ``auto=True`` — (b) the same with the headings numbered automatically by Word
  (``numbering.xml`` linked to the Heading styles; no number in the text);
- :func:`chinese_docx` — (c) Chinese numbering ``一、`` / ``（一）`` / ``1.`` / ``（1）``
  typed in plain paragraphs, a two-column label | value table per activity, a purpose
  chapter before the areas, the second area on page 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

#: (number, name, fields): the finance document's activities in order, fields as
#: (label, value); an area has level 1.
FUND_PLAN = [
    ("1", "资金计划管理", []),
    ("1.1", "年度资金预算编制", [
        ("业务描述", "根据公司年度经营计划编制年度资金预算。"),
        ("业务输出", "年度资金预算表"),
        ("主要责任人", "资金计划专员"),
        ("协助人", "预算会计、出纳"),
        ("管理者", "第一监控人为财务经理,其他监控人为财务总监"),
        ("汇报关系", "资金计划专员向财务经理汇报"),
    ]),
    ("1.2", "月度资金计划", [("业务描述", "按月滚动编制资金收支计划。")]),
    ("1.2.1", "资金需求汇总", [
        ("业务描述", "汇总各业务部门提交的月度资金需求。"),
        ("业务输出", "月度资金需求汇总表"),
        ("主要责任人", "资金计划专员"),
        ("协助人", "出纳"),
        ("管理者", "第一监控人为财务经理"),
        ("汇报关系", "资金计划专员向财务经理汇报"),
    ]),
    ("1.2.2", "资金计划审批", [
        ("业务描述", "审批月度资金计划并下达执行。"),
        ("业务输出", "月度资金计划、资金计划审批单"),
        ("主要责任人", "财务经理"),
        ("管理者", "第一监控人为财务总监"),
        ("汇报关系", "财务经理向财务总监汇报"),
    ]),
]
#: The payment area, as a matrix: number, name, then the cells of MATRIX_LABELS.
MATRIX_LABELS = ["业务描述", "业务输出", "主要责任人", "协助人", "管理者", "汇报关系"]
PAYMENTS = [
    ("2.1", "付款申请审核", ["审核付款申请的合规性与预算额度。", "付款审核意见", "应付会计", "出纳",
                       "第一监控人：财务经理；其他监控人：内审专员", "应付会计向财务经理汇报"]),
    ("2.2", "付款执行", ["", "", "", "", "", ""]),
    ("2.2.1", "网银付款", ["通过网上银行支付已审批款项。", "银行回单", "出纳", "",
                       "第一监控人：财务经理", "出纳向财务经理汇报"]),
    ("2.2.2", "票据付款", ["开具并登记商业汇票。", "票据登记簿、汇票存根", "出纳", "应付会计",
                       "第一监控人：财务经理", "出纳向财务经理汇报"]),
]
SETTLEMENT = [
    ("3.", "资金结算", []),
    ("3.1.", "银行对账", [
        ("业务描述", "每月核对银行流水与账面记录。"),
        ("业务输出", "银行余额调节表"),
        ("主要责任人", "总账会计"),
        ("协助人", "出纳"),
        ("管理者", "第一监控人为财务经理"),
        ("汇报关系", "总账会计向财务经理汇报"),
    ]),
    ("３.２", "现金盘点", [
        ("业务描述", "定期盘点库存现金。"),
        ("业务输出", "现金盘点表"),
        ("主要责任人", "出纳"),
        ("协助人", "总账会计"),
        ("管理者", "第一监控人为财务经理,其他监控人为内审专员"),
        ("汇报关系", "出纳向财务经理汇报"),
    ]),
]


def _numbering(document: Any) -> None:
    """A multi-level list (``1.``, ``1.1.``, ``1.1.1.``) linked to Heading 1–3."""
    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{k}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        f'<w:pStyle w:val="Heading{k + 1}"/>'
        f'<w:lvlText w:val="{".".join(f"%{j + 1}" for j in range(k + 1))}."/>'
        '<w:lvlJc w:val="left"/></w:lvl>'
        for k in range(3)
    )
    numbering.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">{levels}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for k in range(3):
        style = document.styles[f"Heading {k + 1}"]
        ppr = style.element.get_or_add_pPr()
        ppr.insert(0, parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{k}"/><w:numId w:val="90"/></w:numPr>'
        ))


def decimal_docx(path: Path, *, auto: bool = False) -> Path:
    """(a) typed decimal numbers, or (b) ``auto``: the headings numbered by Word."""
    document = docx.Document()
    if auto:
        _numbering(document)
    document.add_heading("财务部资金业务模型（V2.0）", level=0)
    document.add_paragraph("本模型规定财务部资金业务的责任人、协助人和监控人。")
    document.add_paragraph("资金计划专员、出纳直接归属资金管理部管理。")

    def heading(number: str, name: str) -> None:
        level = number.rstrip(".").count(".") + 1
        if auto:
            document.add_heading(name, level=level)
        elif level == 1:
            document.add_heading(f"{number} {name}", level=1)
        else:  # typed in a plain paragraph
            document.add_paragraph(f"{number} {name}")

    for number, name, fields in FUND_PLAN:
        heading(number, name)
        for label, value in fields:
            document.add_paragraph(f"{label}：{value}")
    heading("2", "付款管理")
    table = document.add_table(rows=1 + len(PAYMENTS), cols=2 + len(MATRIX_LABELS))
    table.style = "Table Grid"
    for k, text in enumerate(["编号", "业务活动", *MATRIX_LABELS]):
        table.cell(0, k).text = text
    for r, (number, name, cells) in enumerate(PAYMENTS, start=1):
        for k, text in enumerate([number, name, *cells]):
            table.cell(r, k).text = text
    for number, name, fields in SETTLEMENT:
        heading(number, name)
        for label, value in fields:
            document.add_paragraph(f"{label}：{value}")
    document.save(str(path))
    return path


#: The procurement document: (number, name, fields as a label | value table).
PROCUREMENT = [
    ("二、", "采购计划", []),
    ("（一）", "需求汇总", [
        ("业务描述", "汇总各部门的年度采购需求。"),
        ("业务输出", "年度采购需求清单"),
        ("主要责任人", "采购计划员"),
        ("协助人", "需求联络人"),
        ("管理者", "第一监控人：采购经理"),
        ("汇报关系", "采购计划员向采购经理汇报"),
    ]),
    ("（二）", "供应商选择", [("业务描述", "选择合格供应商。")]),
    ("1.", "供应商寻源", [
        ("业务描述", "通过公开渠道寻找潜在供应商。"),
        ("业务输出", "潜在供应商名录"),
        ("主要责任人", "采购员"),
        ("管理者", "第一监控人：采购经理"),
        ("汇报关系", "采购员向采购经理汇报"),
    ]),
    ("2.", "供应商评估", [("业务描述", "对潜在供应商进行综合评估。")]),
    ("（1）", "资质审查", [
        ("业务描述", "审查供应商的营业执照与资质证书。"),
        ("业务输出", "资质审查记录"),
        ("主要责任人", "采购员"),
        ("协助人", "法务专员"),
        ("管理者", "第一监控人：采购经理；其他监控人：审计专员"),
        ("汇报关系", "采购员向采购经理汇报"),
    ]),
    ("（2）", "现场考察", [
        ("业务描述", "实地考察供应商的生产能力。"),
        ("业务输出", "现场考察报告"),
        ("主要责任人", "质量工程师"),
        ("协助人", "采购员"),
        ("管理者", "第一监控人：采购经理；其他监控人：质量经理、审计专员"),
        ("汇报关系", "质量工程师向质量经理汇报；采购员向采购经理汇报"),
    ]),
    ("三、", "合同管理", []),
    ("（一）", "合同起草", [
        ("业务描述", "依据中标结果起草采购合同。"),
        ("业务输出", "采购合同草案"),
        ("主要责任人", "采购员"),
        ("协助人", "法务专员、财务部出纳"),
        ("管理者", "第一监控人：采购经理"),
        ("汇报关系", "采购员向采购经理汇报"),
    ]),
    ("（二）", "合同审批", [
        ("业务描述", "按授权审批采购合同。"),
        ("业务输出", "合同审批单"),
        ("主要责任人", "采购经理"),
        ("协助人", "法务专员"),
        ("管理者", "第一监控人：采购总监；其他监控人：审计专员"),
        ("汇报关系", "采购经理向采购总监汇报"),
    ]),
]


def chinese_docx(path: Path) -> Path:
    """(c) Chinese numbering in plain paragraphs, a field table per activity."""
    document = docx.Document()
    document.add_paragraph("华东精密制造有限公司文件")
    document.add_paragraph("签发人：王强")
    document.add_heading("采购部业务模型（Ver1.0）", level=0)
    document.add_paragraph("一、目的")
    document.add_paragraph("明确采购业务各项活动的责任分工。")
    for number, name, fields in PROCUREMENT:
        if number == "三、":  # the contracts area starts page 2
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        paragraph = document.add_paragraph(f"{number}{name}")
        if number.endswith("、"):
            paragraph.runs[0].bold = True
        if fields:
            table = document.add_table(rows=len(fields), cols=2)
            table.style = "Table Grid"
            for r, (label, value) in enumerate(fields):
                table.cell(r, 0).text = label
                table.cell(r, 1).text = value
    document.save(str(path))
    return path


def page_break_docx(path: Path) -> Path:
    """Three paragraphs, a page break in a run, a paragraph that starts a page."""
    document = docx.Document()
    document.add_paragraph("第一页")
    run = document.add_paragraph("第一页末").add_run()
    run.add_break(WD_BREAK.PAGE)
    document.add_paragraph("第二页")
    p = document.add_paragraph("第三页")
    p.paragraph_format.page_break_before = True
    document.save(str(path))
    return path


__all__ = ["chinese_docx", "decimal_docx", "page_break_docx"]
