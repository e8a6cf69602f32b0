"""What changed between two versions of a model: a semantic report, not rows.

``compare(old, new)`` answers an analyst's first questions about a new version of a
business model:

- activities added, removed, **renamed** (a removed and an added activity with the same
  code under the same parent) or **moved** (same activity, new parent);
- per activity, for each role or department, the RACI letters gained and lost
  (``R`` responsible, ``S`` assists, ``A`` first monitor, ``C`` other monitor: the
  letters of :data:`kg.schema.RACI_LETTERS`);
- reporting lines added or removed, and the activities a line is stated for;
- outputs and interface departments gained and lost per activity, descriptions changed
  (with a short text diff);
- roles, departments and outputs that appear or disappear, and role memberships.

A renamed activity is compared with its old self, so renaming it does not also report
every letter of it as lost and gained.  :func:`to_json` is the stable form (documented
keys, sorted lists); :func:`to_text` (grouped by business area) and :func:`to_markdown`
hold the same items.

A load run keeps its report (:func:`pack`, zlib-compressed JSON; :func:`unpack` gives the
:class:`Changes` back, :func:`from_data` from the JSON's data), so ``kg history --show``
prints it again in any format; :func:`party_lines` states what changed for each role or
department, one line per change, for the canned query ``role-changes``.
"""

from __future__ import annotations

import difflib
import itertools
import json
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields
from typing import Any

from kg.model import Activity, Model
from kg.schema import RACI_LETTERS
from kg.text_safe import md_code, md_text, visible

#: The letters, in a cell's order.
LETTER_ORDER = "".join(RACI_LETTERS.values())


# --------------------------------------------------------------------------- the report
@dataclass
class ActivityRef:
    id: str
    name: str
    code: str | None
    area: str | None  # the business area's name ('' for an area itself)


@dataclass
class Renamed:
    old: ActivityRef
    new: ActivityRef


@dataclass
class Moved:
    activity: ActivityRef
    old_parent: str | None
    new_parent: str | None


@dataclass
class LetterChange:
    activity: ActivityRef
    party: str
    party_name: str
    gained: list[str]
    lost: list[str]


@dataclass
class ListChange:
    """Ids an activity gained or lost in one of its list fields (outputs, interfaces)."""

    activity: ActivityRef
    gained: list[str]
    lost: list[str]


@dataclass
class DescriptionChange:
    activity: ActivityRef
    old: str | None
    new: str | None
    diff: str


@dataclass
class ReportingChange:
    """A reporting line added, removed, or stated for other activities than before."""

    change: str  # added | removed | changed
    from_: str
    to: str
    from_name: str
    to_name: str
    activities_gained: list[str]
    activities_lost: list[str]


@dataclass
class Membership:
    role: str
    role_name: str
    old_department: str | None
    new_department: str | None


@dataclass
class Changes:
    old_source: dict[str, Any]
    new_source: dict[str, Any]
    activities_added: list[ActivityRef] = field(default_factory=list)
    activities_removed: list[ActivityRef] = field(default_factory=list)
    activities_renamed: list[Renamed] = field(default_factory=list)
    activities_moved: list[Moved] = field(default_factory=list)
    raci: list[LetterChange] = field(default_factory=list)
    reporting: list[ReportingChange] = field(default_factory=list)
    outputs: list[ListChange] = field(default_factory=list)
    interfaces: list[ListChange] = field(default_factory=list)
    descriptions: list[DescriptionChange] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    #: label -> {"added": [ids], "removed": [ids]} for Role, Department, Output
    nodes: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    @property
    def same(self) -> bool:
        return not any(
            (self.activities_added, self.activities_removed, self.activities_renamed,
             self.activities_moved, self.raci, self.reporting, self.outputs, self.interfaces,
             self.descriptions, self.memberships,
             any(v["added"] or v["removed"] for v in self.nodes.values()))
        )


