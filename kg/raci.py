"""The RACI matrix of the loaded graph: activities × roles, grouped by business area.

Letters (:data:`DEFAULT_LETTERS`, change them with ``--letters``)::

    R  responsible     (:Role)-[:RESPONSIBLE]->(:Activity)       主要责任人
    S  assists         (:Role)-[:ASSISTS]->(:Activity)           协助人
    A  first monitor   ()-[:MONITORS {rank: 'first'}]->(:Activity) 第一监控人 (accountable)
    C  other monitor   ()-[:MONITORS {rank: 'other'}]->(:Activity) 其他监控人 (consulted)

Departments that monitor an activity get a column like roles.  A role with two relations
to one activity shows both letters, ``R/A``.  Rows are every activity in document order
(business areas as group headings, parent activities with their sub-activities below);
columns are the roles and departments in order of first appearance.

Formats: ``csv`` (the format :mod:`loaders.raci_csv` reads back, so ``kg load`` restores
the same relationships), ``markdown``, ``html`` (one offline page, document text
escaped) and ``xlsx`` (openpyxl).
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from kg.cells import protect
from kg.db import Database
from kg.errors import QueryError
from kg.names import to_simplified
from kg.queries import markdown_cell, markdown_table, run_cypher, run_query
from kg.schema import ACTIVITY_KINDS, RACI_LETTERS, RACI_SEPARATOR
from kg.text_safe import md_text

#: Relation → letter. The relations, in column order of a cell: responsible, assists,
#: monitors-first, monitors-other.
DEFAULT_LETTERS: dict[str, str] = dict(RACI_LETTERS)
RELATIONS = tuple(DEFAULT_LETTERS)
#: Joins several letters in one cell (loaders.raci_csv reads the same).
SEPARATOR = RACI_SEPARATOR
FORMATS = ("csv", "markdown", "html", "xlsx")
_AREA, _ACTIVITY = ACTIVITY_KINDS
_MEANING = {
    "responsible": "responsible",
    "assists": "assists",
    "monitors-first": "first monitor",
    "monitors-other": "other monitor",
}


def parse_letters(spec: str | None) -> dict[str, str]:
    """``"assists=I,monitors-other=C"`` → the default letters with those replaced."""
    letters = dict(DEFAULT_LETTERS)
    if not spec:
        return letters
    for item in spec.split(","):
        key, sep, value = item.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or key not in letters:
            raise QueryError(
                f"--letters {item!r}: expected RELATION=LETTER with RELATION one of {', '.join(RELATIONS)}"
            )
        if not value or SEPARATOR in value or "," in value:
            raise QueryError(f"--letters {item!r}: a letter must be non-empty, without '/' or ','")
        letters[key] = value
    if len(set(letters.values())) != len(letters):
        raise QueryError(f"--letters: two relations share a letter ({letters})")
    return letters


@dataclass(frozen=True)
class Party:
    """A column: a role or a department."""

    id: str
    name: str
    kind: str  # Role | Department


@dataclass
class MatrixRow:
    """A row: one activity (or business area), with its relations by party id."""

    id: str
    name: str
    name_en: str | None
    code: str | None
    kind: str
    parent_id: str | None
    area: str | None
    depth: int
    cells: dict[str, list[str]] = field(default_factory=dict)  # party id -> relations

    @property
    def is_area(self) -> bool:
        """A business area (a group heading, not a row of letters)."""
        return self.kind == _AREA


@dataclass
class RaciMatrix:
    parties: list[Party]
    rows: list[MatrixRow]
    letters: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_LETTERS))

    def cell(self, row: MatrixRow, party: Party) -> str:
        """The letters of ``party`` for ``row`` (``R/A``), empty if none."""
        relations = row.cells.get(party.id, [])
        return SEPARATOR.join(self.letters[r] for r in RELATIONS if r in relations)

    def areas(self) -> list[tuple[str | None, list[MatrixRow]]]:
        """Rows grouped by business area, in order (an area's own row first)."""
        groups: dict[str | None, list[MatrixRow]] = {}
        for row in self.rows:
            groups.setdefault(row.area, []).append(row)
        return list(groups.items())

    def as_dict(self) -> dict[str, dict[str, str]]:
        """``{activity id: {party id: letters}}`` for the non-empty cells."""
        out: dict[str, dict[str, str]] = {}
        for row in self.rows:
            cells = {p.id: self.cell(row, p) for p in self.parties if self.cell(row, p)}
            if cells:
                out[row.id] = cells
        return out


def build_matrix(
    db: Database, letters: Mapping[str, str] | None = None, area: str | None = None
) -> RaciMatrix:
    """The RACI matrix of the graph (canned queries ``activity-tree`` and ``raci-matrix``),
    or of one business area (its id, or its name in any script or English): then only
    that area's activities are read, found from the area down, with the roles and
    departments that have a letter there."""
    scope = {"area": None if area is None else _area_name(db, area)}
    rows: dict[str, MatrixRow] = {}
    for rec in run_query(db, "activity-tree", scope).dicts():
        rows[rec["activity_id"]] = MatrixRow(
            id=rec["activity_id"],
            name=rec["activity"],
            name_en=rec["activity_en"],
            code=rec["code"],
            kind=rec["kind"] or _ACTIVITY,
            parent_id=rec["parent_id"],
            area=rec["area"],
            depth=rec["depth"] or 0,
        )
    parties: dict[str, Party] = {}
    for rec in run_query(db, "raci-matrix", scope).dicts():
        row = rows.get(rec["activity_id"])
        if row is None and area is not None:
            continue  # under the area within six levels, but another area's by the tree
        party = parties.setdefault(rec["role_id"], Party(rec["role_id"], rec["role"], rec["kind"]))
        if row is not None:
            row.cells.setdefault(party.id, []).append(rec["relation"])
    return RaciMatrix(list(parties.values()), list(rows.values()), dict(letters or DEFAULT_LETTERS))


#: The top-level activities (business areas as the tree shows them), in document order.
_TOPS = """
MATCH (top:Activity) WHERE NOT EXISTS { (top)-[:PART_OF]->(:Activity) }
RETURN top.id AS id, top.name AS name, top.name_en AS name_en
ORDER BY top.code, top.starts[0], name
"""


def _area_name(db: Database, area: str) -> str:
    """The name of the business area ``area`` names (id, name in any script, English
    name in any case), as :func:`for_area` matches it."""
    tops = [
        MatrixRow(id=r["id"], name=r["name"], name_en=r["name_en"], code=None, kind=_AREA,
                  parent_id=None, area=r["name"], depth=0)
        for r in run_cypher(db, _TOPS).dicts()
    ]
    return _match_area(tops, area).name


def _match_area(tops: list[MatrixRow], area: str) -> MatrixRow:
    wanted = to_simplified(area.strip()).lower()
    match = next(
        (r for r in tops if wanted in {r.id.lower(), r.name.lower(), (r.name_en or "").lower()}),
        None,
    )
    if match is None:
        names = ", ".join(f"{r.name} ({r.name_en})" if r.name_en else r.name for r in tops)
        raise QueryError(f"--area {area!r}: no such business area; the areas: {names or 'none'}")
    return match


def for_area(matrix: RaciMatrix, area: str) -> RaciMatrix:
    """The part of ``matrix`` under one business area (its id, or its name in any script
    or English), with the roles and departments that have a letter there."""

    match = _match_area([r for r in matrix.rows if r.parent_id is None], area)
    rows = [r for r in matrix.rows if r.area == match.name]
    used = {party for r in rows for party in r.cells}
    parties = [p for p in matrix.parties if p.id in used]
    return RaciMatrix(parties, rows, matrix.letters)


#: Above this many cells (activities × roles and departments) a matrix is not drawn: it
#: would take more memory and time than anyone can read (use --area, or the long form).
MAX_CELLS = 2_000_000


def check_size(matrix: RaciMatrix) -> None:
    cells = len(matrix.rows) * len(matrix.parties)
    if cells > MAX_CELLS:
        raise QueryError(
            f"the matrix would have {cells:,} cells ({len(matrix.rows):,} activities × "
            f"{len(matrix.parties):,} roles and departments), more than {MAX_CELLS:,}: "
            "draw one business area with --area, or list every letter one per row with "
            "`kg query raci-matrix --format csv`"
        )


# --------------------------------------------------------------------------- formats
CSV_COLUMNS = ("id", "activity", "code", "kind", "parent", "name_en")


def write_csv(matrix: RaciMatrix, out: TextIO) -> None:
    """The matrix as the CSV that ``kg load`` reads back (see loaders/raci_csv.py), its
    text cells spreadsheet-safe (:mod:`kg.cells`), written to ``out`` row by row."""
    if matrix.letters != DEFAULT_LETTERS:
        raise QueryError(
            "the CSV is written with the default letters R, S, A, C (kg load reads those): "
            "drop --letters for --format csv"
        )
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*CSV_COLUMNS, *(protect(p.id) for p in matrix.parties)])
    for row in matrix.rows:
        texts = [row.id, row.name, row.code or "", row.kind, row.parent_id or "", row.name_en or ""]
        writer.writerow([protect(t) for t in texts] + [matrix.cell(row, p) for p in matrix.parties])


