"""kg.publish: each house style lays a model out as exactly these blocks, Word and HTML
render them as real headings and tables, the bytes never vary, and names are escaped.

Whether a written document reads back to its model is tested with the parser, in
tests/unit/loaders/test_publish_roundtrip.py.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import lxml.html
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.model import Activity, Department, Model, Monitor, Output, Report, Role, Source, write_model
from kg.publish import StyleError, layout, render


def model() -> Model:
    """One area with an activity, a sub-activity with two bullets, and a second area."""

    def act(name: str, code: str, parent: str, **fields: object) -> Activity:
        return Activity(id=f"activity:{name}", name=name, code=code, parent=parent, **fields)  # type: ignore[arg-type]

    return Model(
        source=Source(id="doc:t", title="测试业务模型", version="Ver2.0", issuer="东海电子有限公司",
                      signatory="李明", purpose="明确业务。"),
        departments=[Department(id="dept:采购部", name="采购部"), Department(id="dept:财务部", name="财务部")],
        roles=[Role(id="role:采购专员", name="采购专员", department="dept:采购部"),
               Role(id="role:计划员", name="计划员", department="dept:采购部"),
               Role(id="role:会计", name="会计")],
        outputs=[Output(id="output:采购订单", name="采购订单")],
        activities=[
            Activity(id="activity:采购", name="采购", code="2", kind="area"),
            act("供应商管理", "2.A", "activity:采购", description="评估供应商",
                outputs=["output:采购订单"], responsible=["role:采购专员"],
                monitors=[Monitor(id="dept:采购部", rank="first"), Monitor(id="role:会计", rank="other"),
                          Monitor(id="dept:财务部", rank="other")],
                reports=[Report(**{"from": "role:采购专员", "to": "role:计划员"}),
                         Report(**{"from": "role:采购专员", "to": "dept:采购部"}),
                         Report(**{"from": "role:计划员", "to": "dept:财务部"})],
                interface_departments=["dept:财务部"]),
            act("订单管理", "2.B", "activity:采购"),
            act("订单下达", "2.B.a", "activity:订单管理", responsible=["role:计划员"],
                assists=["role:采购专员", "role:会计"]),
            act("订单跟催", "2.B.a.1", "activity:订单下达", responsible=["role:计划员"]),
            Activity(id="activity:财务", name="财务", code="3", kind="area"),
            act("费用报销", "3.A", "activity:财务", responsible=["role:会计"]),
            Activity(id="activity:服务", name="服务", kind="area"),  # named, no section
        ],
    )


FRONT = [
    ("paragraph", 0, "东海电子有限公司"),
    ("paragraph", 0, "签发人:李明"),
    ("title", 0, "测试业务模型(Ver2.0)"),
]
MEMBERS = ("paragraph", 0, "采购专员、计划员直接归属采购部管理。")


def shape(style: str, m: Model | None = None) -> list[tuple[str, int, str]]:
    return [(b.kind, b.level, b.text) for b in layout(m or model(), style) if b.kind != "table"]


def test_site_layout() -> None:
    assert shape("site") == [
        *FRONT,
        ("paragraph", 0, "一、目的:明确业务。"),
        ("paragraph", 0, "二、测试业务模型"),
        ("paragraph", 0, "1.测试业务模型分为三大业务:采购,财务,服务。"),
        MEMBERS,
        ("page-break", 0, ""),
        ("heading", 1, "2.采购工作"),
        ("heading", 2, "A.供应商管理"),
        ("paragraph", 0, "业务描述:评估供应商"),
        ("paragraph", 0, "业务输出:采购订单"),
        ("paragraph", 0, "主要责任人:采购专员"),
        ("paragraph", 0, "协助人:无"),
        ("paragraph", 0, "管理者:第一监控人为采购部,其他监控人为会计、财务部"),
        ("paragraph", 0, "汇报关系:采购专员向计划员、采购部汇报,计划员向财务部汇报"),
        ("paragraph", 0, "接口部门:财务部"),
        ("heading", 2, "B.订单管理"),
        ("heading", 3, "a.订单下达"),
        ("paragraph", 0, "主要责任人:计划员"),
        ("paragraph", 0, "协助人:采购专员、会计"),
        ("paragraph", 0, "•订单跟催"),
        ("paragraph", 0, "主要责任人:计划员"),
        ("paragraph", 0, "协助人:无"),
        ("page-break", 0, ""),
        ("heading", 1, "3.财务工作"),
        ("heading", 2, "A.费用报销"),
        ("paragraph", 0, "主要责任人:会计"),
        ("paragraph", 0, "协助人:无"),
    ]


def test_site_writes_sub_items_numbered_so_as_bullets_under_a_lettered_activity() -> None:
    m = model()
    m.activities = [a for a in m.activities if a.id != "activity:订单跟催"]
    sub = next(a for a in m.activities if a.id == "activity:订单下达")
    sub.code = "2.B.1"  # a sub-item straight under B. (the bundled document's 2.D.1)
    assert ("paragraph", 0, "•订单下达") in shape("site", m)
    sub.code = None
    assert ("heading", 3, "a.订单下达") in shape("site", m)


def test_decimal_layout() -> None:
    assert shape("decimal") == [
        *FRONT,
        ("heading", 1, "1 目的"),
        ("paragraph", 0, "明确业务。"),
        ("heading", 1, "2 概述"),
        ("paragraph", 0, "测试业务模型分为三大业务:采购,财务,服务。"),
        MEMBERS,
        ("page-break", 0, ""),
        ("heading", 1, "3 采购"),
        ("heading", 2, "3.1 供应商管理"),
        ("paragraph", 0, "业务描述：评估供应商"),
        ("paragraph", 0, "业务输出：采购订单"),
        ("paragraph", 0, "主要责任人：采购专员"),
        ("paragraph", 0, "协助人：无"),
        ("paragraph", 0, "管理者：第一监控人：采购部；其他监控人：会计、财务部"),
        ("paragraph", 0, "汇报关系：采购专员向计划员、采购部汇报，计划员向财务部汇报"),
        ("paragraph", 0, "接口部门：财务部"),
        ("heading", 2, "3.2 订单管理"),
        ("heading", 3, "3.2.1 订单下达"),
        ("paragraph", 0, "主要责任人：计划员"),
        ("paragraph", 0, "协助人：采购专员、会计"),
        ("heading", 4, "3.2.1.1 订单跟催"),
        ("paragraph", 0, "主要责任人：计划员"),
        ("paragraph", 0, "协助人：无"),
        ("page-break", 0, ""),
        ("heading", 1, "4 财务"),
        ("heading", 2, "4.1 费用报销"),
        ("paragraph", 0, "主要责任人：会计"),
        ("paragraph", 0, "协助人：无"),
    ]


HEADER = ["编号", "业务", "业务描述", "业务输出", "主要责任人", "协助人", "管理者", "汇报关系", "接口部门"]
TABLES = [
    [
        HEADER,
        ["3.1", "供应商管理", "评估供应商", "采购订单", "采购专员", "无",
         "第一监控人：采购部；其他监控人：会计、财务部",
         "采购专员向计划员、采购部汇报，计划员向财务部汇报", "财务部"],
        ["3.2", "订单管理", "", "", "", "", "", "", ""],
        ["3.2.1", "订单下达", "", "", "计划员", "采购专员、会计", "", "", ""],
        ["3.2.1.1", "订单跟催", "", "", "计划员", "无", "", "", ""],
    ],
    [HEADER, ["4.1", "费用报销", "", "", "会计", "无", "", "", ""]],
]


def test_table_layout() -> None:
    blocks = layout(model(), "table")
    assert [b.rows for b in blocks if b.kind == "table"] == TABLES
    assert shape("table")[-4:] == [
        ("page-break", 0, ""), ("heading", 1, "3 采购"), ("page-break", 0, ""), ("heading", 1, "4 财务"),
    ]


def test_table_has_no_interface_column_when_nothing_states_one() -> None:
    m = model()
    for a in m.activities:
        a.interface_departments = []
    header = next(b for b in layout(m, "table") if b.kind == "table").rows[0]
    assert header == HEADER[:-1]


def _word(data: bytes) -> list[tuple[str, str]]:
    """A Word file's body: (style or 'table' or 'page-break', text), in order."""
    document = docx.Document(io.BytesIO(data))
    out: list[tuple[str, str]] = []
    body = document.element.body
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for child in body.iterchildren():
        if child.tag == f"{w}p":
            if child.find(f".//{w}br[@{w}type='page']") is not None:
                out.append(("page-break", ""))
            else:
                style = child.find(f"{w}pPr/{w}pStyle")
                out.append((style.get(f"{w}val") if style is not None else "Normal", "".join(
                    t.text or "" for t in child.iter(f"{w}t"))))
        elif child.tag == f"{w}tbl":
            out.append(("table", ""))
    return out


