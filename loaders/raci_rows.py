"""A RACI table's rows → a model: what a RACI CSV (:mod:`loaders.raci_csv`) and an Excel
workbook (:mod:`loaders.raci_xlsx`) have in common once their cells are read.

The table is the CSV's: a header of activity columns (``id``, ``activity``, ``code``,
``kind``, ``parent``, ``name_en``) and party columns (``role:NAME``, ``dept:NAME`` or a
role's name, in any script or English), then one row per activity whose party cells hold
letters.  The reader says where a cell is (:class:`Place`), so that an error names it as
its format does: ``row 2, column '客户经理'`` in a CSV, ``市场!D7`` in a workbook.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kg.errors import SourceError
from kg.model import (
    Activity,
    Department,
    Model,
    Monitor,
    Provenance,
    Rank,
    Role,
    Source,
    reference_errors,
)
from kg.names import to_simplified
from kg.schema import RACI_LETTERS, RACI_SEPARATOR
from loaders.glossary import english, term_for

#: Cell letter → the relation it stands for (the inverse of kg.schema.RACI_LETTERS).
LETTERS = {letter: relation for relation, letter in RACI_LETTERS.items()}
#: Joins several letters in one cell.
SEPARATOR = RACI_SEPARATOR
#: Columns that describe the activity; every other column is a role or department.
ACTIVITY_COLUMNS = ("id", "activity", "code", "kind", "parent", "name_en")
PARTY_PREFIXES = {"role": "role", "dept": "department"}
#: A monitor letter's relation → the monitor's rank.
RANKS: dict[str, Rank] = {"monitors-first": "first", "monitors-other": "other"}

#: Where a cell is: ``(row, column)``, indexes into the rows given and the header; row
#: ``None`` is the header, column ``None`` the whole row.
Place = Callable[[int | None, int | None], str]


@dataclass
class TableRow:
    """One row of the table: its cells (aligned with the header) and its provenance."""

    cells: list[str]
    provenance: Provenance


def canonical_name(name: str) -> str:
    """A party's canonical (Simplified) name: English names go through the glossary."""
    if name.isascii():
        term = term_for(name)
        if term is not None:
            return term
    return to_simplified(name)


def letters_from(relations: Mapping[str, str]) -> dict[str, str]:
    """Relation → letter (``kg raci --letters``'s mapping) as letter → relation."""
    return {letter.upper(): relation for relation, letter in relations.items()}


