"""Load: write one source's facts into Neo4j as an idempotent, source-scoped refresh.

One `kg load` is published by ONE transaction, whatever the number of sources, so a
failure anywhere (a bad row, a dropped connection, the process killed) leaves the
knowledge graph exactly as it was.  A file whose bytes were loaded before by this kg
version is recognised without even being parsed.  For each other source:

1. take the load lock (concurrent loads queue and apply one after another) and delete
   what an interrupted load staged (step 4; staged nodes carry their load's run id);
2. skip if the source's content hash is the one already loaded;
3. diff what the source stated (its snapshot, :mod:`loaders.snapshot`; the graph when
   forced) with the new model (:mod:`loaders.facts`); a model file read as an edit of
   the snapshot (:mod:`loaders.delta`) diffs only the items edited and those beside them;
4. stage the new: nodes no source stated yet, and the relationships between two of them,
   are written hidden (label ``:KgStaged`` only, connected to no fact node); a load that
   adds 50,000 or more does so in batches that commit on their own, three at a time,
   like ``LOAD CSV … IN TRANSACTIONS`` (a smaller one in its transaction);
5. in the load's transaction, write the rest of the diff in batches of ``UNWIND $rows``
   (``cypher/write/``): give the staged nodes their labels, merge changed nodes and
   relationships, create those with one new end, and set the visible properties from
   every source that states them (the source whose id sorts first wins a conflict);
   withdraw the source's statements of what it no longer states: the nodes only it
   stated are hidden (``:KgStaged``, like staged ones), the others lose its statements;
6. record the source and the run (``LoadRun``), delete once more what other runs staged
   (a batch of a killed load may commit late), and commit: the staged part appears with
   the rest, the hidden part disappears; then delete the hidden nodes in batches.  A
   failed load deletes what it staged; a large one killed while staging leaves it hidden
   until the next load deletes it.

Staging keeps the transaction small: at a million relationships it holds the labels of
the new nodes (~2.5 KB of server heap each), not every new relationship and property.

A node or relationship stated by two sources survives until both stop stating it.

This module runs a load (lock, snapshot, diff, run record); :mod:`loaders.apply` writes
one source's diff in steps, :mod:`loaders.staging` sends the batches (staged ones
beside the load's transaction), :mod:`loaders.rows` shapes the rows from
:mod:`kg.schema`.
"""

from __future__ import annotations

import gc
import json
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from neo4j import ManagedTransaction, Transaction
from neo4j.exceptions import DriverError, Neo4jError, ServiceUnavailable, SessionExpired

from kg import changes as semantic
from kg.db import Database, open_driver
from kg.errors import ConnectionFailed, KgError
from kg.model import Model, Source
from kg.ogm import install_schema
from kg.schema import FACT_LABELS, FACT_TYPES, REL_SHAPES
from kg.statements import statement
from loaders import snapshot
from loaders.apply import apply_diff
from loaders.delta import Edit, edit_of
from loaders.facts import (
    Diff,
    Facts,
    NodeFact,
    RelFact,
    RelKey,
    Statement,
    add_rel_facts,
    count_references,
    diff_nodes,
    diff_rels,
    node_facts,
    to_facts,
)
from loaders.profile import phase
from loaders.prune import recorded_file, stale_sources, withdrawals
from loaders.snapshot import LOADER_VERSION
from loaders.sources import (
    CSV_SUFFIXES,
    XLSX_SUFFIXES,
    SourceInput,
    Unreadable,
    check_request,
    expand_paths,
    file_digest,
    read_sources,
)
from loaders.staging import Progress, Stager, Writer, discard_staged, drop_run, drop_staged

#: At most this many per-role change lines are kept with a run (the whole semantic report
#: is kept too): a first load of a large model states every letter of every activity.
MAX_PARTY_LINES = 10_000


