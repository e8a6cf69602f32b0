"""The catalogue of canned queries and validation rules: the header grammar of the
top-level ``cypher/*.cypher`` files, read through :mod:`kg.statements`.

A file starts with a comment header::

    // name: reporting-chain
    // description: The reporting chain upward from a role, over all contexts or ...
    // param: role: role (required) — e.g. 客户经理
    // param: activity: activity (optional, default null) — e.g. 客户意见直接反馈
    // returns: level, role, role_en, superior, superior_en, contexts
    // severity: error          (validation rules only: error | warning | info)

Further ``//`` lines are free comments.  The query itself uses the parameters as
``$name`` only, so it runs as-is in Neo4j Browser after ``:param``.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kg import statements
from kg.errors import KgError, QueryError
from kg.queries.params import NODE_TYPES, PARAM_TYPES, Param, coerce_scalar

SEVERITIES = ("error", "warning", "info")


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
    stem = filename.rsplit("/", 1)[-1].removesuffix(statements.SUFFIX)
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
                default = coerce_scalar(ptype, raw_default.strip())
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


# --------------------------------------------------------------------------- the catalogue
@lru_cache(maxsize=1)
def load_catalogue() -> dict[str, CannedQuery]:
    """Every canned query and validation rule, by name (read once), in file-name order."""
    out: dict[str, CannedQuery] = {}
    for filename in sorted(name + statements.SUFFIX for name in statements.names()):
        query = parse_query(statements.read(filename.removesuffix(statements.SUFFIX)), filename)
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


__all__ = [
    "SEVERITIES",
    "CannedQuery",
    "get_query",
    "load_catalogue",
    "parse_query",
    "queries",
    "rules",
]
