"""loaders.rows: the positional rows of stage-nodes and create-rels are bound, column by
column, to the properties the statements write — read from the statements' text, so a
node property added to kg.schema.NODE_PROPS without its statement fails here. No Neo4j."""

from __future__ import annotations

import re

import pytest

from kg.schema import NODE_PROPS
from kg.statements import read
from loaders.facts import NodeFact, RelFact
from loaders.rows import (
    CREATE_REL_COLUMNS,
    STAGE_NODE_COLUMNS,
    create_rel_cells,
    fold_props,
    node_row,
    rel_key,
    rel_row,
    stage_node_cells,
)

POSITIONAL = {"stage-nodes": STAGE_NODE_COLUMNS, "create-rels": CREATE_REL_COLUMNS}
CELL = re.compile(r"\brow\[(\d+)\]")


def _body(name: str) -> str:
    """The statement without its header comments."""
    return "\n".join(
        line for line in read(name, "write").splitlines() if not line.lstrip().startswith("//")
    )


def _split_top_level(text: str) -> list[str]:
    """``text`` split at the commas outside brackets, braces and parentheses."""
    parts, depth, current = [], 0, ""
    for ch in text:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    return [*parts, current]


def _created_map(body: str) -> list[tuple[str, str]]:
    """The ``key: expression`` entries of the property map the statement CREATEs with."""
    start = body.index("{", body.index("CREATE"))
    depth = 0
    for end in range(start, len(body)):
        depth += {"{": 1, "}": -1}.get(body[end], 0)
        if depth == 0:
            break
    entries = []
    for entry in _split_top_level(body[start + 1 : end]):
        key, _, expr = entry.partition(":")
        entries.append((key.strip(), expr.strip()))
    return entries


def bindings(name: str) -> dict[int, set[str]]:
    """Column index -> the names a statement gives ``row[i]`` as a whole: the property in
    ``prop: row[i]`` or ``prop: [row[i]]``, the variable in ``elementId(var) = row[i]``."""
    body = _body(name)
    out: dict[int, set[str]] = {}
    for key, expr in _created_map(body):
        whole = re.fullmatch(r"\[?\s*row\[(\d+)\]\s*\]?", expr)
        if whole:
            out.setdefault(int(whole.group(1)), set()).add(key)
    for var, i in re.findall(r"elementId\((\w+)\)\s*=\s*row\[(\d+)\]", body):
        out.setdefault(int(i), set()).add(var)
    return out


@pytest.mark.parametrize("name", sorted(POSITIONAL))
def test_each_column_is_written_to_the_property_of_its_name(name: str) -> None:
    columns = POSITIONAL[name]
    body = _body(name)
    used = {int(i) for i in CELL.findall(body)}
    assert used == set(range(len(columns))), f"{name} reads row[{sorted(used)}], columns {columns}"
    bound = bindings(name)
    for i, column in enumerate(columns):
        assert column in bound.get(i, set()), (
            f"write/{name}.cypher does not write row[{i}] to {column!r} "
            f"(it gives row[{i}] to {sorted(bound.get(i, set()))}): columns are {columns}"
        )
    # and no column's name is given another column's value
    for i, names in bound.items():
        for other in names & set(columns):
            assert columns.index(other) == i, f"{name}: {other!r} is written from row[{i}]"


def test_every_stated_node_property_is_a_staged_column() -> None:
    assert set(NODE_PROPS) <= set(STAGE_NODE_COLUMNS)
    keys = {key for key, _ in _created_map(_body("stage-nodes"))}
    assert set(NODE_PROPS) <= keys


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        # a property added to NODE_PROPS alone: one column more than the statement reads
        ((*STAGE_NODE_COLUMNS[:7], "owner", *STAGE_NODE_COLUMNS[7:]), r"reads row\[\[0, 1"),
        # two properties swapped in NODE_PROPS alone
        ((*STAGE_NODE_COLUMNS[:2], STAGE_NODE_COLUMNS[3], STAGE_NODE_COLUMNS[2],
          *STAGE_NODE_COLUMNS[4:]), r"does not write row\[2\] to 'name_en'"),
    ],
)
def test_the_binding_catches_columns_out_of_step(
    monkeypatch: pytest.MonkeyPatch, columns: tuple[str, ...], message: str
) -> None:
    monkeypatch.setitem(POSITIONAL, "stage-nodes", columns)
    with pytest.raises(AssertionError, match=message):
        test_each_column_is_written_to_the_property_of_its_name("stage-nodes")


