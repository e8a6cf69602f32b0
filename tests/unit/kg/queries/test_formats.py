"""Query output on a hand-built result: plain data, text cells and every format, exactly
(no database)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from neo4j import Record
from neo4j.graph import Graph, Node, Path, Relationship
from neo4j.time import Date

from kg.errors import QueryError
from kg.queries import FORMATS, QueryResult, markdown_table, render, to_data, to_text
from kg.queries.formats import _PROVENANCE

PROVENANCE = {"sources": ["doc:a"], "stated_in": ["doc:a"], "pages": [2], "starts": [5],
              "ends": [9], "sentences": ["客戶經理向主任匯報"]}
_graph = Graph()


def node(element_id: str, label: str, **props: Any) -> Node:
    return Node(_graph, element_id, 0, [label], props)


def rel(element_id: str, rtype: str, start: Node, end: Node, **props: Any) -> Relationship:
    r = _graph.relationship_type(rtype)(_graph, element_id, 0, props)
    r._start_node, r._end_node = start, end
    return r


MANAGER = node("n1", "Role", id="role:客户经理", name="客户经理", source_props=["{}"], **PROVENANCE)
BOSS = node("n2", "Role", id="role:主任", name="主任")
OFFICE = node("n3", "Department", id="dept:办事处", name="办事处")
LINE = rel("r1", "REPORTS_TO", MANAGER, BOSS, activities=["activity:甲"], contexts=["activity:甲"],
           context_sources=["doc:a"], **PROVENANCE)
MEMBER = rel("r2", "BELONGS_TO", BOSS, OFFICE)
PATH = Path(MANAGER, LINE, rel("r3", "BELONGS_TO", BOSS, OFFICE))


def result() -> QueryResult:
    columns = ["who", "line", "path", "level", "contexts", "ok", "none", "when", "note"]
    values = [
        [MANAGER, LINE, PATH, 1, ["甲", "乙"], True, None, Date(2024, 5, 1), "=1+1"],
        [BOSS, MEMBER, Path(BOSS), 2, [], False, None, None, "a|b\nc"],
    ]
    return QueryResult(columns, [Record(zip(columns, row, strict=True)) for row in values], name="demo")


def test_hidden_provenance_is_what_it_always_was() -> None:
    assert _PROVENANCE == {"sources", "stated_in", "pages", "starts", "ends", "sentences",
                           "contexts", "context_sources"}


def test_to_data() -> None:
    # provenance left out; what a fact says (a node's source_props, a line's activities) kept
    assert to_data(MANAGER) == {"labels": ["Role"], "id": "role:客户经理", "name": "客户经理",
                                "source_props": ["{}"]}
    assert to_data(LINE) == {"type": "REPORTS_TO", "start": "role:客户经理", "end": "role:主任",
                             "activities": ["activity:甲"]}
    assert to_data(PATH) == {
        "nodes": [to_data(MANAGER), to_data(BOSS), to_data(OFFICE)],
        "relationships": [
            to_data(LINE),
            {"type": "BELONGS_TO", "start": "role:主任", "end": "dept:办事处"},
        ],
    }
    assert to_data({"d": Date(2024, 5, 1), "xs": (1, BOSS)}) == {
        "d": "2024-05-01", "xs": [1, {"labels": ["Role"], "id": "role:主任", "name": "主任"}]}


def test_to_text() -> None:
    assert [to_text(v) for v in (None, True, False, "x", 3, 1.5, ["a", 1, None])] == [
        "", "true", "false", "x", "3", "1.5", "a, 1, "]
    assert to_text(MANAGER) == "客户经理"
    assert to_text(node("n9", "Role")) == "n9"  # no name, no id: the element id
    assert to_text(LINE) == "客户经理 -REPORTS_TO-> 主任"
    assert to_text(PATH) == "客户经理 -REPORTS_TO-> 主任 -BELONGS_TO-> 办事处"
    # a relationship walked against its direction
    assert to_text(Path(OFFICE, rel("r4", "BELONGS_TO", BOSS, OFFICE))) == "办事处 <-BELONGS_TO- 主任"
    assert to_text({"k": BOSS}) == '{"k": {"labels": ["Role"], "id": "role:主任", "name": "主任"}}'
    assert to_text(Date(2024, 5, 1)) == "2024-05-01"


def test_result_rows() -> None:
    r = result()
    assert len(r) == 2
    assert r.column("level") == [1, 2]
    assert r.rows()[1] == (to_data(BOSS), to_data(MEMBER), {"nodes": [to_data(BOSS)], "relationships": []},
                           2, [], False, None, None, "a|b\nc")
    assert r.dicts()[0]["when"] == "2024-05-01"
    frame = r.to_dataframe()
    assert list(frame.columns) == r.columns and frame["level"].tolist() == [1, 2]


def test_json() -> None:
    text = render(result(), "json")
    assert text.endswith("]\n")
    assert json.loads(text) == result().dicts()
    assert '"name": "客户经理"' in text  # not ASCII-escaped


def test_csv() -> None:
    assert render(result(), "csv") == (
        "who,line,path,level,contexts,ok,none,when,note\n"
        "客户经理,客户经理 -REPORTS_TO-> 主任,客户经理 -REPORTS_TO-> 主任 -BELONGS_TO-> 办事处,"
        "1,\"甲, 乙\",true,,2024-05-01,'=1+1\n"
        '主任,主任 -BELONGS_TO-> 办事处,主任,2,,false,,,"a|b\nc"\n'
    )


def test_markdown() -> None:
    assert render(result(), "markdown") == (
        "| who | line | path | level | contexts | ok | none | when | note |\n"
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
        "| 客户经理 | 客户经理 -REPORTS_TO-> 主任 | 客户经理 -REPORTS_TO-> 主任 -BELONGS_TO-> 办事处 "
        "| 1 | 甲, 乙 | true |  | 2024-05-01 | =1+1 |\n"
        "| 主任 | 主任 -BELONGS_TO-> 办事处 | 主任 | 2 |  | false |  |  | a\\|b<br>c |\n"
    )
    assert markdown_table(["a\\b"], [["x\r\ny"]]) == "| a\\\\b |\n| --- |\n| x<br>y |\n"


def test_table() -> None:
    columns = ["role", "level"]
    small = QueryResult(columns, [Record(zip(columns, ["客户经理", 1], strict=True))])
    assert render(small, "table") == (
        "┏━━━━━━━━━━┳━━━━━━━┓\n"
        "┃ role     ┃ level ┃\n"
        "┡━━━━━━━━━━╇━━━━━━━┩\n"
        "│ 客户经理 │ 1     │\n"
        "└──────────┴───────┘\n"
    )


def test_unknown_format() -> None:
    assert FORMATS == ("table", "json", "csv", "markdown")
    with pytest.raises(QueryError, match=r"unknown format 'xml' \(one of table, json, csv, markdown\)"):
        render(result(), "xml")
