"""A Word file's own structure as blocks (#19): heading levels from styles, outline levels
and numbering, the numbers Word displays, merged cells, header rows, pages."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from kg.errors import DocumentError
from loaders.blocks import Cell
from loaders.blocks.docx import read_docx_blocks
from tests.fixtures_house_styles import decimal_docx, page_break_docx


def test_headings_numbered_by_word_show_their_numbers(tmp_path: Path) -> None:
    doc = read_docx_blocks(decimal_docx(tmp_path / "auto.docx", auto=True))
    headings = [(b.level, b.number, b.text) for b in doc.blocks if b.kind == "heading"]
    assert headings == [
        (0, None, "财务部资金业务模型（V2.0）"),
        (1, "1.", "资金计划管理"),
        (2, "1.1.", "年度资金预算编制"),
        (2, "1.2.", "月度资金计划"),
        (3, "1.2.1.", "资金需求汇总"),
        (3, "1.2.2.", "资金计划审批"),
        (1, "2.", "付款管理"),
        (1, "3.", "资金结算"),
        (2, "3.1.", "银行对账"),
        (2, "3.2.", "现金盘点"),
    ]
    for b in doc.blocks:  # a block's span holds its number, a tab, its text
        shown = f"{b.number}\t{b.text}" if b.number else b.text
        assert doc.text[b.start : b.end] == shown
    assert doc.format == "docx" and doc.pages == 1


def test_typed_numbers_stay_in_the_text(tmp_path: Path) -> None:
    doc = read_docx_blocks(decimal_docx(tmp_path / "typed.docx"))
    kinds = [(b.kind, b.level, b.number, b.text) for b in doc.blocks[:5]]
    assert kinds == [
        ("heading", 0, None, "财务部资金业务模型（V2.0）"),
        ("paragraph", None, None, "本模型规定财务部资金业务的责任人、协助人和监控人。"),
        ("paragraph", None, None, "资金计划专员、出纳直接归属资金管理部管理。"),
        ("heading", 1, None, "1 资金计划管理"),
        ("paragraph", None, None, "1.1 年度资金预算编制"),
    ]


def _tbl_header(row: object) -> None:
    tr = row._tr  # type: ignore[attr-defined]
    tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))


def test_merged_cells_and_header_rows(tmp_path: Path) -> None:
    document = docx.Document()
    t = document.add_table(rows=3, cols=3)
    t.cell(0, 0).merge(t.cell(0, 1)).text = "跨列"
    t.cell(0, 2).text = "丙"
    t.cell(1, 0).text = "甲1"
    t.cell(1, 1).text = "乙1"
    t.cell(1, 2).merge(t.cell(2, 2)).text = "跨行"
    t.cell(2, 0).text = "甲2"
    t.cell(2, 1).text = "乙2"
    _tbl_header(t.rows[0])
    labels = document.add_table(rows=2, cols=3)  # a first row of labels, three columns
    for k, text in enumerate(["编号", "业务活动", "主要责任人"]):
        labels.cell(0, k).text = text
    for k, text in enumerate(["1", "付款审核", "应付会计"]):
        labels.cell(1, k).text = text
    pairs = document.add_table(rows=2, cols=2)  # label | value: no header
    for r, (label, value) in enumerate([("主要责任人", "出纳"), ("协助人", "会计")]):
        pairs.cell(r, 0).text = label
        pairs.cell(r, 1).text = value
    path = tmp_path / "tables.docx"
    document.save(str(path))
    doc = read_docx_blocks(path)
    merged, by_labels, by_pairs = doc.blocks
    text = doc.text

    def at(cell: Cell | None) -> tuple[str, int, int] | None:
        if cell is None:
            return None
        assert text[cell.start : cell.end] == cell.text
        return cell.text, cell.rowspan, cell.colspan

    assert [[at(c) for c in row] for row in merged.rows] == [
        [("跨列", 1, 2), None, ("丙", 1, 1)],
        [("甲1", 1, 1), ("乙1", 1, 1), ("跨行", 2, 1)],
        [("甲2", 1, 1), ("乙2", 1, 1), None],
    ]
    assert merged.header_rows == 1 and by_labels.header_rows == 1 and by_pairs.header_rows == 0
    assert text[merged.start : merged.end] == merged.text == "跨列\t丙\n甲1\t乙1\t跨行\n甲2\t乙2"
    assert by_pairs.text == "主要责任人\t出纳\n协助人\t会计"


def test_pages_from_breaks(tmp_path: Path) -> None:
    doc = read_docx_blocks(page_break_docx(tmp_path / "pages.docx"))
    assert [(b.text, b.page) for b in doc.blocks] == [
        ("第一页", 1), ("第一页末", 1), ("第二页", 2), ("第三页", 3)
    ]
    assert doc.pages == 3


def test_rendered_page_break_counts_once_after_an_explicit_one(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("一")
    p = document.add_paragraph()
    p._p.append(parse_xml(  # what Word writes: the break, then where it laid the page out
        f'<w:r {nsdecls("w")}><w:br w:type="page"/></w:r>'
    ))
    q = document.add_paragraph()
    q._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:lastRenderedPageBreak/><w:t>二</w:t></w:r>'))
    r = document.add_paragraph()
    r._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t>二续</w:t><w:lastRenderedPageBreak/><w:t>三</w:t></w:r>'))
    path = tmp_path / "rendered.docx"
    document.save(str(path))
    doc = read_docx_blocks(path)
    assert [(b.text, b.page) for b in doc.blocks] == [("一", 1), ("二", 2), ("二续三", 2)]
    assert doc.pages == 3


def test_heading_level_by_inheritance_outline_level_and_list_styles(tmp_path: Path) -> None:
    document = docx.Document()
    mine = document.styles.add_style("公司标题二", WD_STYLE_TYPE.PARAGRAPH)
    mine.base_style = document.styles["Heading 2"]
    document.add_paragraph("继承的标题", style=mine)
    outlined = document.add_paragraph("大纲级别")
    outlined._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="2"/>'))
    body = document.add_paragraph("正文级别")
    body._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="9"/>'))
    document.add_paragraph("第一项", style="List Bullet 2")
    path = tmp_path / "levels.docx"
    document.save(str(path))
    got = [(b.kind, b.level, b.text) for b in read_docx_blocks(path).blocks]
    assert got == [
        ("heading", 2, "继承的标题"),
        ("heading", 3, "大纲级别"),
        ("paragraph", None, "正文级别"),
        ("item", 2, "第一项"),
    ]


def test_a_damaged_file_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not a zip")
    with pytest.raises(DocumentError) as err:
        read_docx_blocks(path)
    assert str(err.value) == (
        f"{path}: not a readable .docx (not a zip archive): the file is damaged or not a "
        "Word document; open and save it again in Word or LibreOffice"
    )


def test_a_section_break_starts_a_page_unless_continuous(tmp_path: Path) -> None:
    from docx.enum.section import WD_SECTION

    document = docx.Document()
    document.add_paragraph("第一节")
    document.add_section(WD_SECTION.NEW_PAGE)
    document.add_paragraph("第二节")
    document.add_section(WD_SECTION.CONTINUOUS)
    document.add_paragraph("同页续节")
    path = tmp_path / "sections.docx"
    document.save(str(path))
    doc = read_docx_blocks(path)
    assert [(b.text, b.page) for b in doc.blocks] == [("第一节", 1), ("第二节", 2), ("同页续节", 2)]


def test_a_strange_element_is_one_line_with_its_page(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("第一页")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    p = document.add_paragraph()
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:sym w:font="Symbol" w:char="not-hex"/></w:r>'))
    path = tmp_path / "strange.docx"
    document.save(str(path))
    with pytest.raises(DocumentError) as err:
        read_docx_blocks(path)
    assert str(err.value) == (
        f"{path}: page 2: cannot read the Word document (ValueError: invalid literal for int() "
        "with base 16: 'not-hex')"
    )
