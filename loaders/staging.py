"""Batches: how the loader sends rows, in the load's transaction or staged beside it.

Every write statement takes ``UNWIND $rows`` batches of :data:`BATCH` rows.  A
:class:`Writer` runs them for one source: in the load's transaction, or — for the new
nodes and the relationships between them — *staged*: written hidden (label ``:KgStaged``
only, see ``cypher/write/stage-nodes.cypher``).  A load that adds
:data:`STAGE_SEPARATELY_FROM` or more nodes and relationships commits its staging batches
on their own, :data:`STAGING_WORKERS` side by side (:class:`Stager`), like ``LOAD CSV …
IN TRANSACTIONS``; the load's transaction then publishes them (:mod:`loaders.apply`).

Staged nodes carry the load's run id (``staged_by``). What a failed load staged is
deleted (:func:`discard_staged`); what a killed one staged stays hidden until the next
load deletes it (:func:`drop_staged`, under the load lock, at its start and again just
before it commits: a batch the killed load sent just before it died may commit late).
Nodes a load hides instead of deleting them in its transaction (``retire-nodes``) are
deleted after it commits (:func:`drop_run`).
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from neo4j import Session, Transaction
from neo4j.exceptions import DriverError, Neo4jError, TransientError

from kg.db import Database
from kg.statements import statement

#: Rows per batch (look-ups by id take a few batches' worth at once).
BATCH = 5000
#: Sessions that commit staged batches side by side: the server writes independent
#: batches on several cores, and a batch is sent while another is being written.
STAGING_WORKERS = 3
#: A load that adds at least this many nodes and relationships commits its staging
#: batches on their own; a smaller one stages inside its transaction, so that even a
#: killed process leaves nothing behind (the transaction's memory is small either way).
STAGE_SEPARATELY_FROM = 50_000
#: How often a staged batch is tried again after a deadlock with another one.
DEADLOCK_RETRIES = 50

Progress = Callable[[int, int], None]  # (rows done, rows in all)
T = TypeVar("T")


#: At most this many characters of sentences in one batch: a batch is one message the
#: server holds whole (in direct memory, then on its heap), so rows with long sentences
#: go in smaller batches (5,000 rows of 100 KB each once took 500 MB of the server's
#: direct memory and failed).
BATCH_CHARS = 4_000_000
#: What a row counts for besides its sentences (ids, properties, lists).
ROW_CHARS = 200


def row_chars(row: Any) -> int:
    """About how many characters a write row sends: its sentences (the long part; the
    last column of a positional row, ``sentences`` of a map row) and a fixed part."""
    sentences = row.get("sentences") if isinstance(row, dict) else (
        row[-1] if isinstance(row, list) and row else None
    )
    if isinstance(sentences, list):
        return ROW_CHARS + sum(len(s) for s in sentences if isinstance(s, str))
    return ROW_CHARS


def batches(rows: list[T], scale: int = 1, *, sized: bool = False) -> Iterator[list[T]]:
    """``rows`` in slices of ``scale`` × :data:`BATCH`; ``sized``: also of at most
    :data:`BATCH_CHARS` (see :func:`row_chars`), a long row alone if need be."""
    size = BATCH * scale
    if not sized:
        for i in range(0, len(rows), size):
            yield rows[i : i + size]
        return
    start, chars = 0, 0
    for i, row in enumerate(rows):
        weight = row_chars(row)
        if i > start and (i - start >= size or chars + weight > BATCH_CHARS):
            yield rows[start:i]
            start, chars = i, 0
        chars += weight
    if start < len(rows):
        yield rows[start:]


def stages_separately(additions: int) -> bool:
    """Whether a load that adds ``additions`` nodes and relationships commits its staging
    batches on their own (see :data:`STAGE_SEPARATELY_FROM`)."""
    return additions >= STAGE_SEPARATELY_FROM


class Stager:
    """Commits hidden staging batches, each in a transaction of its own, on a few sessions
    in parallel. Two batches that lock the same node wait for each other; a deadlock
    between them rolls one back, which is tried again."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._local = threading.local()
        self._sessions: list[Session] = []
        self._guard = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None

    def _session(self) -> Session:
        session: Session | None = getattr(self._local, "session", None)
        if session is None:
            session = self.db.session()
            self._local.session = session
            with self._guard:
                self._sessions.append(session)
        return session

    def _run(self, query: str, params: dict[str, Any]) -> list[Any]:
        """One batch in a transaction of its own; a deadlock with a batch beside it is
        retried at once (after a few milliseconds), quietly, up to DEADLOCK_RETRIES times."""
        session = self._session()
        for attempt in range(DEADLOCK_RETRIES + 1):
            try:
                with session.begin_transaction() as tx:
                    records = list(tx.run(query, params))
                    tx.commit()
                return records
            except TransientError as exc:
                if "DeadlockDetected" not in (exc.code or "") or attempt == DEADLOCK_RETRIES:
                    raise
                time.sleep(random.uniform(0.005, 0.02) * (attempt + 1))  # noqa: S311
        raise AssertionError("unreachable")

    def submit(self, query: str, **params: Any) -> Future[list[Any]]:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(STAGING_WORKERS, thread_name_prefix="kg-stage")
        return self._pool.submit(self._run, query, params)

    def close(self) -> None:
        """Wait for the batches in flight (cancelling those not started), end the sessions."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        with self._guard:
            sessions, self._sessions = self._sessions, []
        for session in sessions:
            session.close()


def _drop(db: Database, *, keep: str | None = None, only: str | None = None) -> None:
    with db.session() as session:
        for name in ("drop-staged-rels", "drop-staged"):
            session.run(statement(name), keep=keep, only=only).consume()


def drop_staged(db: Database, keep: str) -> None:
    """Delete what every load but run ``keep`` staged or hid (the caller, run ``keep``,
    holds the load lock)."""
    _drop(db, keep=keep)


def drop_run(db: Database, run: str) -> None:
    """Delete what load ``run`` staged or hid (after it failed, or committed). If the
    server cannot be reached now, the next load deletes it (the nodes stay hidden)."""
    try:
        _drop(db, only=run)
    except (Neo4jError, DriverError, OSError):
        pass


def discard_staged(db: Database, run: str) -> None:
    """After a failed load: delete what it staged (see :func:`drop_run`)."""
    drop_run(db, run)


class Writer:
    """Runs one source's batches, in the load's transaction or staged (see
    :class:`Stager`), and reports progress in rows."""

    def __init__(self, tx: Transaction, stager: Stager, source: str, total: int,
                 progress: Progress | None, run: str = "") -> None:
        self.tx, self.stager, self.source, self.total = tx, stager, source, total
        #: the load's run id, on what it stages or hides
        self.run_id = run
        self.progress = progress
        #: batches sent so far
        self.batches = self.done = 0
        #: whether staging batches commit on their own (see :func:`stages_separately`)
        self.separate = False
        if progress:
            progress(0, total)

    def next_batch(self) -> None:
        """Count a batch about to be sent: every batch :meth:`run` and :meth:`stage` send
        passes here first."""
        self.batches += 1

    def _advance(self, rows: int) -> None:
        self.done += rows
        if self.progress:
            self.progress(self.done, self.total)

    def run(self, query: str, rows: list[Any]) -> list[Any]:
        """Run ``query`` over ``rows`` in batches in the load's transaction."""
        out: list[Any] = []
        for chunk in batches(rows, sized=True):
            self.next_batch()
            out.extend(self.tx.run(query, source=self.source, run=self.run_id, rows=chunk))
            self._advance(len(chunk))
        return out

    def stage(self, query: str, rows: list[Any]) -> Callable[[], list[Any]]:
        """Write staging batches: for a large load (``separate``), submit batches that each
        commit on their own, side by side, and return the function that waits for them and
        gives their results in order (the caller does other work meanwhile); for a small
        one, run them in the load's transaction, which then holds every change."""
        if not self.separate:
            out = self.run(query, rows)
            return lambda: out
        pending: list[tuple[Future[list[Any]], int]] = []
        for chunk in batches(rows, sized=True):
            self.next_batch()
            future = self.stager.submit(query, source=self.source, run=self.run_id, rows=chunk)
            pending.append((future, len(chunk)))

        def wait() -> list[Any]:
            out: list[Any] = []
            for future, size in pending:
                out.extend(future.result())
                self._advance(size)
            return out

        return wait
