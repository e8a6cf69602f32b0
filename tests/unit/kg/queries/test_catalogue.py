"""The canned query catalogue: headers, parameters, types (no database)."""

from __future__ import annotations

from importlib import resources

import pytest

from kg.errors import KgError, QueryError
from kg.names import to_simplified
from kg.queries import (
    PARAM_TYPES,
    coerce_params,
    get_query,
    load_catalogue,
    parse_query,
    queries,
    rules,
)

GOOD = """\
// name: demo
// description: A demo query
//   whose description goes on.
// param: role: role (required) — e.g. 客户经理
// param: activity: activity (optional, default null) — e.g. 客户意见直接反馈
// param: min: int (optional, default 2) — e.g. 3
// param: names: list (optional, default a,b)
// returns: level, role,
//   superior
//
// A free comment.
MATCH (r:Role {id: $role}) WHERE $activity IS NULL OR $min > 0 OR r.name IN $names
RETURN 1 AS level, r.name AS role, null AS superior
"""


def test_parse_header() -> None:
    q = parse_query(GOOD, "demo.cypher")
    assert q.name == "demo"
    assert q.description == "A demo query whose description goes on."
    assert [(p.name, p.type, p.required, p.default, p.example) for p in q.params] == [
        ("role", "role", True, None, "客户经理"),
        ("activity", "activity", False, None, "客户意见直接反馈"),
        ("min", "int", False, 2, "3"),
        ("names", "list", False, ["a", "b"], None),
    ]
    assert q.returns == ("level", "role", "superior")
    assert q.severity is None and not q.is_rule
    assert q.usage() == (
        "demo --param role=客户经理 [--param activity=客户意见直接反馈] [--param min=3] "
        "[--param names=list]"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("MATCH (n) RETURN n", "no '// name:' line"),
        ("// name: other\n// description: d\n// returns: x\nRETURN 1 AS x", "differs from the file name"),
        ("// name: demo\n// description: d\n// returns: x\n// param: a: colour (required)\nRETURN $a AS x",
         "unknown parameter type 'colour'"),
        ("// name: demo\n// description: d\n// returns: x\n// param: a string\nRETURN $a AS x", "bad param line"),
        ("// name: demo\n// description: d\n// returns: x\nRETURN $undeclared AS x", "undeclared ['undeclared']"),
        ("// name: demo\n// description: d\n// returns: x\n// param: a: int (optional, default 1)\nRETURN 1 AS x",
         "unused ['a']"),
        ("// name: demo\n// description: d\n// returns: x\n// param: a: int (optional, default one)\nRETURN $a AS x",
         "expected a whole number"),
        ("// name: demo\n// description: d\n// returns: x\n// severity: fatal\nRETURN 1 AS x", "severity 'fatal'"),
        ("// name: demo\n// description: d\n// returns: x\n"
         "// param: a: string (optional, one of X|Y, default Z)\nRETURN $a AS x",
         "default of 'a': 'Z' is not one of X, Y"),
    ],
)
def test_bad_headers_name_the_file(text: str, message: str) -> None:
    with pytest.raises(KgError) as err:
        parse_query(text, "demo.cypher")
    assert "cypher/demo.cypher" in str(err.value)
    assert message in str(err.value)


def test_every_file_has_a_header() -> None:
    folder = resources.files("kg.cypher")
    files = sorted(e.name for e in folder.iterdir() if e.name.endswith(".cypher"))
    catalogue = load_catalogue()
    assert sorted(q.filename for q in catalogue.values()) == files
    for q in catalogue.values():
        assert q.text.startswith(f"// name: {q.name}\n")
        assert q.description and q.returns
        assert all(p.type in PARAM_TYPES for p in q.params)
        # values only as parameters: no string literal built from user input, no APOC text
        assert "apoc." not in q.text


def test_the_library_is_large_enough() -> None:
    names = {q.name for q in queries()}
    assert len(names) >= 20
    for required in [
        "reporting-chain", "subordinates", "path-between-roles", "activity-roles",
        "role-activities", "raci-matrix", "workload", "activities-without-responsible",
        "activities-without-first-monitor", "sod-conflicts", "matrix-reporting",
        "reporting-cycles", "outputs-by-role", "activities-by-department", "sole-responsible",
        "role-impact", "area-summary", "search", "provenance",
    ]:
        assert required in names
    assert {r.name for r in rules()} == {
        "validate-leaf-without-responsible", "validate-leaf-without-first-monitor",
        "validate-multiple-first-monitors", "validate-sod-conflict", "validate-reporting-cycle",
        "validate-isolated-role", "validate-role-without-department",
        "validate-output-without-producer", "validate-likely-duplicate",
        "validate-conflicting-values",
    }
    assert all(r.returns == ("ids", "nodes", "detail") for r in rules())


def test_coerce_params_types_and_defaults() -> None:
    q = get_query("sole-responsible")
    assert coerce_params(q, {}) == {"min": 2}
    assert coerce_params(q, {"min": "5"}) == {"min": 5}
    assert coerce_params(q, {"min": 7}) == {"min": 7}
    q = get_query("reporting-chain")
    assert coerce_params(q, {"role": "客户经理"}) == {"role": "客户经理", "activity": None}
    # Traditional input folds to Simplified for `name` parameters
    assert coerce_params(get_query("search"), {"text": "客戶經理"}) == {"text": "客户经理"}
    assert to_simplified("Account 經理") == "Account 经理"
    # declared choices, matched without regard to case, come out as declared
    find = get_query("find")
    assert coerce_params(find, {"text": "x", "labels": "role, ACTIVITY"}) == {
        "text": "x", "labels": ["Role", "Activity"]}
    assert find.param("labels").describe() == (  # type: ignore[union-attr]
        "labels (list, one of Role|Department|Activity|Output, "
        "default Role,Department,Activity,Output)")
    assert coerce_params(get_query("provenance"), {"from_node": "x", "type": "reports_to"})[
        "type"] == "REPORTS_TO"


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("sole-responsible", {"min": "many"}, "parameter 'min' (int): expected a whole number, got 'many'"),
        ("sole-responsible", {"max": "3"}, "unknown parameter 'max'; its parameters: min (int, default 2)"),
        ("reporting-chain", {}, "missing required parameter 'role' (e.g. --param role=客户经理)"),
        ("provenance", {"from_node": "x", "type": "JUNK"},
         "parameter 'type' (string): 'JUNK' is not one of RESPONSIBLE, ASSISTS, MONITORS, "
         "REPORTS_TO, PRODUCES, PART_OF, BELONGS_TO, INTERFACES_WITH"),
        ("find", {"text": "x", "labels": "Role,Foo"},
         "parameter 'labels' (list): 'Foo' is not one of Role, Department, Activity, Output"),
    ],
)
def test_parameter_errors_list_the_choices(name: str, params: dict[str, str], message: str) -> None:
    with pytest.raises(QueryError) as err:
        coerce_params(get_query(name), params)
    assert message in str(err.value)
    assert err.value.exit_code == 2


def test_unknown_query_lists_the_queries() -> None:
    with pytest.raises(QueryError) as err:
        get_query("reporting-chian")
    text = str(err.value)
    assert "did you mean reporting-chain" in text
    assert "workload" in text and "search" in text

