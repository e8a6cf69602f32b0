"""Every loader statement (``cypher/write/*.cypher``) compiles on the real Neo4j, for each
allowed filling of its placeholders: ``EXPLAIN`` plans it without running it."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import product

import pytest
from neo4j import NotificationClassification

from kg.api import Graph
from kg.schema import REL_SHAPES
from kg.statements import IDENTIFIERS, fill, names, placeholders, read

pytestmark = pytest.mark.neo4j


def _consistent(filled: dict[str, str]) -> bool:
    """A relationship type with an end label must be one of its shapes (kg.schema)."""
    rtype = filled.get("__TYPE__")
    a, b = filled.get("__FROM__"), filled.get("__TO__")
    if rtype is None or (a is None and b is None):
        return True
    return any((t, x, y) == (rtype, a or x, b or y) for t, x, y in REL_SHAPES)


def fillings(text: str) -> Iterator[dict[str, str]]:
    """Every allowed filling of the placeholders ``text`` uses ({} when it has none)."""
    tokens = placeholders(text)
    for values in product(*(sorted(IDENTIFIERS[t]) for t in tokens)):
        filled = dict(zip(tokens, values, strict=True))
        if _consistent(filled):
            yield filled


def _cases() -> list[tuple[str, dict[str, str]]]:
    return [(name, filled) for name in names("write") for filled in fillings(read(name, "write"))]


CASES = _cases()


def _id(case: tuple[str, dict[str, str]]) -> str:
    name, filled = case
    return name + "".join(f"[{v or '-'}]" for v in filled.values())


def test_every_statement_and_shape_is_covered() -> None:
    covered = {name for name, _ in CASES}
    assert covered == set(names("write"))
    for rtype, a, b in REL_SHAPES:
        shape = {"__TYPE__": rtype, "__FROM__": a, "__TO__": b}
        assert any(name == "read-rels" and filled == shape for name, filled in CASES)


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_statement_plans(driver: Graph, case: tuple[str, dict[str, str]]) -> None:
    name, filled = case
    text = fill(read(name, "write"), f"write/{name}",
                **{token.strip("_").lower(): value for token, value in filled.items()})
    # auto-commit: drop-staged runs CALL { … } IN TRANSACTIONS
    with driver.session() as s:
        summary = s.run(f"EXPLAIN {text}").consume()
    assert summary.plan, f"write/{name} gave no plan"
    deprecated = [
        status.status_description
        for status in summary.gql_status_objects
        if status.is_notification and status.classification == NotificationClassification.DEPRECATION
    ]
    assert not deprecated, f"write/{name}: {deprecated}"