# --------------------------------------------------------------------------- comparing
class _Side:
    """One model, indexed for comparison."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self.activities = {a.id: a for a in model.activities}
        self.names: dict[str, str] = {}
        for items in (model.roles, model.departments, model.outputs, model.activities):
            for item in items:
                self.names[item.id] = item.name

    def area(self, activity: Activity) -> str | None:
        seen: set[str] = set()
        current = activity
        while current.parent and current.parent in self.activities and current.id not in seen:
            seen.add(current.id)
            current = self.activities[current.parent]
        return None if current is activity and activity.kind == "area" else current.name

    def ref(self, activity: Activity) -> ActivityRef:
        return ActivityRef(activity.id, activity.name, activity.code, self.area(activity) or "")

    def letters(self, activity: Activity) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for role in activity.responsible:
            out.setdefault(role, set()).add(RACI_LETTERS["responsible"])
        for role in activity.assists:
            out.setdefault(role, set()).add(RACI_LETTERS["assists"])
        for m in activity.monitors:
            out.setdefault(m.id, set()).add(RACI_LETTERS[f"monitors-{m.rank}"])
        return out

    def reporting(self, renamed: dict[str, str]) -> dict[tuple[str, str], set[str]]:
        """(from, to) -> the activities the line is stated for (old ids renamed to new)."""
        lines: dict[tuple[str, str], set[str]] = {}
        for a in self.model.activities:
            for r in a.reports:
                lines.setdefault((r.from_, r.to), set()).add(renamed.get(a.id, a.id))
        return lines


def _ordered(letters: set[str]) -> list[str]:
    return sorted(letters, key=LETTER_ORDER.index)


def _text_diff(old: str | None, new: str | None) -> str:
    """A short diff of two texts: the changed runs, ``[-old-]{+new+}``."""
    a, b = old or "", new or ""
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            kept = a[i1:i2]
            out.append(kept if len(kept) <= 12 else f"{kept[:5]}…{kept[-5:]}")
        else:
            if i2 > i1:
                out.append(f"[-{a[i1:i2]}-]")
            if j2 > j1:
                out.append(f"{{+{b[j1:j2]}+}}")
    return "".join(out)


def _source(model: Model) -> dict[str, Any]:
    s = model.source
    return {"id": s.id, "title": s.title, "version": s.version}


def compare(old: Model, new: Model) -> Changes:
    """The semantic changes from ``old`` to ``new`` (see the module docstring)."""
    before, after = _Side(old), _Side(new)
    changes = Changes(_source(old), _source(new))

    gone = [a for i, a in before.activities.items() if i not in after.activities]
    came = [a for i, a in after.activities.items() if i not in before.activities]
    renamed: dict[str, str] = {}  # old id -> new id
    by_place: dict[tuple[str, str | None], list[Activity]] = {}  # (code, parent) -> added
    for b in came:
        if b.code:
            by_place.setdefault((b.code, b.parent), []).append(b)
    taken: set[str] = set()
    for a in gone:
        if not a.code:
            continue
        place = (a.code, renamed.get(a.parent or "", a.parent))
        twins = [b for b in by_place.get(place, []) if b.id not in taken]
        if len(twins) == 1:
            renamed[a.id] = twins[0].id
            taken.add(twins[0].id)
            changes.activities_renamed.append(Renamed(before.ref(a), after.ref(twins[0])))
    changes.activities_removed = [before.ref(a) for a in gone if a.id not in renamed]
    changes.activities_added = [after.ref(b) for b in came if b.id not in renamed.values()]

    pairs = [(a, after.activities[a.id]) for a in old.activities if a.id in after.activities]
    pairs += [(before.activities[o], after.activities[n]) for o, n in renamed.items()]
    for a, b in pairs:
        moved = renamed.get(a.parent or "", a.parent) != b.parent
        if not moved and a == b:  # the same activity, word for word (provenance too)
            continue
        ref = after.ref(b)
        if moved:
            changes.activities_moved.append(Moved(ref, a.parent, b.parent))
        la, lb = before.letters(a), after.letters(b)
        for party in sorted(set(la) | set(lb)):
            gained, lost = lb.get(party, set()) - la.get(party, set()), la.get(party, set()) - lb.get(party, set())
            if gained or lost:
                name = after.names.get(party) or before.names.get(party) or party
                changes.raci.append(LetterChange(ref, party, name, _ordered(gained), _ordered(lost)))
        for attr, bucket in (("outputs", changes.outputs), ("interface_departments", changes.interfaces)):
            xa, xb = set(getattr(a, attr)), set(getattr(b, attr))
            if xa != xb:
                bucket.append(ListChange(ref, sorted(xb - xa), sorted(xa - xb)))
        if (a.description or None) != (b.description or None):
            changes.descriptions.append(
                DescriptionChange(ref, a.description, b.description, _text_diff(a.description, b.description))
            )

    # a line that stays is reported only for activities in both versions: an activity
    # added or removed already says that its lines come or go with it
    common = {b.id for _, b in pairs}
    lines_a, lines_b = before.reporting(renamed), after.reporting({})
    for key in sorted(set(lines_a) | set(lines_b)):
        ca, cb = lines_a.get(key, set()), lines_b.get(key, set())
        kind = "added" if key not in lines_a else "removed" if key not in lines_b else "changed"
        if kind == "changed":
            ca, cb = ca & common, cb & common
            if ca == cb:
                continue
        names = after.names if key in lines_b else before.names
        changes.reporting.append(
            ReportingChange(kind, key[0], key[1], names.get(key[0], key[0]), names.get(key[1], key[1]),
                            sorted(cb - ca), sorted(ca - cb))
        )

    roles_a = {r.id: r for r in old.roles}
    roles_b = {r.id: r for r in new.roles}
    for rid in sorted(set(roles_a) & set(roles_b)):
        if roles_a[rid].department != roles_b[rid].department:
            changes.memberships.append(
                Membership(rid, roles_b[rid].name, roles_a[rid].department, roles_b[rid].department)
            )
    for label, xs, ys in (
        ("Role", old.roles, new.roles),
        ("Department", old.departments, new.departments),
        ("Output", old.outputs, new.outputs),
    ):
        a_ids, b_ids = {x.id for x in xs}, {y.id for y in ys}
        changes.nodes[label] = {"added": sorted(b_ids - a_ids), "removed": sorted(a_ids - b_ids)}

    sort_key = _position(after, before)
    for items in (changes.activities_added, changes.activities_removed):
        items.sort(key=lambda r: sort_key(r.id))
    changes.activities_renamed.sort(key=lambda r: sort_key(r.new.id))
    changes.activities_moved.sort(key=lambda c: sort_key(c.activity.id))
    changes.raci.sort(key=lambda c: sort_key(c.activity.id))
    changes.outputs.sort(key=lambda c: sort_key(c.activity.id))
    changes.interfaces.sort(key=lambda c: sort_key(c.activity.id))
    changes.descriptions.sort(key=lambda c: sort_key(c.activity.id))
    return changes


def _position(after: _Side, before: _Side) -> Any:
    """Sort key: an activity's place in the new document (then the old one)."""
    order = {a.id: i for i, a in enumerate(after.model.activities)}
    offset = len(order)
    for i, a in enumerate(before.model.activities):
        order.setdefault(a.id, offset + i)
    return lambda activity_id: order.get(activity_id, len(order) + 1)


