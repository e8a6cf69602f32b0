"""The one-statement form of a query (kg/queries/single.py): its columns read off its
last RETURN, and the statement that wraps it with the lookup of its names.  No
database: tests/integration/test_queries.py runs every query through it."""

from __future__ import annotations

import re

import pytest

from kg.queries import load_catalogue
from kg.queries.single import LOOKUPS, one_statement, returned_columns


def test_every_canned_query_has_its_columns_read() -> None:
    for query in load_catalogue().values():
        columns = returned_columns(query.text)
        assert columns is not None, query.name
        # the header lists them too, with explanations in parentheses for some
        declared = re.sub(r"\([^)]*\)", "", ", ".join(query.returns))
        assert list(columns) == [c.strip() for c in declared.split(",") if c.strip()], query.name


@pytest.mark.parametrize(
    ("text", "columns"),
    [
        ("MATCH (n) RETURN n.id AS id, n", ("id", "n")),
        ("MATCH (n) RETURN DISTINCT n.id AS id ORDER BY id LIMIT $limit", ("id",)),
        ("CALL () { MATCH (n) RETURN n AS x } RETURN x AS `the node`, count(*) AS c", ("the node", "c")),
        ("MATCH (n) RETURN {a: 1, b: [1, 2]} AS m, 'RETURN x, y' AS s // RETURN z", ("m", "s")),
        ("MATCH (n)\nreturn n.name as name\nskip 1", ("name",)),
        ("MATCH (n) RETURN n.id", None),  # an expression without a name
        ("MATCH (n) RETURN *", None),
        ("MATCH (n) SET n.x = 1", None),
    ],
)
def test_columns(text: str, columns: tuple[str, ...] | None) -> None:
    assert returned_columns(text) == columns


def test_the_statement_finds_the_names_then_runs_the_query_once() -> None:
    text = "MATCH (me:Role {id: $role}) RETURN me.name AS name ORDER BY name;"
    statement = one_statement(text, ("name",))
    assert f"UNWIND ${LOOKUPS} AS lookup" in statement
    assert statement.count("MATCH (me:Role {id: $role}) RETURN me.name AS name ORDER BY name\n") == 1
    assert "RETURN collect([name]) AS kg_rows" in statement
    assert statement.endswith("RETURN kg_found, kg_rows")
    assert "collect([`a b`, c])" in one_statement("RETURN 1 AS `a b`, 2 AS c", ("a b", "c"))
