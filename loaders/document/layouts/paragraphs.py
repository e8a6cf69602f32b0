"""Fields as labelled paragraphs: ``主要责任人：资金计划专员``, several in one paragraph or one each.

A paragraph states fields when it starts with a field label and its colon
(:data:`loaders.document.fields.FIELD_LABEL`, on the folded Simplified text, so ``：`` and
Traditional labels count).  A further label inside the paragraph starts another field
only where a label can start: after a space or punctuation, never inside a word
(``第一监控人:`` holds ``监控人:`` but states no new field).  Each value runs to the next
label or the paragraph's end.
"""

from __future__ import annotations

from loaders.document.fields import FIELD_LABEL
from loaders.document.layouts.tree import FieldSpan
from loaders.document.state import EDGE_PUNCT

#: What may come right before a label that starts a field inside a paragraph.
_BEFORE = EDGE_PUNCT + "。;"


def labelled(s: str, a: int, b: int) -> list[FieldSpan]:
    """The fields of the paragraph ``s[a:b]``; [] when it does not start with a label."""
    while a < b and s[a] == " ":
        a += 1
    first = FIELD_LABEL.match(s, a, b)
    if first is None:
        return []
    found = [first]
    for m in FIELD_LABEL.finditer(s, first.end(), b):
        if s[m.start() - 1] in _BEFORE:
            found.append(m)
    return [
        FieldSpan(m["label"], m.start(), m.end(), m.end(), found[k + 1].start() if k + 1 < len(found) else b)
        for k, m in enumerate(found)
    ]


__all__ = ["labelled"]
