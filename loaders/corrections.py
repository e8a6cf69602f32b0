"""Corrections: what an analyst says the reader got wrong, applied after every extraction.

No reader of free-form documents is perfect, and a fix made in an exported model file is
lost at the next version of the document.  A corrections file says it once, beside the
document (``DOCUMENT.corrections.yaml``, e.g. ``model-v1.corrections.yaml`` for
``model-v1.docx``) or wherever ``--corrections FILE`` names it, and every ``kg extract``,
``kg load`` and ``kg diff`` of the document applies it to what the reader made::

    schema: kg-corrections/1
    corrections:
      - {op: rename, id: role:客户经理, name: 客户代表}            # the id follows the name
      - {op: alias, id: role:片区经理, of: role:区域经理}           # two names, one role
      - {op: set-department, role: role:产品经理, department: dept:办事处}
      - {op: add, activity: activity:客户意见直接反馈, field: responsible, role: role:客户经理}
      - {op: remove, activity: activity:市场分析, field: assists, role: role:行政助理}
      - {op: add-report, activity: activity:市场分析, from: role:客户经理, to: role:办事处主任}
      - {op: remove-report, activity: activity:市场分析, from: role:客户经理, to: role:行政助理}
      - {op: move, activity: activity:竞争对手分析, parent: activity:市场分析}
      - {op: drop, activity: activity:附录}
      - op: add-activity
        name: 客户回访
        parent: activity:客户关系
        responsible: [role:客户经理]
        first_monitor: role:办事处主任

``field`` is one of ``responsible``, ``assists``, ``first-monitor``, ``other-monitor``.
Operations name things by id (``role:…``, ``dept:…``, ``activity:…``; either script), never
by position, so they survive a new version of the document.  They apply in file order,
each to the model the ones before it made (after a rename, the new id names the entity).

What a correction can no longer do — its activity or role is gone from a new version, a
fact it removes is no longer stated — is **stale**: reported by line, never dropped
silently, and the rest still applies (``strict`` makes it an error).  One that is already
true (the document now says it) is reported as redundant.  Two corrections that
contradict each other (add and remove the same fact, two names or parents for one thing)
are an error naming both lines.

Every fact a correction makes carries it in its provenance (``Provenance.correction``:
``FILE:LINE``), beside the sentence it replaced; the model lists the corrections it
applied (``Model.corrections``).  The JSON Schema of the file is
``loaders/corrections.schema.json`` (:func:`json_schema`), for editors and
``kg check-model``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kg.errors import UNREADABLE_FILE, KgError
from kg.model import (
    Activity,
    AppliedCorrection,
    Model,
    Monitor,
    Named,
    Output,
    Provenance,
    Report,
    Role,
    alias_key,
    apply_aliases,
)
from kg.names import to_simplified

SCHEMA = "kg-corrections/1"
#: The suffix of the corrections file kept beside a document.
SUFFIX = ".corrections.yaml"
#: A field of an activity a correction adds a party to or removes one from → (model
#: list, monitor rank).
FIELDS: dict[str, tuple[str, str | None]] = {
    "responsible": ("responsible", None),
    "assists": ("assists", None),
    "first-monitor": ("monitors", "first"),
    "other-monitor": ("monitors", "other"),
}
FieldName = Literal["responsible", "assists", "first-monitor", "other-monitor"]


class CorrectionsError(KgError):
    """A corrections file kg cannot apply: one line (exit code 1), problems indented."""


# --------------------------------------------------------------------------- the file
class _Op(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Rename(_Op):
    """Give an entity another name (its id follows: ``role:NAME``)."""

    op: Literal["rename"]
    id: str
    name: str = Field(min_length=1)
    name_en: str | None = None


class Alias(_Op):
    """``id`` and ``of`` are one thing: ``id`` becomes ``of`` everywhere."""

    op: Literal["alias"]
    id: str
    of: str


class SetDepartment(_Op):
    """Put a role in a department (``null``: in none)."""

    op: Literal["set-department"]
    role: str
    department: str | None


class AddParty(_Op):
    """Add a role (a department, for a monitor) to a field of an activity."""

    op: Literal["add"]
    activity: str
    field: FieldName
    role: str


class RemoveParty(_Op):
    """Remove a role from a field of an activity."""

    op: Literal["remove"]
    activity: str
    field: FieldName
    role: str


class AddReport(_Op):
    """Add a reporting line stated in an activity."""

    op: Literal["add-report"]
    activity: str
    from_: str = Field(alias="from")
    to: str


class RemoveReport(_Op):
    """Remove a reporting line stated in an activity."""

    op: Literal["remove-report"]
    activity: str
    from_: str = Field(alias="from")
    to: str


class Move(_Op):
    """Put an activity under another parent (``null``: make it a business area)."""

    op: Literal["move"]
    activity: str
    parent: str | None


class Drop(_Op):
    """Drop a spurious activity; its sub-activities move up to its parent."""

    op: Literal["drop"]
    activity: str


class ReportLine(_Op):
    from_: str = Field(alias="from")
    to: str


class AddActivity(_Op):
    """Add an activity the reader missed, with its fields (roles by id; outputs by name)."""

    op: Literal["add-activity"]
    name: str = Field(min_length=1)
    parent: str | None = None
    code: str | None = None
    description: str | None = None
    outputs: list[str] = Field(default_factory=list)
    responsible: list[str] = Field(default_factory=list)
    assists: list[str] = Field(default_factory=list)
    first_monitor: str | None = None
    other_monitors: list[str] = Field(default_factory=list)
    reports: list[ReportLine] = Field(default_factory=list)


Op = Annotated[
    Rename | Alias | SetDepartment | AddParty | RemoveParty | AddReport | RemoveReport
    | Move | Drop | AddActivity,
    Field(discriminator="op"),
]


class CorrectionsFile(_Op):
    """A corrections file: ``schema: kg-corrections/1`` and the operations in order."""

    schema_: Literal["kg-corrections/1"] = Field(alias="schema")
    corrections: list[Op] = Field(default_factory=list)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a corrections file (what ``corrections.schema.json`` holds)."""
    schema = CorrectionsFile.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "kg corrections file (kg-corrections/1)"
    return schema