def test_decimal_docx_has_word_heading_styles() -> None:
    body = _word(render(model(), "docx", "decimal"))
    assert body[:4] == [("Normal", "东海电子有限公司"), ("Normal", "签发人:李明"),
                        ("Title", "测试业务模型(Ver2.0)"), ("Heading1", "1 目的")]
    headings = [(s, t) for s, t in body if s.startswith("Heading")]
    assert headings == [
        ("Heading1", "1 目的"), ("Heading1", "2 概述"), ("Heading1", "3 采购"),
        ("Heading2", "3.1 供应商管理"), ("Heading2", "3.2 订单管理"), ("Heading3", "3.2.1 订单下达"),
        ("Heading4", "3.2.1.1 订单跟催"), ("Heading1", "4 财务"), ("Heading2", "4.1 费用报销"),
    ]
    assert [i for i, (s, _) in enumerate(body) if s == "page-break"] == [
        body.index(("Heading1", "3 采购")) - 1, body.index(("Heading1", "4 财务")) - 1,
    ]


def test_table_docx_has_real_tables_with_a_repeated_bold_header() -> None:
    document = docx.Document(io.BytesIO(render(model(), "docx", "table")))
    assert [[[c.text for c in row.cells] for row in t.rows] for t in document.tables] == TABLES
    for table in document.tables:
        first = table.rows[0]
        tr_pr = first._tr.trPr
        assert tr_pr is not None
        assert tr_pr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader") is not None
        assert all(run.bold for cell in first.cells for run in cell.paragraphs[0].runs)
        assert not any(run.bold for cell in table.rows[1].cells for run in cell.paragraphs[0].runs)
        assert table.style is not None and table.style.name == "Table Grid"


