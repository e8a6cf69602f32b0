"""The canned Cypher library: catalogue, typed parameters, running, and output formats.

Every canned query is one ``.cypher`` file of the ``kg.cypher`` package (the top-level
``cypher/`` folder; ``cypher/write/`` holds the loader's statements and is not part of
the catalogue).  A file starts with a comment header that this module parses::

    // name: reporting-chain
    // description: The reporting chain upward from a role, over all contexts or ...
    // param: role: role (required) — e.g. 客户经理
    // param: activity: activity (optional, default null) — e.g. 客户意见直接反馈
    // returns: level, role, role_en, superior, superior_en, contexts
    // severity: error          (validation rules only: error | warning | info)

Further ``//`` lines are free comments.  The query itself uses the parameters as
``$name`` only, so it runs as-is in Neo4j Browser after ``:param``.

Parameter types (:data:`PARAM_TYPES`): ``string``, ``name`` (free text, Traditional
characters folded to Simplified), ``int``, ``float``, ``bool``, ``list`` (comma-separated
strings), and the graph types ``role``, ``activity``, ``department``, ``output``,
``party`` (a role or a department) and ``node`` (any of the four).  A graph-typed value
may be given as the node's id, its canonical (Simplified) name, its original-script name
or its English name (case-insensitive); :func:`resolve_node` turns it into the id the
Cypher expects.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from neo4j import Record
from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired
from neo4j.graph import Node, Path, Relationship

from kg.cells import protect
from kg.db import Database
from kg.errors import CypherError, KgError, QueryError
from kg.names import to_simplified

# --------------------------------------------------------------------------- types
#: Graph-typed parameters: the labels a value may resolve to.
NODE_TYPES: dict[str, tuple[str, ...]] = {
    "role": ("Role",),
    "activity": ("Activity",),
    "department": ("Department",),
    "output": ("Output",),
    "party": ("Role", "Department"),
    "node": ("Role", "Department", "Activity", "Output"),
}
#: Every parameter type with what it accepts (shown by ``kg query --show``/``--list``).
PARAM_TYPES: dict[str, str] = {
    "string": "text",
    "name": "text in any script (Traditional folded to Simplified)",
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "list": "comma-separated values",
    "role": "a role: id, name in any script, or English name",
    "activity": "an activity: id, name in any script, or English name",
    "department": "a department: id, name in any script, or English name",
    "output": "an output: id, name in any script, or English name",
    "party": "a role or department: id, name in any script, or English name",
    "node": "a role, department, activity or output: id, name in any script, or English name",
}
SEVERITIES = ("error", "warning", "info")

_TRUE = {"true", "yes", "y", "1", "on"}
_FALSE = {"false", "no", "n", "0", "off"}


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    required: bool
    default: Any = None
    example: str | None = None
    #: the values it may take (a list: each of its items), when the file declares them
    choices: tuple[str, ...] = ()

    def describe(self) -> str:
        among = f", one of {'|'.join(self.choices)}" if self.choices else ""
        if self.required:
            return f"{self.name} ({self.type}, required{among})"
        shown = "null" if self.default is None else _show(self.default)
        return f"{self.name} ({self.type}{among}, default {shown})"

    def choose(self, value: Any) -> Any:
        """``value`` (or each item of a list) as one of the declared choices, matched
        without regard to case; ``ValueError`` naming the choices otherwise."""
        if not self.choices or value is None:
            return value
        canonical = {c.lower(): c for c in self.choices}
        items = value if isinstance(value, list) else [value]
        for item in items:
            if str(item).lower() not in canonical:
                raise ValueError(f"{item!r} is not one of {', '.join(self.choices)}")
        chosen = [canonical[str(item).lower()] for item in items]
        return chosen if isinstance(value, list) else chosen[0]


@dataclass(frozen=True)
class CannedQuery:
    """One canned query (or validation rule) of the catalogue."""

    name: str
    description: str
    params: tuple[Param, ...]
    returns: tuple[str, ...]
    text: str
    filename: str
    severity: str | None = None

    @property
    def is_rule(self) -> bool:
        return self.severity is not None

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def usage(self) -> str:
        """``reporting-chain --param role=… [--param activity=…]``."""
        parts = [self.name]
        for p in self.params:
            example = p.example or p.type
            part = f"--param {p.name}={example}"
            parts.append(part if p.required else f"[{part}]")
        return " ".join(parts)


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value)


# --------------------------------------------------------------------------- parsing
_KEY = re.compile(r"^//\s*(?P<key>name|description|param|returns|severity):\s*(?P<value>.*?)\s*$")
_CONTINUATION = re.compile(r"^//\s{2,}(?P<value>\S.*?)\s*$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*:\s*(?P<type>[a-z]+)\s*"
    r"\((?P<req>required|optional)(?:\s*,\s*one of\s+(?P<choices>[^,)]+?))?"
    r"(?:\s*,\s*default\s+(?P<default>[^)]*?))?\s*\)"
    r"\s*(?:(?:—|--|-)\s*(?:e\.g\.\s*)?(?P<example>.*))?$"
)


def parse_query(text: str, filename: str) -> CannedQuery:
    """Parse a canned query file; raise :class:`KgError` naming the file on a bad header."""
    where = f"cypher/{filename}"
    fields: dict[str, str] = {}
    params: list[Param] = []
    last: str | None = None
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.startswith("//"):
            break
        m = _KEY.match(line)
        if m:
            key, value = m["key"], m["value"]
            if key == "param":
                params.append(_parse_param(value, f"{where}:{lineno}"))
            elif key in fields:
                raise KgError(f"{where}:{lineno}: {key} given twice")
            else:
                fields[key] = value
            last = key
            continue
        c = _CONTINUATION.match(line)
        if c and last in ("description", "returns"):
            fields[last] += " " + c["value"]
            continue
        last = None  # a free comment ends the header fields' continuation
    for key in ("name", "description", "returns"):
        if not fields.get(key):
            raise KgError(f"{where}: header has no '// {key}:' line")
    stem = filename.rsplit("/", 1)[-1].removesuffix(".cypher")
    if fields["name"] != stem:
        raise KgError(f"{where}: name {fields['name']!r} differs from the file name {stem!r}")
    severity = fields.get("severity")
    if severity is not None and severity not in SEVERITIES:
        raise KgError(f"{where}: severity {severity!r} is not one of {', '.join(SEVERITIES)}")
    names = [p.name for p in params]
    for p in params:
        if names.count(p.name) > 1:
            raise KgError(f"{where}: parameter {p.name!r} declared twice")
    body = _strip_comments(text)
    used = set(re.findall(r"\$([A-Za-z_][A-Za-z0-9_]*)", body))
    if used != set(names):
        missing, unused = sorted(used - set(names)), sorted(set(names) - used)
        raise KgError(
            f"{where}: header parameters differ from the query's: "
            f"undeclared {missing or 'none'}, unused {unused or 'none'}"
        )
    returns = tuple(c.strip() for c in fields["returns"].split(",") if c.strip())
    return CannedQuery(
        name=fields["name"],
        description=fields["description"],
        params=tuple(params),
        returns=returns,
        text=text,
        filename=filename,
        severity=severity,
    )


def _strip_comments(text: str) -> str:
    """The query without ``//`` comments (naive about ``//`` inside strings, which kg's
    files do not use)."""
    return "\n".join(line.split("//", 1)[0] for line in text.splitlines())


def _parse_param(spec: str, where: str) -> Param:
    m = _PARAM.match(spec)
    if not m:
        raise KgError(
            f"{where}: bad param line {spec!r} "
            "(expected 'NAME: TYPE (required|optional, one of A|B, default VALUE) — e.g. "
            "EXAMPLE', 'one of' and the default optional)"
        )
    ptype = m["type"]
    if ptype not in PARAM_TYPES:
        raise KgError(f"{where}: unknown parameter type {ptype!r} (one of {', '.join(PARAM_TYPES)})")
    required = m["req"] == "required"
    default: Any = None
    raw_default = m["default"]
    if raw_default is not None:
        if required:
            raise KgError(f"{where}: a required parameter has no default")
        if raw_default.strip() != "null":
            if ptype in NODE_TYPES:
                raise KgError(f"{where}: a {ptype} parameter's default can only be null")
            try:
                default = _coerce_scalar(ptype, raw_default.strip())
            except ValueError as exc:
                raise KgError(f"{where}: default of {m['name']!r}: {exc}") from None
    example = (m["example"] or "").strip() or None
    choices = tuple(c.strip() for c in (m["choices"] or "").split("|") if c.strip())
    param = Param(m["name"], ptype, required, default, example, choices)
    try:
        param.choose(default)
    except ValueError as exc:
        raise KgError(f"{where}: default of {m['name']!r}: {exc}") from None
    return param


@lru_cache(maxsize=1)
def load_catalogue() -> dict[str, CannedQuery]:
    """Every canned query and validation rule, by name (read once)."""
    folder = resources.files("kg.cypher")
    out: dict[str, CannedQuery] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_file() and entry.name.endswith(".cypher"):
            query = parse_query(entry.read_text(encoding="utf-8"), entry.name)
            out[query.name] = query
    return out


def queries() -> list[CannedQuery]:
    """The canned queries (validation rules aside), by name."""
    return [q for q in load_catalogue().values() if not q.is_rule]


def rules() -> list[CannedQuery]:
    """The validation rules, by name."""
    return [q for q in load_catalogue().values() if q.is_rule]


def get_query(name: str) -> CannedQuery:
    """The canned query ``name``; :class:`QueryError` listing the valid names otherwise."""
    catalogue = load_catalogue()
    query = catalogue.get(name)
    if query is None:
        listed = [q.name for q in queries()]  # as `kg query --list`; rules: `kg validate`
        close = difflib.get_close_matches(name, listed, n=3)
        hint = f" (did you mean {' or '.join(close)}?)" if close else ""
        raise QueryError(
            f"unknown query {name!r}{hint}; the queries are: {', '.join(listed)} "
            "(validation rules: kg validate --list)"
        )
    return query


# --------------------------------------------------------------------------- parameters
def _coerce_scalar(ptype: str, raw: Any) -> Any:
    """Turn a raw value (a string from the command line, or a Python value) into ``ptype``;
    ``ValueError`` with a short reason if it does not fit."""
    if ptype in ("string", "name") or ptype in NODE_TYPES:
        if not isinstance(raw, str):
            raise ValueError(f"expected text, got {raw!r}")
        if ptype == "name":
            return to_simplified(raw)
        return raw
    if ptype == "int":
        if isinstance(raw, bool):
            raise ValueError(f"expected a whole number, got {raw!r}")
        try:
            value = raw if isinstance(raw, int) else int(str(raw).strip())
        except ValueError:
            raise ValueError(f"expected a whole number, got {raw!r}") from None
        if not 0 <= value < 2**63:  # Cypher integers are 64-bit; counts and limits are >= 0
            raise ValueError(f"expected a whole number from 0 to {2**63 - 1}, got {raw!r}")
        return value
    if ptype == "float":
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            return float(raw)
        try:
            return float(str(raw).strip())
        except ValueError:
            raise ValueError(f"expected a number, got {raw!r}") from None
    if ptype == "bool":
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise ValueError(f"expected true or false, got {raw!r}")
    if ptype == "list":
        if isinstance(raw, (list, tuple)):
            return [str(v) for v in raw]
        return [part.strip() for part in str(raw).split(",") if part.strip()]
    raise ValueError(f"unknown type {ptype!r}")


def coerce_params(query: CannedQuery, raw: Mapping[str, Any]) -> dict[str, Any]:
    """Check names, fill defaults and convert types (graph-typed values stay text, see
    :func:`bind_params`). :class:`QueryError` lists the valid parameters on any problem."""
    declared = {p.name: p for p in query.params}
    choices = ", ".join(p.describe() for p in query.params) or "none"
    unknown = [k for k in raw if k not in declared]
    if unknown:
        raise QueryError(
            f"query {query.name}: unknown parameter {unknown[0]!r}; its parameters: {choices}"
        )
    out: dict[str, Any] = {}
    for p in query.params:
        value = raw.get(p.name)
        if value is None or (isinstance(value, str) and value == "" and p.type != "string"):
            if p.required:
                raise QueryError(
                    f"query {query.name}: missing required parameter {p.name!r} "
                    f"(e.g. --param {p.name}={p.example or p.type}); its parameters: {choices}"
                )
            out[p.name] = p.default
            continue
        try:
            out[p.name] = p.choose(_coerce_scalar(p.type, value))
        except ValueError as exc:
            raise QueryError(f"query {query.name}: parameter {p.name!r} ({p.type}): {exc}") from None
    return out


def bind_params(
    db: Database, query: CannedQuery, raw: Mapping[str, Any]
) -> dict[str, Any]:
    """The parameters ``query`` runs with: checked, typed, defaulted, and graph-typed values
    resolved to node ids."""
    params = coerce_params(query, raw)
    for p in query.params:
        if p.type in NODE_TYPES and params[p.name] is not None:
            params[p.name] = resolve_node(db, p.type, params[p.name], param=p.name)
    return params


def resolve_node(
    db: Database, kind: str, text: str, *, param: str | None = None
) -> str:
    """The id of the one ``kind`` node (see :data:`NODE_TYPES`) that ``text`` names: its id,
    canonical name, original-script name or English name (case-insensitive); Traditional
    input also matches the Simplified name.  :class:`QueryError` when none or several do."""
    labels = list(NODE_TYPES[kind])
    finder = get_query("find").text
    what = f"parameter {param!r}: " if param else ""
    candidates = [text.strip()]
    folded = to_simplified(candidates[0])
    if folded != candidates[0]:
        candidates.append(folded)
    for candidate in candidates:
        _, records = _execute(db, finder, {"text": candidate, "labels": labels})
        ids = {r["id"]: r for r in records}
        if len(ids) == 1:
            return next(iter(ids))
        if len(ids) > 1:
            listed = ", ".join(f"{r['id']} ({r['kind']})" for r in ids.values())
            raise QueryError(f"{what}{text!r} names several nodes: {listed}; give the id")
    # nothing: list what there is
    _, records = _execute(
        db, get_query("search").text, {"text": folded}
    )
    near = [r for r in records if r["kind"] in labels]
    kind_word = " or ".join(label.lower() for label in labels)
    if near:
        listed = ", ".join(_label(r) for r in near[:15])
        raise QueryError(f"{what}no {kind_word} is named {text!r}; did you mean: {listed}?")
    _, everything = _execute(db, get_query("search").text, {"text": ""})
    all_of_kind = [r for r in everything if r["kind"] in labels]
    if not all_of_kind:
        raise QueryError(f"{what}no {kind_word} is named {text!r}: the graph holds none (load a source first)")
    listed = ", ".join(_label(r) for r in all_of_kind[:30])
    more = f" and {len(all_of_kind) - 30} more" if len(all_of_kind) > 30 else ""
    raise QueryError(f"{what}no {kind_word} is named {text!r}; the graph has: {listed}{more}")


def _label(record: Record) -> str:
    return f"{record['name']} ({record['name_en']})" if record["name_en"] else str(record["name"])


# --------------------------------------------------------------------------- running
@dataclass
class QueryResult:
    """The answer of a query: column names and the driver's records (nodes, relationships
    and paths stay objects, for drawing with :mod:`kg.viz`)."""

    columns: list[str]
    records: list[Record]
    name: str | None = None
    params: dict[str, Any] = field(default_factory=dict)

    def rows(self) -> list[tuple[Any, ...]]:
        """Plain rows: scalars and lists as they are, graph objects as dicts (JSON-ready)."""
        return [tuple(to_data(r[c]) for c in self.columns) for r in self.records]

    def dicts(self) -> list[dict[str, Any]]:
        return [{c: to_data(r[c]) for c in self.columns} for r in self.records]

    def column(self, name: str) -> list[Any]:
        return [to_data(r[name]) for r in self.records]

    def to_dataframe(self) -> Any:
        """A pandas DataFrame of the plain rows (for notebooks)."""
        import pandas as pd

        return pd.DataFrame(self.dicts(), columns=self.columns)

    def __len__(self) -> int:
        return len(self.records)


def _execute(
    db: Database, text: str, params: Mapping[str, Any], *, write: bool = False
) -> tuple[list[str], list[Record]]:
    """Run ``text`` in one managed transaction (READ access mode unless ``write``)."""

    def work(tx: Any) -> tuple[list[str], list[Record]]:
        result = tx.run(text, dict(params))
        records = list(result)
        return list(result.keys()), records

    try:
        with db.session() as session:
            if write:
                return session.execute_write(work)
            return session.execute_read(work)
    except (ServiceUnavailable, SessionExpired) as exc:
        raise db.translate(exc) from None
    except Neo4jError as exc:
        raise cypher_error(exc) from None


def cypher_error(exc: Neo4jError) -> CypherError:
    """A one-line message for a query Neo4j refused."""
    code = exc.code or ""
    message = (exc.message or str(exc)).strip().splitlines()[0] if (exc.message or str(exc)) else code
    if code.endswith("AccessMode") or "in read access mode" in message:
        return CypherError(
            "the query writes to the graph, and this run is read-only: pass --write to allow it"
        )
    if code.endswith("SyntaxError"):
        return CypherError(f"Cypher syntax error: {message}")
    if code.endswith("ParameterMissing"):
        return CypherError(f"{message} (give it with --param NAME=VALUE)")
    kind = code.rsplit(".", 1)[-1] if code else "error"
    return CypherError(f"Neo4j refused the query ({kind}): {message}")


def run_query(
    db: Database, name: str, params: Mapping[str, Any] | None = None
) -> QueryResult:
    """Run the canned query ``name`` with ``params`` (raw values: text from the command line
    or Python values), read-only."""
    query = get_query(name)
    bound = bind_params(db, query, params or {})
    columns, records = _execute(db, query.text, bound)
    return QueryResult(columns, records, name=query.name, params=bound)


def parse_cli_value(raw: str) -> Any:
    """A ``--param`` value of ad-hoc Cypher: JSON when it parses (``3``, ``true``, ``null``,
    ``["a","b"]``, ``"quoted text"``), the text itself otherwise."""
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def run_cypher(
    db: Database,
    text: str,
    params: Mapping[str, Any] | None = None,
    *,
    write: bool = False,
) -> QueryResult:
    """Run ad-hoc Cypher; read-only (a READ transaction) unless ``write``."""
    if not text.strip():
        raise QueryError("no Cypher given")
    columns, records = _execute(db, text, params or {}, write=write)
    return QueryResult(columns, records, name=None, params=dict(params or {}))


def parse_param_options(values: Iterable[str]) -> dict[str, str]:
    """``["role=客户经理", "min=3"]`` → ``{"role": "客户经理", "min": "3"}``."""
    out: dict[str, str] = {}
    for item in values:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise QueryError(f"--param {item!r}: expected NAME=VALUE")
        if key in out:
            raise QueryError(f"--param {key!r} given twice")
        out[key] = value
    return out


# --------------------------------------------------------------------------- values
_PROVENANCE = ("sources", "stated_in", "pages", "starts", "ends", "sentences", "contexts",
               "context_sources")


def to_data(value: Any) -> Any:
    """A JSON-ready value: graph objects as dicts (provenance lists left out), temporal
    values as ISO text, lists and maps recursively."""
    if isinstance(value, Node):
        props = {k: to_data(v) for k, v in value.items() if k not in _PROVENANCE}
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
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "").replace("\n", "<br>")


def markdown_table(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(markdown_cell(c) for c in columns) + " |"]
    lines.append("|" + "|".join(" --- " for _ in columns) + "|")
    for row in rows:
        lines.append("| " + " | ".join(markdown_cell(c) for c in row) + " |")
    return "\n".join(lines) + "\n"


def to_markdown_text(result: QueryResult) -> str:
    return markdown_table(result.columns, text_rows(result))


def rich_table(result: QueryResult, title: str | None = None) -> Any:
    """A :class:`rich.table.Table` of the result."""
    from rich.table import Table

    table = Table(title=title, show_header=True, header_style="bold", show_lines=False)
    for c in result.columns:
        table.add_column(c, overflow="fold")
    for row in text_rows(result):
        table.add_row(*row)
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
    "NODE_TYPES",
    "PARAM_TYPES",
    "CannedQuery",
    "Param",
    "QueryResult",
    "bind_params",
    "coerce_params",
    "get_query",
    "load_catalogue",
    "parse_cli_value",
    "parse_param_options",
    "parse_query",
    "queries",
    "render",
    "resolve_node",
    "rules",
    "run_cypher",
    "run_query",
    "to_data",
    "to_text",
]
