"""Word's automatic numbering: the number a paragraph DISPLAYS, computed from ``numbering.xml``.

python-docx does not render list numbers; Word computes them while it lays the document
out.  This module does the same computation, paragraph by paragraph in document order:

* ``w:num`` (a numbering instance, ``numId``) points at a ``w:abstractNum`` (the levels'
  definitions); each level (``w:lvl``, ``ilvl`` 0–8) has a start value (``w:start``,
  default 1), a format (``w:numFmt``), a text pattern (``w:lvlText``: ``%1.%2.`` shows
  the counters of levels 1 and 2), a restart rule (``w:lvlRestart``: the level restarts
  after a paragraph of a level up to that one, 1-based; 0 never; absent: after any higher
  level) and ``w:isLgl`` (every counter shown as a decimal).
* ``w:lvlOverride`` in a ``w:num`` overrides levels of its abstract definition: a
  ``w:startOverride`` restarts that level at the value the first time the instance is used;
  a whole ``w:lvl`` inside it replaces the level's definition.
* Instances of one abstract definition without overrides continue one list (Word counts
  them together); an instance with an override counts on its own.
* A definition that only names a numbering style (``w:numStyleLink``) takes its levels
  from the list that style is numbered with (:meth:`Numbering.link_styles`).
* Counters are kept per list; a paragraph at level *n* steps level *n* (its start value
  the first time) and resets the deeper levels its restart rule resets; a level shown
  before it was ever used shows its start value (``%1.%2`` on a first paragraph of level 2
  shows ``1.1``).

Formats: decimal, decimalZero, decimalFullWidth, upper/lowerLetter (``Z`` then ``AA``),
upper/lowerRoman, chineseCounting, chineseCountingThousand, chineseLegalSimplified,
taiwaneseCounting(Thousand), ideographTraditional (甲乙丙…), ideographZodiac,
decimalEnclosedCircle (① … ⑳, then decimal), decimalEnclosedParen, bullet (``lvlText`` is
the glyph), none.  An unknown format is shown as a decimal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = f"{W}val"


@dataclass(frozen=True)
class Level:
    """One level of a numbering definition."""

    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    #: restart after a paragraph of a level ≤ this (1-based); None: after any higher level
    restart: int | None = None
    legal: bool = False
    #: the paragraph style this level is linked to (``w:pStyle``)
    style: str | None = None
    #: what follows the number: ``tab`` (default), ``space`` or ``nothing``
    suffix: str = "tab"


@dataclass
class Numbering:
    """The numbering definitions of a document and the counters of its lists."""

    abstract: dict[str, dict[int, Level]] = field(default_factory=dict)
    #: numId → (abstractNumId, levels replaced, start overrides)
    nums: dict[str, tuple[str, dict[int, Level], dict[int, int]]] = field(default_factory=dict)
    _counters: dict[str, dict[int, int]] = field(default_factory=dict)
    #: abstractNumId → the numbering style it takes its levels from (``w:numStyleLink``)
    links: dict[str, str] = field(default_factory=dict)
    #: start overrides of an instance not yet applied, by list
    _pending: dict[str, dict[int, int]] = field(default_factory=dict)
    _started: set[str] = field(default_factory=set)

    @classmethod
    def parse(cls, root: Any | None) -> Numbering:
        """Read the ``w:numbering`` element (None: a document without numbering)."""
        out = cls()
        if root is None:
            return out
        for an in root.iterchildren(f"{W}abstractNum"):
            aid = an.get(f"{W}abstractNumId", "")
            out.abstract[aid] = {
                int(lvl.get(f"{W}ilvl", "0")): _level(lvl) for lvl in an.iterchildren(f"{W}lvl")
            }
            link = an.find(f"{W}numStyleLink")
            if link is not None and link.get(_VAL):
                out.links[aid] = link.get(_VAL, "")
        for num in root.iterchildren(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            levels: dict[int, Level] = {}
            starts: dict[int, int] = {}
            for ov in num.iterchildren(f"{W}lvlOverride"):
                ilvl = int(ov.get(f"{W}ilvl", "0"))
                so = ov.find(f"{W}startOverride")
                if so is not None:
                    starts[ilvl] = _int(so.get(_VAL), 1)
                lvl = ov.find(f"{W}lvl")
                if lvl is not None:
                    levels[ilvl] = _level(lvl)
            out.nums[num.get(f"{W}numId", "")] = (
                ref.get(_VAL, "") if ref is not None else "",
                levels,
                starts,
            )
        return out

    def link_styles(self, style_nums: dict[str, str]) -> None:
        """Resolve definitions that are a numbering style's (``w:numStyleLink``): their
        levels are those of the list the style (``style_nums``: style id → numId) names."""
        for aid, style in self.links.items():
            target = self.nums.get(style_nums.get(style, ""))
            if target is not None and target[0] != aid and not self.abstract.get(aid):
                self.abstract[aid] = self.abstract.get(target[0], {})

    def levels(self, num_id: str) -> dict[int, Level]:
        """The levels of a numbering instance, its overrides applied."""
        abstract_id, replaced, _ = self.nums.get(num_id, ("", {}, {}))
        return {**self.abstract.get(abstract_id, {}), **replaced}

    def level_of_style(self, num_id: str, style: str) -> int | None:
        """The level a paragraph style is linked to in an instance (``w:pStyle``)."""
        for ilvl, lvl in self.levels(num_id).items():
            if lvl.style == style:
                return ilvl
        return None

    def next(self, num_id: str, ilvl: int) -> tuple[str, Level] | None:
        """Count a paragraph of list ``num_id`` at level ``ilvl``: its displayed number and
        the level's definition; None for ``numId`` 0 or an instance that is not defined."""
        if num_id not in self.nums:
            return None
        abstract_id, replaced, starts = self.nums[num_id]
        levels = self.levels(num_id)
        if not levels:
            return None
        if ilvl not in levels:  # a level the definition lacks: the nearest one above it
            ilvl = max((k for k in levels if k < ilvl), default=min(levels))
        key = f"num:{num_id}" if (replaced or starts) else f"abstract:{abstract_id}"
        counters = self._counters.setdefault(key, {})
        pending = self._pending.setdefault(key, {})
        if num_id not in self._started:  # the instance's start overrides, taken once
            self._started.add(num_id)
            pending.update(starts)
        lvl = levels[ilvl]
        if ilvl in pending:
            counters[ilvl] = pending.pop(ilvl)
        else:
            counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else lvl.start
        for deeper in [k for k in counters if k > ilvl]:
            rule = levels.get(deeper, Level()).restart
            if rule is None or (rule != 0 and ilvl < rule):
                del counters[deeper]
        return render(lvl, levels, {**pending, **counters}), lvl


