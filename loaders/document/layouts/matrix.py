"""A matrix table: one row per activity, the field labels as column headers.

A table is a matrix when it has three or more columns and its header row (the rows the
reader recognised as its header, else the first) has field labels in at least two cells.
Of its other columns, a *number column* is one whose filled body cells are all outline
numbers alone (``3.1``, ``3.1.2``, ``（一）``); the *name column* is the first other column.

Each body row is an activity named by its name cell, with a field for every filled label
cell.  Its nesting: its number (by :mod:`.tree`'s rules, so ``3.1.2`` goes under ``3.1``),
or a typed number that starts the name; without one, a row with only a name is a group
and the rows after it are its children until the next group.  The rows nest under the
heading the table follows.
"""

from __future__ import annotations

from loaders.blocks import Block, Cell
from loaders.document.layouts.field_table import label_of
from loaders.document.layouts.numbers import parse_number
from loaders.document.layouts.tree import FieldSpan, Node, Tree


def is_matrix(s: str, block: Block) -> bool:
    if not block.rows or len(block.rows[0]) < 3 or len(block.rows) < 2:
        return False
    header = block.rows[max(block.header_rows, 1) - 1]
    return sum(label_of(s, c) is not None for c in header) >= 2


def read(s: str, block: Block, tree: Tree, under: Node | None) -> list[Cell]:
    """Add the matrix's rows to ``tree`` under ``under``; the rows without a name (their
    first cell) are returned, unplaced."""
    header_rows = max(block.header_rows, 1)
    header = block.rows[header_rows - 1]
    body = block.rows[header_rows:]
    labels = {k: label_of(s, c) for k, c in enumerate(header)}
    others = [k for k, lab in labels.items() if lab is None]

    def text(c: Cell | None) -> str:
        return s[c.start : c.end].strip() if c is not None else ""

    numbers = [
        k for k in others
        if any(text(r[k]) for r in body)
        and all(parse_number(text(r[k]), alone=True) is not None for r in body if text(r[k]))
    ]
    names = [k for k in others if k not in numbers]
    unplaced: list[Cell] = []
    if not names:
        return [c for r in body for c in r[:1] if c is not None]
    name_col, num_col = names[0], (numbers[0] if numbers else None)
    for row in body:
        name = row[name_col] if name_col < len(row) else None
        if name is None or not text(name):
            first = next((c for c in row if c is not None and text(c)), None)
            if first is not None:
                unplaced.append(first)
            continue
        # a field's statement is its cell (its label is the column's header)
        fields = [
            FieldSpan(lab, cell.start, cell.start, cell.start, cell.end)
            for k, lab in labels.items()
            if lab is not None and k < len(row) and (cell := row[k]) is not None and text(cell)
        ]
        num_cell = row[num_col] if num_col is not None else None
        number = parse_number(text(num_cell), alone=True) if num_cell is not None and text(num_cell) else None
        head, start = (num_cell.start if num_cell is not None and number else name.start), name.start
        if number is None:
            typed = parse_number(s[name.start : name.end])
            if typed is not None:
                number, start = typed, name.start + typed.end
                head = name.start
        if number is not None:
            key = number.key
        else:
            key = ("matrix-group", 1) if not fields else ("matrix-row", 1)
        node = tree.add(key, number, head, start, name.end, under=under)
        node.fields.extend(fields)
    return unplaced


__all__ = ["is_matrix", "read"]
