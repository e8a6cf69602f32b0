"""A PDF's structure as blocks: :func:`read_pdf_blocks` → :class:`Document`.

A PDF holds glyphs at positions, not paragraphs: the structure is read back from the
layout, with pdfplumber (on pdfminer.six) giving each character with its font, size and
box, the ruling lines and small shapes, and the tables its ruling lines draw.

* **Lines**: characters whose vertical centres fall in one band, left to right; a gap
  wider than a quarter of the font size is a space.  Text is folded as
  :func:`loaders.containers.normalise_pdf_text` folds it (NFKC, then the CJK radicals NFKC
  leaves): a CJK PDF's text layer often gives Kangxi radicals for whole characters.
* **Running headers and footers**: a line in the top or bottom 15% of the page repeated —
  digits aside — at the same height on at least half the pages (two at least) is the
  page's furniture, not the document; so is a page number (``3``, ``- 3 -``, ``第 3 页``, ``3 / 10``, ``Page 3 of 10``) as the first or
  last line of a page.  Both are left out.  (A one-page PDF's running header cannot be
  told from its text.)
* **Paragraphs**: a line continues the block above when it has the same size and weight,
  follows it closely (less than 0.6 of the font size between them) or is the first line
  of the next page (the furniture left out), the line above runs to the text's right
  edge (it wrapped), and it starts with no number or bullet.  A block's page is the
  page it starts on.  Wrapped
  lines join without a space, but between two Latin letters or digits.
* **Headings**: a block set larger than the body text (the size most characters have,
  those in tables included), or entirely bold at the body size and at most 60
  characters.  Levels by the distinct (size, weight) pairs headings use, larger first,
  bold before regular at one size; the first heading is the title, level 0, when it is
  on page 1, of the top pair and the only one (as a Word title is; a letterhead may come
  before it), and the levels below start at 1.
* **Numbers**: a heading or an item starting with a typed number or bullet
  (:func:`loaders.blocks.build.split_number`: ``3.1.2``, ``一、``, ``（一）``, ``(1)``,
  ``A.``, ``•``) has it as :attr:`Block.number`, the text after it as its text.
* **List items**: a body block that starts with a number or a bullet glyph, or has a
  small round or square shape drawn just left of its first line (a browser draws the
  bullets of ``<ul>``: ``•`` filled, ``◦`` outlined).  Levels: within a run of items,
  by the distinct indentations of their markers, least indented first.
* **Tables**: those pdfplumber finds from the ruling lines (a table printed from Word,
  LibreOffice or a browser with borders; a table without borders is read as lines, a
  box drawn around text — one cell — too).  Rows and columns from the cells' edges; a
  merged cell is one :class:`Cell` with its spans, ``None`` where it covers.  A cell's
  lines join as a paragraph's do (a line that did not reach the cell's right edge ends
  a line: ``\\n``).  The first row is a header when it is a row of labels
  (:func:`~loaders.blocks.build.label_row`) in a table of three or more columns or set in
  bold; the header then takes as many rows as its tallest merged cell.  The characters
  inside a table are not read as lines.  A table that runs over a page break — the
  last thing on one page, a table with the same column edges the first on the next —
  is one table (the page it starts on), its header left out where the new page repeats
  it (as a browser repeats ``thead``).
* **Pages**: each block's page is the PDF page it starts on; :attr:`Document.pages` the
  page count.

Not read (yet): a page set in two columns (its lines are read across both), a table
drawn without ruling lines (read as lines), vertical text, and a one-page PDF's running
header (nothing repeats).

Why pdfplumber (measured on this machine, 2 shared cores, a 31-page CJK business model
printed by Chromium; median of 3): pdfplumber reads characters with font and size,
shapes and tables in ~120–190 ms a page — about what kg's pypdf text extraction costs
today (~165 ms a page) and it finds the tables (merged cells as ``None`` in its grid) on
the PDFs both Chromium and LibreOffice print.  pypdfium2 reads characters, sizes and
page objects in ~19 ms a page, but has no words, lines or tables: the table finder would
be ours to write and keep; and its font facts fail on both printers' fonts — weight 0
and no font name for Chromium's CJK glyphs, weight 400 for LibreOffice's ``…-Bold``
fonts — so a bold heading at the body size (``3.1.1``, ``（一）``) could not be told,
where pdfplumber gives each glyph's font name (``NotoSansCJKsc-Bold``) and size in points.  pdfplumber depends on pypdfium2 (for rendering), so moving
the character reading to it later stays possible.

Every failure is a :class:`DocumentError` of one line naming the file: pdfminer raises
many exception types on a damaged file (syntax, stream, font and type errors), all
caught in the one place that reads the file.  The file is opened by :func:`_open` only,
where the limits of :mod:`loaders.guard` go.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import DocumentError
from loaders.blocks import BlockKind, Document
from loaders.blocks.build import Builder, RawCell, grid, label_row, split_number
from loaders.containers import encrypted_pdf, normalise_pdf_text, scanned_pdf
from loaders.guard import check_pdf

_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]?\s*\d{1,4}\s*[-–—]?|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|page\s+\d{1,4}(?:\s+of\s+\d{1,4})?)$",
    re.IGNORECASE,
)


@dataclass
class _Line:
    page: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    #: a bullet drawn left of the line: its glyph and x
    drawn: str | None = None
    marker_x: float | None = None

    @property
    def style(self) -> tuple[float, bool]:
        return (round(self.size * 2) / 2, self.bold)


@dataclass
class _Table:
    page: int
    top: float
    rows: list[list[RawCell]]
    header_rows: int
    #: the x of each column's left edge, and the table's right edge
    edges: list[float] = field(default_factory=list)
    #: the page the table ends on (a table continued on the next page)
    last_page: int = 0

    def continued_by(self, other: _Table) -> bool:
        """Is ``other``, first on the next page, the rest of this table (the same
        columns), this being last on its page?"""
        return (
            other.page == self.last_page + 1
            and len(other.edges) == len(self.edges)
            and all(abs(a - b) <= 2 for a, b in zip(self.edges, other.edges, strict=True))
        )

    def extend(self, other: _Table) -> None:
        """Take the rows of its continuation, less a header repeated on the new page."""
        head = self.rows[: self.header_rows]
        rows = other.rows
        if head and [_texts(r) for r in rows[: len(head)]] == [_texts(r) for r in head]:
            rows = rows[len(head):]
        self.rows += rows
        self.last_page = other.page


def _texts(row: list[RawCell]) -> list[str | None]:
    return [None if c is None else c[0] for c in row]


@dataclass
class _Page:
    number: int
    height: float
    lines: list[_Line] = field(default_factory=list)
    tables: list[_Table] = field(default_factory=list)
    #: characters set in each size inside the page's tables (the body text may be there)
    table_sizes: Counter[float] = field(default_factory=Counter)


def _open(path: Path) -> Any:
    """The PDF opened by pdfplumber (the one place a PDF is opened: the guard goes here)."""
    import pdfplumber

    check_pdf(path)  # pdfminer inflates a stream whole: the guard's limits first
    pdfminer_log = logging.getLogger("pdfminer")
    if pdfminer_log.level == logging.NOTSET:  # a damaged font says so once per glyph
        pdfminer_log.setLevel(logging.ERROR)
    return pdfplumber.open(str(path))


def read_pdf_blocks(path: str | Path) -> Document:
    """Read a ``.pdf`` into blocks (see the module docstring); a damaged file is one
    :class:`DocumentError` line."""
    path = Path(path)
    try:
        pages = _read_pages(path)
        if not any(p.lines or p.tables for p in pages):
            raise scanned_pdf(path)
        # a damaged file's glyphs may sit at NaN or infinite positions: laying them out
        # can fail too, and says so as the reading does
        _drop_running(pages)
        out = _blocks(pages)
    except DocumentError:
        raise
    except Exception as caught:  # pdfminer raises anything on a damaged file
        exc = caught
        if exc.__class__.__name__ == "PdfminerException" and exc.args and isinstance(exc.args[0], Exception):
            exc = exc.args[0]  # pdfplumber wraps what pdfminer raised on opening
        if exc.__class__.__name__ in ("PDFPasswordIncorrect", "PDFEncryptionError"):
            raise encrypted_pdf(path) from None
        first = str(exc).splitlines()[0][:120] if str(exc) else ""
        raise DocumentError(f"{path}: not a readable PDF ({exc.__class__.__name__}: {first})") from None
    if not out.blocks:
        raise DocumentError(f"{path}: holds no text")
    return out.document(str(path), "pdf", len(pages))


# --------------------------------------------------------------------------- reading
def _read_pages(path: Path) -> list[_Page]:
    pages: list[_Page] = []
    with _open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            out = _Page(number, float(page.height))
            chars = [c for c in page.chars if c.get("text")]
            # a one-cell "table" is a box drawn around text: its lines are read as lines
            tables = [t for t in page.find_tables() if len(t.cells) > 1]
            boxes = [t.bbox for t in tables]
            for table in tables:
                read = _table(number, table, chars)
                if read.rows:
                    out.tables.append(read)
            body: list[dict[str, Any]] = []
            for c in chars:
                if any(_inside(c, box) for box in boxes):
                    out.table_sizes[round(float(c["size"]) * 2) / 2] += 1
                else:
                    body.append(c)
            out.lines = [
                line for line in (_line(number, group) for group in _bands(body)) if line.text
            ]
            _drawn_bullets(out.lines, list(page.curves) + list(page.rects))
            pages.append(out)
    return pages


def _inside(obj: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _bands(chars: Iterable[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Characters grouped into lines: one band of vertical centres each, top to bottom."""
    bands: list[list[dict[str, Any]]] = []
    span: tuple[float, float] | None = None
    for c in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        centre = (c["top"] + c["bottom"]) / 2
        if span is not None and span[0] <= centre <= span[1]:
            bands[-1].append(c)
            span = (min(span[0], c["top"]), max(span[1], c["bottom"]))
        else:
            bands.append([c])
            span = (c["top"], c["bottom"])
    return bands