def render(lvl: Level, levels: dict[int, Level], counters: dict[int, int]) -> str:
    """``lvl``'s text with every ``%N`` replaced by level N's counter in its format."""
    if lvl.fmt == "bullet":
        return lvl.text
    if lvl.fmt == "none":
        return re.sub(r"%[1-9]", "", lvl.text)

    def one(m: re.Match[str]) -> str:
        k = int(m.group(1)) - 1
        shown = levels.get(k, Level())
        value = counters.get(k, shown.start)
        return fmt_number(value, "decimal" if lvl.legal else shown.fmt)

    return re.sub(r"%([1-9])", one, lvl.text)


_CN_DIGITS = "零一二三四五六七八九"
_TW_DIGITS = "〇一二三四五六七八九"
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"


def fmt_number(n: int, fmt: str) -> str:
    """``n`` in a ``w:numFmt`` format (see the module docstring)."""
    if fmt in ("decimal", "ordinal", "cardinalText", "ordinalText") or n < 0:
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(n).translate({c: c + 0xFEE0 for c in range(0x30, 0x3A)})
    if fmt in ("upperLetter", "lowerLetter"):
        if n < 1:
            return str(n)
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting",
               "taiwaneseCountingThousand", "japaneseCounting", "ideographDigital"):
        if fmt == "ideographDigital":
            return "".join(_TW_DIGITS[int(d)] for d in str(n))
        return _chinese(n, _CN_DIGITS, "十百千")
    if fmt == "chineseLegalSimplified":
        return _chinese(n, _LEGAL_DIGITS, "拾佰仟", legal=True)
    if fmt == "ideographTraditional":
        return _STEMS[(n - 1) % 10] if n >= 1 else str(n)
    if fmt == "ideographZodiac":
        return _BRANCHES[(n - 1) % 12] if n >= 1 else str(n)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return chr(0x2488 + n - 1) if 1 <= n <= 20 else f"{n}."
    return str(n)


def _roman(n: int) -> str:
    if n < 1:
        return str(n)
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                       (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                       (4, "IV"), (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _chinese(n: int, digits: str, units: str, legal: bool = False) -> str:
    """Chinese counting below 10,000: 一, 十, 十一, 二十, 一百零五 (legal: 壹拾)."""
    if n == 0:
        return digits[0]
    if n >= 10000:
        return str(n)
    parts: list[str] = []
    zero = False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d = n // power % 10
        if d == 0:
            zero = bool(parts)
            continue
        if zero:
            parts.append(digits[0])
            zero = False
        if power == 10 and d == 1 and not parts and not legal:
            parts.append(unit)  # 十, 十一: no leading 一
        else:
            parts.append(digits[d] + unit)
    return "".join(parts)


def _int(raw: str | None, default: int) -> int:
    try:
        return int(raw) if raw is not None else default
    except ValueError:
        return default


def _level(lvl: Any) -> Level:
    def val(tag: str) -> str | None:
        e = lvl.find(f"{W}{tag}")
        return e.get(_VAL) if e is not None else None

    restart = val("lvlRestart")
    legal = lvl.find(f"{W}isLgl")
    return Level(
        start=_int(val("start"), 1),
        fmt=val("numFmt") or "decimal",
        text=val("lvlText") or "",
        restart=_int(restart, 0) if restart is not None else None,
        legal=legal is not None and legal.get(_VAL, "true") not in ("0", "false"),
        style=val("pStyle"),
        suffix=val("suff") or "tab",
    )


__all__ = ["Level", "Numbering", "fmt_number", "render"]
