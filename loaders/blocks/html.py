"""A web page's structure as blocks: :func:`read_html_blocks` → :class:`Document`.

The page is decoded and its site chrome dropped as :func:`loaders.containers.read_html`
does it (the shared rules: :mod:`loaders.webpage`); then its elements are read in
document order:

* ``h1``–``h6``: a heading.  Levels by the distinct heading tags the page uses, the
  highest first (a page with ``h2`` and ``h4`` only has levels 1 and 2); the first
  heading is the title, level 0, when it is of the highest tag and the only one.  A
  typed number at its start (``3.1.2``, ``一、``, ``（一）``) is its :attr:`Block.number`
  (:func:`loaders.blocks.build.split_number`), the rest its text.
* ``li``: an item.  Its level is its depth in ``ul``/``ol`` nesting (1 = top); its number
  the one the browser displays: ``ol`` counts from ``start`` (a ``value`` resets it) in
  the list's ``type`` (``1``, ``a``, ``A``, ``i``, ``I``), ``ul`` shows ``•``.  In
  :attr:`Document.text` an ``ol`` item reads ``1. text``, a ``ul`` item ``• text``.  Its
  text is its own, without the lists nested in it (they are items of the next level).
* ``table``: a table that lays the page out (one cell, or cells holding headings, lists
  or tables) is read as the blocks in its cells, row by row.  A data table is one block,
  its ``caption`` a paragraph before it: rows in document order (``thead``, ``tbody``,
  ``tfoot`` as written, not the tables nested in cells), ``rowspan``/``colspan`` resolved
  into one :class:`Cell` at the top-left with its spans and ``None`` where it covers.
  Header rows: ``thead``'s, else the leading rows made of ``th`` only.  A cell's lines
  (``br``, paragraphs in it) are joined by ``\\n``.
* A page Word saved (``Save as Web Page``) writes its list paragraphs as ``p`` with
  ``mso-list:l0 level2`` in their style and the displayed number between
  ``[if !supportLists]`` and ``[endif]`` comments: an item of that level and number
  (a Symbol-font bullet shown as ``•``).
* Everything else with text — ``p``, ``div``, text between blocks — is a paragraph; a
  ``br`` ends one.  White space collapses as a browser collapses it.

**Pages.**  A page without page containers is one page, read whole.  The
document-sharing site's page is its page containers (elements whose class or id names a
page), one page each in order, the empty ones skipped; the document's title is then the
page's ``<title>``, a heading of level 0 on page 1 (the site's own header is chrome).
The site numbers its pages inside them — ``3、`` as a container's first text, where 3 is
the container's place or the number its id or ``data-page`` gives — and that number is
the page's, not text: it is left out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import DocumentError
from loaders.blocks import BlockKind, Document
from loaders.blocks.build import BULLETS, Builder, RawCell, grid, split_number
from loaders.webpage import drop_chrome, page_containers, parse_html

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
#: Elements that start and end a block of text (the others flow inside one).
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "body", "blockquote", "pre", "dl", "dt", "dd",
    "figure", "figcaption", "center", "address", "hr", "li", "ul", "ol", "table", "tr",
    "td", "th", "thead", "tbody", "tfoot", "caption", "html",
} | set(_HEADINGS)
_SPACE = re.compile(r"[ \t\r\n\f\xa0]+")
#: Word's list paragraph saved as a web page: ``style="mso-list:l0 level2 lfo1"``.
_MSO_LIST = re.compile(r"mso-list\s*:\s*l\d+\s+level(\d)", re.IGNORECASE)
_PAGE_NO = re.compile(r"^[ \t\r\n\f\xa0\u3000]*(\d{1,4})、")


@dataclass
class _Raw:
    kind: BlockKind
    text: str
    page: int
    number: str | None = None
    #: a heading's tag level, an item's depth
    level: int | None = None
    shown: str | None = None
    rows: list[list[RawCell]] | None = None
    header_rows: int = 0


def read_html_blocks(path: str | Path) -> Document:
    """Read a saved web page into blocks (see the module docstring); a page that cannot be
    read is one :class:`DocumentError` line."""
    path = Path(path)
    try:
        root = parse_html(path)
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read the web page ({exc.strerror or exc})") from None
    title = _SPACE.sub(" ", root.findtext(".//title") or "").strip()
    drop_chrome(root)
    reader = _Reader()
    containers = [c for c in page_containers(root) if _SPACE.sub("", c.text_content())]
    if containers:
        if title:
            reader.out.append(_Raw("heading", title, 1, level=0))
        for page, container in enumerate(containers, start=1):
            reader.page = page
            _drop_page_number(container, page)
            reader.walk(container)
        pages = len(containers)
    else:
        body = root.find("body")
        reader.walk(body if body is not None else root)
        pages = 1
    if not reader.out:
        raise DocumentError(f"{path}: holds no text")
    return _build(reader.out, pages).document(str(path), "html", pages)


def _drop_page_number(container: Any, page: int) -> None:
    """Remove the site's ``N、`` page number from the start of a page container."""
    declared = {page}
    for attr in ("id", "data-page"):
        m = re.search(r"(\d{1,4})\s*$", container.get(attr, ""))
        if m:
            declared.add(int(m.group(1)))
    def slots(element: Any) -> Iterator[tuple[Any, str]]:
        """Where text sits, in document order: an element's text, its children's, each
        child's tail."""
        if isinstance(element.tag, str):
            yield element, "text"
        for child in element:
            yield from slots(child)
            yield child, "tail"

    for element, slot in slots(container):
        value = getattr(element, slot)
        if not value or not value.strip():
            continue
        m = _PAGE_NO.match(value)
        if m and int(m.group(1)) in declared:
            setattr(element, slot, value[m.end():])
        return