@dataclass(frozen=True)
class Correction:
    """One operation and where it is written."""

    op: Any  # one of the Op classes
    file: str
    line: int

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"

    def describe(self) -> str:
        """The operation in one line, as it reads in the file."""
        data = self.op.model_dump(by_alias=True, exclude_none=True, exclude_defaults=False)
        data = {k: v for k, v in data.items() if v not in ([], None)}
        return json.dumps(data, ensure_ascii=False, separators=(", ", ": "))


def beside(document: str | Path) -> Path:
    """The corrections file kept beside a document: ``NAME.corrections.yaml``."""
    p = Path(document)
    return p.with_name(p.stem + SUFFIX)


def find(document: str | Path, given: str | Path | None = None) -> Path | None:
    """The corrections file for a document: ``given``, else the one beside it if any."""
    if given is not None:
        return Path(given)
    path = beside(document)
    return path if path.is_file() else None


def correct(
    model: Model, document: str | Path, given: str | Path | None = None, *, strict: bool = False
) -> Outcome | None:
    """Apply the document's corrections file (``given``, or the one beside it) to the
    model the reader made; None when there is none."""
    path = find(document, given)
    if path is None:
        return None
    outcome = apply(model, read(path), strict=strict)
    outcome.file = str(path)
    return outcome


def read(path: str | Path) -> list[Correction]:
    """Read and validate a corrections file; raise :class:`CorrectionsError` with the line
    of every problem."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CorrectionsError(f"{p}: no such corrections file", exit_code=UNREADABLE_FILE) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CorrectionsError(f"{p}: cannot read ({exc})", exit_code=UNREADABLE_FILE) from None
    try:
        data = yaml.safe_load(text)
        node = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        raise CorrectionsError(f"{p}: not valid YAML{at}") from None
    lines = _item_lines(node)
    try:
        parsed = CorrectionsFile.model_validate(data if data is not None else {})
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = list(err["loc"])
            at = ""
            if len(loc) >= 2 and loc[0] == "corrections" and isinstance(loc[1], int):
                at = f"line {lines.get(loc[1], '?')}: "
            problems.append(f"{at}{'.'.join(str(x) for x in loc)}: {err['msg']}")
        raise CorrectionsError(f"{p}: invalid corrections file", problems) from None
    return [Correction(op, str(p), lines.get(i, 0)) for i, op in enumerate(parsed.corrections)]


def _item_lines(node: Any) -> dict[int, int]:
    """Index of each item of the top-level ``corrections`` list → its line (1-based)."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    for key, value in node.value:
        if getattr(key, "value", None) == "corrections" and isinstance(value, yaml.SequenceNode):
            return {i: item.start_mark.line + 1 for i, item in enumerate(value.value)}
    return {}