def test_site_docx_headings() -> None:
    body = _word(render(model(), "docx", "site"))
    assert [(s, t) for s, t in body if s.startswith(("Heading", "Title"))] == [
        ("Title", "测试业务模型(Ver2.0)"), ("Heading1", "2.采购工作"), ("Heading2", "A.供应商管理"),
        ("Heading2", "B.订单管理"), ("Heading3", "a.订单下达"), ("Heading1", "3.财务工作"),
        ("Heading2", "A.费用报销"),
    ]


@pytest.mark.parametrize("style", ["site", "decimal", "table"])
def test_docx_bytes_never_vary(style: str) -> None:
    first = render(model(), "docx", style)
    assert render(model(), "docx", style) == first
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    props = docx.Document(io.BytesIO(first)).core_properties
    assert (props.title, props.author, props.revision) == ("测试业务模型", "东海电子有限公司", 1)
    assert props.created is not None and props.created.year == 2000
    assert props.modified is not None and props.modified.year == 2000


def test_html_structure() -> None:
    page = render(model(), "html", "table").decode("utf-8")
    root = lxml.html.document_fromstring(page)
    assert [(h.tag, h.text_content()) for h in root.iter("h1", "h2", "h3")] == [
        ("h1", "测试业务模型(Ver2.0)"), ("h2", "1 目的"), ("h2", "2 概述"), ("h2", "3 采购"), ("h2", "4 财务"),
    ]
    tables = [
        [[c.text_content() for c in tr.iter("th", "td")] for tr in t.iter("tr")] for t in root.iter("table")
    ]
    assert tables == TABLES
    assert [len(d.findall("table")) for d in root.find_class("page")] == [0, 1, 1]
    decimal = lxml.html.document_fromstring(render(model(), "html", "decimal").decode("utf-8"))
    assert [h.tag for h in decimal.iter("h4", "h5")] == ["h4", "h5"]  # 3.2.1, 3.2.1.1