def to_csv(matrix: RaciMatrix) -> str:
    """:func:`write_csv` as a string."""
    buf = io.StringIO()
    write_csv(matrix, buf)
    return buf.getvalue()


def legend(matrix: RaciMatrix) -> str:
    return " · ".join(f"{matrix.letters[r]} {_MEANING[r]}" for r in RELATIONS)


def _indent(row: MatrixRow) -> str:
    return "\u3000" * max(row.depth - 1, 0) + row.name


def write_markdown(matrix: RaciMatrix, out: TextIO) -> None:
    """One table per business area; sub-activities indented under their parents; written
    to ``out`` row by row."""
    out.write(f"**RACI**: {legend(matrix)}\n")
    columns = ["code", "activity", *(p.name for p in matrix.parties)]
    header = markdown_table(columns, [])
    for area, rows in matrix.areas():
        out.write(f"\n### {md_text(area or '(no business area)')}\n")
        body = [r for r in rows if not r.is_area]
        if not body:
            out.write("\n(no activities)\n")
            continue
        out.write("\n" + header)
        for r in body:
            line = [r.code or "", _indent(r), *(matrix.cell(r, p) for p in matrix.parties)]
            out.write("| " + " | ".join(markdown_cell(c) for c in line) + " |\n")


def to_markdown(matrix: RaciMatrix) -> str:
    """:func:`write_markdown` as a string."""
    buf = io.StringIO()
    write_markdown(matrix, buf)
    return buf.getvalue()


