"""The organisation model: the typed, versioned interchange format (``kg-org-model/1``).

Everything flows through this model: the document loader produces it, ``kg extract``
writes it as JSON or YAML, a hand-written model file is read back into it, and the Neo4j
loader writes it to the graph.  Validation reports errors with the path of the offending
value (``activities[3].monitors[0].id: unknown id``) so a hand-edited file can be fixed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Literal, NamedTuple

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kg.errors import UNREADABLE_FILE, ModelFileError

SCHEMA = "kg-org-model/1"

Rank = Literal["first", "other"]
Kind = Literal["area", "activity"]

#: The fields of an activity whose statements carry their own provenance.
EVIDENCE_FIELDS = (
    "description",
    "outputs",
    "responsible",
    "assists",
    "monitors",
    "reports",
    "interface_departments",
)


#: The longest name (and, with its kind's prefix, id) a model holds, in characters.  A
#: document is held to far less (``loaders/document/limits.py``, 64 by default); this is
#: what any model file, RACI sheet or document is refused over at validation (``kg
#: check-model``, ``kg load``, ``kg diff``), well below the graph index's key size
#: (about 8 kB: 1,000 CJK characters are 3,000 bytes).
MAX_NAME_LENGTH = 1000
MAX_ID_LENGTH = MAX_NAME_LENGTH + 16


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Provenance(_Strict):
    """Where a fact was stated: page number, character span in the raw document, sentence."""

    page: int = Field(ge=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    #: ``FILE:LINE`` of the correction that made the fact (:mod:`loaders.corrections`);
    #: page, span and text are then those of the sentence it replaced.  Left out of the
    #: file when None, so models without corrections read and hash as before.
    correction: str | None = Field(default=None, exclude_if=lambda v: v is None)


class Source(_Strict):
    id: str = Field(min_length=1, max_length=MAX_ID_LENGTH)
    title: str | None = None
    version: str | None = None
    issuer: str | None = None
    signatory: str | None = None
    #: what the document says it is for (its 目的 chapter), as written
    purpose: str | None = None
    path: str | None = None
    sha256: str | None = None
    #: set when a document below the quality thresholds was taken anyway
    #: (``--accept-partial``): its quality line, so the graph says the model is partial
    #: (left out of the file when None, so models without it hash as before)
    accepted_partial: str | None = Field(default=None, exclude_if=lambda v: v is None)


class Named(_Strict):
    id: str = Field(min_length=1, max_length=MAX_ID_LENGTH)
    name: str = Field(min_length=1, max_length=MAX_NAME_LENGTH)
    name_original: str | None = Field(default=None, max_length=MAX_NAME_LENGTH)
    name_en: str | None = Field(default=None, max_length=MAX_NAME_LENGTH)
    provenance: Provenance | None = None


class Department(Named):
    parent: str | None = None


class Role(Named):
    department: str | None = None
    #: provenance of the statement that puts the role in its department (key "department")
    evidence: dict[str, Provenance] = Field(default_factory=dict)


class Output(Named):
    pass


class Monitor(_Strict):
    id: str
    rank: Rank


class Report(_Strict):
    from_: str = Field(alias="from")
    to: str


class Activity(Named):
    code: str | None = None
    kind: Kind = "activity"
    parent: str | None = None
    description: str | None = None
    outputs: list[str] = Field(default_factory=list)
    responsible: list[str] = Field(default_factory=list)
    assists: list[str] = Field(default_factory=list)
    monitors: list[Monitor] = Field(default_factory=list)
    reports: list[Report] = Field(default_factory=list)
    interface_departments: list[str] = Field(default_factory=list)
    #: provenance of each field's statement, keyed by a name from EVIDENCE_FIELDS
    evidence: dict[str, Provenance] = Field(default_factory=dict)
    #: provenance of single facts a correction added, keyed ``FIELD ID`` (``responsible
    #: role:X``, ``monitors dept:Y``) or ``reports FROM>TO``; left out when empty
    corrected: dict[str, Provenance] = Field(default_factory=dict, exclude_if=lambda v: not v)


class AppliedCorrection(_Strict):
    """A correction applied to the model (:mod:`loaders.corrections`): where, and what."""

    file: str
    line: int = Field(ge=0)
    op: str


class Model(_Strict):
    schema_: Literal["kg-org-model/1"] = Field(default="kg-org-model/1", alias="schema")
    source: Source
    departments: list[Department] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
    outputs: list[Output] = Field(default_factory=list)
    activities: list[Activity] = Field(default_factory=list)
    #: alternative name or id → canonical id (see :func:`apply_aliases`); a model file may
    #: declare them, and a model read or extracted lists the ones it applied
    aliases: dict[str, str] = Field(default_factory=dict)
    #: the corrections applied to what the reader made, in order (left out when none)
    corrections: list[AppliedCorrection] = Field(default_factory=list)

    def _exclude(self) -> set[str] | None:
        # files without aliases or corrections stay as they were
        out = ({"aliases"} if not self.aliases else set()) | ({"corrections"} if not self.corrections else set())
        return out or None

    # ----------------------------------------------------------------- serialisation
    def to_dict(self) -> dict[str, Any]:
        """Plain data in the file's field names (``schema``, ``from``), ``None`` kept."""
        return self.model_dump(by_alias=True, mode="json", exclude=self._exclude())

    def to_text(self, fmt: Literal["json", "yaml"]) -> str:
        data = self.to_dict()
        if fmt == "json":
            return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)

    def canonical_json(self) -> bytes:
        """The model's content as compact JSON, fields in their declared order (not its
        file's formatting): what :meth:`content_hash` hashes."""
        return self.model_dump_json(by_alias=True, exclude=self._exclude()).encode("utf-8")

    def content_hash(self, canonical: bytes | None = None) -> str:
        """A hash of the model's content: of :meth:`canonical_json` (pass it when it is at
        hand, to serialise a large model once)."""
        return hashlib.sha256(canonical or self.canonical_json()).hexdigest()

    # ----------------------------------------------------------------- look-ups
    def ids(self) -> dict[str, str]:
        """Every declared id mapped to its kind (department, role, output, activity)."""
        out: dict[str, str] = {}
        for kind, items in (
            ("department", self.departments),
            ("role", self.roles),
            ("output", self.outputs),
            ("activity", self.activities),
        ):
            for item in items:
                out.setdefault(item.id, kind)
        return out


