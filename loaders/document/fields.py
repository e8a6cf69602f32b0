"""Activity fields and the grammar of their values.

Labelled fields follow an activity's heading: 业务描述 (description), 业务输出 (outputs),
主要责任人 (responsible), 协助人 (assists), 管理者 (first and other monitors), 汇报关系
(report lines) and 接口部门 (interface departments), in either script and with their
common synonyms (:data:`FIELDS`: 工作描述/活动描述/描述, 输出/输出成果/交付件,
负责人/责任角色, 配合人/参与人, 监控人/监督人, 汇报).  Colons and semicolons are read in
any width (:func:`loaders.text.fold_width` folds full-width, small-form and ``∶``).  Where
a value ends is decided by the outline (:meth:`loaders.document.outline._Outline.split_value`);
this module reads the value.

* Lists of people split on ``,`` ``、`` ``;`` ``和`` ``及``.  Lists of outputs split on
  ``,`` ``、`` ``;`` only: ``和``/``及`` inside an output name coordinate words of one
  deliverable (``准确及时的市场信息``, ``客户关系改进策划及实施计划``) and splitting them
  would coin names with a guessed scope (``实施计划``) that then merge, by id, with unrelated
  outputs of other documents.  The one exception is the enumeration ``A、B和C``: when a list
  already uses ``、``, a ``和``/``及`` in its last item joins the last element.
* Monitors are ranked: ``第一监控人为X,其他监控人为Y和Z`` or ``第一监控人:X;其他监控人:Y、Z``
  (the ranks' colons belong to the value; ``第一监控人:`` may start the field without
  ``管理者:``).
* Report lines are clauses ``X向Y汇报``: joined subjects (``X、Y向Z汇报``, ``X和Y向Z汇报``)
  each report, and a clause ``向Z汇报`` after one keeps its subjects.
* An interface department may also be stated inside a description (``,接口部门为…``).
* Text a value grammar cannot place is a warning, never dropped.
"""

from __future__ import annotations

import re

from loaders.document.naming import _Naming
from loaders.document.state import EDGE_PUNCT, FIELD_TWICE, UNPLACED, _Act

#: Canonical field of each label: the labels of the family and their common synonyms.  A
#: label is one a value never starts with (``协助人`` is a label, ``协助`` is not).
FIELDS = {
    "业务描述": "description",
    "工作描述": "description",
    "活动描述": "description",
    "描述": "description",
    "业务输出": "outputs",
    "工作输出": "outputs",
    "输出成果": "outputs",
    "交付件": "outputs",
    "输出": "outputs",
    "主要责任人": "responsible",
    "主要负责人": "responsible",
    "责任人": "responsible",
    "负责人": "responsible",
    "责任角色": "responsible",
    "协助人": "assists",
    "协助者": "assists",
    "配合人": "assists",
    "参与人": "assists",
    "管理者": "monitors",
    "监控人": "monitors",
    "监督人": "monitors",
    "第一监控人": "monitors",
    "汇报关系": "reports",
    "汇报": "reports",
    "接口部门": "interface_departments",
}
#: Labels that are also the start of their own value (``第一监控人:X;其他监控人:Y`` stated
#: without ``管理者:``): the value grammar reads the rank from them.
RANKED_MONITORS = ("第一监控人", "其他监控人")
#: A field label and its colon (Simplified, ASCII punctuation: :func:`loaders.text.clean`
#: folds full-width and small-form colons).  Longest alternatives first.  ``监控人`` after
#: ``第一``/``其他`` is a rank inside the monitors' value, and so is ``第一监控人:`` right
#: after a colon (``管理者:第一监控人:X``).
_LOOKBEHIND = {"监控人": "(?<!第一|其他)", "第一监控人": "(?<!:)"}
FIELD_LABEL = re.compile(
    "(?P<label>"
    + "|".join(_LOOKBEHIND.get(x, "") + x for x in sorted(FIELDS, key=len, reverse=True))
    + r")\s?:"
)
#: A colon inside a value that belongs to it: the ranks of the monitors.
VALUE_LABEL = re.compile(r"(?:第一|其他)监控人\s?:")

