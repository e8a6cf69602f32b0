"""The document parser: raw text of a business-model document → :class:`kg.model.Model`.

A document of this family is a title block (issuer, signatory, title, version), an overview
that names the business areas (``…分为四大业务:客户关系,市场,销售和服务``), membership
statements (``客户经理直接归属办事处管理``), and one numbered section per detailed area
(``2.客户关系工作``).  A section holds lettered activities (``A.``), lower-case
sub-activities (``a.``) and bulleted sub-items, each followed by labelled fields
(``业务描述:`` ``业务输出:`` ``主要责任人:`` ``协助人:`` ``管理者:`` ``汇报关系:``).

The general rules (none names a string of a particular document):

* Parsing works on the clean text in Simplified script (:mod:`loaders.text`); names keep
  their original form too.  Ids come from the Simplified name: ``role:客户经理``.
* Field labels split the text.  A value ends where the next label starts, or earlier where
  the next heading starts: after the last ``…向…汇报`` clause of a report line, or at a
  heading marker (``A.``, ``a.``, a bullet glyph).  Text before a label that names an
  activity already seen (``客户关系改进业务输出:``) states that activity's field.
* Bullet glyphs are recognised by kind and position, not by a list: symbols and
  private-use characters (``•``, ``◆``, ````); Han characters that occur only where a
  heading starts (right after a report line, at least twice); and rare Han characters (not
  among the 6,763 common ones of GB 2312) that never occur inside a description.
* Lists of people split on ``,`` ``、`` ``;`` ``和`` ``及``.  Lists of outputs split on
  ``,`` ``、`` ``;`` only: ``和``/``及`` inside an output name coordinate words of one
  deliverable (``准确及时的市场信息``, ``客户关系改进策划及实施计划``) and splitting them
  would coin names with a guessed scope (``实施计划``) that then merge, by id, with unrelated
  outputs of other documents.  The one exception is the enumeration ``A、B和C``: when a list
  already uses ``、``, a ``和``/``及`` in its last item joins the last element.
* A name that ends in a department suffix (部, 处, 中心, 科, 室, …) is a department; a
  leading department (``办事处销售副主任``) names the role's department; a leading ``公司``
  is the company itself.  A prefix binds only the item it is written on.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import DocumentError
from kg.model import (
    Activity,
    Department,
    Model,
    Monitor,
    Output,
    Provenance,
    Report,
    Role,
    Source,
)
from loaders import text as textmod
from loaders.glossary import english
from loaders.text import LOST, CleanText

# --------------------------------------------------------------------------- patterns
#: A field label and its colon (Simplified, ASCII punctuation).  Longest alternatives first.
FIELD_LABEL = re.compile(
    r"(?P<label>业务描述|工作描述|业务输出|工作输出|主要责任人|责任人|协助人|协助者"
    r"|管理者|监控人|汇报关系|接口部门)\s?:"
)
#: Canonical field of each label.
FIELDS = {
    "业务描述": "description",
    "工作描述": "description",
    "业务输出": "outputs",
    "工作输出": "outputs",
    "主要责任人": "responsible",
    "责任人": "responsible",
    "协助人": "assists",
    "协助者": "assists",
    "管理者": "monitors",
    "监控人": "monitors",
    "汇报关系": "reports",
    "接口部门": "interface_departments",
}

#: Version in parentheses after the title: ``(Ver1.0)``, ``(V2.1)``, ``(版本1.0)``.
VERSION = re.compile(r"\((?P<version>(?:[Vv]er|V|v|版本)\s?\d+(?:\.\d+)*)\)")
#: The signatory label: ``签发人:``.
SIGNATORY_LABEL = re.compile(r"签发人?:")
#: The issuer: the title block's first words up to a company-type ending.
ISSUER = re.compile(r"^(?P<issuer>.{2,40}?(?:有限公司|有限责任公司|集团|公司))")
#: The purpose chapter of the front matter: ``一、目的:…`` up to the next ``二、`` chapter.
PURPOSE = re.compile(
    r"[一二三四五六七八九十]+、(?:目的|宗旨)\s*:?\s*(?P<text>.+?)\s*(?=[一二三四五六七八九十]+、|$)"
)
#: The overview that names the areas: ``分为四大业务:客户关系,市场,销售和服务``; the list
#: ends at the next numbered item, a 一、 heading, or the end of the sentence.
OVERVIEW = re.compile(
    r"分为(?P<count>[0-9一二两三四五六七八九十]{1,3})?(?:大|个|类|项)?"
    r"(?:业务|部分|领域|方面|板块|模块|类)?:"
    r"(?P<list>.+?)(?=\d+(?:\.\d+)*\.|[一二三四五六七八九十]+、|[。;?]|$)"
)
#: An upper-case activity marker ``A.`` / a lower-case one ``a.``, before a non-digit.
UPPER_MARK = re.compile(r"(?<![A-Za-z0-9])(?P<mark>[A-Z])\.(?=[^\d.])")
LOWER_MARK = re.compile(r"(?<![A-Za-z0-9])(?P<mark>[a-z])\.(?=[^\d.])")
#: One report clause: ``客户经理向办事处主任、行政助理汇报``.
REPORT = re.compile(r"(?P<from>[^,;:。向]+?)向(?P<to>[^,;:。]+?)汇报")
#: Monitor clauses: ``第一监控人为X`` and ``其他监控人为Y和Z``.
MONITOR_FIRST = re.compile(r"第一监控人(?:为|是|:)?(?P<list>[^,;。]+)")
MONITOR_OTHER = re.compile(r"其他监控人(?:为|是|:)?(?P<list>[^;。]+)")
#: An interface-department clause inside a description: ``,接口部门为公司客户代表管理部``.
INTERFACE = re.compile(r"[,;]?接口部门(?:为|是|:)(?P<list>[^,;。]+)")
#: A membership statement: ``客户经理直接归属办事处管理``.
MEMBERSHIP = re.compile(
    r"^(?P<roles>.+?)(?:直接|均|都|全部)?(?:归属于?|隶属于?|属于)(?P<dept>.+?)"
    r"(?:管理|领导|管辖)?$"
)
#: Separators of a list of people; of a list of outputs.
PEOPLE_SEP = re.compile(r"[,、;]|和|及")
OUTPUT_SEP = re.compile(r"[,、;]")
CONJUNCTION = re.compile(r"和|及")
#: Figure placeholders and composition headings before a section's first activity:
#: ``1)客户关系工作业务组成图1)1)2)客户关系工作业务组成描述``.
FIGURE_PART = re.compile(r"\d+\)")

#: Words that mean "nobody".
NONE_WORDS = {"无", "没有", "暂无", "空", "-", "/", "不适用"}
#: Endings of department names (longest first).
DEPT_SUFFIXES = (
    "委员会",
    "办公室",
    "事业部",
    "代表处",
    "办事处",
    "中心",
    "部",
    "处",
    "科",
    "室",
    "局",
    "厅",
    "所",
    "院",
    "站",
    "组",
    "队",
)
#: Ways to name the company itself in front of a role.
COMPANY_PREFIXES = ("本公司", "我公司", "公司", "我司")
#: Punctuation stripped from the ends of names and values.
EDGE_PUNCT = ",、;:。.!()[] " + LOST
#: Punctuation that is normal text, not a bullet.
NORMAL_PUNCT = set(".,:;!?()[]{}<>\"'-_/\\、。【】《》〈〉「」『』“”‘’…—～~%&*+=#@$^`|·")
SECTION_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _gb2312_common(ch: str) -> bool:
    """Whether a character (in Simplified) is among the common characters of GB 2312."""
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _is_symbol(ch: str) -> bool:
    """A symbol or private-use character used as a bullet (``•``, ``◆``, ``①``, ````)."""
    if ch in NORMAL_PUNCT or ch.isspace() or ch.isascii():
        return False
    return unicodedata.category(ch) in {"So", "Sm", "Sk", "Co", "Cn", "Po", "No"}


# --------------------------------------------------------------------------- results
@dataclass(frozen=True)
class DocumentWarning:
    """Something the parser could not understand or had to guess, and the page it is on."""

    page: int
    message: str

    def __str__(self) -> str:
        return f"page {self.page}: {self.message}"


@dataclass
class Extraction:
    """The extracted model, the warnings, and the names the glossary cannot translate."""

    model: Model
    warnings: list[DocumentWarning] = field(default_factory=list)
    untranslated: list[str] = field(default_factory=list)


@dataclass
class _Act:
    """An activity while it is being built (fields are filled as the text goes on)."""

    id: str
    code: str | None
    name: str
    name_original: str
    kind: str
    parent: str | None
    prov: Provenance
    description: str | None = None
    outputs: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    assists: list[str] = field(default_factory=list)
    monitors: list[tuple[str, str]] = field(default_factory=list)
    reports: list[tuple[str, str]] = field(default_factory=list)
    interface: list[str] = field(default_factory=list)
    evidence: dict[str, Provenance] = field(default_factory=dict)


@dataclass
class _Entity:
    """A role, department or output: names, first mention, and (roles) the department."""

    id: str
    name: str
    name_original: str
    prov: Provenance
    department: str | None = None
    #: (roles) where the department was stated: a membership statement or a prefixed name
    membership: Provenance | None = None


# --------------------------------------------------------------------------- the parser
class _Parser:
    """One pass over a clean text; collects entities, activities and warnings."""

    def __init__(self, ct: CleanText) -> None:
        self.ct = ct
        self.s = ct.simple
        self.warnings: list[DocumentWarning] = []
        self.roles: dict[str, _Entity] = {}
        self.depts: dict[str, _Entity] = {}
        self.outputs: dict[str, _Entity] = {}
        self.acts: list[_Act] = []
        self.by_name: dict[str, _Act] = {}
        self.glyphs: set[str] = set()
        self.glyph_re: re.Pattern[str] | None = None
        self.ids: set[str] = set()
        self.title_simple = ""

    # ----------------------------------------------------------------- helpers
    def warn(self, index: int, message: str) -> None:
        self.warnings.append(DocumentWarning(self.ct.page_at(index), message))

    def prov(self, a: int, b: int) -> Provenance:
        sp = self.ct.span(a, b)
        return Provenance(page=sp.page, start=sp.start, end=sp.end, text=sp.text)

    def trim(self, a: int, b: int) -> tuple[int, int]:
        """Shrink ``[a, b)`` past punctuation at both ends."""
        while a < b and self.s[a] in EDGE_PUNCT:
            a += 1
        while b > a and self.s[b - 1] in EDGE_PUNCT:
            b -= 1
        return a, b

    def pieces(self, a: int, b: int, sep: re.Pattern[str]) -> list[tuple[int, int]]:
        """Split ``[a, b)`` on ``sep``; trimmed, non-empty pieces."""
        out: list[tuple[int, int]] = []
        pos = a
        for m in sep.finditer(self.s, a, b):
            out.append(self.trim(pos, m.start()))
            pos = m.end()
        out.append(self.trim(pos, b))
        return [(x, y) for x, y in out if y > x]

    # ----------------------------------------------------------------- entities
    def entity(self, table: dict[str, _Entity], prefix: str, a: int, b: int) -> str:
        name = self.s[a:b]
        key = f"{prefix}:{name}"
        known = table.get(key)
        if known is None:
            table[key] = _Entity(key, name, self.ct.text[a:b], self.prov(a, b))
        elif self.ct.starts[a] < known.prov.start:  # keep the first mention in the text
            known.name_original, known.prov = self.ct.text[a:b], self.prov(a, b)
        return key

    def department(self, a: int, b: int) -> str:
        return self.entity(self.depts, "dept", a, b)

    def person(self, a: int, b: int) -> tuple[str, str] | None:
        """A role or department named in ``[a, b)``: ``("role"|"dept", id)`` or ``None``."""
        a, b = self.trim(a, b)
        start, name = a, self.s[a:b]
        if not name or name in NONE_WORDS:
            return None
        if name.endswith(DEPT_SUFFIXES):
            return "dept", self.department(a, b)
        dept: str | None = None
        for cut in range(b - 2, a + 1, -1):  # longest department prefix, role of ≥ 2 chars
            if self.s[a:cut].endswith(DEPT_SUFFIXES):
                dept = self.department(a, cut)
                a = cut
                break
        else:
            for company in COMPANY_PREFIXES:
                if name.startswith(company) and len(name) - len(company) >= 2:
                    a += len(company)
                    break
        role = self.entity(self.roles, "role", a, b)
        if dept is not None:
            self.assign(role, dept, (start, b))
        return "role", role

    def assign(self, role: str, dept: str, span: tuple[int, int]) -> None:
        """Record that ``role`` belongs to ``dept``, stated at ``span`` (a conflict is a warning)."""
        entity = self.roles[role]
        if entity.department is None:
            entity.department, entity.membership = dept, self.prov(*span)
        elif entity.department != dept:
            self.warn(
                span[0], f"{role} is stated in {entity.department} and in {dept}; kept {entity.department}"
            )

    def people(self, a: int, b: int) -> list[tuple[str, str]]:
        out = []
        for x, y in self.pieces(a, b, PEOPLE_SEP):
            p = self.person(x, y)
            if p is not None:
                out.append(p)
        return out

    # ----------------------------------------------------------------- front matter
    def front(self) -> tuple[Source, int]:
        """Title, version, issuer, signatory, purpose; and where the front matter ends."""
        s, t = self.s, self.ct.text
        title = version = issuer = signatory = None
        end = 0
        vm = VERSION.search(s)
        sm = SIGNATORY_LABEL.search(s, 0, vm.start() if vm else len(s))
        if vm:
            version, end = vm["version"], vm.end()
            a = sm.end() if sm else 0
            pre = s[a : vm.start()]
            # The title is the longest end of the text before the version that the document
            # repeats later (in its headings); what comes before it is the signatory.
            cut = next(
                (k for k in range(len(pre) - 4 + 1) if pre[k:] in s[vm.end() :]),
                None,
            )
            if cut is None:
                cut = 3 if sm else 0
                self.warn(a, "title not repeated in the text: its start is a guess")
            if sm:
                signatory = t[a : a + cut] or None
            title = t[a + cut : vm.start()] or None
            self.title_simple = s[a + cut : vm.start()]
        im = ISSUER.search(s, 0, sm.start() if sm else (vm.start() if vm else 0))
        if im:
            issuer = t[: im.end()]
        if title is None:
            self.title_simple = ""
            self.warn(0, "no title with a version like '(Ver1.0)' found")
        purpose = None
        pm = PURPOSE.search(s, end)
        if pm and not OVERVIEW.search(s, end, pm.start()):  # in the front matter only
            purpose = t[pm.start("text") : pm.end("text")] or None
        source = Source(
            id="-", title=title, version=version, issuer=issuer, signatory=signatory, purpose=purpose
        )
        return source, end

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

    # ----------------------------------------------------------------- glyphs
    def find_glyphs(self, body: int, labels: list[re.Match[str]]) -> set[str]:
        """Bullet glyphs of this document (see the module docstring for the rules)."""
        s = self.s
        glyphs = {c for c in set(s[body:]) if _is_symbol(c)}
        in_description = bytearray(len(s))
        starts: dict[str, int] = {}
        for i, m in enumerate(labels):
            end = labels[i + 1].start() if i + 1 < len(labels) else len(s)
            if FIELDS[m["label"]] == "description":
                in_description[m.end() : end] = b"\x01" * (end - m.end())
            elif FIELDS[m["label"]] == "reports":
                last = _last_match(REPORT, s, m.end(), end)
                if last is not None and last.end() < end:
                    ch = s[last.end()]
                    starts[ch] = starts.get(ch, 0) + 1
        counts = Counter(s)
        for ch, n in starts.items():
            if textmod._HAN.match(ch) and n >= 2 and counts[ch] == n:
                glyphs.add(ch)
        outside = Counter(c for i, c in enumerate(s[body:], body) if not in_description[i])
        for ch, n in outside.items():
            if n == counts[ch] and textmod._HAN.match(ch) and not _gb2312_common(ch):
                glyphs.add(ch)
        return glyphs

    def markers(self, a: int, b: int) -> list[tuple[int, int, str, str]]:
        """Heading markers in ``[a, b)``: (start, end, kind, mark); kind upper/lower/bullet."""
        found: list[tuple[int, int, str, str]] = []
        for m in UPPER_MARK.finditer(self.s, a, b):
            if m.end() < b and textmod._HAN.match(self.s[m.end()]):
                found.append((m.start(), m.end(), "upper", m["mark"]))
        for m in LOWER_MARK.finditer(self.s, a, b):
            if m.end() < b and textmod._HAN.match(self.s[m.end()]):
                found.append((m.start(), m.end(), "lower", m["mark"]))
        if self.glyph_re is not None:
            for m in self.glyph_re.finditer(self.s, a, b):
                found.append((m.start(), m.end(), "bullet", m.group()))
        return sorted(found)

    # ----------------------------------------------------------------- activities
    def add_activity(
        self, a: int, b: int, head: int, kind: str, code: str | None, parent: _Act | None
    ) -> _Act:
        name = self.s[a:b]
        aid = f"activity:{name}"
        if aid in self.ids:
            self.warn(a, f"two activities named {name!r}: the second is {aid}#{code}")
            aid = f"{aid}#{code}"
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
                self.warn(m.start(), f"field {m['label']!r} before any activity heading: ignored")
            else:
                self.field(current, m, value_end)
            seg = (tail, nxt)
        if labels and seg[1] > seg[0]:
            self.heading(state, seg[0], seg[1], None, current)

    def unknown_labels(self, a: int, b: int, labels: list[re.Match[str]]) -> None:
        """Warn about a colon that does not end a known field label."""
        known = {m.end() - 1 for m in labels}
        for i in range(a, b):
            if self.s[i] == ":" and i not in known:
                lo = i
                while lo > max(a, i - 8) and self.s[lo - 1] not in EDGE_PUNCT:
                    lo -= 1
                self.warn(i, f"unknown field label {self.ct.text[lo : i + 1]!r}: read as text")

    def preamble(self, area: _Act, a: int, b: int) -> None:
        """The text between an area heading and its first activity: the rest of the section
        title and figure placeholders (``工作1)…业务组成图1)1)2)…业务组成描述``)."""
        name = re.escape(area.name)
        allowed = re.compile(
            rf"(?:{name})?(?:工作|业务)*(?:组成|结构|流程|模型)?(?:图\d*|描述|说明)?"
        )
        for x, y in self.pieces(a, b, FIGURE_PART):
            if not allowed.fullmatch(self.s[x:y]):
                self.warn(x, f"unplaced text before the first activity: {self.ct.text[x:y]!r}")

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
        # A name of an earlier activity right before the next label states that activity's
        # field: ``…客户拜访报告`` / ``客户关系改进业务输出:`` (not for a description: a
        # new activity starts there).
        if nxt is not None and FIELDS[nxt["label"]] != "description":
            for name, act in sorted(self.by_name.items(), key=lambda kv: -len(kv[0])):
                if act is not current and self.s.endswith(name, a, b) and b - len(name) > a:
                    return b - len(name), b - len(name)
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
            if next_field == "description" and not marks:
                self.warn(x, f"heading without a marker: {self.ct.text[x:y]!r}")
                return self.add_activity(x, y, x, "activity", *st.bullet(self.by_id))
            self.warn(x, f"unplaced text: {self.ct.text[x:y]!r}")
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
                code, parent = st.bullet(self.by_id)
            act = self.add_activity(x, y, m0 if kind != "bullet" else x, "activity", code, parent)
            st.opened(kind, act)
            current = act
        return current

    @property
    def by_id(self) -> dict[str, _Act]:
        return {x.id: x for x in self.acts}

    # ----------------------------------------------------------------- fields
    def field(self, act: _Act, m: re.Match[str], b: int) -> None:
        kind = FIELDS[m["label"]]
        a = m.end()
        va, vb = self.trim(a, b)
        if vb <= va:
            self.warn(m.start(), f"empty field {self.ct.text[m.start() : m.end()]!r} in {act.id}")
            return
        evidence = self.prov(m.start(), vb)
        if kind in act.evidence:
            self.warn(m.start(), f"{act.id}: a second {m['label']!r} statement: kept both")
        if kind == "description":
            self.description(act, va, vb)
        elif kind == "outputs":
            for x, y in self.output_items(va, vb):
                oid = self.entity(self.outputs, "output", x, y)
                if oid not in act.outputs:
                    act.outputs.append(oid)
        elif kind in ("responsible", "assists"):
            target = act.responsible if kind == "responsible" else act.assists
            for k, pid in self.people(va, vb):
                if k != "role":
                    self.warn(va, f"{act.id}: {pid} is a department, not a role: ignored")
                elif pid not in target:
                    target.append(pid)
        elif kind == "monitors":
            self.monitors(act, va, vb)
        elif kind == "reports":
            self.reports(act, va, vb)
        elif kind == "interface_departments":
            self.interfaces(act, va, vb)
        act.evidence.setdefault(kind, evidence)

    def output_items(self, a: int, b: int) -> list[tuple[int, int]]:
        items = self.pieces(a, b, OUTPUT_SEP)
        if len(items) > 1 and "、" in self.s[a:b]:
            items = items[:-1] + self.pieces(*items[-1], CONJUNCTION)
        return items

    def description(self, act: _Act, a: int, b: int) -> None:
        keep: list[str] = []
        pos = a
        for m in INTERFACE.finditer(self.s, a, b):
            keep.append(self.s[pos : m.start()])
            pos = m.end()
            self.interfaces(act, *m.span("list"))
            act.evidence.setdefault("interface_departments", self.prov(*self.trim(*m.span())))
        keep.append(self.s[pos:b])
        text = "".join(keep).strip(EDGE_PUNCT)
        act.description = text or None

    def interfaces(self, act: _Act, a: int, b: int) -> None:
        for x, y in self.pieces(a, b, PEOPLE_SEP):
            did = self.department(x, y)
            if did not in act.interface:
                act.interface.append(did)

    def monitors(self, act: _Act, a: int, b: int) -> None:
        first = MONITOR_FIRST.search(self.s, a, b)
        other = MONITOR_OTHER.search(self.s, a, b)
        if first is None and other is None:
            self.warn(a, f"{act.id}: monitors without ranks: {self.ct.text[a:b]!r} read as first")
            found = [(p, "first") for p in self.people(a, b)]
        else:
            found = []
            covered = []
            for m, rank in ((first, "first"), (other, "other")):
                if m is not None:
                    found += [(p, rank) for p in self.people(*m.span("list"))]
                    covered.append(m.span())
            rest = self.s[a:b]
            for x, y in sorted(covered, reverse=True):
                rest = rest[: x - a] + rest[y - a :]
            if rest.strip(EDGE_PUNCT):
                self.warn(a, f"{act.id}: unplaced text in the monitors: {rest!r}")
        for (_, pid), rank in found:
            if all(pid != m for m, _ in act.monitors):
                act.monitors.append((pid, rank))

    def reports(self, act: _Act, a: int, b: int) -> None:
        pos = a
        for m in REPORT.finditer(self.s, a, b):
            gap = self.s[pos : m.start()].strip(EDGE_PUNCT)
            if gap:
                self.warn(pos, f"{act.id}: unplaced text in the report lines: {gap!r}")
            pos = m.end()
            src = self.person(*m.span("from"))
            if src is None or src[0] != "role":
                self.warn(m.start(), f"{act.id}: a report line from a non-role: {m['from']!r}")
                continue
            for _, target in self.people(*m.span("to")):
                if (src[1], target) not in act.reports:
                    act.reports.append((src[1], target))
        gap = self.s[pos:b].strip(EDGE_PUNCT)
        if gap:
            self.warn(pos, f"{act.id}: unplaced text in the report lines: {gap!r}")

    # ----------------------------------------------------------------- membership
    def memberships(self, a: int, b: int) -> None:
        """Membership statements in the prose ``[a, b)``: ``X直接归属Y管理``."""
        known = sorted((e.name for e in self.roles.values()), key=len, reverse=True)
        unread: list[tuple[int, int]] = []  # runs of prose that state nothing we model
        for x, y in self.pieces(a, b, re.compile(f"[。;,?{LOST}]")):
            m = MEMBERSHIP.match(self.s[x:y])
            if not m:
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
            self.warn(x, f"prose not in the model: {self.ct.text[x:y]!r}")


def _last_match(pattern: re.Pattern[str], s: str, a: int, b: int) -> re.Match[str] | None:
    """The last match of ``pattern`` in ``s[a:b]``."""
    last = None
    for last in pattern.finditer(s, a, b):  # noqa: B007 - we want the final one
        pass
    return last


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

    @staticmethod
    def _code(parent: _Act | None, mark: str) -> str:
        return f"{parent.code}.{mark}" if parent is not None and parent.code else mark

    def upper(self, mark: str, parser: _Parser, at: int) -> tuple[str, _Act | None]:
        expected = _next_letter(self.up.code if self.up else None, upper=True)
        if mark != expected:
            parser.warn(at, f"activity {mark}. follows {self.up.code if self.up else 'none'}")
        return self._code(self.area, mark), self.area

    def lower(self, mark: str, parser: _Parser, at: int) -> tuple[str, _Act | None]:
        parent = self.up or self.area
        if self.up is None:
            parser.warn(at, f"sub-activity {mark}. outside a lettered activity")
        return self._code(parent, mark), parent

    def bullet(self, _acts: dict[str, _Act]) -> tuple[str, _Act | None]:
        parent = self.low or self.up or self.area
        key = parent.id if parent else None
        self.bullets[key] = self.bullets.get(key, 0) + 1
        return self._code(parent, str(self.bullets[key])), parent

    def opened(self, kind: str, act: _Act) -> None:
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


#: A section heading when there is no overview: ``3.市场工作`` before ``1)`` or ``A.``.
FALLBACK_SECTION = re.compile(
    r"(?<![\d.])(?P<num>\d+)\.(?P<name>[\u4e00-\u9fff]{2,12}?)(?:工作|业务)?(?=\d+\)|[A-Z]\.)"
)


def _parse(ct: CleanText) -> tuple[_Parser, Source]:
    """Parse a clean text into a :class:`_Parser` full of entities and activities."""
    p = _Parser(ct)
    s = ct.simple
    source, front_end = p.front()
    items, overview_end = p.overview(front_end)
    heads: list[tuple[int, int, _Act]] = []
    if items:
        for x, y in items:
            area = p.add_activity(x, y, x, "area", None, None)
            m = re.compile(rf"(?<![\d.])(?P<num>\d+)\.{re.escape(area.name)}").search(
                s, overview_end
            )
            if m:
                area.code = m["num"]
                area.prov = p.prov(m.start(), m.end())
                heads.append((m.start(), m.end(), area))
    else:
        p.warn(front_end, "no overview naming the business areas ('分为…:…')")
        for m in FALLBACK_SECTION.finditer(s, overview_end):
            area = p.add_activity(*m.span("name"), m.start(), "area", m["num"], None)
            heads.append((m.start(), m.end("name"), area))
    heads.sort(key=lambda h: h[0])
    body = heads[0][0] if heads else overview_end
    p.glyphs = p.find_glyphs(body, list(FIELD_LABEL.finditer(s, body)))
    if p.glyphs:
        p.glyph_re = re.compile("[" + "".join(re.escape(g) for g in sorted(p.glyphs)) + "]")
    if heads:
        for k, (_, h1, area) in enumerate(heads):
            p.section(area, h1, heads[k + 1][0] if k + 1 < len(heads) else len(s))
    elif FIELD_LABEL.search(s, overview_end):
        p.warn(overview_end, "no numbered area sections: activities read without an area")
        p.section_without_area(overview_end, len(s))
    p.memberships(overview_end, body)
    return p, source


def _model(p: _Parser, source: Source) -> Model:
    """Assemble the model: entities in order of first mention, activities by area."""

    def ordered(table: dict[str, _Entity]) -> list[_Entity]:
        return sorted(table.values(), key=lambda e: (e.prov.start, e.id))

    depts = [
        Department(
            id=e.id,
            name=e.name,
            name_original=e.name_original,
            name_en=english(e.name),
            provenance=e.prov,
            parent=None,
        )
        for e in ordered(p.depts)
    ]
    roles = [
        Role(
            id=e.id,
            name=e.name,
            name_original=e.name_original,
            name_en=english(e.name),
            provenance=e.prov,
            department=e.department,
            evidence={"department": e.membership} if e.membership else {},
        )
        for e in ordered(p.roles)
    ]
    outputs = [
        Output(
            id=e.id,
            name=e.name,
            name_original=e.name_original,
            name_en=english(e.name),
            provenance=e.prov,
        )
        for e in ordered(p.outputs)
    ]
    # areas in the overview's order, each followed by its activities in document order
    children: dict[str | None, list[_Act]] = {}
    for act in p.acts:
        children.setdefault(act.parent, []).append(act)
    acts: list[_Act] = []

    def walk(parent: str | None) -> None:
        for act in children.get(parent, []):
            acts.append(act)
            walk(act.id)

    walk(None)
    activities = [
        Activity(
            id=a.id,
            code=a.code,
            name=a.name,
            name_original=a.name_original,
            name_en=english(a.name),
            provenance=a.prov,
            kind=a.kind,  # type: ignore[arg-type]
            parent=a.parent,
            description=a.description,
            outputs=a.outputs,
            responsible=a.responsible,
            assists=a.assists,
            monitors=[Monitor(id=i, rank=r) for i, r in a.monitors],  # type: ignore[arg-type]
            reports=[Report(**{"from": f, "to": t}) for f, t in a.reports],
            interface_departments=a.interface,
            evidence=a.evidence,
        )
        for a in acts
    ]
    return Model(
        source=source, departments=depts, roles=roles, outputs=outputs, activities=activities
    )


# --------------------------------------------------------------------------- public API
def extract_text(
    text: str,
    *,
    path: str | None = None,
    source_id: str | None = None,
    sha256: str | None = None,
) -> Extraction:
    """Extract the model of a document given as text (pure: no I/O).

    Raises :class:`DocumentError` if the text holds no recognisable activity.
    """
    where = path or "document"
    if not text.strip():
        raise DocumentError(f"{where}: the document is empty")
    ct = textmod.clean(text)
    p, source = _parse(ct)
    repairs: list[textmod.Repair] = []
    if ct.garbled:
        vocabulary = [e.name_original for e in (*p.roles.values(), *p.depts.values())]
        fixed, repairs = textmod.repair(ct, vocabulary)
        p, source = _parse(fixed)
        ct = fixed
    if not any(a.kind == "activity" for a in p.acts):
        raise DocumentError(
            f"{where}: no recognisable activities (no headings like 'A.' followed by fields "
            "such as '业务描述:' or '主要责任人:')"
        )
    warnings = [DocumentWarning(page, msg) for page, msg in ct.warnings]
    for r in repairs:
        page = ct.page_at(r.start)
        fixed_text = r.replacement
        if r.unresolved:
            warnings.append(
                DocumentWarning(
                    page,
                    f"garbled text {r.garbled!r} repaired as {fixed_text!r}; "
                    f"{r.unresolved} character(s) could not be restored",
                )
            )
        else:
            warnings.append(
                DocumentWarning(page, f"garbled text {r.garbled!r} repaired as {fixed_text!r}")
            )
    warnings += p.warnings
    title = p.title_simple
    source.id = source_id or (
        f"doc:{title}"
        if title
        else f"doc:{Path(path).stem}"
        if path
        else f"doc:{hashlib.sha256(text.encode()).hexdigest()[:12]}"
    )
    source.path = path
    source.sha256 = sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest()
    model = _model(p, source)
    named = [*model.departments, *model.roles, *model.outputs, *model.activities]
    untranslated = sorted({x.name for x in named if x.name_en is None})
    return Extraction(model=model, warnings=warnings, untranslated=untranslated)


def decode_document(data: bytes, where: str) -> str:
    """Decode a document's bytes as UTF-8 (BOM allowed), or say clearly what it is."""
    if not data.strip():
        raise DocumentError(f"{where}: the document is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    sample = data[:4096]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if b"\x00" in sample or controls > len(sample) // 20:
        raise DocumentError(f"{where}: a binary file, not a text document")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        guess = legacy_encoding(data)
        if guess:
            raise DocumentError(
                f"{where}: not UTF-8; it looks like {guess}-encoded Chinese text. Convert it "
                f"with: iconv -f {guess} -t UTF-8 {where} > converted.txt"
            ) from None
        raise DocumentError(f"{where}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def legacy_encoding(data: bytes) -> str | None:
    """GBK or Big5, whichever decodes ``data`` into mostly Han characters."""
    best: tuple[float, str] | None = None
    for enc, label in (("gb18030", "GBK"), ("big5", "BIG5")):
        try:
            decoded = data.decode(enc)
        except UnicodeDecodeError:
            continue
        han = sum(1 for c in decoded if textmod._HAN.match(c))
        common = sum(
            1 for c in decoded if textmod._HAN.match(c) and _gb2312_common(textmod.to_simplified(c))
        )
        ratio = (han / max(1, len(decoded.strip()))) * (common / max(1, han))
        if ratio > 0.3 and (best is None or ratio > best[0]):
            best = (ratio, label)
    return best[1] if best else None


def extract_file(path: str | Path, *, source_id: str | None = None) -> Extraction:
    """Read a document file (UTF-8) and extract its model."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DocumentError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise DocumentError(f"{path}: is a directory, not a document") from None
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read ({exc.strerror})") from None
    text = decode_document(data, str(path))
    return extract_text(
        text, path=str(path), source_id=source_id, sha256=hashlib.sha256(data).hexdigest()
    )