# --------------------------------------------------------------------------- aliases
_KINDS = {"dept": "departments", "role": "roles", "output": "outputs", "activity": "activities"}


def alias_key(alias: str, canonical: str) -> str:
    """The id an alias names: ``role:主任`` as written, or a bare name (either script) in
    the canonical id's kind: ``片區經理`` → ``role:片区经理`` for ``role:区域经理``."""
    from kg.names import to_simplified

    kind = canonical.partition(":")[0]
    if ":" in alias:
        return to_simplified(alias)
    return f"{kind}:{to_simplified(alias)}"


def apply_aliases(model: Model, aliases: dict[str, str], where: str = "model") -> Model:
    """One id for each thing: every alternative id in ``aliases`` becomes its canonical id.

    An entity declared under an alias is renamed to the canonical id (its name follows; its
    ``name_original`` and provenance keep the alias as the document wrote it), or, if the
    canonical entity is declared too, merged into it; every reference follows, without
    duplicates.  The model's ``aliases`` lists the aliases that applied (alias id →
    canonical id), its own section first.
    """
    table = alias_table(aliases, where)
    declared = set(model.ids())
    used = {a: c for a, c in table.items() if a in declared}
    if not used:
        return model
    return _apply(model, used)


def alias_table(aliases: dict[str, str], where: str = "model") -> dict[str, str]:
    """Each alternative id ``aliases`` names (:func:`alias_key`) → its canonical id, chains
    followed; raise :class:`ModelFileError` for an alias that is not of its id's kind."""
    table: dict[str, str] = {}
    for alias, canonical in aliases.items():
        kind = canonical.partition(":")[0]
        if kind not in _KINDS or not canonical.partition(":")[2]:
            raise ModelFileError(f"{where}: aliases: {canonical!r} is not an id (role:…, dept:…)")
        key = alias_key(alias, canonical)
        if key.partition(":")[0] != kind:
            raise ModelFileError(
                f"{where}: aliases: {alias!r} and {canonical!r} are different kinds"
            )
        if key != canonical:
            table[key] = canonical
    for key in list(table):  # chains: a → b → c is a → c
        seen = {key}
        while table[key] in table and table[key] not in seen:
            seen.add(table[key])
            table[key] = table[table[key]]
    return table


