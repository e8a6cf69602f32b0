"""kg.statements: the one reader of cypher/, and the template identifiers it allows."""

from __future__ import annotations

import pytest

from kg import statements
from kg.schema import FACT_LABELS, FACT_TYPES


def test_folders_list_their_statements() -> None:
    assert statements.names("whatif") == ["merge-roles", "remove-role"]
    assert "reporting-chain" in statements.names("")
    assert "stage-nodes" in statements.names("write")
    assert not set(statements.names("write")) & set(statements.names(""))
    with pytest.raises(ValueError, match="no folder 'views'"):
        statements.names("views")


def test_read_returns_the_file_text() -> None:
    text = statements.read("remove-role", "whatif")
    assert text.startswith("// name: remove-role\n")
    assert "DETACH DELETE gone" in text


def test_fill_takes_identifiers_only_from_the_schema() -> None:
    text = "MATCH (a:__FROM__)-[r:__TYPE__ __KEY__]->(b:__TO__)"
    assert statements.fill(text, type="MONITORS", to="Activity", key="{rank: row.rank}", **{"from": "Role"}) == (
        "MATCH (a:Role)-[r:MONITORS {rank: row.rank}]->(b:Activity)"
    )
    with pytest.raises(ValueError, match=r"'Role\) DETACH DELETE \(x' is not an allowed __FROM__"):
        statements.fill(text, **{"from": "Role) DETACH DELETE (x"})
    with pytest.raises(ValueError, match="unfilled placeholder"):
        statements.fill(text, type="MONITORS")
    with pytest.raises(ValueError, match="no placeholder __COLOUR__"):
        statements.fill(text, colour="red")


def test_allowed_identifiers_are_the_schemas() -> None:
    assert statements.IDENTIFIERS["__LABEL__"] == frozenset(FACT_LABELS)
    assert statements.IDENTIFIERS["__TYPE__"] == frozenset(FACT_TYPES)


def test_every_template_placeholder_is_known() -> None:
    for folder in statements.FOLDERS:
        for name in statements.names(folder):
            text = statements.read(name, folder)
            tokens = {t for t in text.split() if t.startswith("__") and t.endswith("__")}
            assert tokens <= set(statements.IDENTIFIERS), (folder, name, tokens)