#: One report clause: ``客户经理向办事处主任、行政助理汇报``.
REPORT = re.compile(r"(?P<from>[^,;:。向]*?)向(?P<to>[^,;:。]+?)汇报")
#: Monitor clauses: ``第一监控人为X`` and ``其他监控人为Y和Z``.
MONITOR_FIRST = re.compile(r"第一监控人(?:为|是|:)?(?P<list>[^,;。]+)")
MONITOR_OTHER = re.compile(r"其他监控人(?:为|是|:)?(?P<list>[^;。]+)")
#: An interface-department clause inside a description: ``,接口部门为公司客户代表管理部``.
INTERFACE = re.compile(r"[,;]?接口部门(?:为|是|:)(?P<list>[^,;。]+)")
#: Separators of a list of people; of a list of outputs.
PEOPLE_SEP = re.compile(r"[,、;]|和|及")
OUTPUT_SEP = re.compile(r"[,、;]")
CONJUNCTION = re.compile(r"和|及")


def _last_match(pattern: re.Pattern[str], s: str, a: int, b: int) -> re.Match[str] | None:
    """The last match of ``pattern`` in ``s[a:b]``."""
    last = None
    for last in pattern.finditer(s, a, b):  # noqa: B007 - we want the final one
        pass
    return last


class _Fields(_Naming):
    """The value grammars of the fields: lists of people and outputs, monitors, reports."""

    def people(self, a: int, b: int) -> list[tuple[str, str]]:
        out = []
        for x, y in self.pieces(a, b, PEOPLE_SEP):
            p = self.person(x, y)
            if p is not None:
                out.append(p)
        return out

    # ----------------------------------------------------------------- fields
    def field(self, act: _Act, m: re.Match[str], b: int) -> None:
        kind = FIELDS[m["label"]]
        a = m.start() if m["label"] in RANKED_MONITORS else m.end()  # the rank is the value's
        va, vb = self.trim(a, b)
        if vb <= va:
            self.warn(m.start(), f"empty field {self.ct.text[m.start() : m.end()]!r} in {act.id}")
            return
        evidence = self.prov(m.start(), vb)
        if kind in act.evidence:
            self.warn(
                m.start(), f"{act.id}: a second {m['label']!r} statement: kept both", FIELD_TWICE
            )
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
                self.warn(
                    a,
                    f"{act.id}: unplaced text in the monitors: {rest!r}",
                    UNPLACED,
                    len(rest.strip(EDGE_PUNCT)),
                )
        for (_, pid), rank in found:
            if all(pid != m for m, _ in act.monitors):
                act.monitors.append((pid, rank))

    def reports(self, act: _Act, a: int, b: int) -> None:
        pos = a
        last: list[str] = []
        for m in REPORT.finditer(self.s, a, b):
            gap = self.s[pos : m.start()].strip(EDGE_PUNCT)
            if gap:
                self.warn(
                    pos, f"{act.id}: unplaced text in the report lines: {gap!r}", UNPLACED, len(gap)
                )
            pos = m.end()
            fa, fb = self.trim(*m.span("from"))
            if fb <= fa and last:
                sources = last  # ``X向Y汇报,向Z汇报``: the subject goes on
            else:
                # ``X、Y向Z汇报`` / ``X和Y向Z汇报``: each subject reports
                sources = []
                subjects = self.pieces(fa, fb, PEOPLE_SEP) or [(fa, fb)]
                for x, y in subjects:
                    src = self.person(x, y)
                    if src is None or src[0] != "role":
                        subject = m["from"] if len(subjects) == 1 else self.s[x:y]
                        self.warn(m.start(), f"{act.id}: a report line from a non-role: {subject!r}")
                    else:
                        sources.append(src[1])
                if not sources:
                    continue
            last = sources
            for _, target in self.people(*m.span("to")):
                for src_id in sources:
                    if (src_id, target) not in act.reports:
                        act.reports.append((src_id, target))
        gap = self.s[pos:b].strip(EDGE_PUNCT)
        if gap:
            self.warn(pos, f"{act.id}: unplaced text in the report lines: {gap!r}", UNPLACED, len(gap))
