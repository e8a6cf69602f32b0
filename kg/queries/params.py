"""Canned-query parameters: their types, the values each type accepts, and the
command line's ``--param NAME=VALUE`` options.

Parameter types (:data:`PARAM_TYPES`): ``string``, ``name`` (free text, Traditional
characters folded to Simplified), ``int``, ``float``, ``bool``, ``list`` (comma-separated
strings), and the graph types of :data:`NODE_TYPES`, whose values stay text here and are
resolved to node ids by :func:`kg.queries.resolve.bind_params`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kg.errors import QueryError
from kg.names import to_simplified

if TYPE_CHECKING:
    from kg.queries.catalogue import CannedQuery

#: Graph-typed parameters: the labels (of :data:`kg.schema.FACT_LABELS`, a unit test
#: checks) a value may resolve to, in the order messages name them.
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
        shown = "null" if self.default is None else show_value(self.default)
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


def show_value(value: Any) -> str:
    """A parameter value as a header or ``--param`` writes it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value)


def coerce_scalar(ptype: str, raw: Any) -> Any:
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
    :func:`kg.queries.resolve.bind_params`). :class:`QueryError` lists the valid
    parameters on any problem."""
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
            out[p.name] = p.choose(coerce_scalar(p.type, value))
        except ValueError as exc:
            raise QueryError(f"query {query.name}: parameter {p.name!r} ({p.type}): {exc}") from None
    return out


# --------------------------------------------------------------------------- command line
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


def parse_cli_value(raw: str) -> Any:
    """A ``--param`` value of ad-hoc Cypher: JSON when it parses (``3``, ``true``, ``null``,
    ``["a","b"]``, ``"quoted text"``), the text itself otherwise."""
    try:
        return json.loads(raw)
    except ValueError:
        return raw


__all__ = [
    "NODE_TYPES",
    "PARAM_TYPES",
    "Param",
    "coerce_params",
    "coerce_scalar",
    "parse_cli_value",
    "parse_param_options",
    "show_value",
]