_CSS = """
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif; margin: 1.5em; }
table { border-collapse: collapse; }
th, td { border: 1px solid #bbb; padding: .25em .5em; }
thead th { background: #f0f0f0; position: sticky; top: 0; }
tr.area th { background: #dde7f3; text-align: left; }
td.cell { text-align: center; font-weight: bold; }
.legend { margin-bottom: 1em; }
"""
#: A cell's background by relation, for the html matrix and ``kg explore``'s grid: a
#: cell with several relations takes the colour of the one listed last here.
RELATION_COLOURS: dict[str, str] = {
    "responsible": "#f8d7a8",
    "monitors-first": "#c9e4c5",
    "assists": "#d9e6f7",
    "monitors-other": "#eee",
}
_CSS += "".join(
    f"td.{DEFAULT_LETTERS[relation]} {{ background: {colour}; }}\n"
    for relation, colour in RELATION_COLOURS.items()
)


def write_html(matrix: RaciMatrix, out: TextIO, title: str = "RACI matrix") -> None:
    """A standalone page (no external resources); every text from the graph is escaped;
    written to ``out`` row by row."""
    e = html.escape
    head = "".join(
        f'<th title="{e(p.id)}">{e(p.name)}</th>' for p in matrix.parties
    )
    ncols = 2 + len(matrix.parties)
    out.write(
        "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<h1>{e(title)}</h1>\n<p class=\"legend\">{e(legend(matrix))}</p>\n"
        f"<table>\n<thead><tr><th>code</th><th>activity</th>{head}</tr></thead>\n<tbody>\n"
    )
    first = True
    for area, rows in matrix.areas():
        area_row = next((r for r in rows if r.is_area), None)
        label = e(area or "(no business area)")
        if area_row is not None and area_row.name_en:
            label += f" <small>{e(area_row.name_en)}</small>"
        out.write(("" if first else "\n") + f'<tr class="area"><th colspan="{ncols}">{label}</th></tr>')
        first = False
        for r in rows:
            if r.is_area:
                continue
            pad = f' style="padding-left: {0.5 + 1.5 * max(r.depth - 1, 0):.1f}em"'
            title_attr = f' title="{e(r.name_en)}"' if r.name_en else ""
            cells = []
            for p in matrix.parties:
                value = matrix.cell(r, p)
                cls = " ".join(["cell", *(e(x) for x in value.split(SEPARATOR) if x)])
                cells.append(f'<td class="{cls}">{e(value)}</td>')
            out.write(
                f"\n<tr><td>{e(r.code or '')}</td><td{pad}{title_attr}>{e(r.name)}</td>{''.join(cells)}</tr>"
            )
    out.write("\n</tbody>\n</table>\n</body>\n</html>\n")


