"""Read a RACI matrix kept in Excel (``.xlsx``) into a model, so that ``kg load m.xlsx`` works.

Two kinds of workbook are read, with openpyxl in read-only mode (values, not formulas):

- the one ``kg raci -o m.xlsx`` writes: sheet ``RACI`` (``code``, ``activity``, one column
  per role or department, and a hidden ``id`` column; a business area is a heading row
  with its code) and sheet ``Legend`` (the letters, and each column's role or department
  id).  It loads back to exactly the relationships it was drawn from.
- a hand-made one: one sheet for all or one sheet per business area (the sheet's name is
  the area).  On each sheet a header row (the first non-blank one) names the columns:

  - ``activity`` (``活动``, ``业务活动``, ``业务``, ``工作``) — required;
  - ``code`` (``编号``, ``序号``) — ``2.D.1`` makes ``2.D``'s row its parent;
  - ``area`` (``业务领域``, ``领域``) — the business area; a merged area cell covers the
    rows below it;
  - ``notes`` (``备注``, ``说明``, ``remarks``, ``comment``) — ignored;
  - ``id``, ``kind``, ``parent``, ``name_en`` — as in a RACI CSV (:mod:`loaders.raci_csv`);
  - every other column is a role (its name in any script, or English found in the
    glossary) or, written ``dept:NAME``, a department.

  On a sheet without an area column, a row with a name but no letters whose code is
  empty or one number (``2``) is a business area's heading: the rows below belong to it.
  Blank rows are skipped; a sheet without such a header row (notes, a cover) is skipped.

Cells hold letters: ``R`` responsible, ``S`` assists, ``A`` first monitor, ``C`` other
monitor, several joined with ``/``; ``kg load --letters assists=I`` reads other letters
(standard RACI's R/A/C/I), and a ``Legend`` sheet's letters are used when there is one.
Errors name the sheet and the cell: ``市场!D7: unknown letter 'X' …``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import DocumentError, SourceError
from kg.model import Model, Provenance, Source
from kg.names import to_simplified
from kg.raci import _MEANING
from loaders.glossary import english
from loaders.guard import check_cells, check_zip, reading
from loaders.raci_rows import (
    LETTERS,
    SEPARATOR,
    TableRow,
    canonical_name,
    letters_from,
    table_model,
)

#: Header aliases (compared lower-cased, in Simplified script) → the column they are.
ALIASES = {
    "activity": ("activity", "activities", "activity name", "活动", "业务活动", "业务", "工作", "活动名称"),
    "code": ("code", "no.", "no", "#", "编号", "编码", "序号", "代码"),
    "area": ("area", "business area", "业务领域", "领域", "业务范围", "业务域"),
    "notes": ("notes", "note", "remarks", "remark", "comment", "comments", "备注", "说明", "注释"),
    "id": ("id",),
    "kind": ("kind",),
    "parent": ("parent",),
    "name_en": ("name_en",),
}
_COLUMN = {alias: name for name, aliases in ALIASES.items() for alias in aliases}
#: The heading kg raci writes for activities without a business area.
NO_AREA = "(no business area)"
_AREA_CODE = re.compile(r"\d+")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _quote(sheet: str) -> str:
    return f"'{sheet}'" if re.search(r"[\s!'-]", sheet) else sheet


@dataclass
class _Sheet:
    title: str
    rows: list[tuple[int, list[str]]]  # (row number, cells) of the non-blank rows
    header_row: int = 0
    columns: dict[int, str] = field(default_factory=dict)  # column index -> kind or party header


def _read(path: Path) -> list[_Sheet]:
    """The non-blank rows of every sheet, within the limits of :mod:`loaders.guard`
    (the zip checked first; the sheets' declared dimensions ignored, rows and cells
    counted as they are read)."""
    from openpyxl import load_workbook

    try:
        check_zip(path)
        count = check_cells(path)
        with reading(path, ".xlsx"):
            wb = load_workbook(str(path), read_only=True, data_only=True)
            try:
                sheets = []
                for ws in wb.worksheets:
                    if hasattr(ws, "reset_dimensions"):  # a chartsheet has none
                        ws.reset_dimensions()  # a sheet may claim 16,384 columns: read what it has
                    rows = []
                    for number, values in enumerate(ws.iter_rows(values_only=True), 1):
                        count.row(str(ws.title), number, len(values))
                        cells = [_text(v) for v in values]
                        if any(cells):
                            rows.append((number, cells))
                    sheets.append(_Sheet(str(ws.title), rows))
            finally:
                wb.close()
    except DocumentError as exc:  # this reader's errors are SourceErrors, as its others are
        raise SourceError(exc.message, exc.details, exit_code=exc.exit_code) from None
    return sheets


def _legend(sheet: _Sheet) -> tuple[dict[str, str], dict[str, str]] | None:
    """A ``Legend`` sheet's letters (letter → relation) and column ids (name → id)."""
    if not sheet.rows or [c.lower() for c in sheet.rows[0][1][:2]] != ["letter", "meaning"]:
        return None
    relations = {meaning: relation for relation, meaning in _MEANING.items()}
    letters: dict[str, str] = {}
    ids: dict[str, str] = {}
    table = "letters"
    for _, cells in sheet.rows[1:]:
        first, second = (cells + ["", ""])[:2]
        if [first.lower(), second.lower()] == ["column", "id"]:
            table = "ids"
        elif table == "letters" and second in relations:
            letters[first.upper()] = relations[second]
        elif table == "ids" and first and second:
            ids[first] = second
    return letters, ids