def _apply(model: Model, used: dict[str, str]) -> Model:
    def one(ref: str | None) -> str | None:
        return used.get(ref, ref) if ref is not None else None

    def many(refs: list[str]) -> list[str]:
        return list(dict.fromkeys(used.get(r, r) for r in refs))

    data = model.model_copy(deep=True)
    for attr in _KINDS.values():
        items = getattr(data, attr)
        by_id = {item.id: item for item in items}
        kept: list[Named] = []
        for item in items:
            if item.id in used:
                target = used[item.id]
                if target in by_id or any(k.id == target for k in kept):
                    continue  # merged into the canonical entity
                item.id = target
                item.name = target.partition(":")[2]
            kept.append(item)
        setattr(data, attr, kept)
    for dept in data.departments:
        dept.parent = one(dept.parent)
    for role in data.roles:
        role.department = one(role.department)
    for act in data.activities:
        act.parent = one(act.parent)
        act.outputs = many(act.outputs)
        act.responsible = many(act.responsible)
        act.assists = many(act.assists)
        act.interface_departments = many(act.interface_departments)
        monitors: list[Monitor] = []
        for m in act.monitors:
            m.id = used.get(m.id, m.id)
            if all(m.id != k.id for k in monitors):
                monitors.append(m)
        act.monitors = monitors
        reports: list[Report] = []
        for r in act.reports:
            r.from_ = used.get(r.from_, r.from_)
            r.to = used.get(r.to, r.to)
            if all((r.from_, r.to) != (k.from_, k.to) for k in reports):
                reports.append(r)
        act.reports = reports
    covered = {alias_key(a, c) for a, c in model.aliases.items()}
    data.aliases = {**model.aliases, **{a: c for a, c in used.items() if a not in covered}}
    return data


# --------------------------------------------------------------------------- validation
class Statement(NamedTuple):
    """One relationship a model states: its type, its ends' ids, the statement's
    provenance, a monitor's rank, and the activity a reporting line is stated for."""

    type: str
    start: str
    end: str
    provenance: Provenance | None
    rank: str | None = None
    context: str | None = None


def statements(model: Model) -> Iterator[Statement]:
    """Every relationship ``model`` states, in model order (the one walk of the model's
    relationships: the loader's facts and the diff view both read it)."""
    for d in model.departments:
        if d.parent:
            yield Statement("PART_OF", d.id, d.parent, d.provenance)
    for r in model.roles:
        if r.department:
            yield Statement("BELONGS_TO", r.id, r.department, r.evidence.get("department", r.provenance))
    for a in model.activities:
        ev = a.evidence
        fix = a.corrected  # a fact a correction added has its own provenance
        if a.parent:
            yield Statement("PART_OF", a.id, a.parent, a.provenance)
        for o in a.outputs:
            yield Statement("PRODUCES", a.id, o, ev.get("outputs", a.provenance))
        for role in a.responsible:
            p = fix.get(f"responsible {role}") if fix else None
            yield Statement("RESPONSIBLE", role, a.id, p or ev.get("responsible", a.provenance))
        for role in a.assists:
            p = fix.get(f"assists {role}") if fix else None
            yield Statement("ASSISTS", role, a.id, p or ev.get("assists", a.provenance))
        for m in a.monitors:
            p = fix.get(f"monitors {m.id}") if fix else None
            yield Statement("MONITORS", m.id, a.id, p or ev.get("monitors", a.provenance), rank=m.rank)
        for rep in a.reports:
            p = fix.get(f"reports {rep.from_}>{rep.to}") if fix else None
            yield Statement("REPORTS_TO", rep.from_, rep.to, p or ev.get("reports", a.provenance), context=a.id)
        for dept in a.interface_departments:
            yield Statement("INTERFACES_WITH", a.id, dept, ev.get("interface_departments", a.provenance))