def _is_bold(c: dict[str, Any]) -> bool:
    return bool(_BOLD.search(str(c.get("fontname", "")).split("+")[-1]))


def _text(chars: list[dict[str, Any]]) -> str:
    """A line's text, left to right, a space where the gap is wide."""
    parts: list[str] = []
    prev: dict[str, Any] | None = None
    for c in sorted(chars, key=lambda c: c["x0"]):
        t = c["text"]
        if prev is not None and not t.isspace() and c["x0"] - prev["x1"] > 0.25 * float(c["size"]):
            parts.append(" ")
        parts.append(t)
        prev = c
    return re.sub(r"\s+", " ", normalise_pdf_text("".join(parts))).strip()


def _line(page: int, chars: list[dict[str, Any]]) -> _Line:
    ink = [c for c in chars if not c["text"].isspace()] or chars
    sizes = Counter(round(float(c["size"]) * 2) / 2 for c in ink)
    return _Line(
        page=page,
        text=_text(chars),
        x0=min(c["x0"] for c in ink),
        x1=max(c["x1"] for c in ink),
        top=min(c["top"] for c in ink),
        bottom=max(c["bottom"] for c in ink),
        size=sizes.most_common(1)[0][0],
        bold=all(_is_bold(c) for c in ink),
    )


def _drawn_bullets(lines: list[_Line], shapes: list[dict[str, Any]]) -> None:
    """A small round or square shape just left of a line's start is its bullet."""
    for line in lines:
        s = line.size
        for shape in shapes:
            w, h = shape["x1"] - shape["x0"], shape["bottom"] - shape["top"]
            centre = (shape["top"] + shape["bottom"]) / 2
            if (0.15 * s <= w <= 0.7 * s and 0.15 * s <= h <= 0.7 * s and abs(w - h) <= 0.3 * s
                    and line.top - 1 <= centre <= line.bottom + 1
                    and shape["x1"] <= line.x0 + 0.5 and line.x0 - shape["x1"] <= 2 * s):
                line.drawn = "•" if shape.get("fill") else "◦"
                line.marker_x = float(shape["x0"])
                break