# --------------------------------------------------------------------------- contradictions
def _claims(c: Correction) -> Iterator[tuple[tuple[str, ...], str]]:
    """What a correction says, as (subject, value) pairs: two corrections contradict when
    they give one subject different values."""
    op = c.op
    if isinstance(op, Rename):
        yield ("name", _id(op.id)), f"renamed to {op.name}"
    elif isinstance(op, Alias):
        yield ("name", _id(op.id)), f"one with {_id(op.of)}"
    elif isinstance(op, SetDepartment):
        yield ("department", _id(op.role)), f"in {op.department}"
    elif isinstance(op, AddParty | RemoveParty):
        yield ("party", _id(op.activity), op.field, _id(op.role)), op.op
        yield ("exists", _id(op.activity)), "kept"
    elif isinstance(op, AddReport | RemoveReport):
        yield ("report", _id(op.activity), _id(op.from_), _id(op.to)), op.op
        yield ("exists", _id(op.activity)), "kept"
    elif isinstance(op, Move):
        yield ("parent", _id(op.activity)), f"under {op.parent}"
        yield ("exists", _id(op.activity)), "kept"
    elif isinstance(op, Drop):
        yield ("exists", _id(op.activity)), "dropped"


def contradictions(corrections: Sequence[Correction]) -> list[str]:
    """Each pair of corrections that contradict each other, both lines named."""
    seen: dict[tuple[str, ...], tuple[str, Correction]] = {}
    problems: list[str] = []
    for c in corrections:
        for subject, value in _claims(c):
            if subject in seen and seen[subject][0] != value:
                first = seen[subject][1]
                problems.append(
                    f"line {first.line} ({first.describe()}) and line {c.line} ({c.describe()}) "
                    "contradict each other"
                )
            else:
                seen.setdefault(subject, (value, c))
    return problems


# --------------------------------------------------------------------------- applying
@dataclass
class Outcome:
    """What applying a corrections file did: the corrected model, and each correction's
    fate."""

    model: Model
    applied: list[Correction] = field(default_factory=list)
    #: (correction, why it can no longer apply)
    stale: list[tuple[Correction, str]] = field(default_factory=list)
    #: (correction, why it changes nothing): the document says it already
    redundant: list[tuple[Correction, str]] = field(default_factory=list)
    #: the corrections file
    file: str = ""

    def summary(self) -> str:
        """``FILE: N applied, N stale, N redundant``."""
        return (
            f"{self.file}: {len(self.applied)} correction(s) applied, {len(self.stale)} stale, "
            f"{len(self.redundant)} redundant"
        )

    def warnings(self) -> list[str]:
        """One line for each stale and each redundant correction."""
        return [f"{c.where}: stale correction: {why}" for c, why in self.stale] + [
            f"{c.where}: redundant correction: {why}" for c, why in self.redundant
        ]


def _id(ref: str) -> str:
    """An id as the model writes it: Simplified script."""
    return to_simplified(ref.strip())


class _Stale(Exception):
    """A correction that cannot apply to this model, and why."""


class _Redundant(Exception):
    """A correction that changes nothing in this model, and why."""


def apply(model: Model, corrections: Sequence[Correction], *, strict: bool = False) -> Outcome:
    """Apply ``corrections`` in order to a copy of ``model``.  Raise
    :class:`CorrectionsError` for contradicting corrections, and, when ``strict``, for
    stale ones."""
    if not corrections:
        return Outcome(model)
    where = corrections[0].file
    problems = contradictions(corrections)
    if problems:
        raise CorrectionsError(f"{where}: contradicting corrections", problems)
    out = Outcome(model.model_copy(deep=True), file=where)
    for c in corrections:
        try:
            out.model = _apply_one(out.model, c)
        except _Stale as exc:
            out.stale.append((c, str(exc)))
        except _Redundant as exc:
            out.redundant.append((c, str(exc)))
        else:
            out.applied.append(c)
    if strict and out.stale:
        raise CorrectionsError(
            f"{where}: {len(out.stale)} stale correction(s) (--strict-corrections)",
            [f"line {c.line}: {why}" for c, why in out.stale],
        )
    out.model.corrections = [
        *model.corrections,
        *(AppliedCorrection(file=c.file, line=c.line, op=c.describe()) for c in out.applied),
    ]
    return out


def _apply_one(model: Model, c: Correction) -> Model:
    op = c.op
    if isinstance(op, Rename):
        return _rename(model, c, op)
    if isinstance(op, Alias):
        return _alias(model, c, op)
    if isinstance(op, SetDepartment):
        _set_department(model, c, op)
    elif isinstance(op, AddParty | RemoveParty):
        _party(model, c, op)
    elif isinstance(op, AddReport | RemoveReport):
        _report(model, c, op)
    elif isinstance(op, Move):
        _move(model, c, op)
    elif isinstance(op, Drop):
        return _drop(model, c, op)
    elif isinstance(op, AddActivity):
        _add_activity(model, c, op)
    return model