def _tag(element: Any) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


def _flow(element: Any) -> str:
    """An element's text as a browser flows it: white space collapsed, ``\\n`` where a
    ``br`` or a block inside it breaks the line (not stripped)."""
    pieces: list[str] = []

    def visit(el: Any) -> None:
        if el.text and isinstance(el.tag, str):
            pieces.append(_SPACE.sub(" ", el.text))
        for child in el:
            tag = _tag(child)
            if tag == "br":
                pieces.append("\n")
            elif tag in _BLOCK_TAGS:
                pieces.append("\n")
                visit(child)
                pieces.append("\n")
            elif tag:
                visit(child)
            if child.tail:
                pieces.append(_SPACE.sub(" ", child.tail))

    visit(element)
    return "".join(pieces)


def _clean(line: str) -> str:
    return _SPACE.sub(" ", line).strip()


def _lines(element: Any) -> list[str]:
    """An element's text as lines: ``br`` and the blocks inside it break lines."""
    return [_clean(line) for line in _flow(element).split("\n") if _clean(line)]


def _word_item(p: Any) -> tuple[str, str] | None:
    """A list paragraph Word saved as a web page: the number it displayed (between its
    ``[if !supportLists]`` and ``[endif]`` comments) and its text."""
    marker: list[str] = []
    rest: list[str] = [_SPACE.sub(" ", p.text or "")]
    inside = False
    for child in p:
        if not isinstance(child.tag, str):
            note = (child.text or "").strip()
            if note.startswith("[if !supportLists]"):
                inside = True
            elif note.startswith("[endif]"):
                inside = False
        else:
            (marker if inside else rest).append(_flow(child))
        if child.tail:
            (marker if inside else rest).append(_SPACE.sub(" ", child.tail))
    number, text = _clean("".join(marker)), _clean(" ".join("".join(rest).split("\n")))
    if not number or not text:
        return None
    if number in BULLETS or number in "·-–—" or "\ue000" <= number[0] <= "\uf8ff":
        return "•", text
    return number.rstrip(".．、"), text


