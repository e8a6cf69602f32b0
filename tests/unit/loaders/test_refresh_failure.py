"""How a failed load is reported (no database): a server that is up but dropped the
connection is not "cannot reach" (issue #15, item 1), a server that is gone is exit 2
(item 4), and an unload says "unload" (item 2)."""

from __future__ import annotations

from typing import Any

import pytest
from neo4j.exceptions import Neo4jError, ServiceUnavailable

import loaders.refresh as refresh
from kg.config import load_settings
from kg.db import Database


def db() -> Database:
    settings = load_settings({"uri": "bolt://127.0.0.1:1", "password": "x"}, environ={}, env_file=None)
    return Database(driver=None, settings=settings)  # type: ignore[arg-type]


@pytest.mark.parametrize("answers", [True, False])
def test_a_dropped_connection(monkeypatch: pytest.MonkeyPatch, answers: bool) -> None:
    monkeypatch.setattr(refresh, "_answers", lambda _db: answers)
    error = refresh._failure(db(), ServiceUnavailable("connection reset"), "load")
    assert error.message.startswith("load failed, nothing was written: ")
    if answers:  # up again: the load was too much for it, not a connection problem
        assert error.exit_code == 1
        assert "dropped the connection during the load and answers again" in error.message
        assert "cannot reach" not in error.message
    else:
        assert error.exit_code == 2
        assert "cannot reach Neo4j" in error.message


def test_out_of_memory_says_unload(monkeypatch: pytest.MonkeyPatch) -> None:
    exc: Any = Neo4jError._hydrate_neo4j(  # what the server sends
        code="Neo.TransientError.General.MemoryPoolOutOfMemoryError",
        message="The allocation of an extra 2.0 MiB would use more than the limit 716.8 MiB. "
        "dbms.memory.transaction.total.max threshold reached",
    )
    error = refresh._failure(db(), exc, "unload")
    assert error.message.startswith("unload failed, nothing was written: the server ran out of memory")
    assert "KG_NEO4J_HEAP" in error.message and error.exit_code == 1