def _path(loc: Iterable[Any]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


_SINGULAR = {
    "departments": "department",
    "roles": "role",
    "outputs": "output",
    "activities": "activity",
}


def reference_errors(
    model: Model,
    known: Mapping[str, str] | None = None,
    parents: Mapping[str, Mapping[str, str | None]] | None = None,
) -> list[str]:
    """Check that every reference names a declared id of an allowed kind, and ids are unique.

    ``model`` may be part of a larger one (the items an edit changed, see
    :mod:`loaders.delta`): ``known`` then maps every id of the whole (checked unique) to
    its list ("roles", …), and ``parents`` each list's ids to their parents
    ("activities" and "departments"), so that its items' references and parent cycles are
    checked against the whole.
    """
    errors: list[str] = []
    kinds: dict[str, str] = {}
    for kind, items in (
        ("departments", model.departments),
        ("roles", model.roles),
        ("outputs", model.outputs),
        ("activities", model.activities),
    ):
        for i, item in enumerate(items):
            if item.id in kinds:
                errors.append(f"{kind}[{i}].id: duplicate id {item.id!r}")
            else:
                kinds[item.id] = kind
    lookup: Mapping[str, str] = kinds if known is None else known

    def check(ref: str | None, allowed: tuple[str, ...], where: str, *at: object) -> None:
        # the path (where.format(*at)) is only written out for an error: a million
        # references are checked in a large model
        if ref is None:
            return
        kind = lookup.get(ref)
        if kind is None:
            errors.append(f"{where.format(*at)}: unknown id {ref!r}")
        elif kind not in allowed:
            expected = " or ".join(_SINGULAR[a] for a in allowed)
            errors.append(f"{where.format(*at)}: {ref!r} is a {_SINGULAR[kind]}, expected a {expected}")

    departments, roles, outputs = ("departments",), ("roles",), ("outputs",)
    parties, activities = ("roles", "departments"), ("activities",)
    for i, d in enumerate(model.departments):
        check(d.parent, departments, "departments[{}].parent", i)
    for i, r in enumerate(model.roles):
        check(r.department, departments, "roles[{}].department", i)
        for key in r.evidence:
            if key != "department":
                errors.append(f"roles[{i}].evidence.{key}: unknown field (only department)")
    for i, a in enumerate(model.activities):
        check(a.parent, activities, "activities[{}].parent", i)
        for j, o in enumerate(a.outputs):
            check(o, outputs, "activities[{}].outputs[{}]", i, j)
        for j, role_id in enumerate(a.responsible):
            check(role_id, roles, "activities[{}].responsible[{}]", i, j)
        for j, role_id in enumerate(a.assists):
            check(role_id, roles, "activities[{}].assists[{}]", i, j)
        for j, m in enumerate(a.monitors):
            check(m.id, parties, "activities[{}].monitors[{}].id", i, j)
        for j, rep in enumerate(a.reports):
            check(rep.from_, roles, "activities[{}].reports[{}].from", i, j)
            check(rep.to, parties, "activities[{}].reports[{}].to", i, j)
        for j, dept_id in enumerate(a.interface_departments):
            check(dept_id, departments, "activities[{}].interface_departments[{}]", i, j)
        for key in a.evidence:
            if key not in EVIDENCE_FIELDS:
                errors.append(
                    f"activities[{i}].evidence.{key}: unknown field (one of {', '.join(EVIDENCE_FIELDS)})"
                )
    # parent cycles among activities and departments
    for kind, items, attr in (
        ("activities", model.activities, "parent"),
        ("departments", model.departments, "parent"),
    ):
        parent = parents[kind] if parents is not None else {x.id: getattr(x, attr) for x in items}
        for i, x in enumerate(items):
            seen = {x.id}
            cur = parent.get(x.id)
            while cur is not None and cur in parent:
                if cur in seen:
                    errors.append(f"{kind}[{i}].parent: cycle through {cur!r}")
                    break
                seen.add(cur)
                cur = parent.get(cur)
    return errors


def parse_model(data: Any, where: str = "model") -> Model:
    """Validate plain data as a model; raise :class:`ModelFileError` listing every problem."""
    if not isinstance(data, dict):
        raise ModelFileError(f"{where}: expected a mapping at the top level, got {type(data).__name__}")
    schema = data.get("schema")
    if schema != SCHEMA:
        raise ModelFileError(
            f"{where}: schema: expected {SCHEMA!r}, got {schema!r} "
            "(is this a kg model file? write one with `kg extract`)"
        )
    try:
        model = Model.model_validate(data)
    except ValidationError as exc:
        problems = [f"{_path(e['loc'])}: {e['msg'].lower()}" for e in exc.errors()]
        raise ModelFileError(f"{where}: invalid model file", problems) from None
    model = apply_aliases(model, model.aliases, where)
    problems = reference_errors(model)
    if problems:
        raise ModelFileError(f"{where}: invalid model file", problems)
    return model


# --------------------------------------------------------------------------- files
MODEL_SUFFIXES = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}


def model_format(path: Path) -> Literal["json", "yaml"]:
    fmt = MODEL_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise ModelFileError(
            f"{path}: unknown model file type {path.suffix!r} (use .json, .yaml or .yml)"
        )
    return fmt  # type: ignore[return-value]


def read_model(path: str | Path) -> Model:
    """Read and validate a model file (JSON or YAML)."""
    path = Path(path)
    fmt = model_format(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ModelFileError(f"{path}: no such file", exit_code=UNREADABLE_FILE) from None
    except UnicodeDecodeError as exc:
        raise ModelFileError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise ModelFileError(
            f"{path}: cannot read ({exc.strerror})", exit_code=UNREADABLE_FILE
        ) from None
    if fmt == "json":
        try:  # the fast path: pydantic parses and validates JSON in one go
            model = Model.model_validate_json(text)
        except ValidationError:
            pass  # parse again below, for messages with lines and paths
        else:
            model = apply_aliases(model, model.aliases, str(path))
            problems = reference_errors(model)
            if problems:
                raise ModelFileError(f"{path}: invalid model file", problems)
            return model
    try:
        data = json.loads(text) if fmt == "json" else yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        raise ModelFileError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        raise ModelFileError(f"{path}: not valid YAML{at}") from None
    return parse_model(data, where=str(path))


def write_model(model: Model, path: str | Path) -> None:
    """Write a model file; the format follows the suffix (.json, .yaml, .yml)."""
    path = Path(path)
    text = model.to_text(model_format(path))
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
