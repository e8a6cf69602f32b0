"""Name resolution's batched lookup stays the canned `find` (no database)."""

from __future__ import annotations

from kg.queries import get_query
from kg.queries.resolve import FIND_MANY


def _body(text: str, opening: str) -> str:
    start = text.index(opening) + len(opening)
    return " ".join(text[start : text.index("\n}\n", start)].split())


def test_find_many_looks_up_each_name_as_find_does() -> None:
    """FIND_MANY resolves every name of a query in one statement: its subquery is find's,
    with the row's text for $text (same index lookups, same matches)."""
    find = _body(get_query("find").text, "CALL () {").replace("$text", "lookup.text")
    assert _body(FIND_MANY, "CALL (lookup) {") == find