def _prov(c: Correction, replaced: Provenance | None) -> Provenance:
    """The provenance of a fact a correction makes: the correction's place, beside the
    sentence it replaced (its page and span), or the correction itself as the text."""
    if replaced is not None:
        return replaced.model_copy(update={"correction": c.where})
    return Provenance(page=1, start=0, end=0, text=c.describe(), correction=c.where)


def _entities(model: Model) -> dict[str, Named]:
    out: dict[str, Named] = {}
    for items in (model.departments, model.roles, model.outputs, model.activities):
        for item in items:
            out.setdefault(item.id, item)
    return out


def _activity(model: Model, ref: str) -> Activity:
    key = _id(ref)
    for a in model.activities:
        if a.id == key:
            return a
    raise _Stale(f"no activity {key} in the document any more")


def _known(model: Model, ref: str, kinds: tuple[str, ...]) -> str:
    key = _id(ref)
    kind = model.ids().get(key)
    if kind is None:
        raise _Stale(f"no {' or '.join(kinds)} {key} in the document any more")
    if kind not in kinds:
        raise _Stale(f"{key} is a {kind}, not a {' or '.join(kinds)}")
    return key


def _rename(model: Model, c: Correction, op: Rename) -> Model:
    old = _id(op.id)
    kind = model.ids().get(old)
    if kind is None:
        raise _Stale(f"no {old} in the document any more")
    new = alias_key(op.name, old)
    if new == old:
        raise _Redundant(f"{old} is already named {op.name}")
    if new in model.ids():
        raise CorrectionsError(
            f"{c.where}: rename: {new} exists already: say the two are one with `op: alias`"
        )
    aliases = dict(model.aliases)
    renamed = _rekeyed(apply_aliases(model, {old: new}, c.file), old, new)
    renamed.aliases = aliases  # a rename is not an alias the document used
    item = _entities(renamed)[new]
    item.name_original = op.name
    item.name_en = op.name_en
    item.provenance = _prov(c, item.provenance)
    return renamed


def _alias(model: Model, c: Correction, op: Alias) -> Model:
    old, target = _id(op.id), _id(op.of)
    if old not in model.ids():
        raise _Stale(f"no {old} in the document any more")
    if old.partition(":")[0] != target.partition(":")[0]:
        raise CorrectionsError(f"{c.where}: alias: {old} and {target} are different kinds")
    merged = _rekeyed(apply_aliases(model, {old: target}, c.file), old, target)
    item = _entities(merged)[target]
    item.provenance = _prov(c, item.provenance)
    return merged


def _rekeyed(model: Model, old: str, new: str) -> Model:
    """The facts corrections added keep their provenance when an id they name changes."""
    def key(k: str) -> str:
        field_name, _, rest = k.partition(" ")
        ends = [new if e == old else e for e in rest.split(">")]
        return f"{field_name} {'>'.join(ends)}"

    for act in model.activities:
        if act.corrected:
            act.corrected = {key(k): v for k, v in act.corrected.items()}
    return model


def _set_department(model: Model, c: Correction, op: SetDepartment) -> None:
    key = _known(model, op.role, ("role",))
    dept = _known(model, op.department, ("department",)) if op.department else None
    role = next(r for r in model.roles if r.id == key)
    if role.department == dept:
        raise _Redundant(f"{key} is in {dept or 'no department'} already")
    role.department = dept
    role.evidence["department"] = _prov(c, role.evidence.get("department", role.provenance))


def _party(model: Model, c: Correction, op: AddParty | RemoveParty) -> None:
    act = _activity(model, op.activity)
    attr, rank = FIELDS[op.field]
    kinds = ("role", "department") if rank else ("role",)
    key = _known(model, op.role, kinds) if isinstance(op, AddParty) else _id(op.role)
    if rank is None:
        ids: list[str] = getattr(act, attr)
        present = key in ids
    else:
        present = any(m.id == key and m.rank == rank for m in act.monitors)
    fact = f"{op.field} {key}"
    if isinstance(op, AddParty):
        if present:
            raise _Redundant(f"{act.id} already has {fact}")
        if rank is None:
            getattr(act, attr).append(key)
        else:
            act.monitors = [m for m in act.monitors if m.id != key] + [Monitor(id=key, rank=rank)]  # type: ignore[arg-type]
        act.corrected[f"{attr} {key}"] = _prov(c, act.evidence.get(attr, act.provenance))
    else:
        if not present:
            raise _Stale(f"{act.id} no longer states {fact}")
        if rank is None:
            getattr(act, attr).remove(key)
        else:
            act.monitors = [m for m in act.monitors if not (m.id == key and m.rank == rank)]
        act.corrected.pop(f"{attr} {key}", None)


