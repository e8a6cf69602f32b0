"""Names from documents, shown so that they cannot forge output: the one place it is done.

A name is the document's text: it may hold a newline (and print ``- role x removed`` as
if it were a line of a report), a terminal escape sequence (``\\x1b]…``: a title, a
hyperlink, a cleared screen), a line or paragraph separator, a bidirectional override
that shows text reversed.  :func:`visible` writes each such character as an escape
(``\\n``, ``\\x1b``, ``\\u2028``, ``\\u202e``); every text renderer passes names
through it.

In markdown a name sits in a span: :func:`md_code` makes a code span that no backtick in
the name can close, :func:`md_text` escapes the characters that make inline markup (``|``
of a table, ``<`` of a tag, ``&``, ``*``, ``[``…) so that the name is text and nothing else.
"""

from __future__ import annotations

import re
import unicodedata

#: Control characters (C0, C1), format characters (bidirectional controls and marks,
#: zero-width ones, the byte order mark) and the line and paragraph separators.
_HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp"})
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _hidden(char: str) -> bool:
    return unicodedata.category(char) in _HIDDEN


def visible(text: str) -> str:
    """``text`` with control characters, separators and bidirectional controls written
    as escapes: one line, every character of it seen."""
    if text.isprintable():  # none of them (nor any other unprintable character)
        return text
    return "".join(_escape(c) if _hidden(c) else c for c in text)


#: What makes inline markdown of text: code, emphasis, links, tags, entities, table cells
#: (``_`` and ``>`` aside: inside a line they make no markup a name could break out with).
_PUNCTUATION = re.compile(r"([\\`*\[\]<|~&])")


def md_text(text: str) -> str:
    """``text`` (made :func:`visible`) as inline markdown text: the characters that make
    markup backslash-escaped (a table's ``|``, a tag's ``<``, an entity's ``&``,
    emphasis, code, links)."""
    return _PUNCTUATION.sub(r"\\\1", visible(text))


def md_code(text: str) -> str:
    """``text`` (made :func:`visible`) as a markdown code span that its own backticks
    cannot close."""
    shown = visible(text)
    longest = max((len(run) for run in re.findall(r"`+", shown)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if shown.startswith("`") or shown.endswith("`") or longest else ""
    return f"{fence}{pad}{shown}{pad}{fence}"


__all__ = ["md_code", "md_text", "visible"]