def _find_header(sheet: _Sheet) -> bool:
    """Recognise the sheet's header row: the first non-blank row (within the first five)
    with an activity column."""
    for k, (_, cells) in enumerate(sheet.rows[:5]):
        kinds = [_COLUMN.get(to_simplified(c).lower()) for c in cells]
        if "activity" in kinds:
            sheet.header_row = k
            for i, (cell, kind) in enumerate(zip(cells, kinds, strict=True)):
                if kind is not None:
                    sheet.columns[i] = kind
                elif cell:
                    sheet.columns[i] = cell
            return True
    return False


def read_raci_xlsx(
    path: str | Path, *, source_id: str | None = None, letters: Mapping[str, str] | None = None
) -> Model:
    """Read and validate a RACI workbook (see the module docstring) as a model.
    ``letters`` maps each relation to its letter (``kg load --letters``)."""
    path = Path(path)
    where = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(f"{path}: no such file") from None
    except OSError as exc:
        raise SourceError(f"{path}: cannot read ({exc.strerror})") from None
    sheets = _read(path)
    legend = next((found for s in sheets if (found := _legend(s)) is not None), None)
    ids = legend[1] if legend else {}
    if letters is not None:
        letter_map = letters_from(letters)
    elif legend and legend[0]:
        letter_map = legend[0]
    else:
        letter_map = dict(LETTERS)
    raci = [s for s in sheets if _legend(s) is None and _find_header(s)]
    if not raci:
        names = ", ".join(s.title for s in sheets) or "none"
        raise SourceError(
            f"{path}: no RACI sheet: no sheet has a header row with an 'activity' column and one "
            f"column per role (sheets: {names})"
        )
    per_area_sheets = len(raci) > 1

    header: list[str] = ["activity", "code", "kind", "parent", "name_en", "id"]
    header_cells: dict[int, str] = {}  # synthetic column -> where its header is
    by_party: dict[str, int] = {}  # canonical party id -> synthetic column
    rows: list[TableRow] = []
    places: list[tuple[str, int, dict[int, int]]] = []  # per row: sheet, row number, column map
    codes: dict[str, str] = {}  # code -> activity id
    pending_parent: list[tuple[int, str | None, str | None]] = []  # row, code, area name
    areas: dict[str, int] = {}  # area name -> its row

    def cell_place(sheet: str, row: int, column: int) -> str:
        return f"{_quote(sheet)}!{_column_letter(column)}{row}"

    for sheet_no, sheet in enumerate(raci, start=1):
        header_number, header_texts = sheet.rows[sheet.header_row]
        columns: dict[int, int] = {}  # synthetic column -> this sheet's column
        seen: dict[str, int] = {}
        for i, name in sheet.columns.items():
            if name in ("notes", "area"):
                continue
            if name in ALIASES:
                if name in seen:
                    raise SourceError(
                        f"{where}: {cell_place(sheet.title, header_number, i)}: duplicate column "
                        f"{header_texts[i]!r} (also {_column_letter(seen[name])}{header_number})"
                    )
                seen[name] = i
                columns[header.index(name)] = i
                continue
            party = ids.get(name) or name
            prefix, sep, rest = party.partition(":")
            key = f"{prefix}:{canonical_name(rest.strip())}" if sep else f"role:{canonical_name(name)}"
            if key in seen:
                raise SourceError(
                    f"{where}: {cell_place(sheet.title, header_number, i)}: duplicate column: {key} "
                    f"(also {_column_letter(seen[key])}{header_number})"
                )
            seen[key] = i
            if key not in by_party:
                by_party[key] = len(header)
                header.append(party if sep else name)
                header_cells[by_party[key]] = cell_place(sheet.title, header_number, i)
            columns[by_party[key]] = i
        area_col = next((i for i, n in sheet.columns.items() if n == "area"), None)
        sheet_area: str | None = sheet.title if per_area_sheets and area_col is None else None
        current_area = sheet_area
        header_prov = Provenance(page=sheet_no, start=header_number - 1, end=header_number,
                                 text=" | ".join(c for c in header_texts if c))

        def add_area(
            name: str, code: str | None, number: int, prov: Provenance, at: tuple[str, int],
            aid: str = "",
        ) -> None:
            if name in areas:
                if code and not rows[areas[name]].cells[1]:
                    rows[areas[name]].cells[1] = code
                return
            cells = [""] * len(header)
            cells[0], cells[1], cells[2], cells[4] = name, code or "", "area", english(name) or ""
            cells[5] = aid
            areas[name] = len(rows)
            rows.append(TableRow(cells, prov))
            places.append((at[0], number, {0: at[1]}))
            pending_parent.append((len(rows) - 1, None, None))

        at = (sheet.title, area_col if area_col is not None else columns[0])
        if sheet_area is not None:
            add_area(sheet_area, None, header_number, header_prov, at)
        for number, cells in sheet.rows[sheet.header_row + 1 :]:
            def get(i: int | None, cells: list[str] = cells) -> str:
                return cells[i] if i is not None and i < len(cells) else ""

            prov = Provenance(page=sheet_no, start=number - 1, end=number,
                              text=" | ".join(c for c in cells if c))
            if area_col is not None and get(area_col):
                current_area = get(area_col)  # a merged cell: its value is in its first row
                add_area(current_area, None, number, prov, at)
            activity_col = columns[0]
            name = get(activity_col)
            code = get(columns.get(1))
            has_letters = any(get(columns[c]) for c in by_party.values() if c in columns)
            if not name and not has_letters:
                continue  # an area's row of its own, or notes only
            if (
                area_col is None
                and sheet_area is None
                and name
                and not has_letters
                and (not code or _AREA_CODE.fullmatch(code))
                and not get(columns.get(2))
            ):
                current_area = None if name == NO_AREA else name
                if current_area is not None:
                    add_area(current_area, code or None, number, prov, at, get(columns.get(5)))
                continue
            row = [""] * len(header)
            for synthetic, i in columns.items():
                row[synthetic] = get(i)
            if not row[4] and name:
                row[4] = english(name) or ""
            rows.append(TableRow(row, prov))
            places.append((sheet.title, number, columns))
            pending_parent.append((len(rows) - 1, code or None, current_area))

    # parents: the parent column, else the row whose code is this code's prefix, else the area
    for table_row in rows:
        if table_row.cells[1]:
            codes.setdefault(table_row.cells[1], table_row.cells[5] or f"activity:{table_row.cells[0]}")
    for r, row_code, area in pending_parent:
        row_cells = rows[r].cells
        if row_cells[3] or row_cells[2] == "area":
            continue
        parent_code = row_code.rsplit(".", 1)[0] if row_code and "." in row_code else None
        if parent_code and parent_code in codes:
            row_cells[3] = codes[parent_code]
        elif area is not None:
            area_cells = rows[areas[area]].cells
            row_cells[3] = area_cells[5] or f"activity:{area}"

    def place(row: int | None, column: int | None) -> str:
        if row is None:
            return header_cells.get(column, _quote(raci[0].title)) if column is not None else _quote(raci[0].title)
        sheet, number, columns = places[row]
        if column is None or column not in columns:
            return f"{_quote(sheet)}!{number}:{number}"
        return cell_place(sheet, number, columns[column])

    model = table_model(
        header,
        rows,
        source=Source(
            id=source_id or f"raci:{path.stem}",
            title=path.stem,
            path=str(path),
            sha256=hashlib.sha256(raw).hexdigest(),
        ),
        header_provenance=[Provenance(page=1, start=0, end=1, text=name or "?") for name in header],
        place=place,
        where=where,
        letters=letter_map,
    )
    return model


__all__ = ["SEPARATOR", "read_raci_xlsx"]