def to_html(matrix: RaciMatrix, title: str = "RACI matrix") -> str:
    """:func:`write_html` as a string."""
    buf = io.StringIO()
    write_html(matrix, buf, title)
    return buf.getvalue()


def write_xlsx(matrix: RaciMatrix, path: str | Path, title: str = "RACI") -> None:
    """The matrix as an Excel workbook: sheet ``RACI`` (areas as bold heading rows with
    their code, header and first columns frozen, each row's id in a hidden last column)
    and sheet ``Legend`` (the letters, and the id of each column's role or department);
    ``kg load`` reads it back (:mod:`loaders.raci_xlsx`).  Written in openpyxl's
    write-only mode, row by row: the workbook is never held as a grid of cells."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title[:31])
    ws.freeze_panes = "C2"
    ws.column_dimensions["A"].width = 10
    ws.column_dimensions["B"].width = 28
    # the last column, hidden, holds each row's activity id: `kg load` reads it back
    ws.column_dimensions[get_column_letter(len(matrix.parties) + 3)].hidden = True

    def cell(value: object, **style: object) -> WriteOnlyCell:
        c = WriteOnlyCell(ws, value=value)
        # names come from documents: a name starting with '=' must stay text, not become
        # a live formula (openpyxl turns such strings into formulas)
        if c.data_type == "f":
            c.data_type = "s"
        for key, v in style.items():
            setattr(c, key, v)
        return c

    bold, centred = Font(bold=True), Alignment(horizontal="center")
    heading = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.append([cell(v, font=bold, alignment=heading)
               for v in ["code", "activity", *(p.name for p in matrix.parties), "id"]])
    fills = {
        matrix.letters["responsible"]: PatternFill("solid", fgColor="F8D7A8"),
        matrix.letters["monitors-first"]: PatternFill("solid", fgColor="C9E4C5"),
        matrix.letters["assists"]: PatternFill("solid", fgColor="D9E6F7"),
        matrix.letters["monitors-other"]: PatternFill("solid", fgColor="EEEEEE"),
    }
    area_fill = PatternFill("solid", fgColor="DDE7F3")
    for area, rows in matrix.areas():
        area_row = next((r for r in rows if r.is_area), None)
        ws.append([
            cell(area_row.code if area_row else None, font=bold, fill=area_fill),
            cell(area or "(no business area)", font=bold, fill=area_fill),
            *(cell(None, fill=area_fill) for _ in matrix.parties),
            cell(area_row.id if area_row else None),
        ])
        for r in rows:
            if r.is_area:
                continue
            values: list[WriteOnlyCell] = [
                cell(r.code),
                cell(r.name, alignment=Alignment(indent=max(r.depth - 1, 0) * 2)),
            ]
            for p in matrix.parties:
                value = matrix.cell(r, p)
                if not value:
                    values.append(cell(None))
                    continue
                first = value.split(SEPARATOR)[0]
                style: dict[str, object] = {"alignment": centred}
                if first in fills:
                    style["fill"] = fills[first]
                values.append(cell(value, **style))
            values.append(cell(r.id))
            ws.append(values)
    legend_ws = wb.create_sheet("Legend")
    legend_ws.append(["letter", "meaning"])
    for relation in RELATIONS:
        legend_ws.append([cell(matrix.letters[relation]), _MEANING[relation]])
    # which column is which role or department: `kg load` reads the workbook back with it
    legend_ws.append([])
    legend_ws.append(["column", "id"])
    for party in matrix.parties:
        legend_ws.append([cell(party.name), cell(party.id)])
    wb.save(str(path))


#: The text formats, each written to a stream row by row.
WRITERS: dict[str, Callable[[RaciMatrix, TextIO], None]] = {
    "csv": write_csv,
    "markdown": write_markdown,
    "html": write_html,
}


def render(matrix: RaciMatrix, fmt: str) -> str:
    """Text formats (csv, markdown, html); xlsx is written to a file by :func:`write_xlsx`."""
    if fmt == "csv":
        return to_csv(matrix)
    if fmt == "markdown":
        return to_markdown(matrix)
    if fmt == "html":
        return to_html(matrix)
    raise QueryError(f"format {fmt!r} is not text (one of csv, markdown, html; xlsx needs --output)")


__all__ = [
    "DEFAULT_LETTERS",
    "FORMATS",
    "MatrixRow",
    "Party",
    "RaciMatrix",
    "build_matrix",
    "parse_letters",
    "render",
    "check_size",
    "for_area",
    "to_csv",
    "to_html",
    "to_markdown",
    "write_csv",
    "write_html",
    "write_markdown",
    "write_xlsx",
    "WRITERS",
]