class LoadFailed(KgError):
    """Neo4j refused the load; nothing was written."""


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
    #: the semantic report from the model loaded before to this one (kg.changes), when
    #: the model loaded before is known (a snapshot of it is kept); None otherwise
    semantic: semantic.Changes | None = None
    #: what changed for each role or department (kg.changes.party_lines)
    party_changes: list[tuple[str, str]] = field(default_factory=list)
    old_version: str | None = None
    new_version: str | None = None

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
            "versions": {"old": self.old_version, "new": self.new_version},
        }


# --------------------------------------------------------------------------- what a source stated
def _statements(rows: list[list[Any]]) -> set[Statement]:
    return {(page, start, end, sentence) for page, start, end, sentence in rows}


def read_current(tx: Transaction | ManagedTransaction, source: str) -> Facts:
    """What the graph holds from ``source`` (its statements only)."""
    facts = Facts()
    for label in FACT_LABELS:
        for rec in tx.run(statement("read-nodes", label=label), source=source):
            props = json.loads(rec["props"] or "{}")
            facts.nodes[(label, rec["id"])] = NodeFact(
                label, rec["id"], props, _statements(rec["statements"])
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
                _statements(rec["statements"]),
                set(rec["contexts"]),
            )
            facts.rels[fact.key] = fact
    return facts


@dataclass
class Snapshot:
    """The model ``source`` was last loaded from, kept with it, and the kg that kept it."""

    model: Model
    loader: str


def _snapshot(tx: Transaction, source: str, content_hash: str) -> Snapshot | None:
    """The model kept with ``source`` (:mod:`loaders.snapshot`), when it is the one loaded
    (``content_hash``) and still reads as a model; None otherwise."""
    kept = snapshot.read(tx, source)
    if kept is None or kept.content_hash != content_hash:
        return None
    model = snapshot.model_of(tx, source, kept)
    return Snapshot(model, kept.loader) if model is not None else None


def _snapshot_facts(tx: Transaction, source: str, content_hash: str) -> Facts | None:
    """What ``source`` stated when it was last loaded, from the model kept with it: a
    refresh then reads one compressed value instead of every fact the source states. None
    when no usable snapshot is kept (a source loaded by another kg version, or whose
    snapshot is not of the loaded content)."""
    snap = _snapshot(tx, source, content_hash)
    return to_facts(snap.model) if snap is not None and snap.loader == LOADER_VERSION else None


def read_contexts(tx: Transaction, source: str, lines: list[RelKey]) -> dict[RelKey, set[str]]:
    """The activities ``source`` states each reporting line in ``lines`` for, as the graph
    holds them (cypher/write/read-contexts.cypher)."""
    out: dict[RelKey, set[str]] = {}
    pairs = [[a, b] for _t, a, b, _r in lines]
    if not pairs:
        return out
    for to_label in FACT_TYPES["REPORTS_TO"][1]:
        for rec in tx.run(statement("read-contexts", to=to_label), source=source, lines=pairs):
            out[("REPORTS_TO", rec["from"], rec["to"], "")] = set(rec["contexts"])
    return out


def _stated_before(
    tx: Transaction, source: str, previous: str | None, force: bool, snap: Snapshot | None = None
) -> Facts:
    """What the refresh compares the new model with: nothing for a new source, the graph
    as it is when forced (which repairs facts edited by hand), else the snapshot ``snap``
    (the graph when there is no usable one)."""
    if previous is None:
        return Facts()
    if force:
        return read_current(tx, source)
    if snap is not None and snap.loader == LOADER_VERSION:
        return to_facts(snap.model)
    return read_current(tx, source)


def _semantic(report: LoadReport, before: Model | None, model: Model) -> None:
    """Put on ``report`` the semantic changes from ``before`` (the model loaded last;
    None when unknown) to ``model``: the report :mod:`kg.changes` gives ``kg diff``."""
    report.new_version = model.source.version
    report.old_version = before.source.version if before is not None else None
    if before is None:
        return
    report.semantic = semantic.compare(before, model)
    report.party_changes = semantic.party_lines(report.semantic, before, model, limit=MAX_PARTY_LINES)


# --------------------------------------------------------------------------- schema
#: Indexes whose presence shows the schema is installed (the newest one included).
SCHEMA_MARKERS = {
    "constraint_unique_Role_id", "kg_lock_id", "index_Source_file_sha256", "kg_snapshot_id", "kg_name_en",
    "kg_text_Activity_name_en_lower",
}


