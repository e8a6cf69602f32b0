"""Blocks as a Word file (python-docx): real heading styles, real tables, page breaks.

The title is Word's ``Title`` style, a heading of level N ``Heading N`` (numbers are typed
in the text: no automatic numbering), a table uses ``Table Grid`` with its header row in
bold and marked to repeat on every page (``w:tblHeader``), and a page break is a paragraph
holding a page-break run.  The file is deterministic: the core properties are fixed (the
title and issuer come from the model, the dates are 2000-01-01) and every part of the
package is stored with the same timestamp, so the same model gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from typing import TYPE_CHECKING

from kg.model import Source
from kg.publish.layout import Block, StyleError

if TYPE_CHECKING:
    from docx.document import Document

#: The core properties' dates (UTC, as python-docx writes them).
FIXED_TIME = datetime(2000, 1, 1)  # noqa: DTZ001 - a fixed date, not a moment
#: The timestamp of every part of the package.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def to_docx(blocks: list[Block], source: Source) -> bytes:
    """The blocks as the bytes of a ``.docx``."""
    import docx

    document = docx.Document()
    props = document.core_properties
    props.title = source.title or ""
    props.author = source.issuer or "kg"
    props.last_modified_by = "kg"
    props.comments = ""
    props.revision = 1
    props.created = props.modified = FIXED_TIME
    props.last_printed = FIXED_TIME
    try:
        _body(document, blocks)
    except ValueError as exc:  # python-docx refuses control characters in text
        raise StyleError(f"a name or text Word cannot hold: {exc}") from None
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _body(document: Document, blocks: list[Block]) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for block in blocks:
        if block.kind == "title":
            document.add_heading(block.text, level=0)
        elif block.kind == "heading":
            document.add_heading(block.text, level=min(block.level, 9))
        elif block.kind == "paragraph":
            document.add_paragraph(block.text)
        elif block.kind == "page-break":
            document.add_page_break()
        elif block.kind == "table":
            table = document.add_table(rows=len(block.rows), cols=len(block.rows[0]))
            table.style = "Table Grid"
            for r, (row, texts) in enumerate(zip(table.rows, block.rows, strict=True)):
                for cell, text in zip(row.cells, texts, strict=True):
                    cell.paragraphs[0].add_run(text).bold = r == 0 or None
            tr_pr = table.rows[0]._tr.get_or_add_trPr()
            repeat = OxmlElement("w:tblHeader")
            repeat.set(qn("w:val"), "true")
            tr_pr.append(repeat)


def _fixed_zip(data: bytes) -> bytes:
    """The same package with every member stored at :data:`_ZIP_TIME` (python-docx stamps
    them with the time of saving)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
