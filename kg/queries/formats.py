"""Query output: values as plain data (JSON-ready) or as one cell of text, and a result
as JSON, CSV, Markdown or a rich table."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from neo4j.graph import Node, Path, Relationship

from kg.cells import protect
from kg.errors import QueryError
from kg.schema import BOOKKEEPING_PROPS, DERIVED_PROPS, REPORT_CONTEXT_PROPS, SOURCE_PROPS
from kg.text_safe import md_text, visible

if TYPE_CHECKING:
    from rich.table import Table

    from kg.queries.run import QueryResult

# --------------------------------------------------------------------------- values
#: Left out of a node's or relationship's plain form: where a fact comes from (the
#: provenance lists, and the per-statement lists of a reporting line's contexts).  A
#: node's ``source_props`` and a line's ``activities`` (what it says) stay.
_SHOWN = {SOURCE_PROPS, "activities"}
_PROVENANCE = frozenset(p for p in (*BOOKKEEPING_PROPS, *REPORT_CONTEXT_PROPS) if p not in _SHOWN)
#: Left out too: what kg derives for its indexes (kg.schema.DERIVED_PROPS).
_HIDDEN = _PROVENANCE | frozenset(DERIVED_PROPS)


def to_data(value: Any) -> Any:
    """A JSON-ready value: graph objects as dicts (provenance lists left out), temporal
    values as ISO text, lists and maps recursively."""
    if isinstance(value, Node):
        props = {k: to_data(v) for k, v in value.items() if k not in _HIDDEN}
        return {"labels": sorted(value.labels), **props}
    if isinstance(value, Relationship):
        props = {k: to_data(v) for k, v in value.items() if k not in _PROVENANCE}
        start = value.start_node.get("id") if value.start_node else None
        end = value.end_node.get("id") if value.end_node else None
        return {"type": value.type, "start": start, "end": end, **props}
    if isinstance(value, Path):
        return {
            "nodes": [to_data(n) for n in value.nodes],
            "relationships": [to_data(r) for r in value.relationships],
        }
    if isinstance(value, (list, tuple)):
        return [to_data(v) for v in value]
    if isinstance(value, dict):
        return {k: to_data(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def _node_text(node: Node | None) -> str:
    if node is None:
        return "?"
    return str(node.get("name") or node.get("id") or node.element_id)


def to_text(value: Any) -> str:
    """A value as one cell of text: lists joined with ', ', nodes by name, relationships and
    paths spelled out (``客户经理 -REPORTS_TO-> 销售副主任``), null as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, Node):
        return _node_text(value)
    if isinstance(value, Relationship):
        return f"{_node_text(value.start_node)} -{value.type}-> {_node_text(value.end_node)}"
    if isinstance(value, Path):
        text = _node_text(value.nodes[0])
        for i, rel in enumerate(value.relationships):
            forward = rel.start_node is not None and rel.start_node.element_id == value.nodes[i].element_id
            arrow = f" -{rel.type}-> " if forward else f" <-{rel.type}- "
            text += arrow + _node_text(value.nodes[i + 1])
        return text
    if isinstance(value, (list, tuple)):
        return ", ".join(to_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(to_data(value), ensure_ascii=False, default=str)
    if hasattr(value, "iso_format"):
        return str(value.iso_format())
    return str(value)


# --------------------------------------------------------------------------- formats
FORMATS = ("table", "json", "csv", "markdown")


def text_rows(result: QueryResult) -> list[list[str]]:
    return [[to_text(r[c]) for c in result.columns] for r in result.records]


def to_json_text(result: QueryResult) -> str:
    return json.dumps(result.dicts(), ensure_ascii=False, indent=2, default=str) + "\n"


def to_csv_text(result: QueryResult) -> str:
    """The rows as CSV, every cell spreadsheet-safe (:mod:`kg.cells`)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(result.columns)
    writer.writerows([protect(cell) for cell in row] for row in text_rows(result))
    return buf.getvalue()


def markdown_cell(text: str) -> str:
    """``text`` as a markdown table cell: a line break as ``<br>`` (a cell's own lines,
    never a row of the table), the rest escaped as text (:func:`kg.text_safe.md_text`)."""
    return "<br>".join(md_text(line) for line in text.replace("\r\n", "\n").split("\n"))


def markdown_table(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(markdown_cell(c) for c in columns) + " |"]
    lines.append("|" + "|".join(" --- " for _ in columns) + "|")
    for row in rows:
        lines.append("| " + " | ".join(markdown_cell(c) for c in row) + " |")
    return "\n".join(lines) + "\n"


def to_markdown_text(result: QueryResult) -> str:
    return markdown_table(result.columns, text_rows(result))


def rich_table(result: QueryResult, title: str | None = None) -> Table:
    """A :class:`rich.table.Table` of the result."""
    from rich.table import Table

    table = Table(title=title, show_header=True, header_style="bold", show_lines=False)
    for c in result.columns:
        table.add_column(visible(c), overflow="fold")
    for row in text_rows(result):
        table.add_row(*(visible(cell) for cell in row))
    return table


def render(result: QueryResult, fmt: str) -> str:
    """The result as text in ``fmt`` (json, csv, markdown; ``table`` is drawn by rich)."""
    if fmt == "json":
        return to_json_text(result)
    if fmt == "csv":
        return to_csv_text(result)
    if fmt == "markdown":
        return to_markdown_text(result)
    if fmt == "table":
        from rich.console import Console

        console = Console(file=io.StringIO(), width=160, record=True, markup=False, emoji=False)
        console.print(rich_table(result))
        return console.export_text()
    raise QueryError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")


__all__ = [
    "FORMATS",
    "markdown_cell",
    "markdown_table",
    "render",
    "rich_table",
    "text_rows",
    "to_csv_text",
    "to_data",
    "to_json_text",
    "to_markdown_text",
    "to_text",
]
