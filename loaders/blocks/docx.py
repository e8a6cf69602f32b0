"""A Word file's own structure as blocks: :func:`read_docx_blocks` → :class:`Document`.

The package is read with :mod:`zipfile` and lxml (``word/document.xml``, ``styles.xml``,
``numbering.xml``, found through the package's relationships), after
:func:`loaders.guard.check_zip`.  python-docx is not used here: it renders neither list
numbers nor merged cells, and building its object tree costs more than reading the XML.

* **Order**: the body's paragraphs and tables in document order (content controls and
  custom XML opened; text boxes, alternative content and tracked deletions and moves
  away skipped).
* **Kind and level** of a paragraph:

  - a heading: its style, or a style it is based on (``w:basedOn``), is named
    ``Heading N`` / ``heading N`` / ``标题 N`` (level N); or it has an outline level
    (``w:outlineLvl`` N-1 in the paragraph or its styles; 9 is body text).  The ``Title``
    style is a heading of level 0: the document's title, above the top level;
  - a list item: it is numbered (``w:numPr`` in the paragraph or its styles) or its style
    is a ``List …`` style; level = numbering level + 1 (``List Bullet 2``: 2);
  - otherwise a paragraph.  A paragraph with no text and no number is no block.

* **Numbers**: the number Word displays, computed by :mod:`loaders.blocks.numbering`
  (Symbol-font bullets in the private-use area shown as ``•``).  In
  :attr:`Document.text` the number comes first, then a tab, a space or nothing
  (``w:suff``), then the text; :attr:`Block.text` is the text alone.
* **Tables**: rows × grid columns; ``w:gridSpan`` and ``w:vMerge`` resolved into one
  :class:`Cell` at the merged area's top-left position with its row and column span,
  ``None`` where it covers; ``w:gridBefore`` leaves ``None`` too.  A cell's text is its
  paragraphs joined by line breaks.  In :attr:`Document.text` a row's cells are joined by
  tabs, rows by line breaks.  Header rows: the leading rows marked ``w:tblHeader``; if
  none, the first row when it is a row of labels (every cell filled, short, without
  sentence punctuation) in a table of three or more columns or set in bold.
* **Pages**: a page starts at a page break (``w:br w:type="page"``), before a paragraph
  with ``w:pageBreakBefore`` (its own or its style's), after a section break whose next
  section is not ``continuous`` (a paragraph's ``w:sectPr``; the next section's
  ``w:type``, default ``nextPage``), and at a ``w:lastRenderedPageBreak`` (where Word last
  laid a page out) not right after an explicit break.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from kg.errors import DocumentError
from loaders.blocks import Block, BlockKind, Cell, Document
from loaders.blocks.numbering import Numbering, W
from loaders.guard import check_zip, reading

_VAL = f"{W}val"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_REL_DOC = "/officeDocument"
#: Heading style names (``Heading 2``, ``heading 2``, ``标题 2``) and the title.
_HEADING = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_TITLE = re.compile(r"^(?:title|标题)$", re.IGNORECASE)
_LIST = re.compile(r"^list(?: (?:bullet|number|paragraph|continue))?(?: ([2-9]))?$", re.IGNORECASE)
#: Elements a paragraph's text is never in (a text box is its own story; alternative
#: content repeats the choice it falls back from).
_SKIP = {f"{W}pPr", f"{W}rPr", f"{W}txbxContent", f"{_MC}Fallback", f"{W}delText",
         f"{W}instrText", f"{W}footnoteReference", f"{W}endnoteReference", f"{W}moveFrom",
         f"{W}del"}
_SENTENCE = re.compile(r"[。;；,，:：.!?！？]")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)


@dataclass(frozen=True)
class _Style:
    name: str
    based_on: str | None
    outline: int | None
    num_id: str | None
    ilvl: int | None
    page_before: bool


class _Styles:
    """Paragraph styles with what they inherit through ``w:basedOn``."""

    def __init__(self, root: Any | None) -> None:
        self.styles: dict[str, _Style] = {}
        self.default: str | None = None
        #: numbering styles: style id → the numId they number with
        self.numbering_styles: dict[str, str] = {}
        if root is None:
            return
        for st in root.iterchildren(f"{W}style"):
            sid = st.get(f"{W}styleId", "")
            if st.get(f"{W}type") == "numbering":
                num_id, _ = _num_pr(st.find(f"{W}pPr"))
                if num_id is not None:
                    self.numbering_styles[sid] = num_id
            if st.get(f"{W}type") != "paragraph":
                continue
            if st.get(f"{W}default") in ("1", "true"):
                self.default = sid
            ppr = st.find(f"{W}pPr")
            num_id, ilvl = _num_pr(ppr)
            self.styles[sid] = _Style(
                name=_attr(st.find(f"{W}name")) or sid,
                based_on=_attr(st.find(f"{W}basedOn")),
                outline=_outline(ppr),
                num_id=num_id,
                ilvl=ilvl,
                page_before=_on(ppr, "pageBreakBefore"),
            )

    def chain(self, sid: str | None) -> list[tuple[str, _Style]]:
        """The style and those it is based on, nearest first."""
        out: list[tuple[str, _Style]] = []
        seen: set[str] = set()
        sid = sid if sid is not None else self.default
        while sid is not None and sid in self.styles and sid not in seen:
            seen.add(sid)
            out.append((sid, self.styles[sid]))
            sid = self.styles[sid].based_on
        return out


@dataclass
class _Builder:
    """Blocks and the text their spans index, built in reading order."""

    name: str
    parts: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    length: int = 0
    page: int = 1

    def add(self, text: str) -> tuple[int, int]:
        if self.parts:
            self.parts.append("\n")
            self.length += 1
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start, self.length


def read_docx_blocks(path: str | Path) -> Document:
    """Read a ``.docx`` into blocks (see the module docstring); a damaged or hostile file
    is one :class:`DocumentError` line (its parts held to :mod:`loaders.guard`'s limits
    first, then any exception a damaged part raises while it is read)."""
    path = Path(path)
    check_zip(path)
    with reading(path, ".docx"):
        return _read_docx(path)


def _read_docx(path: Path) -> Document:
    bad = (
        f"{path}: not a readable .docx (not a zip archive): the file is damaged or not a "
        "Word document; open and save it again in Word or LibreOffice"
    )
    if not zipfile.is_zipfile(path):
        raise DocumentError(bad)
    try:
        with zipfile.ZipFile(path) as zf:
            main = _main_part(zf)
            body_root = _xml(zf, main)
            if body_root is None:
                raise KeyError(main)
            rels = _part_rels(zf, main)
            styles = _Styles(_xml(zf, rels.get("styles")))
            numbering = Numbering.parse(_xml(zf, rels.get("numbering")))
            numbering.link_styles(styles.numbering_styles)
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError, OSError) as exc:
        raise DocumentError(
            f"{path}: not a readable .docx ({exc.__class__.__name__}): the file is damaged "
            "or not a Word document; open and save it again in Word or LibreOffice"
        ) from None
    body = body_root.find(f"{W}body")
    out = _Builder(str(path))
    reader = _Reader(styles, numbering, out)
    if body is not None:  # how each section starts: a new page unless continuous
        reader.sections = [
            _attr(sp.find(f"{W}type")) or "nextPage" for sp in body.iter(f"{W}sectPr")
        ]
    if body is not None:
        try:
            reader.container(body)
        except Exception as exc:  # a strange part of a document: one line, with the page
            first = (str(exc).strip().splitlines() or [""])[0][:200]
            raise DocumentError(
                f"{path}: page {out.page}: cannot read the Word document "
                f"({type(exc).__name__}: {first})"
            ) from exc
    text = "".join(out.parts)
    if not text.strip():
        raise DocumentError(f"{path}: holds no text")
    return Document(name=str(path), format="docx", text=text, blocks=out.blocks, pages=out.page)


class _Reader:
    def __init__(self, styles: _Styles, numbering: Numbering, out: _Builder) -> None:
        self.styles = styles
        self.numbering = numbering
        self.out = out
        #: an explicit page break was the last thing seen (a rendered break right after
        #: it is the same page)
        self.just_broke = False
        #: the start type of every section, in order; how many sections have ended
        self.sections: list[str] = []
        self.ended = 0
        #: a section ended at the paragraph being read: the next starts a page
        self._section_break = False

    def container(self, element: Any) -> None:
        for child in element.iterchildren():
            tag = child.tag
            if tag == f"{W}p":
                self.paragraph(child)
            elif tag == f"{W}tbl":
                self.table(child)
            elif tag in (f"{W}sdt", f"{W}customXml"):
                content = child.find(f"{W}sdtContent")
                self.container(content if content is not None else child)

    # ----------------------------------------------------------------- paragraphs
    def _style_facts(self, ppr: Any | None) -> tuple[BlockKind, int | None, str | None, int | None, str | None, bool]:
        """kind, level, numId, ilvl, style id, page break before — from the paragraph and
        its style chain."""
        sid = _attr(ppr.find(f"{W}pStyle")) if ppr is not None else None
        chain = self.styles.chain(sid)
        kind: BlockKind = "paragraph"
        level: int | None = None
        for _, st in chain:
            m = _HEADING.match(st.name)
            if m:
                kind, level = "heading", int(m.group(1))
                break
            if _TITLE.match(st.name):
                kind, level = "heading", 0
                break
        if kind == "paragraph":
            outline = _outline(ppr)
            for _, st in chain:
                if outline is not None:
                    break
                outline = st.outline
            if outline is not None and outline < 9:
                kind, level = "heading", outline + 1
        num_id, ilvl = _num_pr(ppr)
        style_id = chain[0][0] if chain else None
        if num_id is None:
            for csid, st in chain:
                if st.num_id is not None:
                    num_id = st.num_id
                    if ilvl is None:
                        ilvl = st.ilvl
                        if ilvl is None:
                            ilvl = self.numbering.level_of_style(num_id, csid)
                    break
        if kind == "paragraph":
            for _, st in chain:
                m = _LIST.match(st.name)
                if m:
                    kind, level = "item", int(m.group(1) or 1)
                    break
        before = _on(ppr, "pageBreakBefore") or any(st.page_before for _, st in chain)
        return kind, level, num_id, ilvl, style_id, before

    def paragraph(self, p: Any) -> None:
        ppr = p.find(f"{W}pPr")
        kind, level, num_id, ilvl, _, before = self._style_facts(ppr)
        if before and self.out.blocks and not self.just_broke:
            self.out.page += 1
            self.just_broke = True
        number: str | None = None
        suffix = ""
        if num_id is not None and num_id != "0":
            counted = self.numbering.next(num_id, ilvl or 0)
            if counted is not None:
                shown, lvl = counted
                number = _bullet(shown) if lvl.fmt == "bullet" else shown
                number = number or None
                suffix = {"tab": "\t", "space": " "}.get(lvl.suffix, "")
                if kind == "paragraph":
                    kind, level = "item", (ilvl or 0) + 1
                elif kind == "item":  # ``List Bullet 2`` says 2 whatever its list's level
                    level = max(level or 1, (ilvl or 0) + 1)
        pieces, start_page = self._runs(p)
        text = "".join(pieces)
        if ppr is not None and ppr.find(f"{W}sectPr") is not None:  # a section ends here
            self.ended += 1
            if self.ended < len(self.sections) and self.sections[self.ended] != "continuous":
                self._section_break = True
        if not text.strip() and number is None:
            self._after_section()
            return
        page = start_page if start_page is not None else self.out.page
        shown = f"{number}{suffix}" if number else ""
        start, end = self.out.add(shown + text)
        self.out.blocks.append(
            Block(kind=kind, text=text, page=page, start=start, end=end, number=number, level=level)
        )
        self._after_section()

    def _after_section(self) -> None:
        """The next section starts on a new page (a section break that is not continuous)."""
        if self._section_break:
            self._section_break = False
            if not self.just_broke:
                self.out.page += 1
                self.just_broke = True

    def _runs(self, element: Any) -> tuple[list[str], int | None]:
        """A paragraph's text pieces in order, and the page its first visible character is
        on (None: it has none); the page counter is stepped at its breaks."""
        out: list[str] = []
        first: list[int] = []

        def walk(node: Any) -> None:
            for child in node.iterchildren():
                tag = child.tag
                if not isinstance(tag, str) or tag in _SKIP:
                    continue
                if tag == f"{W}t":
                    if child.text:
                        if not first and child.text.strip():
                            first.append(self.out.page)
                        out.append(child.text)
                        self.just_broke = False
                elif tag == f"{W}tab" or tag == f"{W}ptab":
                    out.append("\t")
                elif tag in (f"{W}br", f"{W}cr"):
                    if child.get(f"{W}type") == "page":
                        self.out.page += 1
                        self.just_broke = True
                    else:
                        out.append("\n")
                elif tag == f"{W}lastRenderedPageBreak":
                    if not self.just_broke and (self.out.blocks or any(out)):
                        self.out.page += 1
                    self.just_broke = True
                elif tag == f"{W}noBreakHyphen":
                    out.append("-")
                elif tag == f"{W}sym":
                    out.append(_bullet(chr(int(child.get(f"{W}char", "2022"), 16))))
                else:
                    walk(child)

        walk(element)
        return out, (first[0] if first else None)

    # ----------------------------------------------------------------- tables
    def table(self, tbl: Any) -> None:
        grid: list[list[_MCell | None]] = []
        header = 0
        header_open = True
        page = self.out.page
        for tr in tbl.iterchildren(f"{W}tr"):
            trpr = tr.find(f"{W}trPr")
            if header_open and _on(trpr, "tblHeader"):
                header += 1
            else:
                header_open = False
            row: list[_MCell | None] = []
            before = _int(_attr(trpr.find(f"{W}gridBefore")) if trpr is not None else None, 0)
            row.extend([None] * before)
            for tc in tr.iterchildren(f"{W}tc"):
                tcpr = tc.find(f"{W}tcPr")
                span = max(1, _int(_attr(tcpr.find(f"{W}gridSpan")) if tcpr is not None else None, 1))
                vmerge = tcpr.find(f"{W}vMerge") if tcpr is not None else None
                col = len(row)
                if vmerge is not None and vmerge.get(_VAL) != "restart":
                    origin = _above(grid, col)
                    if origin is not None:
                        origin.rowspan += 1
                        row.extend([None] * span)
                        self._cell_text(tc)  # numbering and page breaks still count
                        continue
                row.append(_MCell(self._cell_text(tc), colspan=span, bold=_bold(tc)))
                row.extend([None] * (span - 1))
            grid.append(row)
        width = max((len(r) for r in grid), default=0)
        for r in grid:
            r.extend([None] * (width - len(r)))
        if not grid or width == 0:
            return
        if header == 0 and len(grid) >= 2 and _label_row(grid[0], width):
            header = 1
        # text: cells of a row joined by tabs, rows by line breaks
        if self.out.parts:
            self.out.parts.append("\n")
            self.out.length += 1
        start = self.out.length
        rows: list[tuple[Cell | None, ...]] = []
        for k, r in enumerate(grid):
            if k:
                self.out.parts.append("\n")
                self.out.length += 1
            cells: list[Cell | None] = []
            first = True
            for c in r:
                if c is None:
                    cells.append(None)
                    continue
                if not first:
                    self.out.parts.append("\t")
                    self.out.length += 1
                first = False
                a = self.out.length
                self.out.parts.append(c.text)
                self.out.length += len(c.text)
                cells.append(Cell(c.text, a, self.out.length, c.rowspan, c.colspan))
            rows.append(tuple(cells))
        end = self.out.length
        text = _joined(rows)  # what the text holds from start to end
        self.out.blocks.append(
            Block(kind="table", text=text, page=page, start=start, end=end, rows=tuple(rows),
                  header_rows=header)
        )

    def _cell_text(self, tc: Any) -> str:
        lines: list[str] = []
        for child in tc.iter(f"{W}p"):
            ppr = child.find(f"{W}pPr")
            num_id, ilvl = _num_pr(ppr)
            prefix = ""
            if num_id is not None and num_id != "0":
                counted = self.numbering.next(num_id, ilvl or 0)
                if counted is not None:
                    prefix = (_bullet(counted[0]) if counted[1].fmt == "bullet" else counted[0])
                    prefix += {"tab": "\t", "space": " "}.get(counted[1].suffix, "")
            text = "".join(self._runs(child)[0])
            lines.append(prefix + text)
        return "\n".join(lines).strip()


@dataclass
class _MCell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    bold: bool = False


def _joined(rows: list[tuple[Cell | None, ...]]) -> str:
    return "\n".join("\t".join(c.text for c in r if c is not None) for r in rows)


def _above(grid: list[list[_MCell | None]], col: int) -> _MCell | None:
    """The merged cell a vertical continuation at ``col`` extends: the nearest cell above
    whose grid area starts at that column."""
    for row in reversed(grid):
        if col < len(row) and row[col] is not None:
            return row[col]
    return None


def _label_row(row: list[_MCell | None], width: int) -> bool:
    cells = [c for c in row if c is not None]
    if not cells or any(not c.text or len(c.text) > 12 or _SENTENCE.search(c.text) for c in cells):
        return False
    return width >= 3 or all(c.bold for c in cells)


def _bold(tc: Any) -> bool:
    runs = list(tc.iter(f"{W}r"))
    return bool(runs) and all(
        r.find(f"{W}rPr/{W}b") is not None and r.find(f"{W}rPr/{W}b").get(_VAL, "true") not in ("0", "false")
        for r in runs
        if r.find(f"{W}t") is not None
    )


def _bullet(glyph: str) -> str:
    """A Symbol or Wingdings bullet (private-use area) as ``•``."""
    return "".join("•" if "\uf000" <= c <= "\uf0ff" else c for c in glyph)


def _attr(element: Any | None) -> str | None:
    return element.get(_VAL) if element is not None else None


def _int(raw: str | None, default: int) -> int:
    try:
        return int(raw) if raw is not None else default
    except ValueError:
        return default


def _on(ppr: Any | None, tag: str) -> bool:
    if ppr is None:
        return False
    e = ppr.find(f"{W}{tag}")
    return e is not None and e.get(_VAL, "true") not in ("0", "false", "off")


def _outline(ppr: Any | None) -> int | None:
    raw = _attr(ppr.find(f"{W}outlineLvl")) if ppr is not None else None
    return _int(raw, 9) if raw is not None else None


def _num_pr(ppr: Any | None) -> tuple[str | None, int | None]:
    num = ppr.find(f"{W}numPr") if ppr is not None else None
    if num is None:
        return None, None
    num_id = _attr(num.find(f"{W}numId"))
    ilvl = _attr(num.find(f"{W}ilvl"))
    return num_id, _int(ilvl, 0) if ilvl is not None else None


def _xml(zf: zipfile.ZipFile, name: str | None) -> Any | None:
    if name is None:
        return None
    try:
        data = zf.read(name)
    except KeyError:  # no such part
        return None
    return etree.fromstring(data, _PARSER)


def _main_part(zf: zipfile.ZipFile) -> str:
    """The main document part, from the package relationships (``word/document.xml``)."""
    rels = _xml(zf, "_rels/.rels")
    if rels is not None:
        for rel in rels.iterchildren(f"{_PKG_REL}Relationship"):
            if rel.get("Type", "").endswith(_REL_DOC):
                return rel.get("Target", "").lstrip("/")
    return "word/document.xml"


def _part_rels(zf: zipfile.ZipFile, part: str) -> dict[str, str]:
    """The main part's related parts by kind (``styles``, ``numbering``)."""
    folder, name = posixpath.split(part)
    rels = _xml(zf, posixpath.join(folder, "_rels", name + ".rels"))
    out: dict[str, str] = {}
    if rels is not None:
        for rel in rels.iterchildren(f"{_PKG_REL}Relationship"):
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            target = rel.get("Target", "")
            full = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(folder, target)
            )
            out.setdefault(kind, full)
    return out


__all__ = ["read_docx_blocks"]
