"""Rows: what the write statements (``cypher/write/``) receive for each fact, shaped by
:mod:`kg.schema`.

The statements that merge or withdraw take maps (``row.id``, ``row.pages``…).  The two
that create in bulk — ``stage-nodes`` and ``create-rels`` — take lists by position
(``row[0]``…), a third cheaper to send and read; their column orders are
:data:`STAGE_NODE_COLUMNS` and :data:`CREATE_REL_COLUMNS`, derived from the schema, and a
unit test binds every ``row[i]`` of those statements to the column of the same name.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from typing import Any

from pydantic_core import to_json

from kg.schema import (
    KEY,
    NODE_PROPS,
    PROVENANCE,
    RANK,
    REL_PROPS,
    REPORT_CONTEXT_PROPS,
    SOURCE_PROPS,
)
from loaders.facts import NodeFact, RelFact, Statement

#: The provenance lists, one entry per statement: the source that states it (the
#: statements fill it in with ``$source``), then the page, offsets and sentence.
STATED_IN, PAGES, STARTS, ENDS, SENTENCES = PROVENANCE
#: What a row carries of its statements, in the order of :data:`loaders.facts.Statement`.
STATEMENT_LISTS: tuple[str, ...] = (PAGES, STARTS, ENDS, SENTENCES)
#: A REPORTS_TO line's activity contexts (see :data:`kg.schema.REPORT_CONTEXT_PROPS`).
ACTIVITIES, CONTEXTS, CONTEXT_SOURCES = REPORT_CONTEXT_PROPS

#: The columns of a ``stage-nodes`` row: the key, the stated properties, the same as JSON
#: (kept per source, in :data:`kg.schema.SOURCE_PROPS`), the statements.
STAGE_NODE_COLUMNS: tuple[str, ...] = (KEY, *NODE_PROPS, SOURCE_PROPS, *STATEMENT_LISTS)
#: The columns of a ``create-rels`` row: the element ids of the start and end nodes (``a``
#: and ``b`` in the statement), the rank (MONITORS), the contexts (REPORTS_TO), the
#: statements.
CREATE_REL_COLUMNS: tuple[str, ...] = ("a", "b", RANK, CONTEXTS, *STATEMENT_LISTS)


def statement_lists(statements: Collection[Statement]) -> list[list[Any]]:
    """The statements as parallel lists, in the order of :data:`STATEMENT_LISTS`, sorted."""
    if len(statements) == 1:  # the common case, kept cheap
        [(page, start, end, sentence)] = statements
        return [[page], [start], [end], [sentence]]
    ordered = sorted(statements)
    return [[s[i] for s in ordered] for i in range(len(STATEMENT_LISTS))]


def props_json(props: dict[str, Any]) -> str:
    """A node's properties as one source states them, as JSON (kept per source)."""
    return to_json(props).decode()


def node_row(fact: NodeFact) -> dict[str, Any]:
    """An upsert-nodes row: {id, props, props_json, pages, starts, ends, sentences}."""
    row: dict[str, Any] = dict(zip(STATEMENT_LISTS, statement_lists(fact.statements), strict=True))
    row["id"], row["props"] = fact.id, fact.props
    row["props_json"] = props_json(fact.props)
    return row


def rel_row(fact: RelFact) -> dict[str, Any]:
    """An upsert-rels, retract-rels and report-contexts row: {from, to, rank, contexts,
    pages, starts, ends, sentences} (upsert-rels adds the ends' element ids a and b)."""
    row: dict[str, Any] = dict(zip(STATEMENT_LISTS, statement_lists(fact.statements), strict=True))
    row["from"], row["to"], row[RANK] = fact.from_id, fact.to_id, fact.rank
    row[CONTEXTS] = sorted(fact.contexts)
    return row


def stage_node_cells(fact: NodeFact) -> list[Any]:
    """A stage-nodes row, by :data:`STAGE_NODE_COLUMNS` (a property not stated is null,
    which the statement does not set)."""
    props = fact.props
    return [
        fact.id, *map(props.get, NODE_PROPS), props_json(props),
        *statement_lists(fact.statements),
    ]


def create_rel_cells(fact: RelFact, a: str, b: str) -> list[Any]:
    """A create-rels row, by :data:`CREATE_REL_COLUMNS` (``a``/``b``: the ends, ids until
    the caller puts their element ids in)."""
    return [a, b, fact.rank, sorted(fact.contexts) or None, *statement_lists(fact.statements)]


def fold_props(sources: list[str], source_props: list[str | None]) -> dict[str, Any]:
    """The visible properties of a node from what each of its sources states (``sources``
    and ``source_props`` in the same order): when sources disagree, the one whose id
    sorts first gives the value, whatever the order they were loaded in (``kg validate``
    reports the conflict, rule conflicting-values); a property no source states is set
    to null, which removes it."""
    merged: dict[str, Any] = dict.fromkeys(NODE_PROPS)
    stated = sorted(zip(sources, source_props, strict=False), key=lambda pair: pair[0], reverse=True)
    for _source, text in stated:  # the first in id order last, so it wins
        merged.update({k: v for k, v in json.loads(text or "{}").items() if v is not None})
    return merged


def rel_key(rtype: str) -> str:
    """The ``__KEY__`` of a relationship type's statements: its identity beyond its ends
    (``{rank: row.rank}`` for MONITORS, nothing for the others)."""
    return f"{{{RANK}: row.{RANK}}}" if RANK in REL_PROPS.get(rtype, ()) else ""


def has_contexts(rtype: str) -> bool:
    """Whether relationships of ``rtype`` carry activity contexts (REPORTS_TO)."""
    return CONTEXTS in REL_PROPS.get(rtype, ())
