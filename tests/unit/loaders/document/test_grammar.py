"""The grammar over blocks (#19): Word documents in three house styles not derived from the
bundled document extract to exactly the hand-checked models, every fact with provenance
that points at the text it was read from."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest

from kg.model import Model, Provenance
from loaders.blocks.docx import read_docx_blocks
from loaders.document import extract_file
from loaders.document.grammar import reads_blocks
from loaders.document.quality import Thresholds
from loaders.text import fold_width
from tests.conftest import require_tool
from tests.fixtures_docs import SEED, write_docx
from tests.fixtures_house_styles import chinese_docx, decimal_docx

#: These small documents test the grammar, not coverage: a sketch of a few activities
#: need not name monitors or report lines (names and fields stated twice still count).
COVERAGE_ASIDE = Thresholds(min_responsible=0, min_monitors=0, min_reports=0)

R = "role:"


def acts(model: Model) -> list[tuple[Any, ...]]:
    """Each activity: code, kind, id, parent, responsible, assists, monitors with rank,
    reports (from, to), outputs, description."""
    return [
        (
            a.code,
            a.kind,
            a.id.removeprefix("activity:"),
            a.parent.removeprefix("activity:") if a.parent else None,
            [x.removeprefix(R) for x in a.responsible],
            [x.removeprefix(R) for x in a.assists],
            [(m.id.removeprefix(R), m.rank) for m in a.monitors],
            [(r.from_.removeprefix(R), r.to.removeprefix(R)) for r in a.reports],
            [x.removeprefix("output:") for x in a.outputs],
            a.description,
        )
        for a in model.activities
    ]


FUND = [
    ("1", "area", "资金计划管理", None, [], [], [], [], [], None),
    ("1.1", "activity", "年度资金预算编制", "资金计划管理", ["资金计划专员"], ["预算会计", "出纳"],
     [("财务经理", "first"), ("财务总监", "other")], [("资金计划专员", "财务经理")], ["年度资金预算表"],
     "根据公司年度经营计划编制年度资金预算"),
    ("1.2", "activity", "月度资金计划", "资金计划管理", [], [], [], [], [], "按月滚动编制资金收支计划"),
    ("1.2.1", "activity", "资金需求汇总", "月度资金计划", ["资金计划专员"], ["出纳"],
     [("财务经理", "first")], [("资金计划专员", "财务经理")], ["月度资金需求汇总表"],
     "汇总各业务部门提交的月度资金需求"),
    ("1.2.2", "activity", "资金计划审批", "月度资金计划", ["财务经理"], [],
     [("财务总监", "first")], [("财务经理", "财务总监")], ["月度资金计划", "资金计划审批单"],
     "审批月度资金计划并下达执行"),
    ("2", "area", "付款管理", None, [], [], [], [], [], None),
    ("2.1", "activity", "付款申请审核", "付款管理", ["应付会计"], ["出纳"],
     [("财务经理", "first"), ("内审专员", "other")], [("应付会计", "财务经理")], ["付款审核意见"],
     "审核付款申请的合规性与预算额度"),
    ("2.2", "activity", "付款执行", "付款管理", [], [], [], [], [], None),
    ("2.2.1", "activity", "网银付款", "付款执行", ["出纳"], [], [("财务经理", "first")],
     [("出纳", "财务经理")], ["银行回单"], "通过网上银行支付已审批款项"),
    ("2.2.2", "activity", "票据付款", "付款执行", ["出纳"], ["应付会计"], [("财务经理", "first")],
     [("出纳", "财务经理")], ["票据登记簿", "汇票存根"], "开具并登记商业汇票"),
    ("3", "area", "资金结算", None, [], [], [], [], [], None),
    ("3.1", "activity", "银行对账", "资金结算", ["总账会计"], ["出纳"], [("财务经理", "first")],
     [("总账会计", "财务经理")], ["银行余额调节表"], "每月核对银行流水与账面记录"),
    ("3.2", "activity", "现金盘点", "资金结算", ["出纳"], ["总账会计"],
     [("财务经理", "first"), ("内审专员", "other")], [("出纳", "财务经理")], ["现金盘点表"],
     "定期盘点库存现金"),
]
FUND_ROLES = ["资金计划专员", "出纳", "预算会计", "财务经理", "财务总监", "应付会计", "内审专员", "总账会计"]

PROCUREMENT = [
    ("2", "area", "采购计划", None, [], [], [], [], [], None),
    ("2.1", "activity", "需求汇总", "采购计划", ["采购计划员"], ["需求联络人"], [("采购经理", "first")],
     [("采购计划员", "采购经理")], ["年度采购需求清单"], "汇总各部门的年度采购需求"),
    ("2.2", "activity", "供应商选择", "采购计划", [], [], [], [], [], "选择合格供应商"),
    ("2.2.1", "activity", "供应商寻源", "供应商选择", ["采购员"], [], [("采购经理", "first")],
     [("采购员", "采购经理")], ["潜在供应商名录"], "通过公开渠道寻找潜在供应商"),
    ("2.2.2", "activity", "供应商评估", "供应商选择", [], [], [], [], [], "对潜在供应商进行综合评估"),
    ("2.2.2.1", "activity", "资质审查", "供应商评估", ["采购员"], ["法务专员"],
     [("采购经理", "first"), ("审计专员", "other")], [("采购员", "采购经理")], ["资质审查记录"],
     "审查供应商的营业执照与资质证书"),
    ("2.2.2.2", "activity", "现场考察", "供应商评估", ["质量工程师"], ["采购员"],
     [("采购经理", "first"), ("质量经理", "other"), ("审计专员", "other")],
     [("质量工程师", "质量经理"), ("采购员", "采购经理")], ["现场考察报告"], "实地考察供应商的生产能力"),
    ("3", "area", "合同管理", None, [], [], [], [], [], None),
    ("3.1", "activity", "合同起草", "合同管理", ["采购员"], ["法务专员", "出纳"], [("采购经理", "first")],
     [("采购员", "采购经理")], ["采购合同草案"], "依据中标结果起草采购合同"),
    ("3.2", "activity", "合同审批", "合同管理", ["采购经理"], ["法务专员"],
     [("采购总监", "first"), ("审计专员", "other")], [("采购经理", "采购总监")], ["合同审批单"],
     "按授权审批采购合同"),
]


def provenance(model: Model) -> list[tuple[str, Provenance]]:
    out: list[tuple[str, Provenance]] = []
    for item in (*model.departments, *model.roles, *model.outputs, *model.activities):
        assert item.provenance is not None, item.id
        out.append((item.id, item.provenance))
        for key, p in getattr(item, "evidence", {}).items():
            out.append((f"{item.id}/{key}", p))
    return out


def assert_provenance_exact(path: Path, model: Model) -> None:
    """Every fact's span is the text it says it is, on its block's page."""
    doc = read_docx_blocks(path)
    for what, p in provenance(model):  # (whitespace and line breaks read as separators)
        assert re.sub(r"[\s;]", "", fold_width(doc.text[p.start : p.end])) == re.sub(r"[\s;]", "", p.text), what
        block = next(b for b in doc.blocks if b.start <= p.start < b.end)
        assert p.page == block.page, what


@pytest.mark.parametrize("auto", [False, True], ids=["typed-decimal", "word-numbering"])
def test_decimal_outline_with_a_matrix_table(tmp_path: Path, auto: bool) -> None:
    path = decimal_docx(tmp_path / "fund.docx", auto=auto)
    extraction = extract_file(path, thresholds=COVERAGE_ASIDE)
    model = extraction.model
    assert acts(model) == FUND
    assert (model.source.id, model.source.title, model.source.version) == (
        "doc:财务部资金业务模型", "财务部资金业务模型", "V2.0"
    )
    assert [r.id.removeprefix(R) for r in model.roles] == FUND_ROLES
    # a membership statement before the areas
    assert {r.id.removeprefix(R): r.department for r in model.roles if r.department} == {
        "资金计划专员": "dept:资金管理部", "出纳": "dept:资金管理部"
    }
    assert [d.id for d in model.departments] == ["dept:资金管理部"]
    assert [o.id for o in model.outputs] == [
        "output:年度资金预算表", "output:月度资金需求汇总表", "output:月度资金计划", "output:资金计划审批单",
        "output:付款审核意见", "output:银行回单", "output:票据登记簿", "output:汇票存根",
        "output:银行余额调节表", "output:现金盘点表",
    ]
    assert extraction.warnings == []
    assert_provenance_exact(path, model)
    # a matrix row's field is stated in its cell; a paragraph's by its label and value
    evidence = {a.id: a.evidence for a in model.activities}
    assert evidence["activity:网银付款"]["responsible"].text == "出纳"
    assert evidence["activity:银行对账"]["responsible"].text == "主要责任人:总账会计"


def test_chinese_numbering_with_field_tables(tmp_path: Path) -> None:
    path = chinese_docx(tmp_path / "procurement.docx")
    extraction = extract_file(path, thresholds=COVERAGE_ASIDE)
    model = extraction.model
    assert acts(model) == PROCUREMENT
    source = model.source
    assert (source.title, source.version, source.issuer, source.signatory, source.purpose) == (
        "采购部业务模型", "Ver1.0", "华东精密制造有限公司", "王强", "明确采购业务各项活动的责任分工。"
    )
    roles = {r.id.removeprefix(R): r.department for r in model.roles}
    assert roles == {
        "采购计划员": None, "需求联络人": None, "采购经理": None, "采购员": None, "法务专员": None,
        "审计专员": None, "质量工程师": None, "质量经理": None, "出纳": "dept:财务部", "采购总监": None,
    }
    assert [d.id for d in model.departments] == ["dept:财务部"]
    assert extraction.warnings == []
    assert_provenance_exact(path, model)
    pages = {a.id.removeprefix("activity:"): a.provenance.page for a in model.activities if a.provenance}
    assert pages == {**{a[2]: 1 for a in PROCUREMENT[:7]}, "合同管理": 2, "合同起草": 2, "合同审批": 2}


def test_a_matrix_without_numbers_groups_rows_under_name_only_rows(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("费用报销业务模型", level=0)
    document.add_heading("费用管理", level=1)
    rows = [
        ("业务活动", "主要责任人", "协助人", "汇报关系"),
        ("差旅报销", "", "", ""),
        ("报销单审核", "费用会计", "出纳", "费用会计向财务经理汇报"),
        ("报销付款", "出纳", "", "出纳向财务经理汇报"),
        ("日常费用", "", "", ""),
        ("发票查验", "费用会计", "", ""),
    ]
    table = document.add_table(rows=len(rows), cols=4)
    for r, row in enumerate(rows):
        for k, text in enumerate(row):
            table.cell(r, k).text = text
    document.add_heading("费用分析", level=1)
    document.add_paragraph("主要责任人：财务分析师")
    path = tmp_path / "expenses.docx"
    document.save(str(path))
    model = extract_file(path, thresholds=COVERAGE_ASIDE).model
    assert [(a.code, a.kind, a.id, a.parent, a.responsible, a.assists) for a in model.activities] == [
        ("1", "area", "activity:费用管理", None, [], []),
        ("1.1", "activity", "activity:差旅报销", "activity:费用管理", [], []),
        ("1.1.1", "activity", "activity:报销单审核", "activity:差旅报销", ["role:费用会计"], ["role:出纳"]),
        ("1.1.2", "activity", "activity:报销付款", "activity:差旅报销", ["role:出纳"], []),
        ("1.2", "activity", "activity:日常费用", "activity:费用管理", [], []),
        ("1.2.1", "activity", "activity:发票查验", "activity:日常费用", ["role:费用会计"], []),
        ("2", "area", "activity:费用分析", None, ["role:财务分析师"], []),
    ]


def test_what_it_cannot_place_is_a_warning_with_its_page(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("结算业务模型", level=0)
    document.add_paragraph("1 结算管理")
    document.add_paragraph("1.1 月末结账")
    document.add_paragraph("主要责任人：总账会计")
    document.add_paragraph().add_run().add_break()  # a line break alone: no block
    document.add_paragraph("各月结账时间以财务日历为准。")  # prose: not a field, not a heading
    document.add_paragraph("1.2 年末决算")  # a heading with nothing under it
    path = tmp_path / "close.docx"
    document.save(str(path))
    extraction = extract_file(path, thresholds=COVERAGE_ASIDE)
    assert [a.id for a in extraction.model.activities] == ["activity:结算管理", "activity:月末结账"]
    assert [str(w) for w in extraction.warnings] == [
        "page 1: heading without fields: '1.2 年末决算': left out",
        "page 1: unplaced text: '各月结账时间以财务日历为准。'",
    ]


def test_the_bundled_document_as_word_keeps_the_text_grammar(tmp_path: Path) -> None:
    assert not reads_blocks(read_docx_blocks(write_docx(SEED, tmp_path / "seed.docx")))
    assert reads_blocks(read_docx_blocks(chinese_docx(tmp_path / "c.docx")))


def test_a_title_set_as_the_top_heading_around_unnumbered_areas(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("税务业务模型（V3.1）", level=1)
    for area, activities in [("纳税申报", ["增值税申报", "企业所得税汇算"]), ("发票管理", ["发票开具"])]:
        document.add_heading(area, level=2)
        for name in activities:
            document.add_heading(name, level=3)
            document.add_paragraph("主要责任人：税务会计 协助人：出纳")
    path = tmp_path / "tax.docx"
    document.save(str(path))
    extraction = extract_file(path, thresholds=COVERAGE_ASIDE)
    model = extraction.model
    assert (model.source.id, model.source.title, model.source.version) == ("doc:税务业务模型", "税务业务模型", "V3.1")
    assert [(a.code, a.kind, a.id, a.parent, a.responsible, a.assists) for a in model.activities] == [
        ("1", "area", "activity:纳税申报", None, [], []),
        ("1.1", "activity", "activity:增值税申报", "activity:纳税申报", ["role:税务会计"], ["role:出纳"]),
        ("1.2", "activity", "activity:企业所得税汇算", "activity:纳税申报", ["role:税务会计"], ["role:出纳"]),
        ("2", "area", "activity:发票管理", None, [], []),
        ("2.1", "activity", "activity:发票开具", "activity:发票管理", ["role:税务会计"], ["role:出纳"]),
    ]
    assert extraction.warnings == []


def test_values_on_the_lines_after_a_label_and_in_a_cells_paragraphs(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("资金调度业务模型", level=0)
    document.add_paragraph("1 资金调度")
    document.add_paragraph("1.1 资金调拨")
    document.add_paragraph("业务描述：")
    document.add_paragraph("根据资金计划在账户间调拨资金。")
    document.add_paragraph("协助人：")
    document.add_paragraph("出纳")
    document.add_paragraph("总账会计")
    document.add_paragraph("主要责任人：资金主管")
    document.add_paragraph("1.2 账户管理")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "主要责任人"
    table.cell(0, 1).text = "资金主管"
    table.cell(1, 0).text = "协助人："
    table.cell(1, 1).text = "• 应付会计"  # typed bullets, one role a line
    table.cell(1, 1).add_paragraph("• 应收会计")
    path = tmp_path / "dispatch.docx"
    document.save(str(path))
    extraction = extract_file(path, thresholds=COVERAGE_ASIDE)
    got = [(a.id, a.description, a.responsible, a.assists) for a in extraction.model.activities]
    assert got == [
        ("activity:资金调度", None, [], []),
        ("activity:资金调拨", "根据资金计划在账户间调拨资金", ["role:资金主管"], ["role:出纳", "role:总账会计"]),
        ("activity:账户管理", None, ["role:资金主管"], ["role:应付会计", "role:应收会计"]),
    ]
    assert extraction.warnings == []


@pytest.mark.slow
def test_the_house_styles_saved_again_by_libreoffice_extract_the_same(tmp_path: Path) -> None:
    """LibreOffice writes its own numbering definitions, styles and tables: docx → odt →
    docx, and the models are the same."""
    soffice = require_tool("soffice")
    made = [
        decimal_docx(tmp_path / "typed.docx"),
        decimal_docx(tmp_path / "auto.docx", auto=True),
        chinese_docx(tmp_path / "chinese.docx"),
    ]
    profile = f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"
    for target, files, out in [("odt", made, tmp_path / "odt"), ("docx", [], tmp_path / "again")]:
        files = files or sorted((tmp_path / "odt").glob("*.odt"))
        subprocess.run(
            [soffice, "--headless", profile, "--convert-to", target, "--outdir", str(out), *map(str, files)],
            check=True, capture_output=True, timeout=300,
        )
    for path, want in zip(made, [FUND, FUND, PROCUREMENT], strict=True):
        again = tmp_path / "again" / path.name
        assert again.read_bytes() != path.read_bytes()
        extraction = extract_file(again)
        assert acts(extraction.model) == want, path.name
        assert extraction.warnings == []


def test_a_numbered_list_and_paragraphs_after_a_description_are_its_text(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("资金调度业务模型", level=0)
    document.add_paragraph("1 资金调度")
    document.add_paragraph("1.1 资金调拨")
    document.add_paragraph("业务描述：主要步骤如下")
    document.add_paragraph("1.编制调拨单")
    document.add_paragraph("2.审批调拨单")
    document.add_paragraph("调拨完成后通知申请部门。")
    document.add_paragraph("业务输出：资金调拨单")
    document.add_paragraph("主要责任人：资金主管")
    document.add_paragraph("1.2 账户开立")
    document.add_paragraph("业务描述：开立银行账户。")
    document.add_paragraph("1.2.1 开户申请")  # a deeper number after a description: a heading
    document.add_paragraph("主要责任人：出纳")
    path = tmp_path / "lists.docx"
    document.save(str(path))
    extraction = extract_file(path, thresholds=COVERAGE_ASIDE)
    got = [(a.id, a.parent, a.description, a.outputs, a.responsible) for a in extraction.model.activities]
    assert got == [
        ("activity:资金调度", None, None, [], []),
        ("activity:资金调拨", "activity:资金调度", "主要步骤如下 1.编制调拨单 2.审批调拨单 调拨完成后通知申请部门",
         ["output:资金调拨单"], ["role:资金主管"]),
        ("activity:账户开立", "activity:资金调度", "开立银行账户", [], []),
        ("activity:开户申请", "activity:账户开立", None, [], ["role:出纳"]),
    ]
    assert extraction.warnings == []


def test_chinese_areas_with_lettered_activities(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("审计部业务模型", level=0)
    for line in [
        "一、内部审计", "A.年度审计计划", "主要责任人：审计经理", "B.BOM成本审计", "a.物料价格审计",
        "主要责任人：审计专员", "管理者：第一监控人：审计经理", "二、风险管理", "A.风险评估", "主要责任人：风控专员",
    ]:
        document.add_paragraph(line)
    path = tmp_path / "audit.docx"
    document.save(str(path))
    assert reads_blocks(read_docx_blocks(path))
    extraction = extract_file(path, thresholds=COVERAGE_ASIDE)
    got = [(a.code, a.id, a.parent, a.responsible, [(m.id, m.rank) for m in a.monitors]) for a in extraction.model.activities]
    assert got == [
        ("1", "activity:内部审计", None, [], []),
        ("1.A", "activity:年度审计计划", "activity:内部审计", ["role:审计经理"], []),
        ("1.B", "activity:BOM成本审计", "activity:内部审计", [], []),
        ("1.B.a", "activity:物料价格审计", "activity:BOM成本审计", ["role:审计专员"], [("role:审计经理", "first")]),
        ("2", "activity:风险管理", None, [], []),
        ("2.A", "activity:风险评估", "activity:风险管理", ["role:风控专员"], []),
    ]
    assert extraction.warnings == []


def test_field_tables_that_name_their_activity(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("应收业务模型", level=0)
    document.add_heading("应收管理", level=1)

    def table(rows: list[tuple[str, str]]) -> None:
        t = document.add_table(rows=len(rows), cols=2)
        for r, (label, value) in enumerate(rows):
            t.cell(r, 0).text = label
            t.cell(r, 1).text = value

    table([("编号", "1"), ("业务名称", "客户信用评估"), ("主要责任人", "信用专员")])
    table([("编号", "1.1"), ("活动名称：", "信用额度审批"), ("主要责任人", "财务经理"), ("协助人", "信用专员")])
    table([("编号", "2"), ("业务名称", "应收账款催收"), ("主要责任人", "应收会计")])
    document.add_heading("坏账管理", level=1)
    table([("名称", "坏账核销"), ("主要责任人", "财务经理")])
    table([("名称", "坏账准备计提"), ("主要责任人", "总账会计")])
    path = tmp_path / "receivables.docx"
    document.save(str(path))
    extraction = extract_file(path, thresholds=COVERAGE_ASIDE)
    got = [(a.code, a.id, a.parent, a.responsible, a.assists) for a in extraction.model.activities]
    assert got == [
        ("1", "activity:应收管理", None, [], []),
        ("1.1", "activity:客户信用评估", "activity:应收管理", ["role:信用专员"], []),
        ("1.1.1", "activity:信用额度审批", "activity:客户信用评估", ["role:财务经理"], ["role:信用专员"]),
        ("1.2", "activity:应收账款催收", "activity:应收管理", ["role:应收会计"], []),
        ("2", "activity:坏账管理", None, [], []),
        ("2.1", "activity:坏账核销", "activity:坏账管理", ["role:财务经理"], []),
        ("2.2", "activity:坏账准备计提", "activity:坏账管理", ["role:总账会计"], []),
    ]
    assert extraction.warnings == []


def test_five_chinese_levels_down_to_circled_numbers(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("总账业务模型", level=0)
    for line in [
        "一、总账管理", "（一）期末处理", "1．月末结账", "（1）凭证审核", "①凭证复核", "主要责任人：总账会计",
        "②凭证过账", "主要责任人：出纳", "（2）结账检查", "主要责任人：财务经理",
    ]:
        document.add_paragraph(line)
    path = tmp_path / "ledger.docx"
    document.save(str(path))
    extraction = extract_file(path, thresholds=COVERAGE_ASIDE)
    got = [(a.code, a.id.removeprefix("activity:"), (a.parent or "").removeprefix("activity:")) for a in extraction.model.activities]
    assert got == [
        ("1", "总账管理", ""),
        ("1.1", "期末处理", "总账管理"),
        ("1.1.1", "月末结账", "期末处理"),
        ("1.1.1.1", "凭证审核", "月末结账"),
        ("1.1.1.1.1", "凭证复核", "凭证审核"),
        ("1.1.1.1.2", "凭证过账", "凭证审核"),
        ("1.1.1.2", "结账检查", "月末结账"),
    ]
    assert extraction.warnings == []


def test_headings_numbered_by_word_in_chinese(tmp_path: Path) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    levels = (
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="（%2）"/></w:lvl>'
    )
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="77">{levels}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="77"><w:abstractNumId w:val="77"/></w:num>'))
    for k in range(2):
        document.styles[f"Heading {k + 1}"].element.get_or_add_pPr().insert(
            0, parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{k}"/><w:numId w:val="77"/></w:numPr>')
        )
    document.add_heading("存货业务模型（V1.0）", 0)
    for level, text in [(1, "存货管理"), (2, "入库验收"), (0, "主要责任人：仓库管理员"), (2, "存货盘点"),
                        (0, "主要责任人：存货会计"), (1, "成本核算"), (2, "成本归集"), (0, "主要责任人：成本会计")]:
        if level:
            document.add_heading(text, level)
        else:
            document.add_paragraph(text)
    path = tmp_path / "inventory.docx"
    document.save(str(path))
    extraction = extract_file(path, thresholds=COVERAGE_ASIDE)
    got = [(a.code, a.id, a.responsible, a.provenance.text if a.provenance else None) for a in extraction.model.activities]
    assert got == [
        ("1", "activity:存货管理", [], "一、存货管理"),
        ("1.1", "activity:入库验收", ["role:仓库管理员"], "(一) 入库验收"),
        ("1.2", "activity:存货盘点", ["role:存货会计"], "(二) 存货盘点"),
        ("2", "activity:成本核算", [], "二、成本核算"),
        ("2.1", "activity:成本归集", ["role:成本会计"], "(一) 成本归集"),
    ]
    assert extraction.warnings == []
