"""What the readers of PDF and HTML share: a typed number at the start of a line, and a
builder that lays blocks out in :attr:`Document.text` with their spans.

``Document.text`` as these readers write it: one block a line (a heading or an item with
its number as displayed: the typed number as written, a drawn bullet as ``• ``); a table
one row a line, its cells separated by tabs (a covered position writes nothing), and a
table block's text is that span, as the Word reader writes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.blocks import Block, BlockKind, Cell, Document

_SP = r"[ \t\u3000]"
_CN = "零〇一二三四五六七八九十百"
#: What closes a figure, not a number: ``2.0）``, ``3.5%``.
_CLOSE = r")）\]】,，。、:：;；%％"
#: Bullet glyphs; the private-use ones are Symbol/Wingdings bullets (Word, LibreOffice).
BULLETS = "•●◆◇■□▪▫○◎◦★☆►▶➢➤✓✔·\uf0b7\uf0a7\uf0a8\uf0d8\uf076\uf0fc\uf06c\uf06e\uf075"
#: A typed number at the start of a line; ``n`` is the number as displayed, without a
#: trailing ``.`` or ``、`` (``3.1.2``, ``一``, ``（1）``, ``A``, ``•``).
_NUMBER = re.compile(
    rf"""^(?:
      (?P<dec>\d{{1,3}}(?:[.．]\d{{1,3}}){{1,5}})[.．]?(?:{_SP}+|(?=[^\d.．\s{_CLOSE}])) # 3.1 / 3.1.2.
    | (?P<one>\d{{1,3}})(?:[.．](?!\d){_SP}*|、{_SP}*|{_SP}+(?=\D))             # 3. / 3、 / 3 目的
    | (?P<dpar>\d{{1,3}}[)）]){_SP}*                                           # 1)
    | (?P<cn>[{_CN}]{{1,4}})[、.．]{_SP}*                                        # 一、
    | (?P<par>[(（](?:[{_CN}]{{1,4}}|\d{{1,3}})[)）])[、.．]?{_SP}*             # （一） (1)
    | (?P<circ>[\u2460-\u2473]){_SP}*                                           # ①
    | (?P<let>[A-Za-z])[.、)）](?![\d.]){_SP}*                                  # A. a)
    | (?P<bul>[{BULLETS}]|[-–—*](?={_SP})){_SP}*                                # • -
    )""",
    re.VERBOSE,
)


def split_number(text: str) -> tuple[str, str] | None:
    """``(number as displayed, the text after it)`` when ``text`` starts with a typed
    number or bullet and something follows it; else None."""
    m = _NUMBER.match(text)
    if m is None or not text[m.end():].strip():
        return None
    number = next(g for g in m.groups() if g is not None)
    if m.group("bul") is not None and "\ue000" <= number <= "\uf8ff":
        number = "•"  # a Symbol-font bullet in the private-use area
    return number, text[m.end():].strip()


#: One table cell while building: text, rowspan, colspan; None where a merged cell covers.
RawCell = tuple[str, int, int] | None


@dataclass
class Builder:
    """Blocks and the text their spans index, built in reading order."""

    parts: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    length: int = 0

    def _put(self, text: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start, self.length

    def _line(self) -> None:
        if self.parts:
            self._put("\n")

    def add(self, kind: BlockKind, text: str, page: int, *, number: str | None = None,
            level: int | None = None, shown: str | None = None) -> None:
        """A heading, paragraph or item; ``shown`` is the line as displayed (its number
        included), by default ``number text``."""
        self._line()
        if shown is None:
            shown = f"{number} {text}" if number is not None else text
        start, end = self._put(shown)
        self.blocks.append(Block(kind, text, page, start, end, number=number, level=level))

    def table(self, rows: list[list[RawCell]], page: int, header_rows: int) -> None:
        """A table from its grid (see :data:`RawCell`)."""
        self._line()
        start, first_part = self.length, len(self.parts)
        out: list[tuple[Cell | None, ...]] = []
        for r, row in enumerate(rows):
            if r:
                self._put("\n")
            cells: list[Cell | None] = []
            first = True
            for raw in row:
                if raw is None:
                    cells.append(None)
                    continue
                if not first:
                    self._put("\t")
                first = False
                text, rowspan, colspan = raw
                a, b = self._put(text)
                cells.append(Cell(text, a, b, rowspan=rowspan, colspan=colspan))
            out.append(tuple(cells))
        text = "".join(self.parts[first_part:])  # what the text holds from start to end
        self.blocks.append(Block("table", text, page, start, self.length, rows=tuple(out),
                                 header_rows=header_rows))

    def document(self, name: str, fmt: str, pages: int) -> Document:
        return Document(name=name, format=fmt, text="".join(self.parts), blocks=self.blocks, pages=pages)


def label_row(cells: list[str]) -> bool:
    """A row of labels: every cell filled, short, without sentence punctuation."""
    return bool(cells) and all(
        c and len(c) <= 12 and not re.search(r"[。;；,，:：!?！？]", c) for c in cells
    )


def grid(cells: list[tuple[int, int, int, int, str]]) -> list[list[RawCell]]:
    """A table's grid from its cells as ``(row, col, rowspan, colspan, text)``: each cell
    at its top-left position, None where a merged cell covers or nothing is."""
    if not cells:
        return []
    height = max(r + rs for r, _, rs, _, _ in cells)
    width = max(c + cs for _, c, _, cs, _ in cells)
    rows: list[list[RawCell]] = [[None] * width for _ in range(height)]
    for r, c, rs, cs, text in cells:
        rows[r][c] = (text, rs, cs)
    return rows


__all__ = ["BULLETS", "Builder", "RawCell", "grid", "label_row", "split_number"]
