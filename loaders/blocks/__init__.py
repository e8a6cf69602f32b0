"""A document as a sequence of typed blocks: what every reader yields, what the grammar reads.

A Word file, a PDF, a web page or a scraped text says more than its characters: headings
and their levels, numbering as it is displayed, list items, tables with their cells.  A
reader turns its file into a :class:`Document` — the blocks in reading order, each with
its page and its span in :attr:`Document.text` — and flattens nothing: the grammar
(:mod:`loaders.document`) decides what a heading or a table means.

``Document.text`` is the document's text as the reader saw it: every block's text in
order (a table's cells one after another), so that a fact read from a block keeps its
provenance as a page and a span of that text (:class:`kg.model.Provenance`).

The kinds:

- ``heading``: a title or section heading; ``level`` from the paragraph style, outline
  level, numbering level or font size (1 = top; 0 = the document's title, above the top:
  Word's ``Title`` style), ``number`` the number it displays;
- ``paragraph``: running text;
- ``item``: a list item (bullet or numbered); ``level`` its nesting (1 = top), ``number``
  its displayed number or bullet glyph;
- ``table``: ``rows`` × cells, merged cells resolved (a merged cell's :class:`Cell` at
  its top-left grid position with its ``rowspan``/``colspan``, ``None`` at the positions
  it covers), ``header_rows`` the number of rows recognised as a header.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "item", "table"]


@dataclass(frozen=True)
class Cell:
    """One table cell: its text and its span in :attr:`Document.text`."""

    text: str
    start: int
    end: int
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class Block:
    """One element of a document, in reading order."""

    kind: BlockKind
    #: the text as written, without the displayed number (a table: its cells, joined)
    text: str
    #: 1-based page the block starts on
    page: int
    #: the block's span in :attr:`Document.text` (its number included)
    start: int
    end: int
    #: the number, letter or bullet the document displays for it (``3.1.2``, ``一``,
    #: ``（1）``, ``A``, ``•``), as displayed; None when it has none
    number: str | None = None
    #: heading level or list nesting, 1 = top (a heading of level 0 is the document's
    #: title); None when the file does not say
    level: int | None = None
    #: table rows × cells (see the module docstring); empty for other kinds
    rows: tuple[tuple[Cell | None, ...], ...] = ()
    #: how many leading rows of a table are its header
    header_rows: int = 0


@dataclass
class Document:
    """A read document: its blocks and the text their spans index."""

    #: where it came from (a path, for messages and provenance)
    name: str
    #: ``docx`` | ``pdf`` | ``html`` | ``text``
    format: str
    text: str
    blocks: list[Block] = field(default_factory=list)
    #: the number of pages (1 for a format without pages)
    pages: int = 1


__all__ = ["Block", "BlockKind", "Cell", "Document"]
