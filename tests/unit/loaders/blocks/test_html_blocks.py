"""Web pages read as blocks: the finance model as a page, lists and tables in their
corners, and the document-sharing site's page with its page containers and page numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import DocumentError
from loaders.blocks.html import read_html_blocks
from loaders.containers import read_html
from tests.fixtures_blocks import MATRIX_CELLS, check_spans, field_table, finance_html, summary


def write(tmp_path: Path, html: str, name: str = "page.html", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(html.encode(encoding))
    return path


def test_the_finance_model_as_a_web_page(tmp_path: Path) -> None:
    doc = read_html_blocks(write(tmp_path, finance_html(print_css=False)))
    assert (doc.format, doc.pages) == ("html", 1)
    assert summary(doc) == [
        (1, "paragraph", None, None, "华信集团文件 华信财〔2024〕12号"),  # the letterhead: the title is the first heading
        (1, "heading", 0, None, "华信集团财务管理业务模型（Ver 2.0）"),
        (1, "heading", 1, "1", "目的"),
        (1, "paragraph", None, None, "为明确财务管理各项业务活动的责任人、协助人与监控人，规范资金与付款流程，特制定本业务模型。"),
        (1, "heading", 1, "2", "适用范围"),
        (1, "paragraph", None, None, "本模型适用于集团总部财务部及各子公司财务部门。"),
        (1, "item", 1, "•", "集团总部财务部"),
        (1, "item", 2, "•", "资金管理科"),
        (1, "item", 2, "•", "会计核算科"),
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
            ("监控人", "第一监控人：财务总监；其他监控人：审计经理")])),
        (1, "heading", 2, "3.2", "付款管理"),
        (1, "paragraph", None, None, "付款管理的业务活动如下表："),
        (1, "table", 2, MATRIX_CELLS),  # thead: two header rows
        (1, "heading", 1, "4", "采购与费用管理"),
        (1, "heading", 2, "一", "采购计划"),
        (1, "heading", 3, "（一）", "需求汇总"),
        # a <p> is a paragraph, its typed number stays in its text (the grammar reads it)
        (1, "paragraph", None, None, "（1）各部门于每月25日前提交下月采购需求。"),
        (1, "paragraph", None, None, "（2）采购专员汇总需求并报采购经理审核。"),
        (1, "heading", 3, "（二）", "费用报销"),
        (1, "item", 1, "1", "报销人填写报销单"),
        (1, "item", 1, "2", "部门经理审批"),
        (1, "item", 2, "1", "金额在五千元以下"),
        (1, "item", 2, "2", "金额在五千元以上"),
        (1, "item", 1, "3", "财务审核付款"),
    ]
    check_spans(doc)
    assert doc.text.splitlines()[:3] == ["华信集团文件 华信财〔2024〕12号", "华信集团财务管理业务模型（Ver 2.0）", "1 目的"]
    assert "1. 报销人填写报销单\n2. 部门经理审批\n1. 金额在五千元以下" in doc.text
    assert "• 集团总部财务部\n• 资金管理科" in doc.text
    matrix = next(b for b in doc.blocks if b.kind == "table" and b.header_rows == 2)
    assert doc.text[matrix.start : matrix.end].splitlines()[:3] == [
        "序号\t业务活动\t责任\t监控人", "主要责任人\t协助人", "3.2.1\t供应商付款审核\t应付会计\t采购专员\t财务经理",
    ]


def test_lists_numbers_and_table_corners(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="utf-8"></head><body>'
        "<h2>采购流程</h2><h3>审批</h3>"
        '<ol type="a" start="3"><li><p>申请</p></li><li value="7">复核<br>（见附表）'
        '<ul><li>部门经理</li><li>财务经理<ol type="I"><li>签字</li><li>盖章</li></ol></li></ul></li></ol>'
        "<p>说明：<b>金额</b>以含税价计。<br>币种为人民币。</p>"
        "<table><caption>表1 询价活动</caption><tr><th>活动</th><th>责任人</th><th>协助人</th></tr>"
        '<tr><td rowspan="2">询价</td><td colspan="2">采购专员</td></tr>'
        "<tr><td>采购经理</td><td>财务专员<br>出纳</td></tr></table>"
        "<h3>付款</h3></body></html>"
    )
    doc = read_html_blocks(write(tmp_path, page, "page.htm"))
    assert summary(doc) == [
        # the one top heading, first: the title (level 0); the h3s rank next
        (1, "heading", 0, None, "采购流程"),
        (1, "heading", 1, None, "审批"),
        (1, "item", 1, "c", "申请"),
        (1, "item", 1, "g", "复核 （见附表）"),
        (1, "item", 2, "•", "部门经理"),
        (1, "item", 2, "•", "财务经理"),
        (1, "item", 3, "I", "签字"),
        (1, "item", 3, "II", "盖章"),
        (1, "paragraph", None, None, "说明：金额以含税价计。"),
        (1, "paragraph", None, None, "币种为人民币。"),
        (1, "paragraph", None, None, "表1 询价活动"),
        (1, "table", 1, (
            (("活动", 1, 1), ("责任人", 1, 1), ("协助人", 1, 1)),
            (("询价", 2, 1), ("采购专员", 1, 2), None),
            (None, ("采购经理", 1, 1), ("财务专员\n出纳", 1, 1)),
        )),
        (1, "heading", 1, None, "付款"),
    ]
    check_spans(doc)


def test_a_table_that_lays_out_the_page_is_read_as_its_blocks(tmp_path: Path) -> None:
    page = (
        '<html><body><table width="100%"><tr><td class="left">'
        "<h1>华信集团费用报销业务模型</h1><h2>1 费用报销</h2><p>报销人在费用发生后30日内提交。</p>"
        "<table border=1><tr><td>主要责任人</td><td>报销人</td></tr></table>"
        "<ul><li>差旅费</li></ul></td></tr><tr><td>附则：本模型自发布之日起施行。</td></tr></table>"
        "</body></html>"
    )
    doc = read_html_blocks(write(tmp_path, page))
    assert summary(doc) == [
        (1, "heading", 0, None, "华信集团费用报销业务模型"),
        (1, "heading", 1, "1", "费用报销"),
        (1, "paragraph", None, None, "报销人在费用发生后30日内提交。"),
        (1, "table", 0, ((("主要责任人", 1, 1), ("报销人", 1, 1)),)),
        (1, "item", 1, "•", "差旅费"),
        (1, "paragraph", None, None, "附则：本模型自发布之日起施行。"),
    ]


def test_a_word_processors_saved_page_leaves_out_its_running_header_and_footer(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="utf-8"></head><body>'
        '<div title="header"><p>华信集团 内部资料 请勿外传</p></div>'
        '<h1 class="western">1 <font face="SimHei">目的</font></h1><p>规范资金与付款流程。</p>'
        '<div style="mso-element:footer" id="f1"><p>第 1 页</p></div>'
        '<div title="footer"><p>第 3 页</p></div></body></html>'
    )
    path = write(tmp_path, page)
    assert summary(read_html_blocks(path)) == [
        (1, "heading", 0, "1", "目的"),
        (1, "paragraph", None, None, "规范资金与付款流程。"),
    ]
    assert read_html(path) == "1 目的\n规范资金与付款流程。"  # the text reader shares the rule


WORD_ITEM = (
    "<p class=MsoListParagraph style='margin-left:{indent}pt;text-indent:-18.0pt;mso-list:l0 level{level} lfo1'>"
    "<![if !supportLists]><span lang=EN-US style='font-family:{font}'>{number}<span style='font:7.0pt \"Times New Roman\"'>"
    "&nbsp;&nbsp;&nbsp; </span></span><![endif]>{text}<o:p></o:p></p>"
)


def test_a_page_word_saved_keeps_its_list_numbers_and_levels(tmp_path: Path) -> None:
    items = "".join(
        WORD_ITEM.format(indent=18 * level, level=level, font=font, number=number, text=text)
        for level, font, number, text in [
            (1, "Calibri", "1.", "报销人填写报销单"),
            (2, "Symbol", "·", "附发票原件"),
            (1, "Calibri", "2.", "部门经理审批"),
            (2, "Calibri", "（1）", "金额在五千元以下"),
        ]
    )
    page = (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>'
        '<meta http-equiv=Content-Type content="text/html; charset=utf-8"><title>费用报销</title></head>'
        "<body lang=ZH-CN><div class=WordSection1>"
        "<h2><span lang=EN-US>4.2<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp; </span></span>费用报销</h2>"
        f"{items}<p class=MsoNormal>报销须在费用发生后<b>30</b> 日内提交。<o:p></o:p></p></div></body></html>"
    )
    doc = read_html_blocks(write(tmp_path, page))
    assert summary(doc) == [
        (1, "heading", 0, "4.2", "费用报销"),
        (1, "item", 1, "1", "报销人填写报销单"),
        (1, "item", 2, "•", "附发票原件"),
        (1, "item", 1, "2", "部门经理审批"),
        (1, "item", 2, "（1）", "金额在五千元以下"),
        (1, "paragraph", None, None, "报销须在费用发生后30 日内提交。"),
    ]
    check_spans(doc)


SITE = """<!doctype html><html><head><title>华信集团采购管理业务模型-天天文库</title>
<script>var pages = "1、not the document";</script><style>.page {{ margin: 0 }}</style></head>
<body><nav class="navbar">首页 登录 上传文档</nav><div id="header"><h1>天天文库</h1></div>
<div class="doc-desc">资源描述：由会员上传分享，免费在线阅读。</div>
<div class="doc-main">{pages}</div>
<div class="download-box"><button>下载文档</button>下载本文档需要 5 积分</div>
<div class="related">相关文档：华信集团财务制度</div><footer>© 2024 天天文库 版权所有</footer></body></html>"""


def test_site_page_pages_come_from_its_containers_and_their_numbers_are_not_text(tmp_path: Path) -> None:
    pages = (
        '<div class="page" id="page-1"><p>1、一、采购计划 (一)需求汇总 各部门于每月25日前提交下月采购需求。</p></div>'
        '<div class="page" id="page-2"><!-- 2、 --><span class="num"><b></b>2、</span><p>主要责任人：采购专员</p>'
        "<p>协助人：各部门计划员</p></div>"
        '<div class="page" id="page-3"></div>'  # an empty container is no page
        '<div class="page" id="page-4" data-page="3"><p>3、汇报关系：采购专员向采购经理汇报 12、第二项</p></div>'
    )
    # saved without a charset declaration, in GB18030 as Chinese sites often are
    doc = read_html_blocks(write(tmp_path, SITE.format(pages=pages), encoding="gb18030"))
    assert doc.pages == 3
    assert summary(doc) == [
        (1, "heading", 0, None, "华信集团采购管理业务模型-天天文库"),
        (1, "paragraph", None, None, "一、采购计划 (一)需求汇总 各部门于每月25日前提交下月采购需求。"),
        (2, "paragraph", None, None, "主要责任人：采购专员"),
        (2, "paragraph", None, None, "协助人：各部门计划员"),
        (3, "paragraph", None, None, "汇报关系：采购专员向采购经理汇报 12、第二项"),
    ]
    for chrome in ("首页", "天天文库</h1>", "下载", "相关文档", "版权所有", "not the document", "资源描述"):
        assert chrome not in doc.text
    check_spans(doc)


def test_a_number_that_is_not_the_pages_stays(tmp_path: Path) -> None:
    pages = '<div class="page"><p>5、供应商评估</p></div>'
    doc = read_html_blocks(write(tmp_path, SITE.format(pages=pages)))
    assert summary(doc)[1:] == [(1, "paragraph", None, None, "5、供应商评估")]


@pytest.mark.parametrize("html", ["", "<html><body><nav>首页</nav><script>x</script></body></html>"],
                         ids=["empty", "only-chrome"])
def test_a_page_without_text_is_one_line(tmp_path: Path, html: str) -> None:
    path = write(tmp_path, html)
    with pytest.raises(DocumentError) as info:
        read_html_blocks(path)
    assert str(info.value).startswith(f"{path}: ") and "\n" not in str(info.value)


def test_a_missing_page_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match=r"missing\.html: cannot read the web page"):
        read_html_blocks(tmp_path / "missing.html")
