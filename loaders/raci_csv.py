"""Read a RACI matrix CSV into a model, so that ``kg load matrix.csv`` works.

The format (UTF-8, a byte-order mark is allowed; comma-separated; first row = header)
is what ``kg raci --format csv`` writes, and easy to write by hand:

```
id,activity,code,kind,parent,name_en,role:客户经理,role:产品经理,dept:公司客户代表管理部
activity:客户关系,客户关系,2,area,,Customer Relations,,,
activity:客户意见直接反馈,客户意见直接反馈,2.A,activity,activity:客户关系,,R,S,A
```

- One row per activity (business areas are activities with ``kind`` ``area``).
- ``activity`` (required): the activity's name (Simplified script is the canonical form).
- ``id`` (optional): its id; default ``activity:<name>``. Two rows with the same id are
  an error.
- ``code`` (optional): its code in the document (``2.A``).
- ``kind`` (optional): ``area`` or ``activity`` (default ``activity``).
- ``parent`` (optional): the parent activity, by id or by name, of another row.
- ``name_en`` (optional): the English name.
- Every other column is a role or a department, one column each. The header is the id
  (``role:客户经理``, ``dept:公司客户代表管理部``) or, for a role, just its name
  (``客户经理`` is ``role:客户经理``); any other ``prefix:`` is an unknown column.
- A cell holds the role's letters for that activity: ``R`` responsible, ``S`` assists,
  ``A`` first monitor, ``C`` other monitor (case-insensitive); several are joined with
  ``/`` (``R/A``); an empty cell means no relation. A department can only monitor (A, C).

An unknown letter, an unknown or duplicate column, a duplicate activity or an unknown
parent is a :class:`kg.errors.SourceError` naming the file, the row (the header is row 1)
and the column. Each fact's provenance is the row it comes from (page 1, the row's
character span in the file, the row's text, cut after ``ROW_TEXT_LIMIT`` characters), a
role's or department's its header cell. The source id defaults to
``raci:<file name without suffix>``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from pathlib import Path

from kg.cells import unprotect
from kg.errors import UNREADABLE_FILE, SourceError
from kg.model import Model, Provenance, Source
from loaders.document import legacy_encoding
from loaders.raci_rows import LETTERS, SEPARATOR, TableRow, table_model

#: A row's provenance text is cut after this many characters (its span still covers the
#: whole row): every relationship a row states carries it, and a matrix with thousands
#: of columns would otherwise repeat kilobytes on each of its relationships.
ROW_TEXT_LIMIT = 240


def _cut(row_text: str) -> str:
    if len(row_text) <= ROW_TEXT_LIMIT:
        return row_text
    return row_text[:ROW_TEXT_LIMIT] + "…"


def _cell_spans(header_line: str, cells: list[str]) -> list[Provenance]:
    """The provenance of each header cell: its own span and text (not the whole header,
    which every role and department would otherwise repeat)."""
    spans, cursor = [], 0
    for cell in cells:
        at = header_line.find(cell, cursor) if cell else -1
        if at < 0:  # unusual quoting: the cell's text, at the end of the cells found
            spans.append(Provenance(page=1, start=cursor, end=cursor, text=cell.strip() or "?"))
            continue
        spans.append(Provenance(page=1, start=at, end=at + len(cell), text=cell))
        cursor = at + len(cell)
    return spans


def _non_ascii_cells(raw: bytes) -> bytes:
    """The cells of a CSV's bytes that hold non-ASCII text, from their first non-ASCII
    byte, joined: what an encoding guess should look at (the commas and letters of a
    matrix would drown its names). Commas and line ends never occur inside a GBK or Big5
    character, so splitting there keeps every character whole."""
    parts = []
    for cell in re.split(rb"[,\r\n]", raw):
        first = next((i for i, b in enumerate(cell) if b >= 0x80), None)
        if first is not None:
            parts.append(cell[first:])
    return b"".join(parts)


def _lines(text: str) -> list[int]:
    """Offsets where each line starts (line 1 at index 0)."""
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    return starts


def read_raci_csv(path: str | Path, *, source_id: str | None = None) -> Model:
    """Read and validate a RACI matrix CSV (format above) as a model."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(f"{path}: no such file", exit_code=UNREADABLE_FILE) from None
    except OSError as exc:
        raise SourceError(f"{path}: cannot read ({exc.strerror})", exit_code=UNREADABLE_FILE) from None
    try:
        # any number of byte-order marks (a file saved twice by tools that each add one)
        text = raw.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        guess = legacy_encoding(_non_ascii_cells(raw))
        if guess:  # Excel on a Chinese system saves CSV as GBK or Big5
            raise SourceError(
                f"{path}: not UTF-8; it looks like {guess}-encoded Chinese text. Convert it with: "
                f"iconv -f {guess} -t UTF-8 {path} > converted.csv (or save as 'CSV UTF-8' in Excel)"
            ) from None
        raise SourceError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    return parse_raci_csv(
        text,
        where=str(path),
        source=Source(
            id=source_id or f"raci:{path.stem}",
            title=path.stem,
            path=str(path),
            sha256=hashlib.sha256(raw).hexdigest(),
        ),
    )


def parse_raci_csv(text: str, *, where: str, source: Source) -> Model:
    """The model of a RACI CSV's text (``where`` names it in errors)."""
    line_starts = _lines(text)
    reader = csv.reader(io.StringIO(text, newline=""))

    def span(first_line: int, last_line: int) -> Provenance:
        start = line_starts[first_line - 1]
        end = line_starts[last_line] if last_line < len(line_starts) else len(text)
        row_text = text[start:end].rstrip("\r\n")
        return Provenance(page=1, start=start, end=start + len(row_text), text=_cut(row_text))

    def fail(row: int, column: str | None, message: str) -> SourceError:
        at = f"row {row}" + (f", column {column!r}" if column is not None else "")
        return SourceError(f"{where}: {at}: {message}")

    try:
        header = next(reader)
    except StopIteration:
        raise SourceError(f"{where}: empty file (expected a header row)") from None
    except csv.Error as exc:
        raise SourceError(f"{where}: row 1: not valid CSV ({exc})") from None
    header_line = text[: line_starts[reader.line_num] if reader.line_num < len(line_starts) else len(text)]
    header_spans = _cell_spans(header_line, header)
    header = [unprotect(h.strip()) for h in header]

    rows: list[TableRow] = []
    numbers: list[int] = []  # the row number (header = 1) of each of rows
    row_no = 1
    first_line = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise fail(row_no + 1, None, f"not valid CSV ({exc})") from None
        cells = [unprotect(c) for c in cells]  # kg raci's spreadsheet-safe cells
        row_no += 1
        prov = span(first_line, reader.line_num)
        first_line = reader.line_num + 1
        if not any(c.strip() for c in cells):
            continue  # blank line
        if len(cells) > len(header):
            raise fail(row_no, f"#{len(header) + 1}", f"{len(cells)} cells but {len(header)} columns")
        rows.append(TableRow(cells, prov))
        numbers.append(row_no)

    def place(row: int | None, column: int | None) -> str:
        at = f"row {1 if row is None else numbers[row]}"
        if column is None:
            return at
        name = header[column] if column < len(header) and header[column] else f"#{column + 1}"
        return f"{at}, column {name!r}"

    return table_model(
        header, rows, source=source, header_provenance=header_spans, place=place, where=where
    )


__all__ = ["LETTERS", "SEPARATOR", "parse_raci_csv", "read_raci_csv"]