def _join(lines: list[str]) -> str:
    """Wrapped lines as one text: no space, but between two Latin letters or digits."""
    out = ""
    for text in lines:
        if out and text and out[-1].isascii() and out[-1].isalnum() and text[0].isascii() and text[0].isalnum():
            out += " "
        out += text
    return out


def _cell_text(chars: list[dict[str, Any]], right: float) -> str:
    """A cell's text: wrapped lines joined, a line that ends short of the edge ends a line."""
    out: list[list[str]] = []
    wrapped = False
    for band in _bands(chars):
        line = _line(0, band)
        if not line.text:
            continue
        if wrapped and out:
            out[-1].append(line.text)
        else:
            out.append([line.text])
        wrapped = line.x1 >= right - 2 * line.size
    return "\n".join(_join(parts) for parts in out)


def _table(page: int, table: Any, chars: list[dict[str, Any]]) -> _Table:
    """A table pdfplumber found: its grid with merged cells resolved, and its header."""
    boxes = [tuple(float(v) for v in cell) for cell in table.cells]
    xs = sorted({round(b[0], 1) for b in boxes})
    ys = sorted({round(b[1], 1) for b in boxes})
    cells: list[tuple[int, int, int, int, str]] = []
    bold_first: list[bool] = []
    for x0, top, x1, bottom in boxes:
        inside = [c for c in chars if _inside(c, (x0, top, x1, bottom))]
        row, col = ys.index(round(top, 1)), xs.index(round(x0, 1))
        rowspan = max(1, sum(1 for y in ys if top - 0.5 <= y < bottom - 0.5))
        colspan = max(1, sum(1 for x in xs if x0 - 0.5 <= x < x1 - 0.5))
        cells.append((row, col, rowspan, colspan, _cell_text(inside, x1)))
        if row == 0:
            ink = [c for c in inside if not c["text"].isspace()]
            bold_first.append(bool(ink) and all(_is_bold(c) for c in ink))
    rows = grid(cells)
    header = 0
    first = [c for c in rows[0] if c is not None] if rows else []
    if first and label_row([c[0] for c in first]) and (len(xs) >= 3 or all(bold_first)):
        header = max(c[1] for c in first)
    return _Table(page, float(table.bbox[1]), rows, header,
                  edges=[*xs, round(float(table.bbox[2]), 1)], last_page=page)