def table_model(
    header: Sequence[str],
    rows: Sequence[TableRow],
    *,
    source: Source,
    header_provenance: Provenance | Sequence[Provenance],
    place: Place,
    where: str,
    letters: Mapping[str, str] = LETTERS,
) -> Model:
    """The model of a RACI table (see the module docstring); ``letters`` maps a cell's
    letter to its relation; errors are :class:`SourceError` ``{where}: {place}: …``."""

    def fail(row: int | None, column: int | None, message: str) -> SourceError:
        return SourceError(f"{where}: {place(row, column)}: {message}")

    def header_cell(i: int) -> Provenance:
        """A party's provenance: its header cell's (one per column), not the whole header
        that every role and department of a wide matrix would otherwise repeat."""
        if isinstance(header_provenance, Provenance):
            return header_provenance
        return header_provenance[i]

    if "activity" not in header:
        raise fail(None, None, "no 'activity' column (the header needs activity, then one column per role)")
    roles: dict[str, Role] = {}
    departments: dict[str, Department] = {}
    parties: dict[int, tuple[str, str]] = {}  # column index -> (kind, id)
    seen: dict[str, int] = {}
    for i, name in enumerate(header):
        if not name:
            raise fail(None, i, "empty column header")
        if name in seen:
            raise fail(None, i, f"duplicate column (also column {seen[name] + 1})")
        seen[name] = i
        if name in ACTIVITY_COLUMNS:
            continue
        prefix, sep, rest = name.partition(":")
        if sep:
            kind = PARTY_PREFIXES.get(prefix)
            if kind is None or not rest.strip():
                raise fail(
                    None,
                    i,
                    "unknown column (a role or department column is 'role:NAME', 'dept:NAME' or "
                    f"a role's name; activity columns: {', '.join(ACTIVITY_COLUMNS)})",
                )
            original = rest.strip()
        else:
            kind, original = "role", name
        # the same canonical name, hence the same id, as a document would give: a header in
        # Traditional script is folded to Simplified, an English name found in the glossary
        # becomes its Chinese term
        pname = canonical_name(original)
        pid = f"{'role' if kind == 'role' else 'dept'}:{pname}"
        if pid in roles or pid in departments:
            raise fail(None, i, f"duplicate column: {pid} (also another column)")
        name_original = original if original != pname else None
        name_en = english(pname)
        if kind == "role":
            roles[pid] = Role(
                id=pid, name=pname, name_original=name_original, name_en=name_en, provenance=header_cell(i)
            )
        else:
            departments[pid] = Department(
                id=pid, name=pname, name_original=name_original, name_en=name_en, provenance=header_cell(i)
            )
        parties[i] = (kind, pid)

    col = {name: i for i, name in enumerate(header)}
    known = ", ".join(letters)
    activities: list[Activity] = []
    by_id: dict[str, int] = {}
    parents: list[tuple[int, str]] = []  # (row index, raw parent) per activity
    for r, row in enumerate(rows):
        cells = row.cells

        def cell(name: str, cells: list[str] = cells) -> str | None:
            i = col.get(name)
            if i is None or i >= len(cells):
                return None
            value = cells[i].strip()
            return value or None

        act_name = cell("activity")
        if act_name is None:
            raise fail(r, col["activity"], "no activity name")
        aid = cell("id") or f"activity:{act_name}"
        if aid in by_id:
            raise fail(r, col["id"] if cell("id") else col["activity"],
                       f"duplicate activity {aid!r} (also {place(by_id[aid], None)})")
        by_id[aid] = r
        kind = (cell("kind") or "activity").lower()
        if kind not in ("area", "activity"):
            raise fail(r, col["kind"], f"unknown kind {kind!r} (area or activity)")
        fields: dict[str, Any] = {"responsible": [], "assists": [], "monitors": []}
        for i, (pkind, pid) in parties.items():
            if i >= len(cells) or not cells[i].strip():
                continue
            for letter in cells[i].split(SEPARATOR):
                letter = letter.strip().upper()
                relation = letters.get(letter)
                if relation is None:
                    raise fail(
                        r,
                        i,
                        f"unknown letter {letter or '(empty)'!r} in {cells[i].strip()!r} "
                        f"(use {known}; combine with '{SEPARATOR}')",
                    )
                if pkind == "department" and relation in ("responsible", "assists"):
                    raise fail(r, i, f"a department can only monitor (A or C), not {letter}")
                if relation == "responsible":
                    fields["responsible"].append(pid)
                elif relation == "assists":
                    fields["assists"].append(pid)
                else:
                    fields["monitors"].append(Monitor(id=pid, rank=RANKS[relation]))
        evidence = {k: row.provenance for k, v in fields.items() if v}
        activities.append(
            Activity(
                id=aid,
                name=act_name,
                name_en=cell("name_en"),
                code=cell("code"),
                kind=kind,  # type: ignore[arg-type]
                provenance=row.provenance,
                evidence=evidence,
                **fields,
            )
        )
        parents.append((r, cell("parent") or ""))

    # parents: by id, or by the name of another row
    by_name: dict[str, str] = {}
    for a in activities:
        by_name.setdefault(a.name, a.id)
    for a, (r, raw_parent) in zip(activities, parents, strict=True):
        if not raw_parent:
            continue
        parent = raw_parent if raw_parent in by_id else by_name.get(raw_parent)
        if parent is None:
            raise fail(r, col["parent"], f"unknown parent {raw_parent!r} (the id or name of another row)")
        if parent == a.id:
            raise fail(r, col["parent"], "an activity cannot be its own parent")
        a.parent = parent

    model = Model(
        source=source,
        roles=list(roles.values()),
        departments=list(departments.values()),
        activities=activities,
    )
    problems = reference_errors(model)
    if problems:
        raise SourceError(f"{where}: invalid RACI matrix", problems)
    return model


__all__ = ["LETTERS", "SEPARATOR", "TableRow", "canonical_name", "letters_from", "table_model"]
