"""A two-column field table per activity: a label in the first cell, its value in the next.

A table is a field table when at least half its rows (and at least one) have a field
label as their first cell — the label alone, with or without a colon
(:func:`label_of`) — and a value cell after it.  A row labelled as the activity's name
(``业务名称``, ``活动名称``, ``名称``, ``业务活动``…) or number (``编号``, ``序号``) makes the
table an activity of its own, nested by its number or as the next of its kind under
the heading before it; without one, the table states the fields of the heading before
it.  A row whose first cell is no label is returned as unplaced (the grammar warns).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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


#: A row that names the activity the table states (``业务名称 | 付款审批``) or numbers it
#: (``编号 | 3.1``): a label cell alone, colon optional.
_NAME = re.compile(r"(?:(?:业务|活动|工作|流程)?名称|业务活动|活动)\s?:?")
NUMBER_CELL = re.compile(r"(?:(?:业务|活动)?编号|序号)\s?:?")


@dataclass(frozen=True)
class FieldTable:
    """What a field table states: its fields, the cells that name and number its activity
    (None: the heading before the table is the activity), the rows it cannot place."""

    fields: list[FieldSpan]
    name: Cell | None
    number: Cell | None
    unplaced: list[Cell]


def read(s: str, block: Block) -> FieldTable | None:
    """A field table's content; None when the table is no field table."""
    spans: list[FieldSpan] = []
    unplaced: list[Cell] = []
    name = number = None
    for row in block.rows:
        cells = [c for c in row if c is not None]
        label = label_of(s, cells[0]) if cells else None
        if label is None and len(cells) >= 2 and s[cells[1].start : cells[1].end].strip():
            head = s[cells[0].start : cells[0].end].strip()
            if name is None and _NAME.fullmatch(head):
                name = cells[1]
                continue
            if number is None and NUMBER_CELL.fullmatch(head):
                number = cells[1]
                continue
        if label is None or len(cells) < 2:
            if cells:
                unplaced.append(cells[0])
            continue
        head_cell, value = cells[0], cells[1]
        spans.append(FieldSpan(label, head_cell.start, head_cell.end, value.start, cells[-1].end))
    named = (name is not None) + (number is not None)
    if not spans or len(spans) * 2 < len(block.rows) - named:
        return None
    return FieldTable(spans, name, number, unplaced)


__all__ = ["LABEL_CELL", "NUMBER_CELL", "FieldTable", "label_of", "read"]