# --------------------------------------------------------------------------- page furniture
def _drop_running(pages: list[_Page]) -> None:
    """Leave out running headers and footers and page numbers (see the module docstring)."""
    seen: Counter[tuple[str, int]] = Counter()
    for page in pages:
        seen.update({_furniture_key(line) for line in page.lines})
    needed = max(2, (len(pages) + 1) // 2)
    for page in pages:
        kept = [line for line in page.lines
                if seen[_furniture_key(line)] < needed or not _in_margin(line, page)]
        for end in (0, -1):
            if kept and _PAGE_NUMBER.match(kept[end].text) and _in_margin(kept[end], page):
                kept.pop(end)
        page.lines = kept


def _furniture_key(line: _Line) -> tuple[str, int]:
    return (re.sub(r"\d+", "#", line.text), round(line.top / 3))


def _in_margin(line: _Line, page: _Page) -> bool:
    return line.top < 0.15 * page.height or line.bottom > 0.85 * page.height


# --------------------------------------------------------------------------- blocks
@dataclass
class _Group:
    lines: list[_Line]
    kind: BlockKind = "paragraph"

    @property
    def first(self) -> _Line:
        return self.lines[0]

    @property
    def text(self) -> str:
        return _join([line.text for line in self.lines])


def _blocks(pages: list[_Page]) -> Builder:
    lines = [line for page in pages for line in page.lines]
    weights: Counter[float] = Counter()
    for line in lines:
        weights[line.style[0]] += len(line.text)
    for page in pages:
        weights.update(page.table_sizes)
    body = weights.most_common(1)[0][0] if weights else 0.0
    right = max((line.x1 for line in lines), default=0.0)

    flow: list[_Group | _Table] = []
    for page in pages:
        entries: list[tuple[float, int, _Line | _Table]] = [(t.top, 0, t) for t in page.tables]
        entries += [(line.top, 1, line) for line in page.lines]
        for _, _, obj in sorted(entries, key=lambda e: (e[0], e[1])):
            last = flow[-1] if flow else None
            if isinstance(obj, _Table) and isinstance(last, _Table) and last.continued_by(obj):
                last.extend(obj)  # a table running over a page break is one table
            elif isinstance(obj, _Table):
                flow.append(obj)
            elif isinstance(last, _Group) and _continues(last.lines[-1], obj, right):
                last.lines.append(obj)  # the next line, or the first of the next page
            else:
                flow.append(_Group([obj]))

    for item in flow:
        if isinstance(item, _Group):
            item.kind = _kind(item, body)
    levels = _heading_levels([g for g in flow if isinstance(g, _Group)])
    item_levels = _item_levels(flow)

    out = Builder()
    for item in flow:
        if isinstance(item, _Table):
            out.table(item.rows, item.page, item.header_rows)
            continue
        text = item.text
        split = split_number(text) if item.kind != "paragraph" else None
        if item.first.drawn is not None:
            out.add(item.kind, text, item.first.page, number=item.first.drawn,
                    level=item_levels.get(id(item)), shown=f"{item.first.drawn} {text}")
        elif item.kind == "heading":
            number, rest = split if split is not None else (None, text)
            out.add("heading", rest, item.first.page, number=number, level=levels[id(item)], shown=text)
        elif split is not None:
            if split[0] == "•" and text[0] != "•":  # a Symbol-font bullet: shown as it looks
                text = "•" + text[1:]
            out.add("item", split[1], item.first.page, number=split[0],
                    level=item_levels.get(id(item)), shown=text)
        else:
            out.add("paragraph", text, item.first.page)
    return out


def _continues(above: _Line, line: _Line, right: float) -> bool:
    """Does ``line`` continue the block whose last line is ``above``?"""
    same_page = line.page == above.page
    return (
        line.page in (above.page, above.page + 1)
        and line.style == above.style
        and (not same_page or 0 <= line.top - above.bottom < 0.6 * line.size)
        and above.x1 >= right - 3 * above.size
        and line.x0 <= above.x0 + line.size
        and line.drawn is None
        and split_number(line.text) is None
    )


def _kind(group: _Group, body: float) -> BlockKind:
    size, bold = group.first.style
    text = group.text
    if group.first.drawn is not None:
        return "item"  # a drawn bullet makes a list item, bold or large as it may be
    if size >= body * 1.15 or (bold and size >= body * 0.95 and len(text) <= 60):
        return "heading"
    if split_number(text) is not None:
        return "item"
    return "paragraph"


def _heading_levels(groups: list[_Group]) -> dict[int, int]:
    headings = [g for g in groups if g.kind == "heading"]
    styles = sorted({g.first.style for g in headings}, key=lambda s: (-s[0], not s[1]))
    rank = {style: i for i, style in enumerate(styles)}
    used = Counter(g.first.style for g in headings)
    first = headings[0] if headings else None
    titled = first is not None and first.first.page == 1 and rank[first.first.style] == 0 \
        and used[first.first.style] == 1
    levels: dict[int, int] = {}
    for g in headings:
        r = rank[g.first.style]
        levels[id(g)] = r if titled else r + 1
    return levels


def _item_levels(flow: list[_Group | _Table]) -> dict[int, int]:
    """Item levels by indentation of their markers, within each run of items."""
    levels: dict[int, int] = {}
    run: list[_Group] = []
    for item in [*flow, None]:
        if isinstance(item, _Group) and item.kind == "item":
            run.append(item)
            continue
        if run:
            xs = [g.first.marker_x if g.first.marker_x is not None else g.first.x0 for g in run]
            steps: list[float] = []
            for x in sorted(xs):
                if not steps or x - steps[-1] > 3:
                    steps.append(x)
            for g, x in zip(run, xs, strict=True):
                levels[id(g)] = 1 + max(i for i, s in enumerate(steps) if x >= s - 3)
            run = []
    return levels


__all__ = ["read_pdf_blocks"]
