"""Load: write one source's facts into Neo4j as an idempotent, source-scoped refresh.

One `kg load` is published by ONE transaction, whatever the number of sources, so a
failure anywhere (a bad row, a dropped connection, the process killed) leaves the
knowledge graph exactly as it was.  A file whose bytes were loaded before by this kg
version is recognised without even being parsed.  For each other source:

1. take the load lock (concurrent loads queue and apply one after another) and delete
   what an interrupted load staged (step 4);
2. skip if the source's content hash is the one already loaded;
3. read what the graph holds from this source, and diff it with the new model
   (:mod:`loaders.facts`);
4. stage the new: nodes no source stated yet, and the relationships between two of them,
   are written hidden (label ``:KgStaged`` only, connected to no fact node); a load that
   adds 50,000 or more does so in batches that commit on their own, three at a time,
   like ``LOAD CSV … IN TRANSACTIONS`` (a smaller one in its transaction);
5. in the load's transaction, write the rest of the diff in batches of ``UNWIND $rows``
   (``cypher/write/``): give the staged nodes their labels, merge changed nodes and
   relationships, create those with one new end; withdraw the source's statements of
   what it no longer states, deleting what no source states any more;
6. record the source and the run (``LoadRun``), and commit: the staged part appears with
   the rest.  A failed load deletes what it staged; a large one killed while staging
   leaves it hidden until the next load deletes it.

Staging keeps the transaction small: at a million relationships it holds the labels of
the new nodes (~2.5 KB of server heap each), not every new relationship and property.

A node or relationship stated by two sources survives until both stop stating it.
"""

from __future__ import annotations

import gc
import hashlib
import json
import random
import threading
import time
import uuid
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from neo4j import ManagedTransaction, Session, Transaction
from neo4j.exceptions import DriverError, Neo4jError, TransientError
from pydantic import ValidationError
from pydantic_core import to_json

from kg.db import Database
from kg.errors import KgError
from kg.model import Model
from kg.ogm import install_schema
from kg.schema import FACT_LABELS, REL_SHAPES
from kg.statements import statement
from kg.version import __version__
from loaders.facts import (
    Diff,
    Facts,
    NodeFact,
    RelFact,
    add_rel_facts,
    count_references,
    diff_nodes,
    diff_rels,
    group_rels,
    node_facts,
    to_facts,
)
from loaders.sources import CSV_SUFFIXES, SourceInput, file_digest, read_sources

BATCH = 5000
#: Recorded on each Source: a file loaded by another kg version is parsed again.
LOADER_VERSION = f"kg {__version__} / kg-org-model/1"
Progress = Callable[[int, int], None]  # (rows done, rows in all)


class LoadFailed(KgError):
    """Neo4j refused the load; nothing was written."""


# --------------------------------------------------------------------------- statements
def _batches(rows: list[Any], size: int | None = None) -> Iterator[list[Any]]:
    size = size or BATCH
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


# --------------------------------------------------------------------------- rows
def _provenance(statements: Iterable[tuple[int, int, int, str]]) -> dict[str, list[Any]]:
    if len(statements) == 1:  # type: ignore[arg-type]  # the common case, kept cheap
        [(page, start, end, sentence)] = statements
        return {"pages": [page], "starts": [start], "ends": [end], "sentences": [sentence]}
    ordered = sorted(statements)
    return {
        "pages": [s[0] for s in ordered],
        "starts": [s[1] for s in ordered],
        "ends": [s[2] for s in ordered],
        "sentences": [s[3] for s in ordered],
    }


def _props_json(props: dict[str, Any]) -> str:
    """A node's properties as one source states them, as JSON (kept per source)."""
    return to_json(props).decode()


def _node_row(fact: NodeFact) -> dict[str, Any]:
    row = _provenance(fact.statements)
    row["id"], row["props"] = fact.id, fact.props
    row["props_json"] = _props_json(fact.props)
    return row


