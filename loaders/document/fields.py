"""Activity fields and the grammar of their values.

Labelled fields follow an activity's heading: 业务描述 (description), 业务输出 (outputs),
主要责任人 (responsible), 协助人 (assists), 管理者 (first and other monitors), 汇报关系
(report lines) and 接口部门 (interface departments), in either script and with a few
synonyms (:data:`FIELDS`).  Where a value ends is decided by the outline
(:meth:`loaders.document.outline._Outline.split_value`); this module reads the value.

* Lists of people split on ``,`` ``、`` ``;`` ``和`` ``及``.  Lists of outputs split on
  ``,`` ``、`` ``;`` only: ``和``/``及`` inside an output name coordinate words of one
  deliverable (``准确及时的市场信息``, ``客户关系改进策划及实施计划``) and splitting them
  would coin names with a guessed scope (``实施计划``) that then merge, by id, with unrelated
  outputs of other documents.  The one exception is the enumeration ``A、B和C``: when a list
  already uses ``、``, a ``和``/``及`` in its last item joins the last element.
* Monitors are ranked (``第一监控人为X,其他监控人为Y和Z``); report lines are clauses
  ``X向Y汇报`` (a clause ``向Z汇报`` after one keeps its subject X); an interface department may also be stated inside a description
  (``,接口部门为…``).  Text a value grammar cannot place is a warning, never dropped.
"""

from __future__ import annotations

import re

from loaders.document.naming import _Naming
from loaders.document.state import EDGE_PUNCT, _Act

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
        self.value(act, m["label"], m.start(), m.end(), b)

    def value(self, act: _Act, label: str, at: int, a: int, b: int) -> None:
        """The field ``label`` (a key of :data:`FIELDS`, written at ``[at, a)``) of ``act``,
        its value in ``[a, b)``: a label in the text, or a table's label cell and value cell."""
        kind = FIELDS[label]
        va, vb = self.trim(a, b)
        if vb <= va:
            self.warn(at, f"empty field {self.ct.text[at:a]!r} in {act.id}")
            return
        evidence = self.prov(at, vb)
        if kind in act.evidence:
            self.warn(at, f"{act.id}: a second {label!r} statement: kept both")
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
        last_src: tuple[str, str] | None = None
        for m in REPORT.finditer(self.s, a, b):
            gap = self.s[pos : m.start()].strip(EDGE_PUNCT)
            if gap:
                self.warn(pos, f"{act.id}: unplaced text in the report lines: {gap!r}")
            pos = m.end()
            fa, fb = self.trim(*m.span("from"))
            if fb <= fa and last_src is not None:
                src: tuple[str, str] | None = last_src  # ``X向Y汇报,向Z汇报``: the subject goes on
            else:
                src = self.person(*m.span("from"))
            if src is None or src[0] != "role":
                self.warn(m.start(), f"{act.id}: a report line from a non-role: {m['from']!r}")
                continue
            last_src = src
            for _, target in self.people(*m.span("to")):
                if (src[1], target) not in act.reports:
                    act.reports.append((src[1], target))
        gap = self.s[pos:b].strip(EDGE_PUNCT)
        if gap:
            self.warn(pos, f"{act.id}: unplaced text in the report lines: {gap!r}")