def _report(model: Model, c: Correction, op: AddReport | RemoveReport) -> None:
    act = _activity(model, op.activity)
    if isinstance(op, AddReport):
        frm = _known(model, op.from_, ("role",))
        to = _known(model, op.to, ("role", "department"))
    else:
        frm, to = _id(op.from_), _id(op.to)
    present = any(r.from_ == frm and r.to == to for r in act.reports)
    fact = f"the report line {frm} → {to}"
    if isinstance(op, AddReport):
        if present:
            raise _Redundant(f"{act.id} already states {fact}")
        act.reports.append(Report(**{"from": frm, "to": to}))
        act.corrected[f"reports {frm}>{to}"] = _prov(c, act.evidence.get("reports", act.provenance))
    else:
        if not present:
            raise _Stale(f"{act.id} no longer states {fact}")
        act.reports = [r for r in act.reports if not (r.from_ == frm and r.to == to)]
        act.corrected.pop(f"reports {frm}>{to}", None)


def _move(model: Model, c: Correction, op: Move) -> None:
    act = _activity(model, op.activity)
    parent = _known(model, op.parent, ("activity",)) if op.parent else None
    if act.parent == parent:
        raise _Redundant(f"{act.id} is under {parent or 'nothing'} already")
    parents = {a.id: a.parent for a in model.activities}
    cur = parent
    while cur is not None:
        if cur == act.id:
            raise CorrectionsError(f"{c.where}: move: {parent} is beneath {act.id}: a cycle")
        cur = parents.get(cur)
    act.parent = parent
    act.kind = "activity" if parent else "area"
    act.provenance = _prov(c, act.provenance)


def _drop(model: Model, c: Correction, op: Drop) -> Model:
    act = _activity(model, op.activity)
    for other in model.activities:
        if other.parent == act.id:
            other.parent = act.parent
            if act.parent is None:
                other.kind = "area"
            other.provenance = _prov(c, other.provenance)
    model.activities = [a for a in model.activities if a.id != act.id]
    produced = {o for a in model.activities for o in a.outputs}
    model.outputs = [o for o in model.outputs if o.id in produced or o.id not in act.outputs]
    return model


def _add_activity(model: Model, c: Correction, op: AddActivity) -> None:
    key = alias_key(op.name, "activity:x")
    if key in model.ids():
        raise _Redundant(f"the document has {key} now")
    parent = _known(model, op.parent, ("activity",)) if op.parent else None
    prov = _prov(c, None)
    roles = {r.id for r in model.roles}

    def role(ref: str) -> str:
        rid = _id(ref) if ":" in ref else alias_key(ref, "role:x")
        if rid.partition(":")[0] == "role" and rid not in roles:
            model.roles.append(Role(id=rid, name=rid.partition(":")[2], provenance=prov))
            roles.add(rid)
        elif rid.partition(":")[0] == "dept" and rid not in model.ids():
            raise _Stale(f"no department {rid} in the document any more")
        return rid

    outputs = []
    for name in op.outputs:
        oid = alias_key(name, "output:x")
        if oid not in model.ids():
            model.outputs.append(Output(id=oid, name=oid.partition(":")[2], name_original=name, provenance=prov))
        outputs.append(oid)
    monitors = [Monitor(id=role(op.first_monitor), rank="first")] if op.first_monitor else []
    monitors += [Monitor(id=role(m), rank="other") for m in op.other_monitors]
    model.activities.append(
        Activity(
            id=key,
            name=key.partition(":")[2],
            name_original=op.name,
            code=op.code,
            kind="activity" if parent else "area",
            parent=parent,
            description=op.description,
            outputs=outputs,
            responsible=[role(r) for r in op.responsible],
            assists=[role(r) for r in op.assists],
            monitors=monitors,
            reports=[Report(**{"from": role(r.from_), "to": role(r.to)}) for r in op.reports],
            provenance=prov,
            evidence={k: prov for k in ("description", "outputs", "responsible", "assists", "monitors", "reports")},
        )
    )


__all__ = [
    "FIELDS",
    "SCHEMA",
    "SUFFIX",
    "Correction",
    "CorrectionsError",
    "CorrectionsFile",
    "Outcome",
    "apply",
    "beside",
    "correct",
    "contradictions",
    "find",
    "json_schema",
    "read",
]