def ensure_schema(db: Database) -> None:
    """Install constraints and indexes unless they are there (before the first MERGE)."""
    with db.session() as s:
        names = {r["name"] for r in s.run("SHOW INDEXES YIELD name RETURN name")}
    if not SCHEMA_MARKERS <= names:
        install_schema(db)


# --------------------------------------------------------------------------- one source
def _record_source(
    tx: Transaction,
    item: SourceInput,
    src: Source,
    content_hash: str,
    layout: snapshot.Layout,
    before: snapshot.Layout | None = None,
) -> None:
    """Record the loaded source ``src`` and keep its model (``layout``; after an edit of
    ``before``, its changed chunks) as the snapshot the next refresh compares with."""
    props = {
        "title": src.title,
        "version": src.version,
        "issuer": src.issuer,
        "signatory": src.signatory,
        "purpose": src.purpose,
        "accepted_partial": src.accepted_partial,  # None removes it (SET +=)
        "path": src.path or str(item.path),
        # the file loaded, absolute (a model file's path is its document's): --prune finds it
        "file": recorded_file(item.path),
        "sha256": src.sha256 or item.sha256,
        "file_sha256": item.sha256,
        "loader": LOADER_VERSION,
        "content_hash": content_hash,
        "kind": item.kind,
    }
    with phase("record"):
        tx.run(statement("upsert-source"), source=src.id, props=props).consume()
    with phase("snapshot"):
        snapshot.write(tx, src.id, layout, content_hash, before=before)


def _refresh_in_tx(
    tx: Transaction,
    stager: Stager,
    item: SourceInput,
    *,
    dry_run: bool,
    force: bool,
    progress: Progress | None,
    run: str = "",
    first_report: bool = True,
) -> LoadReport:
    """Refresh from one source inside ``tx`` (the caller holds the lock and commits;
    ``stager`` commits the hidden staging writes, see :mod:`loaders.apply`).
    ``first_report=False``: a new source's run keeps no change report (see
    :func:`load_paths`)."""
    source = item.id
    started = datetime.now(UTC)
    t0 = time.perf_counter()
    with phase("prepare"):
        loaded = tx.run(statement("source-state"), source=source).single()
    previous = loaded["hash"] if loaded else None
    edit = item.edit
    if edit is not None and (force or previous is None or previous != edit.base.content_hash):
        edit = None  # forced, or another load changed the source since the file was read
    if edit is None and not force and previous is not None and item.kind != "unload":
        # a document or a RACI matrix, read whole: compared as an edit all the same
        with phase("read"):
            edit = edit_of(item.path, item.model, TxBaseline(tx))
        if edit is not None and edit.base.content_hash != previous:
            edit = None
    layout: snapshot.Layout | None = None
    if edit is not None:
        content_hash = edit.content_hash
    elif previous is None:
        # a new source: nothing to compare the hash with, so its snapshot is cut, hashed
        # and compressed while the server stages the new nodes (complete, below)
        content_hash = ""
    else:
        with phase("snapshot"):
            layout = snapshot.layout(item.model)
            content_hash = layout.content_hash()
    report = LoadReport(source, str(item.path), item.kind, "applied", content_hash)
    report.warnings = list(item.warnings)
    if previous == content_hash and not force:
        report.status = "unchanged"
        report.old_version = report.new_version = (edit.source if edit else item.model.source).version
        d = Diff()
    elif edit is not None:
        d = _refresh_edit(tx, stager, item, edit, report, dry_run=dry_run, progress=progress, run=run)
    else:
        model = item.model
        # the model loaded before: for the refresh (unless forced) and the semantic
        # report (of an unload too: everything it stated, removed)
        with phase("facts"):
            snap = _snapshot(tx, source, previous) if previous is not None else None
            # a new source: the model before it is empty
            before = Model(source=Source(id=source)) if previous is None else snap.model if snap else None
            current = _stated_before(tx, source, previous, force, snap)
            desired = node_facts(model)
            d = Diff()
            diff_nodes(desired, current, d)

        def complete() -> None:  # while the server writes the nodes: the relationships,
            nonlocal layout  # the semantic report of the run, a new source's snapshot
            with phase("facts"):
                add_rel_facts(model, desired)
                diff_rels(desired, current, d)
            with phase("report"):
                _semantic(report, before if previous is not None or first_report else None, model)
            if layout is None and item.kind != "unload":
                with phase("snapshot"):
                    layout = snapshot.layout(model)
                    report.content_hash = layout.content_hash()
                    layout.pack()

        if dry_run:
            complete()
            report.status = "dry-run"
        else:
            total = len(d.upsert_nodes) + len(d.retract_nodes)
            writer = Writer(tx, stager, source, total, progress, run=run)
            apply_diff(writer, d, complete, count_references(model))
            if item.kind == "unload":
                report.status = "removed"
                tx.run(statement("delete-source"), source=source).consume()
            else:
                assert layout is not None
                _record_source(tx, item, model.source, report.content_hash, layout)
    report.counts = d.counts
    report.changes = d.changes
    report.totals = d.totals()
    report.duration_ms = round((time.perf_counter() - t0) * 1000)
    if not dry_run:
        with phase("record"):
            report.run_id = _record_run(tx, report, started)
    return report


