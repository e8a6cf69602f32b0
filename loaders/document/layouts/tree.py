"""The outline as a tree: headings of any numbering schemes, mixed, nested by the order
their schemes open.

A heading's *key* is its numbering scheme (:mod:`.numbers`: ``("decimal", 2)`` for
``3.1``, ``("cn-paren", 1)`` for ``（一）``), or ``("heading", N)`` for a Word heading of
level N without a number.  Reading in order, a heading whose key is open on the stack is
a sibling of the heading there (the levels below it close); a new key opens a level below
the current heading.  So ``一、`` / ``（一）`` / ``1.`` / ``（1）`` nest in the order a document
first uses them, ``3`` / ``3.1`` / ``3.1.2`` by depth, and a Word heading's level decides
among unnumbered headings (a lower-numbered level closes the deeper ones).

A node records where its heading is (the span of its name in the document's text), its
part of the activity's code (the number's token: ``3.1.2`` gives ``2``; bulleted and
unnumbered headings are counted among their siblings of the same key), the fields stated under it (label, where
the label is written, the value's span) and its children.  What the nodes mean (areas,
activities) is decided by the grammar (:mod:`loaders.document.grammar`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from loaders.document.layouts.numbers import Key, Number


@dataclass(frozen=True)
class FieldSpan:
    """One field stated in the document: its label (a key of
    :data:`loaders.document.fields.FIELDS`), the label's start and end, the value's span."""

    label: str
    at: int
    label_end: int
    start: int
    end: int


@dataclass
class Node:
    """A heading of the outline (or a matrix table's row) and what is stated under it."""

    key: Key
    #: the heading's span (its number included) and its name's span
    head: int
    start: int
    end: int
    #: its part of the activity's code (the parent's code, a dot, this)
    token: str
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    fields: list[FieldSpan] = field(default_factory=list)
    #: where its block ends (after punctuation the name leaves out), 0 if not known
    stop: int = 0

    def has_fields(self) -> bool:
        """Fields are stated under it or under a heading below it."""
        return bool(self.fields) or any(c.has_fields() for c in self.children)


class Tree:
    """The open headings while a document is read, and every root."""

    def __init__(self) -> None:
        self.roots: list[Node] = []
        self.stack: list[Node] = []

    @property
    def current(self) -> Node | None:
        return self.stack[-1] if self.stack else None

    def add(self, key: Key, number: Number | None, head: int, start: int, end: int,
            under: Node | None = None) -> Node:
        """Open a heading; ``under``: the node a table's rows are nested under (the stack
        above it is then this table's own)."""
        floor = self.stack.index(under) + 1 if under is not None and under in self.stack else 0
        level = next((k for k in range(floor, len(self.stack)) if self._same(self.stack[k].key, key)), None)
        if level is not None:
            del self.stack[level:]
        parent = self.stack[-1] if self.stack else None
        siblings = parent.children if parent is not None else self.roots
        token = number.token if number is not None else ""
        if not token:
            token = str(sum(1 for s in siblings if s.key == key) + 1)
        node = Node(key, head, start, end, token, parent)
        siblings.append(node)
        self.stack.append(node)
        return node

    @staticmethod
    def _same(open_key: Key, key: Key) -> bool:
        if open_key == key:
            return True
        # a Word heading of a level at or above an open unnumbered one closes it
        return open_key[0] == "heading" and key[0] == "heading" and key[1] <= open_key[1]


__all__ = ["FieldSpan", "Node", "Tree"]
