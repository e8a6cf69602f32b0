"""The overview and membership statements: the prose before the first area section.

The overview names the business areas (``…分为四大业务:客户关系,市场,销售和服务``); the
announced count, when there is one, decides whether a ``和``/``及`` in the last item joins
two areas.  The prose around it may state which department a role belongs to
(``客户经理直接归属办事处管理``); a sentence that states nothing the model holds is a
warning, so no prose is dropped silently.  A clause without a subject takes its sentence's:
``X对外代表公司组织实施交付,直接归属Y管理`` states that X belongs to Y (X is a role the
document names elsewhere, at the start of the sentence).
"""

from __future__ import annotations

import re

from loaders.document.fields import CONJUNCTION, OUTPUT_SEP, PEOPLE_SEP
from loaders.document.naming import _Naming
from loaders.document.state import UNPLACED
from loaders.text import LOST

#: The overview that names the areas: ``分为四大业务:客户关系,市场,销售和服务``; the list
#: ends at the next numbered item, a 一、 heading, or the end of the sentence.
OVERVIEW = re.compile(
    r"分为(?P<count>[0-9一二两三四五六七八九十]{1,3})?(?:大|个|类|项)?"
    r"(?:业务|部分|领域|方面|板块|模块|类)?:"
    r"(?P<list>.+?)(?=\d+(?:\.\d+)*\.|[一二三四五六七八九十]+、|[。;?]|$)"
)
#: A membership statement: ``客户经理直接归属办事处管理``.
MEMBERSHIP = re.compile(
    r"^(?P<roles>.*?)(?:直接|均|都|全部|并|且|也|同时)?(?:归属于?|隶属于?|属于)(?P<dept>.+?)"
    r"(?:管理|领导|管辖)?$"
)
#: A paragraph's numbering: ``1.1.``.
NUMBERING = re.compile(r"[\d.]*")
#: What ends a sentence (a clause ends at a comma too).
SENTENCE_END = "。;?"


class _Overview(_Naming):
    """The areas named by the overview; the roles' departments stated in prose."""

    # ----------------------------------------------------------------- areas
    def overview(self, start: int) -> tuple[list[tuple[int, int]], int]:
        """The areas named by the overview (index ranges) and where the overview ends."""
        m = OVERVIEW.search(self.s, start)
        if not m:
            return [], start
        a, b = m.span("list")
        items = self.pieces(a, b, OUTPUT_SEP)
        count = _numeral(m["count"]) if m["count"] else None
        if items and (count is None or len(items) < count):
            last = self.pieces(*items[-1], CONJUNCTION)
            if count is None or len(items) - 1 + len(last) == count:
                items = items[:-1] + last
        if count is not None and len(items) != count:
            self.warn(a, f"the overview announces {count} areas but lists {len(items)}")
        return items, m.end()

    # ----------------------------------------------------------------- membership
    def memberships(self, a: int, b: int) -> None:
        """Membership statements in the prose ``[a, b)``: ``X直接归属Y管理``."""
        known = sorted((e.name for e in self.roles.values()), key=len, reverse=True)
        unread: list[tuple[int, int]] = []  # runs of prose that state nothing we model
        subject: tuple[int, int] | None = None  # where the role a sentence is about is named
        pos = a
        for x, y in self.pieces(a, b, re.compile(f"[。;,?{LOST}]")):
            if any(c in SENTENCE_END for c in self.s[pos:x]):
                subject = None  # a new sentence
            pos = y
            m = MEMBERSHIP.match(self.s[x:y])
            if m is None or m["roles"]:
                # the subject of a sentence: a role named at its start (after a numbering)
                at = x + len(NUMBERING.match(self.s, x, y)[0])  # type: ignore[index]
                lead = next((k for k in known if self.s.startswith(k, at, y)), None)
                if lead is not None:
                    subject = (at, at + len(lead))
            if m is not None and not m["roles"] and subject is not None:
                # a clause without a subject: ``X对外代表公司…,直接归属Y管理``
                self.carried(*subject, x, y, m)
                continue
            if not m or not m["roles"]:
                if unread and not self.s[unread[-1][1] : x].strip("。;,? " + LOST):
                    unread[-1] = (unread[-1][0], y)  # the same sentence goes on
                else:
                    unread.append((x, y))
                continue
            da, db = self.trim(x + m.start("dept"), x + m.end("dept"))
            for ra, rb in self.pieces(x + m.start("roles"), x + m.end("roles"), PEOPLE_SEP):
                # A role the document names elsewhere, at the end of the subject.
                name = next((k for k in known if self.s.endswith(k, ra, rb)), None)
                if name is not None:
                    ra = rb - len(name)
                elif rb - ra > 8:
                    self.warn(ra, f"membership of an unknown role: {self.ct.text[ra:rb]!r}")
                    continue
                p = self.person(ra, rb)
                if p is not None and p[0] == "role":
                    self.assign(p[1], self.department(da, db), (x, y))
        for x, y in unread:
            self.warn(x, f"prose not in the model: {self.ct.text[x:y]!r}", UNPLACED, y - x)

    def carried(self, sa: int, sb: int, x: int, y: int, m: re.Match[str]) -> None:
        """A membership clause whose subject is the sentence's (the role named at ``[sa, sb)``)."""
        role = self.entity(self.roles, "role", sa, sb)  # a mention, like any other
        da, db = self.trim(x + m.start("dept"), x + m.end("dept"))
        self.assign(role, self.department(da, db), (x, y))


def _numeral(text: str) -> int | None:
    """A small number written in digits or Chinese numerals (一 … 九十九)."""
    if text.isdigit():
        return int(text)
    digits = {
        "一": 1,
        "二": 2,
        "两": 2,
        "三": 3,
        "四": 4,
        "五": 5,
        "六": 6,
        "七": 7,
        "八": 8,
        "九": 9,
    }
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (digits.get(tens, 1) if tens else 1) * 10 + (digits.get(ones, 0) if ones else 0)
    return digits.get(text)