# --------------------------------------------------------------------------- formats
def to_data(changes: Changes) -> dict[str, Any]:
    """The report as plain data; ``to_json`` writes it. Keys (all lists sorted as the new
    document orders its activities):

    ``same``; ``old``/``new`` ({id, title, version}); ``activities`` ({added, removed:
    [{id, name, code, area}], renamed: [{old, new}], moved: [{activity, old_parent,
    new_parent}]}); ``raci`` ([{activity, party, party_name, gained, lost}]);
    ``reporting`` ([{change, from, to, from_name, to_name, activities_gained,
    activities_lost}]); ``outputs``/``interfaces`` ([{activity, gained, lost}]);
    ``descriptions`` ([{activity, old, new, diff}]); ``memberships`` ([{role, role_name,
    old_department, new_department}]); ``nodes`` ({Role|Department|Output: {added,
    removed}}).
    """

    def plain(items: list[Any]) -> list[Any]:
        return [_plain(item) for item in items]

    return {
        "same": changes.same,
        "old": changes.old_source,
        "new": changes.new_source,
        "activities": {
            "added": plain(changes.activities_added),
            "removed": plain(changes.activities_removed),
            "renamed": plain(changes.activities_renamed),
            "moved": plain(changes.activities_moved),
        },
        "raci": plain(changes.raci),
        "reporting": plain(changes.reporting),
        "outputs": plain(changes.outputs),
        "interfaces": plain(changes.interfaces),
        "descriptions": plain(changes.descriptions),
        "memberships": plain(changes.memberships),
        "nodes": changes.nodes,
    }