def test_html_escapes_every_name_and_loads_nothing() -> None:
    m = model()
    m.source.title = "<script>alert(1)</script>模型"
    m.roles[0].name = '采购"专员"<b>&amp;'
    page = render(m, "html", "site").decode("utf-8")
    root = lxml.html.document_fromstring(page)
    assert root.find(".//script") is None and root.find(".//b") is None
    assert "&lt;script&gt;alert(1)&lt;/script&gt;模型" in page
    assert '采购"专员"<b>&amp;' in root.text_content()
    csp = root.find(".//meta[@http-equiv='Content-Security-Policy']").get("content")
    assert csp.startswith("default-src 'none'; style-src 'sha256-")
    assert "http" not in page.replace('http-equiv', "")


def test_word_refuses_a_control_character() -> None:
    m = model()
    m.roles[0].name = "采购\x07专员"
    with pytest.raises(StyleError, match="a name or text Word cannot hold"):
        render(m, "docx", "site")
    assert "采购\x07专员" in render(m, "html", "site").decode("utf-8")


def test_site_refuses_what_it_cannot_write() -> None:
    m = model()
    m.activities.append(Activity(id="activity:深", name="深", parent="activity:订单跟催"))
    with pytest.raises(StyleError, match="deeper than the site style"):
        layout(m, "site")
    assert ("heading", 5, "3.2.1.1.1 深") in shape("decimal", m)  # decimal writes any depth
    m = model()
    m.activities += [Activity(id=f"activity:{i}", name=f"业务{i}", parent="activity:财务") for i in range(26)]
    with pytest.raises(StyleError, match="27 activities, more than the site style's 26 letters"):
        layout(m, "site")
    m = model()
    m.activities.append(Activity(id="activity:孤", name="孤"))
    with pytest.raises(StyleError, match="outside every business area"):
        layout(m, "decimal")


def test_cli_writes_a_model_file_as_a_document(tmp_path: Path) -> None:
    write_model(model(), tmp_path / "m.yaml")
    res = CliRunner().invoke(cli, ["export", "--format", "html", "--style", "decimal",
                                   "--model", str(tmp_path / "m.yaml")])
    assert res.exit_code == 0, res.output
    assert res.stdout.encode("utf-8") == render(model(), "html", "decimal")
    out = tmp_path / "m.docx"
    res = CliRunner().invoke(cli, ["export", "--format", "docx", "--model", str(tmp_path / "m.yaml"),
                                   "-o", str(out), "--title", "新标题"])
    assert res.exit_code == 0, res.output
    assert "Wrote" in res.stderr and "site style: 3 areas, 5 activities" in res.stderr
    assert docx.Document(str(out)).paragraphs[2].text == "新标题(Ver2.0)"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "docx", "--model", "m.yaml"], "give --output FILE.docx"),
        (["--format", "json", "--model", "m.yaml"], "--model is written by --format docx or html only"),
        (["--format", "html", "--model", "missing.yaml"], "missing.yaml: no such file"),
        (["--format", "html", "--style", "fancy", "--model", "m.yaml"], "'fancy' is not one of"),
    ],
)
def test_cli_usage_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str) -> None:
    monkeypatch.chdir(tmp_path)
    write_model(model(), tmp_path / "m.yaml")
    res = CliRunner().invoke(cli, ["export", *args])
    assert res.exit_code == 2
    assert message in res.output
    assert not list(tmp_path.glob("*.docx"))


def test_cli_refuses_a_model_the_style_cannot_write(tmp_path: Path) -> None:
    m = model()
    m.activities.append(Activity(id="activity:孤", name="孤"))
    write_model(m, tmp_path / "m.yaml")
    res = CliRunner().invoke(cli, ["export", "--format", "docx", "--model", str(tmp_path / "m.yaml"),
                                   "-o", str(tmp_path / "m.docx")])
    assert res.exit_code == 1
    assert "activity '孤' is outside every business area" in res.output
    assert not (tmp_path / "m.docx").exists()


def test_help_explains_the_styles() -> None:
    res = CliRunner().invoke(cli, ["export", "--help"])
    assert res.exit_code == 0
    for word in ("docx, html", "site", "decimal", "table", "--model", "--style"):
        assert word in res.output