class _Reader:
    def __init__(self) -> None:
        self.out: list[_Raw] = []
        self.page = 1

    def walk(self, element: Any) -> None:
        """A block container: its inline text as paragraphs, its blocks in order."""
        buffer: list[str] = []

        def flush() -> None:
            for line in "".join(buffer).split("\n"):
                if _clean(line):
                    self.out.append(_Raw("paragraph", _clean(line), self.page))
            buffer.clear()

        if element.text:
            buffer.append(_SPACE.sub(" ", element.text))
        for child in element:
            tag = _tag(child)
            if tag in _HEADINGS:
                flush()
                self.heading(child, _HEADINGS[tag])
            elif tag in ("ul", "ol"):
                flush()
                self.list(child, 1)
            elif tag == "table" and _layout_table(child):
                flush()
                for cell in child.iter("td", "th"):
                    if _owner(cell) is child:
                        self.walk(cell)
            elif tag == "table":
                flush()
                self.table(child)
            elif tag == "br":
                buffer.append("\n")
            elif tag == "p" and (m := _MSO_LIST.search(child.get("style", ""))) and _word_item(child):
                flush()
                self.word_item(child, int(m.group(1)))
            elif tag in _BLOCK_TAGS:
                flush()
                self.walk(child)
            elif tag:
                buffer.append(_flow(child))
            if child.tail:
                buffer.append(_SPACE.sub(" ", child.tail))
        flush()

    def word_item(self, p: Any, level: int) -> None:
        found = _word_item(p)
        assert found is not None
        number, text = found
        self.out.append(_Raw("item", text, self.page, number=number, level=level, shown=f"{number} {text}"))

    def heading(self, element: Any, level: int) -> None:
        text = " ".join(_lines(element))
        if not text:
            return
        split = split_number(text)
        number, rest = split if split is not None else (None, text)
        self.out.append(_Raw("heading", rest, self.page, number=number, level=level, shown=text))

    def list(self, element: Any, depth: int) -> None:
        ordered = _tag(element) == "ol"
        style = element.get("type", "1")
        try:
            count = int(element.get("start", "1"))
        except ValueError:
            count = 1
        for li in element:
            if _tag(li) != "li":
                if _tag(li) in ("ul", "ol"):
                    self.list(li, depth + 1)
                continue
            if li.get("value", "").strip().lstrip("-").isdigit():
                count = int(li.get("value"))
            nested = [c for c in li if _tag(c) in ("ul", "ol", "table")]
            own = _own_text(li, nested)
            if ordered:
                number = _ordinal(count, style)
                shown = f"{number}. {own}"
                count += 1
            else:
                number, shown = "•", f"• {own}"
            if own:
                self.out.append(_Raw("item", own, self.page, number=number, level=depth, shown=shown))
            for child in nested:
                if _tag(child) == "table":
                    self.table(child)
                else:
                    self.list(child, depth + 1)

    def table(self, element: Any) -> None:
        for caption in element.iterchildren("caption"):
            text = " ".join(_lines(caption))
            if text:
                self.out.append(_Raw("paragraph", text, self.page))
        trs = [tr for tr in element.iter("tr") if _owner(tr) is element]
        head = sum(1 for tr in trs if _tag(tr.getparent()) == "thead")
        if not head:
            for tr in trs:
                row = [c for c in tr if _tag(c) in ("td", "th")]
                if not row or any(_tag(c) != "th" for c in row):
                    break
                head += 1
        taken: set[tuple[int, int]] = set()
        cells: list[tuple[int, int, int, int, str]] = []
        for r, tr in enumerate(trs):
            c = 0
            for cell in tr:
                if _tag(cell) not in ("td", "th"):
                    continue
                while (r, c) in taken:
                    c += 1
                rowspan = _span(cell.get("rowspan"), len(trs) - r)
                colspan = _span(cell.get("colspan"), 1000)
                for dr in range(rowspan):
                    for dc in range(colspan):
                        taken.add((r + dr, c + dc))
                cells.append((r, c, rowspan, colspan, "\n".join(_lines(cell))))
                c += colspan
        if cells:
            self.out.append(_Raw("table", "", self.page, rows=grid(cells), header_rows=head))


def _layout_table(table: Any) -> bool:
    """A table that lays out a page rather than holding data: one cell, or cells holding
    headings, lists or tables of their own (old sites wrap the whole document in one)."""
    cells = [c for c in table.iter("td", "th") if _owner(c) is table]
    if len(cells) == 1:
        return True
    structure = ("h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table")
    return any(next(cell.iter(*structure), None) is not None for cell in cells)


def _own_text(li: Any, nested: list[Any]) -> str:
    """An item's text without the lists and tables nested in it."""
    parts: list[str] = [_SPACE.sub(" ", li.text or "")]
    for child in li:
        if child not in nested:
            parts.append(" ".join(_lines(child)))
        if child.tail:
            parts.append(_SPACE.sub(" ", child.tail))
    return _SPACE.sub(" ", " ".join(p.strip() for p in parts if p.strip())).strip()


def _owner(tr: Any) -> Any:
    for ancestor in tr.iterancestors():
        if _tag(ancestor) == "table":
            return ancestor
    return None


def _span(value: str | None, most: int) -> int:
    try:
        n = int(value or "1")
    except ValueError:
        return 1
    return max(1, min(n, most))


def _ordinal(n: int, style: str) -> str:
    if style in ("a", "A") and 1 <= n <= 26:
        letter = chr(ord("a") + n - 1)
        return letter.upper() if style == "A" else letter
    if style in ("i", "I") and 1 <= n < 4000:
        numerals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
        out = ""
        for value, numeral in numerals:
            while n >= value:
                out, n = out + numeral, n - value
        return out.upper() if style == "I" else out
    return str(n)


def _build(raws: list[_Raw], pages: int) -> Builder:
    """Heading levels by rank of the tags used (the title 0), then the blocks laid out."""
    tags = Counter(r.level for r in raws if r.kind == "heading" and r.level)
    ranked = sorted(tags)
    headings = [r for r in raws if r.kind == "heading"]
    first = headings[0] if headings else None
    #: the first heading is a unique top heading on page 1: the title, level 0, and the
    #: tags below it rank from 1 (a title from <title> has level 0 already and is no tag)
    h1_title = first is not None and first.page == 1 and bool(ranked) and first.level == ranked[0] \
        and tags[ranked[0]] == 1
    out = Builder()
    for raw in raws:
        if raw.kind == "table":
            assert raw.rows is not None
            out.table(raw.rows, raw.page, raw.header_rows)
            continue
        level = raw.level
        if raw.kind == "heading":
            if raw.level == 0 or (h1_title and raw is first):
                level = 0
            else:
                rank = ranked.index(raw.level) if raw.level in ranked else 0
                level = rank if h1_title else rank + 1
        out.add(raw.kind, raw.text, raw.page, number=raw.number, level=level, shown=raw.shown)
    return out


__all__ = ["read_html_blocks"]