def _refresh_edit(
    tx: Transaction,
    stager: Stager,
    item: SourceInput,
    edit: Edit,
    report: LoadReport,
    *,
    dry_run: bool,
    progress: Progress | None,
    run: str,
) -> Diff:
    """Refresh from a model file read as an edit of what the source states
    (:mod:`loaders.delta`): only the edited items, and those beside them, are compared."""
    with phase("facts"):
        before, after = edit.models(lambda lines: read_contexts(tx, edit.source.id, lines))
        labels = edit.labels
        current, desired = to_facts(before, labels), to_facts(after, labels)
        d = Diff()
        diff_nodes(desired, current, d)
        diff_rels(desired, current, d)
    with phase("report"):
        _semantic(report, before, after)
    if dry_run:
        report.status = "dry-run"
        return d
    writer = Writer(tx, stager, edit.source.id, len(d.upsert_nodes) + len(d.retract_nodes), progress, run=run)
    apply_diff(writer, d)
    assert edit.base.layout is not None  # an edit is of a chunked snapshot
    _record_source(tx, item, edit.source, edit.content_hash, edit.layout, edit.base.layout)
    return d


def _record_run(tx: Transaction, report: LoadReport, started: datetime) -> str:
    """Record the run: counts, versions, and what changed (cypher/write/record-run.cypher):
    the semantic report compressed (``kg history --show``) and, per role or department,
    one line per change (the canned query ``role-changes``)."""
    run_id = str(uuid.uuid4())
    parties = report.party_changes
    if len(parties) > MAX_PARTY_LINES:  # party_lines gave one more than kept
        parties = [*parties[:MAX_PARTY_LINES], ("", f"… and more: kg history --show {run_id}")]
    run = {
        "id": run_id,
        "source": report.source,
        "path": report.path,
        "content_hash": report.content_hash,
        "status": report.status,
        "duration_ms": report.duration_ms,
        "summary": json.dumps(report.counts, ensure_ascii=False),
        "old_version": report.old_version,
        "new_version": report.new_version,
        "changes": semantic.pack(report.semantic) if report.semantic is not None else None,
        "change_parties": [p for p, _ in parties] if report.semantic is not None else None,
        "change_items": [line for _, line in parties] if report.semantic is not None else None,
        **report.totals,
    }
    tx.run(statement("record-run"), props=run, started_at=started.isoformat()).consume()
    return run_id


# --------------------------------------------------------------------------- a load
def _rollback(tx: Transaction) -> None:
    try:
        if not tx.closed():
            tx.rollback()
    except (Neo4jError, DriverError):
        pass  # the server rolls back an abandoned transaction itself