NODE = NodeFact(
    "Activity",
    "activity:付款审核",
    {"name": "付款审核", "name_en": "Payment Review", "code": "1.A", "kind": "activity"},
    {(3, 5, 30, "A.付款審核"), (1, 0, 4, "付款審核")},
)
REL = RelFact(
    "REPORTS_TO", "Role", "role:财务专员", "Role", "role:财务主管", None,
    {(3, 40, 60, "匯報關系")}, {"activity:付款审核", "activity:采购计划编制"},
)


def test_stage_node_cells_follow_the_columns() -> None:
    cells = stage_node_cells(NODE)
    assert dict(zip(STAGE_NODE_COLUMNS, cells, strict=True)) == {
        "id": "activity:付款审核",
        "name": "付款审核",
        "name_original": None,
        "name_en": "Payment Review",
        "code": "1.A",
        "kind": "activity",
        "description": None,
        "source_props": '{"name":"付款审核","name_en":"Payment Review","code":"1.A","kind":"activity"}',
        "pages": [1, 3],
        "starts": [0, 5],
        "ends": [4, 30],
        "sentences": ["付款審核", "A.付款審核"],
    }


def test_create_rel_cells_follow_the_columns() -> None:
    cells = create_rel_cells(REL, "4:x:1", "4:x:2")
    assert dict(zip(CREATE_REL_COLUMNS, cells, strict=True)) == {
        "a": "4:x:1",
        "b": "4:x:2",
        "rank": None,
        "contexts": ["activity:付款审核", "activity:采购计划编制"],
        "pages": [3],
        "starts": [40],
        "ends": [60],
        "sentences": ["匯報關系"],
    }
    no_context = RelFact("MONITORS", "Role", "r", "Activity", "a", "first")
    assert create_rel_cells(no_context, "x", "y") == ["x", "y", "first", None, [], [], [], []]


@pytest.mark.parametrize(
    ("name", "row"),
    [
        ("upsert-nodes", node_row(NODE)),
        ("upsert-rels", {**rel_row(REL), "a": "4:x:1", "b": "4:x:2"}),
        ("retract-rels", rel_row(REL)),
        ("report-contexts", rel_row(REL)),
        ("retract-nodes", {"id": NODE.id}),
    ],
)
def test_map_rows_carry_every_field_their_statement_reads(name: str, row: dict[str, object]) -> None:
    fields = set(re.findall(r"\brow\.(\w+)", _body(name)))
    assert fields <= set(row), f"{name} reads row.{sorted(fields - set(row))}"


def test_node_and_rel_rows() -> None:
    assert node_row(NODE) == {
        "id": "activity:付款审核",
        "props": NODE.props,
        "props_json": '{"name":"付款审核","name_en":"Payment Review","code":"1.A","kind":"activity"}',
        "pages": [1, 3],
        "starts": [0, 5],
        "ends": [4, 30],
        "sentences": ["付款審核", "A.付款審核"],
    }
    assert rel_row(REL) == {
        "from": "role:财务专员",
        "to": "role:财务主管",
        "rank": None,
        "contexts": ["activity:付款审核", "activity:采购计划编制"],
        "pages": [3],
        "starts": [40],
        "ends": [60],
        "sentences": ["匯報關系"],
    }


def test_fold_props_the_first_source_by_id_wins_and_unstated_props_are_removed() -> None:
    stated = {"doc:b": '{"name":"甲","name_en":"A"}', "doc:c": None, "doc:a": '{"name":"乙","name_en":null}'}
    expected = {
        "name": "乙", "name_original": None, "name_en": "A", "code": None, "kind": None,
        "description": None,
    }
    assert fold_props(list(stated), list(stated.values())) == expected
    # the order the sources were loaded in does not matter
    assert fold_props(list(reversed(stated)), list(reversed(stated.values()))) == expected


def test_rel_key_is_the_rank_for_monitors_only() -> None:
    assert rel_key("MONITORS") == "{rank: row.rank}"
    assert {rel_key(t) for t in ("RESPONSIBLE", "ASSISTS", "REPORTS_TO", "PART_OF")} == {""}
