"""The outline: numbered areas, lettered activities, sub-activities and bulleted sub-items.

An area's section (``2.客户关系工作``) holds lettered activities (``A.``), lower-case
sub-activities (``a.``) and bulleted sub-items, each followed by its labelled fields
(:mod:`loaders.document.fields`).  Codes follow the outline: ``2.A``, ``3.B.a``,
``2.D.1``, ``3.B.a.2``.

* Field labels split the text.  A value ends where the next label starts, or earlier where
  the next heading starts: after the last ``…向…汇报`` clause of a report line, or at a
  heading marker (``A.``, ``a.``, a bullet glyph).  Text before a label that names an
  activity already seen (``客户关系改进业务输出:``) states that activity's field.
* Bullet glyphs are recognised by kind and position, not by a list: symbols and
  private-use characters (``•``, ``◆``, ````); Han characters that occur only where a
  heading starts (right after a report line, at least twice); and rare Han characters (not
  among the 6,763 common ones of GB 2312) that never occur inside a description.
* Bullets by position: after a bulleted item's fields, one character before the next
  heading's name (followed by a description) is a bullet whatever character it is (a
  common character a script conversion made of a garbled glyph, used once; ``·`` that a
  PDF printer gives for ``•``).  A character so found that is not Han becomes a glyph of
  the whole document (the extraction reads it again), so its first use after a lettered
  heading is a bullet too.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from functools import lru_cache

from loaders import text as textmod
from loaders.document.encoding import rare_han
from loaders.document.fields import (
    FIELD_LABEL,
    FIELDS,
    REPORT,
    VALUE_LABEL,
    _Fields,
    _last_match,
)
from loaders.document.state import EDGE_PUNCT, UNPLACED, _Act, _State

#: An upper-case activity marker ``A.`` / a lower-case one ``a.``, before a non-digit, not
#: after a letter or digit.  (The look-behind follows the letter, which it includes, so that
#: the search can skip to the next letter instead of trying every position.)
UPPER_MARK = re.compile(r"(?P<mark>[A-Z])(?<![A-Za-z0-9][A-Z])\.(?=[^\d.])")
LOWER_MARK = re.compile(r"(?P<mark>[a-z])(?<![A-Za-z0-9][a-z])\.(?=[^\d.])")
#: What a heading's name starts with after its marker: a Han character, or Latin letters
#: (and digits) before one (``B.BOM管理``, ``a.IT支持``).
_HAN_CLASS = r"[\u3400-\u9fff\uf900-\ufaff]"
NAME_START = re.compile(rf"[A-Za-z][A-Za-z0-9]{{0,11}}{_HAN_CLASS}|{_HAN_CLASS}")
#: Figure placeholders and composition headings before a section's first activity:
#: ``1)客户关系工作业务组成图1)1)2)客户关系工作业务组成描述``.
FIGURE_PART = re.compile(r"\d+\)")
#: Punctuation that is normal text, not a bullet.
NORMAL_PUNCT = set(".,:;!?()[]{}<>\"'-_/\\、。【】《》〈〉「」『』“”‘’…—～~%&*+=#@$^`|·")
SECTION_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#: A section heading when there is no overview: ``3.市场工作`` before ``1)`` or ``A.``.
FALLBACK_SECTION = re.compile(
    r"(?<![\d.])(?P<num>\d+)\.(?P<name>[\u4e00-\u9fff]{2,12}?)(?:工作|业务)?(?=\d+\)|[A-Z]\.)"
)


#: Characters that may be symbols: neither ASCII nor in the CJK blocks whose every
#: character is a letter (Lo), which :func:`_is_symbol` would refuse one by one.
_MAYBE_SYMBOL = re.compile(r"[^\x00-\x7f\u3400-\u4dbf\u4e00-\u9fff]")


@lru_cache(maxsize=65536)  # asked of every distinct character of every document
def _is_symbol(ch: str) -> bool:
    """A symbol or private-use character used as a bullet (``•``, ``◆``, ``①``, ````)."""
    if ch in NORMAL_PUNCT or ch.isspace() or ch.isascii():
        return False
    return unicodedata.category(ch) in {"So", "Sm", "Sk", "Co", "Cn", "Po", "No"}


class _Outline(_Fields):
    """Headings and sections: which activity each field belongs to."""

    # ----------------------------------------------------------------- glyphs
    def find_glyphs(self, body: int, labels: list[re.Match[str]]) -> set[str]:
        """Bullet glyphs of this document (see the module docstring for the rules)."""
        s = self.s
        glyphs = {c for c in set(_MAYBE_SYMBOL.findall(s, body)) if _is_symbol(c)}
        outside: list[str] = []  # the body's text outside descriptions
        pos = body
        starts: dict[str, int] = {}
        for i, m in enumerate(labels):
            end = labels[i + 1].start() if i + 1 < len(labels) else len(s)
            if FIELDS[m["label"]] == "description":
                if m.end() > pos:
                    outside.append(s[pos : m.end()])
                pos = max(pos, end)
            elif FIELDS[m["label"]] == "reports":
                last = _last_match(REPORT, s, m.end(), end)
                if last is not None and last.end() < end:
                    ch = s[last.end()]
                    starts[ch] = starts.get(ch, 0) + 1
        outside.append(s[pos:])
        # a character is counted only where a rule asks (str.count), not the whole text
        for ch, n in starts.items():
            if n >= 2 and textmod._HAN.match(ch) and s.count(ch) == n:
                glyphs.add(ch)
        rest = "".join(outside)
        for ch in rare_han(rest):
            if rest.count(ch) == s.count(ch):
                glyphs.add(ch)
        return glyphs

    def markers(self, a: int, b: int) -> list[tuple[int, int, str, str]]:
        """Heading markers in ``[a, b)``: (start, end, kind, mark); kind upper/lower/bullet.

        A letter marker needs the start of a name right after it (:data:`NAME_START`: a Han
        character, or Latin letters before one), inside the range; a bullet is one glyph.
        All of them are found once in the whole text (a match cannot overlap
        another, and the look-behind sees before ``a`` either way) and picked by range."""
        if self._marks_for is not self.glyph_re or self._marks is None:
            self._marks = self._all_markers()
            self._marks_for = self.glyph_re
            self._mark_starts = [m[0] for m in self._marks]
        found: list[tuple[int, int, str, str]] = []
        marks = self._marks
        for k in range(bisect_left(self._mark_starts, a), len(marks)):
            mark = marks[k]
            if mark[0] >= b:
                break
            # a letter's Han character (at its end) and a bullet glyph must be inside
            if mark[1] < b or (mark[2] == "bullet" and mark[1] <= b):
                found.append(mark)
        return found

    def _all_markers(self) -> list[tuple[int, int, str, str]]:
        s = self.s
        found: list[tuple[int, int, str, str]] = []
        for m in UPPER_MARK.finditer(s):
            if NAME_START.match(s, m.end()):
                found.append((m.start(), m.end(), "upper", m["mark"]))
        for m in LOWER_MARK.finditer(s):
            if NAME_START.match(s, m.end()):
                found.append((m.start(), m.end(), "lower", m["mark"]))
        if self.glyph_re is not None:
            for m in self.glyph_re.finditer(s):
                found.append((m.start(), m.end(), "bullet", m.group()))
        return sorted(found)

    # ----------------------------------------------------------------- activities
    def add_activity(
        self, a: int, b: int, head: int, kind: str, code: str | None, parent: _Act | None
    ) -> _Act:
        self.check_name(a, b)
        name = self.s[a:b]
        aid = f"activity:{name}"
        if aid in self.ids:
            # the same name twice: the code tells them apart, or a count if the code is
            # taken too (ids are unique, or the model's tree would repeat subtrees)
            other = f"{aid}#{code}"
            while other in self.ids:
                n = self.repeats[other] = self.repeats.get(other, 1) + 1
                other = f"{aid}#{code}-{n}"
            self.warn(a, f"two activities named {name!r}: the second is {other}")
            aid = other
        act = _Act(
            id=aid,
            code=code,
            name=name,
            name_original=self.ct.text[a:b],
            kind=kind,
            parent=parent.id if parent else None,
            prov=self.prov(head, b),
        )
        self.acts.append(act)
        self.ids.add(aid)
        self.by_name.setdefault(name, act)
        self.name_lengths.add(len(name))
        return act

    # ----------------------------------------------------------------- sections
    def section_without_area(self, a: int, b: int) -> None:
        """Activities of a document that has no numbered area sections."""
        self.section(None, a, b)

    def section(self, area: _Act | None, a: int, b: int) -> None:
        """Parse one area's section ``[a, b)`` (``a`` is right after the area's name)."""
        labels = list(FIELD_LABEL.finditer(self.s, a, b))
        self.unknown_labels(a, b, labels)
        state = _Levels(area)
        first = labels[0].start() if labels else b
        marks = self.markers(a, first)
        if area is not None:
            self.preamble(area, a, marks[0][0] if marks else first)
        seg = (marks[0][0], first) if marks else (first, first)
        current: _Act | None = None
        for i, m in enumerate(labels):
            nxt = labels[i + 1].start() if i + 1 < len(labels) else b
            current = self.heading(state, seg[0], seg[1], FIELDS[m["label"]], current)
            value_end, tail = self.split_value(
                m, nxt, labels[i + 1] if i + 1 < len(labels) else None, current
            )
            if current is None:
                self.warn(
                    m.start(),
                    f"field {m['label']!r} before any activity heading: ignored",
                    UNPLACED,
                    value_end - m.start(),
                )
            else:
                self.field(current, m, value_end)
            seg = (tail, nxt)
        if labels and seg[1] > seg[0]:
            self.heading(state, seg[0], seg[1], None, current)

    def unknown_labels(self, a: int, b: int, labels: list[re.Match[str]]) -> None:
        """Warn about a colon that does not end a known field label."""
        known = {m.end() - 1 for m in labels}
        known |= {m.end() - 1 for m in VALUE_LABEL.finditer(self.s, a, b)}  # 其他监控人:
        i = self.s.find(":", a, b)
        while i >= 0:
            if i not in known:
                lo = i
                while lo > max(a, i - 8) and self.s[lo - 1] not in EDGE_PUNCT:
                    lo -= 1
                self.warn(i, f"unknown field label {self.ct.text[lo : i + 1]!r}: read as text")
            i = self.s.find(":", i + 1, b)

    def preamble(self, area: _Act, a: int, b: int) -> None:
        """The text between an area heading and its first activity: the rest of the section
        title and figure placeholders (``工作1)…业务组成图1)1)2)…业务组成描述``)."""
        name = re.escape(area.name)
        allowed = re.compile(
            rf"(?:{name})?(?:工作|业务)*(?:组成|结构|流程|模型)?(?:图\d*|描述|说明)?"
        )
        for x, y in self.pieces(a, b, FIGURE_PART):
            if not allowed.fullmatch(self.s[x:y]):
                self.warn(
                    x,
                    f"unplaced text before the first activity: {self.ct.text[x:y]!r}",
                    UNPLACED,
                    y - x,
                )

    def split_value(
        self, m: re.Match[str], b: int, nxt: re.Match[str] | None, current: _Act | None
    ) -> tuple[int, int]:
        """Where a field's value ends and the next heading text starts."""
        a = m.end()
        kind = FIELDS[m["label"]]
        if kind == "reports":
            last = _last_match(REPORT, self.s, a, b)
            if last is not None:
                return last.end(), last.end()
        marks = self.markers(a, b)
        if marks:
            return marks[0][0], marks[0][0]
        # The name of an earlier activity right before the next label states that
        # activity's field (a parent's, after its sub-items): ``…客户拜访报告`` /
        # ``客户关系改进业务输出:`` (not for a description: a new activity starts there; not
        # an area's name, which a value may end with: ``按计划组织生产`` / ``管理者:``).
        if nxt is not None and FIELDS[nxt["label"]] != "description":
            # longest name first; looked up by length, not by scanning every name
            if len(self._lengths_desc) != len(self.name_lengths):  # a length was added
                self._lengths_desc = sorted(self.name_lengths, reverse=True)
            for n in self._lengths_desc:
                act = self.by_name.get(self.s[b - n : b]) if b - n > a else None
                if act is not None and act.kind != "area" and act is not current:
                    return b - n, b - n
        return b, b

    def heading(
        self, st: _Levels, a: int, b: int, next_field: str | None, current: _Act | None
    ) -> _Act | None:
        """Headings in ``[a, b)``; returns the activity the next field belongs to."""
        a, b = self.trim(a, b)
        if a >= b:
            return current
        marks = self.markers(a, b)
        lead_end = marks[0][0] if marks else b
        x, y = self.trim(a, lead_end)
        if y > x:
            name = self.s[x:y]
            if name in self.by_name and next_field not in (None, "description") and not marks:
                return self.by_name[name]
            if (
                next_field == "description"
                and not marks
                and (st.last == "bullet" or not (self.s[x].isalnum() or self.s[x] in "(["))
                and y - x >= 3
                and name not in self.by_name
                and not self.s[x].isascii()
            ):
                # A bullet by position: one character where a sibling item's heading starts,
                # after the previous sibling bullet's fields, is a bullet whatever it is (a
                # name never starts with a symbol or punctuation: that is a bullet anywhere).
                self.position_glyphs.add(self.s[x])
                act = self.add_activity(x + 1, y, x + 1, "activity", *st.bullet())
                st.opened("bullet", act)
                return act
            if next_field == "description" and not marks:
                self.warn(x, f"heading without a marker: {self.ct.text[x:y]!r}")
                return self.add_activity(x, y, x, "activity", *st.bullet())
            self.warn(x, f"unplaced text: {self.ct.text[x:y]!r}", UNPLACED, y - x)
        for k, (m0, m1, kind, mark) in enumerate(marks):
            end = marks[k + 1][0] if k + 1 < len(marks) else b
            x, y = self.trim(m1, end)
            if y <= x:
                self.warn(m0, f"heading {self.ct.text[m0:m1]!r} without a name")
                continue
            if kind == "upper":
                code, parent = st.upper(mark, self, m0)
            elif kind == "lower":
                code, parent = st.lower(mark, self, m0)
            else:
                code, parent = st.bullet()
            act = self.add_activity(x, y, m0 if kind != "bullet" else x, "activity", code, parent)
            st.opened(kind, act)
            current = act
        return current