def refresh_all(
    db: Database,
    items: list[SourceInput],
    *,
    dry_run: bool = False,
    force: bool = False,
    progress: Callable[[SourceInput], Progress | None] | None = None,
    unchanged: Sequence[tuple[Path, str, str]] = (),
    stage: Callable[[str], None] | None = None,
    first_report: bool = True,
) -> list[LoadReport]:
    """Refresh from every source in ONE transaction: all of them apply, or none.

    New nodes and the relationships between them are first staged, hidden, in batches of
    their own transactions (see :mod:`loaders.apply`); the load's transaction publishes
    them with every other change. A failed load deletes what it staged; a killed one
    leaves it hidden until the next load deletes it.

    ``unchanged`` lists (path, source id, file sha256) recognised without parsing; they
    are recorded as unchanged runs.
    """
    reports: list[LoadReport] = []
    stager = Stager(db)
    run = str(uuid.uuid4())  # on what this load stages or hides
    what = "unload" if items and all(i.kind == "unload" for i in items) else "load"
    with db.session() as session:
        tx = session.begin_transaction()
        try:
            if not dry_run:
                with phase("prepare"):
                    tx.run(statement("lock"), run=run).consume()
                    drop_staged(db, keep=run)  # what a killed load left
            for path, source, sha in unchanged:
                report = LoadReport(source, str(path), "file", "unchanged", sha)
                report.totals = Diff().totals()
                if not dry_run:
                    tx.run(statement("source-file"), source=source, file=recorded_file(path)).consume()
                    report.run_id = _record_run(tx, report, datetime.now(UTC))
                reports.append(report)
            for item in items:
                reports.append(
                    _refresh_in_tx(
                        tx,
                        stager,
                        item,
                        dry_run=dry_run,
                        force=force or item.kind == "unload",  # withdraw what the graph holds
                        progress=progress(item) if progress else None,
                        run=run,
                        first_report=first_report,
                    )
                )
            if dry_run:
                tx.rollback()
            else:
                if stage:
                    stage("committing (all or nothing)")
                with phase("commit"):
                    # a batch of a killed load that committed after this one cleaned up
                    drop_staged(db, keep=run)
                    tx.commit()
        except BaseException as exc:
            stager.close()  # no batch may still be writing while staging is deleted
            _rollback(tx)
            if not dry_run:
                discard_staged(db, run)
            if not isinstance(exc, (Neo4jError, DriverError, OSError)):
                raise
            raise _failure(db, exc, what) from None
        finally:
            stager.close()
    if not dry_run:
        if stage:
            stage("deleting what the load hid")
        with phase("commit"):
            drop_run(db, run)  # the nodes it hid (the next load does it if this one is killed)
    return reports


def _failure(db: Database, exc: Exception, what: str) -> KgError:
    """The one-line error of a failed load (``what``: load or unload): a lost connection
    is a connection problem (exit 2) only when the server cannot be reached now; a server
    that is up dropped it because of the load (its log says why, often memory)."""
    failure = db.translate(exc)
    nothing = f"{what} failed, nothing was written"
    code = getattr(exc, "code", "") or ""
    if "transaction.total.max" in failure.message or "MemoryPool" in code or "OutOfMemory" in failure.message:
        return LoadFailed(
            f"{nothing}: the server ran out of memory for this {what}: raise its heap (for "
            "the local server KG_NEO4J_HEAP=4g, then `kg server stop` and `kg server "
            f"start`) or {what} the model in smaller sources"
        )
    if isinstance(exc, (ServiceUnavailable, SessionExpired, OSError)):
        if not _answers(db):
            return ConnectionFailed(f"{nothing}: {failure.message}")
        return LoadFailed(
            f"{nothing}: Neo4j at {db.settings.uri} dropped the connection during the "
            f"{what} and answers again: the {what} was too much for it, or it restarted "
            "(see its log, `kg server logs` for the local server; raise its memory, e.g. "
            f"KG_NEO4J_HEAP=4g, or {what} smaller sources)"
        )
    return LoadFailed(f"{nothing}: {failure.message}")


