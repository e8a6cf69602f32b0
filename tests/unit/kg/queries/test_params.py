"""Parameter types and the command line's --param options (no database)."""

from __future__ import annotations

from typing import Any

import pytest

from kg.errors import QueryError
from kg.queries import NODE_TYPES, PARAM_TYPES, Param, parse_cli_value, parse_param_options
from kg.queries.params import coerce_scalar
from kg.schema import FACT_LABELS


def test_graph_types_resolve_to_fact_labels() -> None:
    assert all(set(labels) <= set(FACT_LABELS) for labels in NODE_TYPES.values())
    assert set(NODE_TYPES["node"]) == set(FACT_LABELS)
    assert set(NODE_TYPES) <= set(PARAM_TYPES)


@pytest.mark.parametrize(
    ("ptype", "raw", "value"),
    [
        ("string", "客戶", "客戶"),
        ("name", "客戶經理", "客户经理"),
        ("role", "客戶經理", "客戶經理"),  # resolved against the graph later, as given
        ("int", " 7 ", 7),
        ("int", 3, 3),
        ("float", "2.5", 2.5),
        ("float", 2, 2.0),
        ("bool", "Yes", True),
        ("bool", "off", False),
        ("list", "a, b,,c", ["a", "b", "c"]),
        ("list", ("a", 1), ["a", "1"]),
    ],
)
def test_coerce_scalar(ptype: str, raw: Any, value: Any) -> None:
    assert coerce_scalar(ptype, raw) == value


@pytest.mark.parametrize(
    ("ptype", "raw", "message"),
    [
        ("string", 3, "expected text, got 3"),
        ("int", True, "expected a whole number, got True"),
        ("int", "-1", "expected a whole number from 0 to 9223372036854775807, got '-1'"),
        ("float", "x", "expected a number, got 'x'"),
        ("bool", "maybe", "expected true or false, got 'maybe'"),
        ("colour", "red", "unknown type 'colour'"),
    ],
)
def test_coerce_scalar_refuses(ptype: str, raw: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        coerce_scalar(ptype, raw)


def test_param_describe_and_choose() -> None:
    labels = Param("labels", "list", False, ["Role"], None, ("Role", "Department"))
    assert labels.describe() == "labels (list, one of Role|Department, default Role)"
    assert labels.choose(["role", "DEPARTMENT"]) == ["Role", "Department"]
    with pytest.raises(ValueError, match="'Foo' is not one of Role, Department"):
        labels.choose(["Foo"])
    assert Param("role", "role", True, example="客户经理").describe() == "role (role, required)"
    assert Param("all", "bool", False, False).describe() == "all (bool, default false)"


def test_cli_param_parsing() -> None:
    assert parse_param_options(["role=客户经理", "x=a=b"]) == {"role": "客户经理", "x": "a=b"}
    with pytest.raises(QueryError, match="expected NAME=VALUE"):
        parse_param_options(["role"])
    with pytest.raises(QueryError, match="given twice"):
        parse_param_options(["a=1", "a=2"])
    assert parse_cli_value("3") == 3
    assert parse_cli_value("true") is True
    assert parse_cli_value('["a"]') == ["a"]
    assert parse_cli_value("客户经理") == "客户经理"
    assert parse_cli_value('"3"') == "3"