#: The node properties sources state (the rest of a node is provenance).
NODE_PROPS = ("name", "name_original", "name_en", "code", "kind", "description")


def _fold_props(source_props: list[str | None]) -> dict[str, Any]:
    """The visible properties of a node from its remaining sources' (later ones win);
    a property no remaining source states is set to null, which removes it."""
    merged: dict[str, Any] = dict.fromkeys(NODE_PROPS)
    for text in source_props:
        merged.update({k: v for k, v in json.loads(text or "{}").items() if v is not None})
    return merged


def _rel_row(fact: RelFact) -> dict[str, Any]:
    row = _provenance(fact.statements)
    row["from"], row["to"], row["rank"] = fact.from_id, fact.to_id, fact.rank
    row["key"] = {"rank": fact.rank} if fact.rank else {}
    row["contexts"] = sorted(fact.contexts)
    return row


# --------------------------------------------------------------------------- report
@dataclass
class LoadReport:
    source: str
    path: str
    kind: str
    status: str  # applied | unchanged | dry-run
    content_hash: str
    counts: dict[str, dict[str, dict[str, int]]] = field(
        default_factory=lambda: {"nodes": {}, "relationships": {}}
    )
    totals: dict[str, int] = field(default_factory=dict)
    duration_ms: int = 0
    warnings: list[str] = field(default_factory=list)
    run_id: str | None = None
    #: every change: (added|removed|changed, node|relationship, label or type, what)
    changes: list[tuple[str, str, str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "path": self.path,
            "kind": self.kind,
            "status": self.status,
            "content_hash": self.content_hash,
            "totals": self.totals,
            "counts": self.counts,
            "duration_ms": self.duration_ms,
            "warnings": self.warnings,
            "run_id": self.run_id,
        }


# --------------------------------------------------------------------------- read current
def read_current(tx: Transaction | ManagedTransaction, source: str) -> Facts:
    """What the graph holds from ``source`` (its statements only)."""
    facts = Facts()
    for label in FACT_LABELS:
        for rec in tx.run(statement("read-nodes", label=label), source=source):
            props = json.loads(rec["props"] or "{}")
            facts.nodes[(label, rec["id"])] = NodeFact(
                label, rec["id"], props, {tuple(s) for s in rec["statements"]}  # type: ignore[misc]
            )
    for rtype, a, b in REL_SHAPES:
        query = statement("read-rels", type=rtype, **{"from": a}, to=b)
        for rec in tx.run(query, source=source):
            fact = RelFact(
                rtype,
                a,
                rec["from"],
                b,
                rec["to"],
                rec["rank"],
                {tuple(s) for s in rec["statements"]},  # type: ignore[misc]
                set(rec["contexts"]),
            )
            facts.rels[fact.key] = fact
    return facts


def _snapshot_facts(tx: Transaction, source: str, content_hash: str) -> Facts | None:
    """What ``source`` stated when it was last loaded, from the model kept with it
    (cypher/write/write-snapshot.cypher): a refresh then reads one compressed value
    instead of every fact the source states. None when no usable snapshot is kept (a
    source loaded by another kg version, or whose snapshot is not of the loaded content)."""
    rec = tx.run(statement("read-snapshot"), source=source).single()
    if rec is None or rec["loader"] != LOADER_VERSION or rec["content_hash"] != content_hash:
        return None
    try:
        canonical = zlib.decompress(rec["data"])
        if hashlib.sha256(canonical).hexdigest() != content_hash:
            return None
        return to_facts(Model.model_validate_json(canonical))
    except (zlib.error, ValidationError, TypeError):
        return None


# --------------------------------------------------------------------------- write
def _element_ids(
    tx: Transaction, wanted: dict[str, set[str]]
) -> dict[str, str]:
    """Element ids of the nodes (label -> ids) that exist already; relationships are then
    written by element id, which needs no index look-up, even for nodes this transaction
    created."""
    found: dict[str, str] = {}
    for label, ids in wanted.items():
        ordered = sorted(ids)
        q = statement("existing-nodes", label=label)
        for i in range(0, len(ordered), BATCH * 4):
            for r in tx.run(q, ids=ordered[i : i + BATCH * 4]):
                found[r["id"]] = r["eid"]
    return found


#: Sessions that commit staged batches side by side: the server writes independent
#: batches on several cores, and a batch is sent while another is being written.
STAGING_WORKERS = 3
#: A load that adds at least this many nodes and relationships commits its staging
#: batches on their own; a smaller one stages inside its transaction, so that even a
#: killed process leaves nothing behind (the transaction's memory is small either way).
STAGE_SEPARATELY_FROM = 50_000
#: How often a staged batch is tried again after a deadlock with another one.
DEADLOCK_RETRIES = 50


class _Stager:
    """Commits hidden staging batches (see :func:`_apply`), each in a transaction of its
    own, on a few sessions in parallel. Two batches that lock the same node wait for each
    other; a deadlock between them rolls one back, which is tried again."""

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

    def drop(self) -> None:
        """Delete whatever is staged (the caller holds the load lock)."""
        with self.db.session() as session:
            session.run(statement("drop-staged")).consume()

    def close(self) -> None:
        """Wait for the batches in flight (cancelling those not started), end the sessions."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        with self._guard:
            sessions, self._sessions = self._sessions, []
        for session in sessions:
            session.close()


class _Writer:
    """Runs batches, in the load's transaction or staged (see :class:`_Stager`), counting
    them for progress and the failure hook."""

    def __init__(self, tx: Transaction, stager: _Stager, source: str, total: int,
                 progress: Progress | None, fail_after: int | None) -> None:
        self.tx, self.stager, self.source, self.total = tx, stager, source, total
        self.progress, self.fail_after = progress, fail_after
        self.batches = self.done = 0
        #: whether staging batches commit on their own (see :data:`STAGE_SEPARATELY_FROM`)
        self.separate = False
        if progress:
            progress(0, total)

    def _next_batch(self) -> None:
        if self.fail_after is not None and self.batches >= self.fail_after:
            raise LoadFailed(
                f"load of {self.source!r} stopped after {self.batches} batches (test hook)"
            )
        self.batches += 1

    def _advance(self, rows: int) -> None:
        self.done += rows
        if self.progress:
            self.progress(self.done, self.total)

    def run(self, query: str, rows: list[Any]) -> list[Any]:
        """Run ``query`` over ``rows`` in batches in the load's transaction."""
        out: list[Any] = []
        for chunk in _batches(rows):
            self._next_batch()
            out.extend(self.tx.run(query, source=self.source, rows=chunk))
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
        for chunk in _batches(rows):
            self._next_batch()
            pending.append((self.stager.submit(query, source=self.source, rows=chunk), len(chunk)))

        def wait() -> list[Any]:
            out: list[Any] = []
            for future, size in pending:
                out.extend(future.result())
                self._advance(size)
            return out

        return wait


def _node_cells(fact: NodeFact) -> list[Any]:
    """A stage-nodes row (a list: see cypher/write/stage-nodes.cypher)."""
    p, prov = fact.props, _provenance(fact.statements)
    return [
        fact.id, p.get("name"), p.get("name_original"), p.get("name_en"), p.get("code"),
        p.get("kind"), p.get("description"),
        _props_json(p),
        prov["pages"], prov["starts"], prov["ends"], prov["sentences"],
    ]


def _create_cells(fact: RelFact, a: str, b: str) -> list[Any]:
    """A create-rels row (a list: see cypher/write/create-rels.cypher)."""
    prov = _provenance(fact.statements)
    return [
        a, b, fact.rank, sorted(fact.contexts) or None,
        prov["pages"], prov["starts"], prov["ends"], prov["sentences"],
    ]


def _apply(
    w: _Writer, d: Diff, complete: Callable[[], None] | None = None, references: int = 0
) -> None:
    """Write the diff.

    New nodes, and new relationships between two new nodes, are staged: written hidden
    (label :KgStaged, see ``cypher/write/stage-nodes.cypher``), for a large load in
    batches that commit on their own. Then, in the load's transaction: the staged nodes
    get their labels; changed
    nodes are merged; relationships with one new end are created and the rest merged, by
    their ends' element ids; what the source no longer states is withdrawn. A large fresh
    load so commits in batches like ``LOAD CSV … IN TRANSACTIONS`` yet appears at once.

    ``complete``, when given, adds the relationships' part to ``d`` (which then holds the
    nodes' only): it runs while the server writes the new nodes. ``references`` is then
    how many relationships it may add at most."""
    tx = w.tx
    wanted: dict[str, set[str]] = {}
    for n in d.upsert_nodes:
        wanted.setdefault(n.label, set()).add(n.id)
    eid = _element_ids(tx, wanted)

    by_label: dict[str, tuple[list[list[Any]], list[dict[str, Any]]]] = {}
    new_ids: set[str] = set()
    for n in d.upsert_nodes:
        new, old = by_label.setdefault(n.label, ([], []))
        if n.id in eid:
            old.append(_node_row(n))
        else:
            new.append(_node_cells(n))
            new_ids.add(n.id)
    rels = len(d.upsert_rels) if complete is None else references
    w.separate = len(new_ids) + rels >= STAGE_SEPARATELY_FROM
    waits = [
        (label, w.stage(statement("stage-nodes"), by_label[label][0]))
        for label in FACT_LABELS
        if label in by_label and by_label[label][0]
    ]

    # while the server writes the new nodes: the relationships, their diff and rows
    if complete is not None:
        complete()
        w.total += len(d.upsert_rels) + len(d.retract_rels)
    ends: dict[str, set[str]] = {}
    for r in d.upsert_rels:
        for label, end in ((r.from_label, r.from_id), (r.to_label, r.to_id)):
            if end not in eid and end not in new_ids:
                ends.setdefault(label, set()).add(end)
    eid.update(_element_ids(tx, ends))
    inner: dict[str, list[list[Any]]] = {}  # type -> rows between two new nodes
    boundary: dict[str, list[list[Any]]] = {}  # type -> rows with one new end
    merged: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for (rtype, a, b), rels in group_rels(d.upsert_rels).items():
        for r in rels:
            ends = (r.from_id in new_ids) + (r.to_id in new_ids)
            if ends:
                cells = _create_cells(r, r.from_id, r.to_id)
                (inner if ends == 2 else boundary).setdefault(rtype, []).append(cells)
            else:
                row = _rel_row(r)
                row["a"], row["b"] = eid[r.from_id], eid[r.to_id]
                merged.setdefault((rtype, a, b), []).append(row)

    staged: dict[str, list[str]] = {}  # label -> element ids of the nodes staged
    for label, wait in waits:
        for rec in wait():
            eid.update(zip(rec["ids"], rec["eids"], strict=True))
            staged.setdefault(label, []).extend(rec["eids"])
    for rows in (*inner.values(), *boundary.values()):
        for cells in rows:
            cells[0], cells[1] = eid[cells[0]], eid[cells[1]]
    for wait in [w.stage(statement("create-rels", type=t), rows) for t, rows in inner.items()]:
        wait()

    # the load's transaction from here on
    for label, eids in staged.items():
        for i in range(0, len(eids), BATCH * 4):
            tx.run(statement("publish-nodes", label=label), eids=eids[i : i + BATCH * 4]).consume()
    for label in FACT_LABELS:
        old = by_label.get(label, ([], []))[1]
        if old:
            w.run(statement("upsert-nodes", label=label), old)
    for rtype, rows in boundary.items():
        w.run(statement("create-rels", type=rtype), rows)
    for (rtype, a, b), rows in merged.items():
        shape = {"type": rtype, "from": a, "to": b}
        key = "{rank: row.rank}" if rtype == "MONITORS" else ""
        w.run(statement("upsert-rels", **shape, key=key), rows)
        if rtype == "REPORTS_TO":
            w.run(statement("report-contexts", to=b), rows)

    for (rtype, a, b), rels in group_rels(d.retract_rels).items():
        rows = [{**_rel_row(r), "contexts": []} for r in rels]
        if rtype == "REPORTS_TO":
            w.run(statement("report-contexts", to=b), rows)
        w.run(statement("retract-rels", type=rtype, **{"from": a}, to=b), rows)
    retract_by_label: dict[str, list[dict[str, Any]]] = {}
    for n in d.retract_nodes:
        retract_by_label.setdefault(n.label, []).append({"id": n.id})
    for label in reversed(FACT_LABELS):
        if label in retract_by_label:
            rows = retract_by_label[label]
            w.run(statement("retract-nodes", label=label), rows)
            # nodes other sources still state get those sources' properties back
            ids = [r["id"] for r in rows]
            remaining = [
                {"id": rec["id"], "props": _fold_props(rec["source_props"] or [])}
                for i in range(0, len(ids), BATCH)
                for rec in tx.run(statement("source-props", label=label), ids=ids[i : i + BATCH])
            ]
            for i in range(0, len(remaining), BATCH):
                tx.run(
                    statement("restore-props", label=label),
                    source=w.source,
                    rows=remaining[i : i + BATCH],
                ).consume()


#: Indexes whose presence shows the schema is installed (the newest one included).
SCHEMA_MARKERS = {"constraint_unique_Role_id", "kg_lock_id", "index_Source_file_sha256", "kg_snapshot_id"}


def ensure_schema(db: Database) -> None:
    """Install constraints and indexes unless they are there (before the first MERGE)."""
    with db.session() as s:
        names = {r["name"] for r in s.run("SHOW INDEXES YIELD name RETURN name")}
    if not SCHEMA_MARKERS <= names:
        install_schema(db)


def _refresh_in_tx(
    tx: Transaction,
    stager: _Stager,
    item: SourceInput,
    *,
    dry_run: bool,
    force: bool,
    progress: Progress | None,
    fail_after: int | None,
) -> LoadReport:
    """Refresh from one source inside ``tx`` (the caller holds the lock and commits;
    ``stager`` commits the hidden staging writes, see :func:`_apply`)."""
    model: Model = item.model
    source = model.source.id
    canonical = model.canonical_json()
    content_hash = model.content_hash(canonical)
    report = LoadReport(source, str(item.path), item.kind, "applied", content_hash)
    report.warnings = list(item.warnings)
    started = datetime.now(UTC)
    t0 = time.perf_counter()
    loaded = tx.run(statement("source-state"), source=source).single()
    previous = loaded["hash"] if loaded else None
    if previous == content_hash and not force:
        report.status = "unchanged"
        d = Diff()
    else:
        if previous is None:
            current = Facts()
        elif force:  # reconcile with the graph as it is
            current = read_current(tx, source)
        else:
            current = _snapshot_facts(tx, source, previous) or read_current(tx, source)
        desired = node_facts(model)
        d = Diff()
        diff_nodes(desired, current, d)

        def complete() -> None:  # the relationships: while the server writes the nodes
            add_rel_facts(model, desired)
            diff_rels(desired, current, d)

        if dry_run:
            complete()
            report.status = "dry-run"
        else:
            total = len(d.upsert_nodes) + len(d.retract_nodes)
            writer = _Writer(tx, stager, source, total, progress, fail_after)
            _apply(writer, d, complete, count_references(model))
            if item.kind == "unload":
                report.status = "removed"
                tx.run(statement("delete-source"), source=source).consume()
            else:
                src = model.source
                props = {
                    "title": src.title,
                    "version": src.version,
                    "issuer": src.issuer,
                    "signatory": src.signatory,
                    "purpose": src.purpose,
                    "path": src.path or str(item.path),
                    "sha256": src.sha256 or item.sha256,
                    "file_sha256": item.sha256,
                    "loader": LOADER_VERSION,
                    "content_hash": content_hash,
                    "kind": item.kind,
                }
                tx.run(statement("upsert-source"), source=source, props=props).consume()
                snapshot = {
                    "content_hash": content_hash,
                    "loader": LOADER_VERSION,
                    "data": zlib.compress(canonical, 1),
                }
                tx.run(statement("write-snapshot"), source=source, props=snapshot).consume()
    report.counts = d.counts
    report.changes = d.changes
    report.totals = d.totals()
    report.duration_ms = round((time.perf_counter() - t0) * 1000)
    if not dry_run:
        report.run_id = _record_run(tx, report, started)
    return report


def _record_run(tx: Transaction, report: LoadReport, started: datetime) -> str:
    run_id = str(uuid.uuid4())
    run = {
        "id": run_id,
        "source": report.source,
        "path": report.path,
        "content_hash": report.content_hash,
        "status": report.status,
        "duration_ms": report.duration_ms,
        "summary": json.dumps(report.counts, ensure_ascii=False),
        **report.totals,
    }
    tx.run(statement("record-run"), props=run, started_at=started.isoformat()).consume()
    return run_id


def _rollback(tx: Transaction) -> None:
    try:
        if not tx.closed():
            tx.rollback()
    except (Neo4jError, DriverError):
        pass  # the server rolls back an abandoned transaction itself


def _discard_staged(db: Database) -> None:
    """After a failed load: take the lock again and delete what it staged. If the server
    cannot be reached now, the next load deletes it (the staged nodes stay hidden)."""
    try:
        with db.session() as session:
            with session.begin_transaction() as tx:
                tx.run(statement("lock"), run=str(uuid.uuid4())).consume()
                _Stager(db).drop()
                tx.rollback()
    except (Neo4jError, DriverError, OSError):
        pass


def refresh_all(
    db: Database,
    items: list[SourceInput],
    *,
    dry_run: bool = False,
    force: bool = False,
    progress: Callable[[SourceInput], Progress | None] | None = None,
    fail_after: int | None = None,
    unchanged: Sequence[tuple[Path, str, str]] = (),
    stage: Callable[[str], None] | None = None,
) -> list[LoadReport]:
    """Refresh from every source in ONE transaction: all of them apply, or none.

    New nodes and the relationships between them are first staged, hidden, in batches of
    their own transactions (see :func:`_apply`); the load's transaction publishes them
    with every other change. A failed load deletes what it staged; a killed one leaves it
    hidden until the next load deletes it.

    ``unchanged`` lists (path, source id, file sha256) recognised without parsing; they
    are recorded as unchanged runs.  ``fail_after`` makes the load raise after that many
    batches: the hook the all-or-nothing test uses.
    """
    reports: list[LoadReport] = []
    stager = _Stager(db)
    with db.session() as session:
        tx = session.begin_transaction()
        try:
            if not dry_run:
                tx.run(statement("lock"), run=str(uuid.uuid4())).consume()
                stager.drop()  # what a killed load left
            for path, source, sha in unchanged:
                report = LoadReport(source, str(path), "file", "unchanged", sha)
                report.totals = Diff().totals()
                if not dry_run:
                    report.run_id = _record_run(tx, report, datetime.now(UTC))
                reports.append(report)
            for item in items:
                reports.append(
                    _refresh_in_tx(
                        tx,
                        stager,
                        item,
                        dry_run=dry_run,
                        force=force,
                        progress=progress(item) if progress else None,
                        fail_after=fail_after,
                    )
                )
            if dry_run:
                tx.rollback()
            else:
                if stage:
                    stage("committing (all or nothing)")
                tx.commit()
        except BaseException as exc:
            stager.close()  # no batch may still be writing while staging is deleted
            _rollback(tx)
            if not dry_run:
                _discard_staged(db)
            if not isinstance(exc, (Neo4jError, DriverError)):
                raise
            failure = db.translate(exc)
            hint = ""
            if "transaction.total.max" in failure.message or "MemoryPool" in (getattr(exc, "code", "") or ""):
                hint = (
                    " — the server ran out of transaction memory: raise its heap (for the "
                    "local server KG_NEO4J_HEAP=4g, then `kg server stop` and `kg server "
                    "start`) or load the model in smaller sources"
                )
            raise LoadFailed(f"load failed, nothing was written: {failure.message}{hint}") from None
        finally:
            stager.close()
    return reports


def refresh(
    db: Database,
    item: SourceInput,
    *,
    dry_run: bool = False,
    force: bool = False,
    progress: Progress | None = None,
    fail_after: int | None = None,
) -> LoadReport:
    """Refresh the graph from one source (see the module docstring)."""
    [report] = refresh_all(
        db,
        [item],
        dry_run=dry_run,
        force=force,
        progress=(lambda _item: progress) if progress else None,
        fail_after=fail_after,
    )
    return report


def known_files(
    db: Database, digests: dict[Path, str], source_id: str | None
) -> dict[Path, str]:
    """The files (path -> source id) this kg version has loaded with exactly these bytes."""
    shas = sorted(set(digests.values()))
    if not shas:
        return {}
    with db.session() as s:
        found = {
            r["sha"]: r["source"]
            for r in s.run(statement("known-files"), shas=shas, loader=LOADER_VERSION)
        }
    def expected(path: Path) -> str | None:
        """The source id a file would get, when its name decides it (a RACI CSV)."""
        if source_id is not None:
            return source_id
        return f"raci:{path.stem}" if path.suffix.lower() in CSV_SUFFIXES else None

    return {
        p: found[sha]
        for p, sha in digests.items()
        if sha in found and expected(p) in (None, found[sha])
    }


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a load builds millions of small,
    acyclic objects (model, facts, rows): its repeated full scans cost more than the work
    itself (3x at a million relationships). Reference counting still frees everything."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_paths(
    db: Database,
    paths: list[str | Path],
    *,
    dry_run: bool = False,
    force: bool = False,
    source_id: str | None = None,
    progress: Callable[[SourceInput], Progress | None] | None = None,
    fail_after: int | None = None,
    stage: Callable[[str], None] | None = None,
) -> list[LoadReport]:
    """Load files: unchanged ones (same bytes, same kg version) are recognised without
    parsing; every other file is read and checked before anything is written (one bad file
    loads nothing); then all are refreshed in one transaction."""
    files = [Path(p) for p in paths]
    digests = {p: d for p in files if (d := file_digest(p)) is not None}
    if not dry_run:
        ensure_schema(db)
    known = {} if force else known_files(db, digests, source_id)
    with _gc_paused():
        to_read = [p for p in files if p not in known]
        if stage and to_read:
            stage(f"reading {len(to_read)} source(s)")
        inputs = read_sources(to_read, source_id=source_id)
        unchanged = [(p, known[p], digests[p]) for p in files if p in known]
        return refresh_all(
            db,
            inputs,
            dry_run=dry_run,
            force=force,
            progress=progress,
            fail_after=fail_after,
            unchanged=unchanged,
            stage=stage,
        )


def unload(db: Database, source: str) -> LoadReport:
    """Withdraw everything ``source`` states and forget it."""
    from kg.model import Source

    empty = SourceInput(Path("-"), "unload", Model(source=Source(id=source)), "")
    with db.session() as s:
        if s.run(statement("source-state"), source=source).single()["hash"] is None:  # type: ignore[index]
            raise KgError(f"no source {source!r} is loaded (see `kg history`)")
    return refresh(db, empty, force=True)