def _answers(db: Database) -> bool:
    """Whether the server answers a fresh connection now (a few tries: it may be busy
    collecting garbage after a large load failed)."""
    for pause in (1, 2, 0):
        try:
            open_driver(db.settings).close()  # it runs RETURN 1 on the database
            return True
        except (KgError, Neo4jError, DriverError, OSError):
            time.sleep(pause)
    return False


def refresh(
    db: Database,
    item: SourceInput,
    *,
    dry_run: bool = False,
    force: bool = False,
    progress: Progress | None = None,
) -> LoadReport:
    """Refresh the graph from one source (see the module docstring)."""
    [report] = refresh_all(
        db,
        [item],
        dry_run=dry_run,
        force=force,
        progress=(lambda _item: progress) if progress else None,
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
        return f"raci:{path.stem}" if path.suffix.lower() in (*CSV_SUFFIXES, *XLSX_SUFFIXES) else None

    return {
        p: found[sha]
        for p, sha in digests.items()
        if sha in found and expected(p) in (None, found[sha])
    }


class TxBaseline:
    """The snapshots as a transaction sees them (:class:`loaders.delta.Baseline`)."""

    def __init__(self, tx: Transaction | ManagedTransaction) -> None:
        self.tx = tx

    def kept(self, source: str) -> snapshot.Kept | None:
        return snapshot.read(self.tx, source)

    def chunks(self, source: str, slots: Iterable[int]) -> dict[int, bytes]:
        return snapshot.read_chunks(self.tx, source, slots)

    def stated(self, source: str, ids: Mapping[str, list[str]]) -> list[tuple[RelKey, set[str]]]:
        out: list[tuple[RelKey, set[str]]] = []
        for label, some in ids.items():
            query = statement("read-stated-around", label=label)
            for rec in self.tx.run(query, source=source, ids=some):
                out.append(((rec["type"], rec["from"], rec["to"], rec["rank"]), set(rec["contexts"])))
        return out


class GraphBaseline:
    """The snapshots the graph keeps, read before the load's transaction, each question
    in a read transaction of its own: a model file is read as an edit of its source's
    (:mod:`loaders.delta`); the load checks, under its lock, that the source still holds
    what the edit was read against."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def _read(self, ask: Callable[[TxBaseline], Any]) -> Any:
        with self.db.session(write=False) as s:
            return s.execute_read(lambda tx: ask(TxBaseline(tx)))

    def kept(self, source: str) -> snapshot.Kept | None:
        kept: snapshot.Kept | None = self._read(lambda b: b.kept(source))
        return kept

    def chunks(self, source: str, slots: Iterable[int]) -> dict[int, bytes]:
        wanted = list(slots)
        chunks: dict[int, bytes] = self._read(lambda b: b.chunks(source, wanted))
        return chunks

    def stated(self, source: str, ids: Mapping[str, list[str]]) -> list[tuple[RelKey, set[str]]]:
        stated: list[tuple[RelKey, set[str]]] = self._read(lambda b: b.stated(source, ids))
        return stated


def _has_snapshots(db: Database) -> bool:
    """Whether any source keeps a snapshot a model file could be read as an edit of (a
    first load into an empty graph does not parse its files twice)."""
    with db.session(write=False) as s:
        return bool(s.run(statement("has-snapshots")).single(strict=True)["any"])


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
    paths: Sequence[str | Path],
    *,
    dry_run: bool = False,
    force: bool = False,
    source_id: str | None = None,
    progress: Callable[[SourceInput], Progress | None] | None = None,
    stage: Callable[[str], None] | None = None,
    letters: Mapping[str, str] | None = None,
    prune: bool = False,
    on_unreadable: Unreadable | None = None,
    warn: Callable[[str], None] | None = None,
    strict_corrections: bool = False,
    accept_partial: bool = False,
    first_report: bool = True,
) -> list[LoadReport]:
    """Load files (a folder: every source file beneath it, see
    :func:`loaders.sources.expand_paths`): unchanged ones (same bytes, same kg version) are
    recognised without parsing; every other file is read and checked before anything is
    written (one bad file loads nothing); then all are refreshed in one transaction.
    ``prune`` also withdraws, in that transaction, the sources loaded from beneath the
    folders given whose files are gone (:mod:`loaders.prune`); ``warn`` gets one line for
    each source it leaves alone because it cannot place it; ``strict_corrections`` makes
    a stale correction of a document an error (:mod:`loaders.corrections`). A document
    below the quality thresholds refuses the whole load unless ``accept_partial``
    (:mod:`loaders.document.quality`). ``on_unreadable`` is told
    of a folder beneath that cannot be read, which is then left out (by default it is an
    error: :func:`loaders.sources.folder_files`). ``first_report=False``
    (``kg load --no-first-report``): a source loaded for the first time is recorded
    without the change report of its run (everything it states, added), which a first
    load of a large model pays for (``benchmarks/results/load.md``, phase ``report``);
    ``kg history --show`` then says that run kept none."""
    check_request(paths, source_id=source_id, prune=prune)
    folders = [Path(p) for p in paths if Path(p).is_dir()]
    skipped: list[Path] = []

    def unreadable(folder: Path, why: str) -> None:
        skipped.append(folder)
        if on_unreadable is not None:
            on_unreadable(folder, why)

    files = expand_paths(paths, unreadable if on_unreadable is not None else None)
    if prune and skipped:  # its files would look gone, and their sources be withdrawn
        raise KgError(
            f"{skipped[0]}: cannot read the folder: --prune withdraws nothing while a folder "
            "beneath cannot be read (make it readable, or load without --prune)",
            exit_code=2,
        )
    if folders and not files and not prune:
        raise KgError(f"no source files beneath {', '.join(map(str, folders))} (see `kg load --help`)")
    with phase("read"):
        digests = {p: d for p in files if (d := file_digest(p)) is not None}
    with phase("prepare"):
        if not dry_run:
            ensure_schema(db)
        known = {} if force or letters else known_files(db, digests, source_id)
    with _gc_paused():
        to_read: list[str | Path] = [p for p in files if p not in known]
        if stage and to_read:
            stage(f"reading {len(to_read)} source(s)")
        with phase("prepare"):
            baseline = GraphBaseline(db) if not force and not letters and _has_snapshots(db) else None
        with phase("read"):
            inputs = read_sources(
                to_read,
                source_id=source_id,
                letters=letters,
                baseline=baseline,
                digests=digests,
                strict_corrections=strict_corrections,
                accept_partial=accept_partial,
            )
        unchanged = [(p, known[p], digests[p]) for p in files if p in known]
        if prune:
            keep = {item.id for item in inputs} | set(known.values())
            stale = stale_sources(db, folders, keep)
            for note in stale.notes():
                if warn is not None:
                    warn(note)
            inputs += withdrawals(stale)
        return refresh_all(
            db,
            inputs,
            dry_run=dry_run,
            force=force,
            progress=progress,
            unchanged=unchanged,
            stage=stage,
            first_report=first_report,
        )


def unload(db: Database, source: str) -> LoadReport:
    """Withdraw everything ``source`` states and forget it."""
    empty = SourceInput(Path("-"), "unload", Model(source=Source(id=source)), "")
    with db.session() as s:
        state = s.run(statement("source-state"), source=source).single()
        if state is None or state["hash"] is None:
            raise KgError(f"no source {source!r} is loaded (see `kg history`)", exit_code=2)
    return refresh(db, empty, force=True)


def loaded_model(db: Database, source: str) -> Model:
    """The model kg last loaded for ``source``, as its snapshot keeps it (``kg diff
    --graph``): what the graph holds of that source."""
    with db.session(write=False) as session, session.begin_transaction() as tx:
        rec = tx.run(statement("source-state"), source=source).single()
        if rec is None or rec["hash"] is None:
            raise KgError(f"no source {source!r} is loaded (see `kg history`)", exit_code=2)
        snap = _snapshot(tx, source, rec["hash"])
    if snap is None:
        raise KgError(
            f"{source}: the graph keeps no readable snapshot of it (loaded by an older kg?): "
            "load it again with `kg load --force`, then compare"
        )
    return snap.model
