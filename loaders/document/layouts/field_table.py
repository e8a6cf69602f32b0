"""A two-column field table per activity: a label in the first cell, its value in the next.

A table is a field table when at least half its rows (and at least one) have a field
label as their first cell — the label alone, with or without a colon
(:func:`label_of`) — and a value cell after it.  A row whose first cell is no label is
returned as unplaced (the grammar warns about it).  The table belongs to the heading
before it.
"""

from __future__ import annotations

import re

from loaders.blocks import Block, Cell
from loaders.document.fields import FIELDS
from loaders.document.layouts.tree import FieldSpan

#: A cell that is a field label alone (any label :data:`FIELDS` knows), colon optional.
LABEL_CELL = re.compile(
    "(?P<label>" + "|".join(sorted(map(re.escape, FIELDS), key=len, reverse=True)) + r")\s?:?"
)


def label_of(s: str, cell: Cell | None) -> str | None:
    """The field label a cell holds alone (the Simplified folded text ``s``), or None."""
    if cell is None:
        return None
    m = LABEL_CELL.fullmatch(s[cell.start : cell.end].strip())
    return m["label"] if m is not None else None


def read(s: str, block: Block) -> tuple[list[FieldSpan], list[Cell]] | None:
    """The fields of a field table and the first cells of the rows that are not fields;
    None when the table is no field table."""
    spans: list[FieldSpan] = []
    unplaced: list[Cell] = []
    for row in block.rows:
        cells = [c for c in row if c is not None]
        label = label_of(s, cells[0]) if cells else None
        if label is None or len(cells) < 2:
            if cells:
                unplaced.append(cells[0])
            continue
        head, value = cells[0], cells[1]
        spans.append(FieldSpan(label, head.start, head.end, value.start, cells[-1].end))
    if not spans or len(spans) * 2 < len(block.rows):
        return None
    return spans, unplaced


__all__ = ["LABEL_CELL", "label_of", "read"]
