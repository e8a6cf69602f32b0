"""Outline numbers in every common scheme: what kind of number starts a heading, and its value.

A heading's number is typed in its text (``3.1.2 付款审批``, ``（一）资金计划``) or displayed
by Word's automatic numbering (:attr:`loaders.blocks.Block.number`); both are read here
by :func:`parse_number`, on text whose full-width digits and punctuation are folded to
ASCII (:func:`loaders.text.fold_width`).  The schemes:

=============  ==========================  ======================================
scheme         examples                    value (a code's part)
=============  ==========================  ======================================
decimal        ``3`` ``3.1`` ``3.1.2.``    the last component; depth = components
digit-comma    ``1、``                     the number
cn             ``一、`` ``十二、``          the number (一 → 1)
cn-paren       ``(一)`` (``（一）``)        the number
paren          ``(1)`` (``（1）``)          the number
digit-paren    ``1)``                      the number
circled        ``①`` … ``⑳``               the number
upper / lower  ``A.`` ``a.`` ``B、``        the letter
bullet         ``•`` ``◆`` ``■`` ``-``      (counted among siblings)
=============  ==========================  ======================================

A decimal number needs a dot, a space or a second component after it (``2023年`` is no
number; ``1.5倍`` is read as ``1.5`` and the grammar's heading rule decides); a letter may
be followed by Latin letters (``B.BOM管理``), not by a digit.  The
*key* of a number (scheme, and depth for decimals) is what makes two headings siblings:
the outline (:mod:`.tree`) opens a level for each key it has not seen among the open ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: A key: the scheme and, for decimals, the depth (``3.1`` → ("decimal", 2)).
Key = tuple[str, int]

_CN = "零〇一二三四五六七八九十百"
_SPACE = r"[ \t\u3000]*"
_DECIMAL = re.compile(rf"(?P<n>\d{{1,3}}(?:\.\d{{1,3}}){{0,5}})(?P<dot>\.)?(?P<sep>{_SPACE})")
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("digit-comma", re.compile(rf"(?P<n>\d{{1,3}})、{_SPACE}")),
    ("digit-paren", re.compile(rf"(?P<n>\d{{1,3}})\){_SPACE}")),
    ("cn", re.compile(rf"(?P<n>[{_CN}]{{1,4}})[、.]{_SPACE}")),
    ("cn-paren", re.compile(rf"\((?P<n>[{_CN}]{{1,4}})\)[、.]?{_SPACE}")),
    ("paren", re.compile(rf"\((?P<n>\d{{1,3}})\)[、.]?{_SPACE}")),
    ("circled", re.compile(rf"(?P<n>[\u2460-\u2473])[、.]?{_SPACE}")),
    ("upper", re.compile(rf"(?P<n>[A-Z])[.、)](?![\d.]){_SPACE}")),
    ("lower", re.compile(rf"(?P<n>[a-z])[.、)](?![\d.]){_SPACE}")),
    ("bullet", re.compile(rf"(?P<n>[•●◆◇■□▪▫○◎★☆►▶➢➤✓✔·\-–—*]){_SPACE}")),
]


@dataclass(frozen=True)
class Number:
    """A number at the start of a text: its scheme, depth, value and length."""

    scheme: str
    #: components of a decimal number, 1 for the others
    depth: int
    #: the number as written, without its punctuation (``3.1.2``, ``一``, ``a``, ``•``)
    text: str
    #: the characters it takes, its punctuation and the spaces after it included
    end: int

    @property
    def key(self) -> Key:
        return (self.scheme, self.depth if self.scheme == "decimal" else 1)

    @property
    def token(self) -> str:
        """Its part of an activity's code: the last decimal component, an arabic number
        for Chinese and circled numbers, the letter, or '' for a bullet."""
        if self.scheme == "decimal":
            return self.text.rsplit(".", 1)[-1]
        if self.scheme in ("cn", "cn-paren"):
            return str(chinese_value(self.text))
        if self.scheme == "circled":
            return str(ord(self.text) - 0x2460 + 1)
        if self.scheme == "bullet":
            return ""
        return self.text


def parse_number(s: str, alone: bool = False) -> Number | None:
    """The outline number ``s`` starts with (folded text), or None.  ``alone``: ``s`` is
    a displayed number by itself (``3.1.``, ``（一）``), nothing after it."""
    m = _DECIMAL.match(s)
    if m is not None:
        rest = s[m.end() :]
        depth = m["n"].count(".") + 1
        ok = (
            (alone and not rest)
            or (
                rest[:1] not in ("", ")", "、", "%", ".")
                and not rest[:1].isdigit()
                and (m["dot"] or m["sep"] or depth > 1)
            )
        )
        if ok:
            return Number("decimal", depth, m["n"], m.end())
    for scheme, pattern in _PATTERNS:
        m = pattern.match(s)
        if m is not None and (alone or m.end() < len(s)):
            if scheme == "bullet" and not alone and m["n"] in "-–—*" and not m.group().strip(m["n"]):
                continue  # a dash glued to text is not a bullet (``-5``)
            return Number(scheme, 1, m["n"], m.end())
    return None


def chinese_value(text: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 一百零五 → 105."""
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0}
    total = 0
    current = 0
    for c in text:
        if c in digits:
            current = digits[c]
        elif c == "十":
            total += (current or 1) * 10
            current = 0
        elif c == "百":
            total += (current or 1) * 100
            current = 0
    return total + current


__all__ = ["Key", "Number", "chinese_value", "parse_number"]