class _Levels:
    """Which headings are open in a section, and the codes of new ones.

    ``A.`` opens an activity under the area, ``a.`` a sub-activity under the last ``A.``, and
    a bullet a sub-item under the last lettered heading (bullets are one level whatever their
    glyph).  Codes: ``2.A``, ``3.B.a``, ``2.D.1``, ``3.B.a.2``.
    """

    def __init__(self, area: _Act | None) -> None:
        self.area = area
        self.up: _Act | None = None
        self.low: _Act | None = None
        self.bullets: dict[str | None, int] = {}
        #: the kind of the last heading opened (a bullet's sibling is bulleted too)
        self.last: str | None = None

    @staticmethod
    def _code(parent: _Act | None, mark: str) -> str:
        return f"{parent.code}.{mark}" if parent is not None and parent.code else mark

    def upper(self, mark: str, parser: _State, at: int) -> tuple[str, _Act | None]:
        expected = _next_letter(self.up.code if self.up else None, upper=True)
        if mark != expected:
            parser.warn(at, f"activity {mark}. follows {self.up.code if self.up else 'none'}")
        return self._code(self.area, mark), self.area

    def lower(self, mark: str, parser: _State, at: int) -> tuple[str, _Act | None]:
        parent = self.up or self.area
        if self.up is None:
            parser.warn(at, f"sub-activity {mark}. outside a lettered activity")
        return self._code(parent, mark), parent

    def bullet(self) -> tuple[str, _Act | None]:
        parent = self.low or self.up or self.area
        key = parent.id if parent else None
        self.bullets[key] = self.bullets.get(key, 0) + 1
        return self._code(parent, str(self.bullets[key])), parent

    def opened(self, kind: str, act: _Act) -> None:
        self.last = kind
        if kind == "upper":
            self.up, self.low = act, None
        elif kind == "lower":
            self.low = act


def _next_letter(code: str | None, upper: bool) -> str:
    letters = SECTION_LETTERS if upper else SECTION_LETTERS.lower()
    if not code:
        return letters[0]
    last = code.rsplit(".", 1)[-1]
    i = letters.find(last)
    return letters[i + 1] if 0 <= i < len(letters) - 1 else letters[0]