_FIELDS: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    if cls not in _FIELDS:
        _FIELDS[cls] = tuple(f.name for f in fields(cls))
    return _FIELDS[cls]


def _plain(value: Any) -> Any:
    """A report item as plain data (``dataclasses.asdict`` without its deep copies, which
    cost seconds on a first load of a large model); ``from_`` is written ``from``."""
    if isinstance(value, ActivityRef):
        return {"id": value.id, "name": value.name, "code": value.code, "area": value.area}
    if isinstance(value, list):
        return list(value) if not value or isinstance(value[0], str) else [_plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {("from" if k == "from_" else k): _plain(getattr(value, k)) for k in _field_names(type(value))}
    return value


def to_json(changes: Changes) -> str:
    return json.dumps(to_data(changes), ensure_ascii=False, indent=2) + "\n"


def _describe(source: dict[str, Any], name: Callable[[str], str]) -> str:
    version = f" ({name(source['version'])})" if source.get("version") else ""
    return f"{name(source['id'])}{version}"


def _lines(changes: Changes, bullet: str, name: Callable[[str], str], span: Callable[[str], str]) -> list[tuple[str, str]]:
    """(area, line) for every item, in the report's order.  Every text from the models
    goes through ``name`` (text) or ``span`` (an activity's code and name): the
    renderer's escaping (:mod:`kg.text_safe`), so that no name forges a line."""

    def act(ref: ActivityRef) -> str:
        return span(f"{ref.code} {ref.name}" if ref.code else ref.name)

    def signed(gained: list[str], lost: list[str]) -> str:
        return " ".join([f"+{name(x)}" for x in gained] + [f"-{name(x)}" for x in lost])

    def area(ref: ActivityRef) -> str:
        return ref.area or ref.name

    out: list[tuple[str, str]] = []
    for ref in changes.activities_added:
        out.append((area(ref), f"{bullet}+ activity {act(ref)} added"))
    for ref in changes.activities_removed:
        out.append((area(ref), f"{bullet}- activity {act(ref)} removed"))
    for r in changes.activities_renamed:
        out.append((area(r.new), f"{bullet}~ activity {act(r.old)} renamed to {span(r.new.name)}"))
    for m in changes.activities_moved:
        out.append((area(m.activity),
                    f"{bullet}~ activity {act(m.activity)} moved from {name(m.old_parent or '(top)')} to {name(m.new_parent or '(top)')}"))
    for lc in changes.raci:
        out.append((area(lc.activity), f"{bullet}~ {act(lc.activity)}: {name(lc.party_name)} {signed(lc.gained, lc.lost)}"))
    for what, bucket in (("outputs", changes.outputs), ("interface departments", changes.interfaces)):
        for c in bucket:
            out.append((area(c.activity), f"{bullet}~ {act(c.activity)} {what}: {signed(c.gained, c.lost)}"))
    for d in changes.descriptions:
        out.append((area(d.activity), f"{bullet}~ {act(d.activity)} description: {name(d.diff)}"))
    general = "(organisation)"
    for rc in changes.reporting:
        mark = {"added": "+", "removed": "-", "changed": "~"}[rc.change]
        where = ""
        if rc.change == "changed":
            where = " now stated for " + ", ".join(
                [f"+{name(a)}" for a in rc.activities_gained] + [f"-{name(a)}" for a in rc.activities_lost]
            )
        elif rc.activities_gained or rc.activities_lost:
            where = " (in " + ", ".join(name(a) for a in rc.activities_gained or rc.activities_lost) + ")"
        out.append((general, f"{bullet}{mark} reporting line {name(rc.from_name)} → {name(rc.to_name)} {rc.change}{where}"))
    for ms in changes.memberships:
        out.append((general, f"{bullet}~ {name(ms.role_name)} belongs to {name(ms.new_department or '(none)')} "
                    f"(was {name(ms.old_department or '(none)')})"))
    for label, delta in changes.nodes.items():
        for node_id in delta["added"]:
            out.append((general, f"{bullet}+ {label.lower()} {name(node_id)}"))
        for node_id in delta["removed"]:
            out.append((general, f"{bullet}- {label.lower()} {name(node_id)}"))
    return out


def _grouped(changes: Changes, bullet: str, name: Callable[[str], str], span: Callable[[str], str]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for area, line in _lines(changes, bullet, name, span):
        groups.setdefault(area, []).append(line)
    return groups


def to_text(changes: Changes) -> str:
    """For a terminal: a heading per business area, one line per change; names shown
    with their control characters escaped (:func:`kg.text_safe.visible`)."""
    head = f"{_describe(changes.old_source, visible)} → {_describe(changes.new_source, visible)}"
    if changes.same:
        return f"{head}: no changes\n"
    out = [head]
    for area, lines in _grouped(changes, "  ", visible, visible).items():
        out.append("")
        out.append(visible(area))
        out.extend(lines)
    return "\n".join(out) + "\n"


def to_markdown(changes: Changes) -> str:
    """For a review or a pull request: a section per business area, a bullet per change;
    names escaped for the span they sit in (:mod:`kg.text_safe`)."""
    head = f"## Changes: {_describe(changes.old_source, md_text)} → {_describe(changes.new_source, md_text)}"
    if changes.same:
        return f"{head}\n\nNo changes.\n"
    out = [head]
    for area, lines in _grouped(changes, "- ", md_text, md_code).items():
        out += ["", f"### {md_text(area)}", "", *lines]
    return "\n".join(out) + "\n"


FORMATS = ("text", "markdown", "json")


def render(changes: Changes, fmt: str) -> str:
    return {"text": to_text, "markdown": to_markdown, "json": to_json}[fmt](changes)


# --------------------------------------------------------------------------- kept with a run
def _ref(d: dict[str, Any]) -> ActivityRef:
    return ActivityRef(d["id"], d["name"], d.get("code"), d.get("area"))


def from_data(data: dict[str, Any]) -> Changes:
    """The :class:`Changes` that :func:`to_data` gave ``data`` (the inverse)."""
    acts = data.get("activities", {})

    def listed(key: str) -> list[ListChange]:
        return [ListChange(_ref(c["activity"]), list(c["gained"]), list(c["lost"])) for c in data.get(key, [])]

    return Changes(
        old_source=dict(data["old"]),
        new_source=dict(data["new"]),
        activities_added=[_ref(a) for a in acts.get("added", [])],
        activities_removed=[_ref(a) for a in acts.get("removed", [])],
        activities_renamed=[Renamed(_ref(r["old"]), _ref(r["new"])) for r in acts.get("renamed", [])],
        activities_moved=[
            Moved(_ref(m["activity"]), m["old_parent"], m["new_parent"]) for m in acts.get("moved", [])
        ],
        raci=[
            LetterChange(_ref(c["activity"]), c["party"], c["party_name"], list(c["gained"]), list(c["lost"]))
            for c in data.get("raci", [])
        ],
        reporting=[
            ReportingChange(r["change"], r["from"], r["to"], r["from_name"], r["to_name"],
                            list(r["activities_gained"]), list(r["activities_lost"]))
            for r in data.get("reporting", [])
        ],
        outputs=listed("outputs"),
        interfaces=listed("interfaces"),
        descriptions=[
            DescriptionChange(_ref(d["activity"]), d["old"], d["new"], d["diff"])
            for d in data.get("descriptions", [])
        ],
        memberships=[
            Membership(m["role"], m["role_name"], m["old_department"], m["new_department"])
            for m in data.get("memberships", [])
        ],
        nodes={k: {"added": list(v["added"]), "removed": list(v["removed"])} for k, v in data.get("nodes", {}).items()},
    )


def pack(changes: Changes) -> bytes:
    """The report as kept with a load run: its compact JSON, zlib-compressed."""
    text = json.dumps(to_data(changes), ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(text.encode("utf-8"), 1)  # fast: it is written on every load


def unpack(data: bytes) -> Changes:
    """The report :func:`pack` kept."""
    return from_data(json.loads(zlib.decompress(data)))


def party_lines(changes: Changes, old: Model, new: Model, limit: int | None = None) -> list[tuple[str, str]]:
    """(role or department id, what changed for it) for every change that concerns one:
    RACI letters gained and lost (in activities added and removed too), reporting lines
    from and to it, its department, its appearing or disappearing. In the report's order;
    the first ``limit`` + 1 at most (one more than kept says there are more)."""
    if limit is not None:
        return list(itertools.islice(_party_lines(changes, old, new), limit + 1))
    return list(_party_lines(changes, old, new))


def _party_lines(changes: Changes, old: Model, new: Model) -> Iterator[tuple[str, str]]:
    before, after = _Side(old), _Side(new)

    def act(ref: ActivityRef) -> str:
        return f"{ref.code} {ref.name}" if ref.code else ref.name

    for refs, side, sign, what in (
        (changes.activities_added, after, "+", "added"),
        (changes.activities_removed, before, "-", "removed"),
    ):
        for ref in refs:
            activity = side.activities.get(ref.id)
            if activity is None:
                continue
            for party, letters in sorted(side.letters(activity).items()):
                marks = " ".join(f"{sign}{x}" for x in _ordered(letters))
                yield (party, f"{act(ref)} (activity {what}): {marks}")
    for lc in changes.raci:
        marks = " ".join([f"+{x}" for x in lc.gained] + [f"-{x}" for x in lc.lost])
        yield (lc.party, f"{act(lc.activity)}: {marks}")
    for rc in changes.reporting:
        where = ""
        if rc.activities_gained or rc.activities_lost:
            where = " (" + ", ".join([f"+{a}" for a in rc.activities_gained] + [f"-{a}" for a in rc.activities_lost]) + ")"
        yield (rc.from_, f"reports to {rc.to_name}: line {rc.change}{where}")
        yield (rc.to, f"{rc.from_name} reports to it: line {rc.change}{where}")
    for ms in changes.memberships:
        yield (ms.role, f"belongs to {ms.new_department or '(none)'} (was {ms.old_department or '(none)'})")
    for label in ("Role", "Department"):
        delta = changes.nodes.get(label, {"added": [], "removed": []})
        for node_id in delta["added"]:
            yield (node_id, f"{label.lower()} added")
        for node_id in delta["removed"]:
            yield (node_id, f"{label.lower()} removed")
