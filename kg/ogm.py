"""The graph's classes (neomodel): constraints and indexes, and object access.

The shape itself is stated in :mod:`kg.schema`; a unit test holds these classes to it.

Nodes ``Role``, ``Activity`` (business areas are activities with ``kind = 'area'``),
``Output``, ``Department``, plus ``Source`` (one per loaded document or model file) and
``LoadRun`` (one per ``kg load``).  Every fact node and relationship carries its
provenance as parallel lists, one entry per statement of the fact::

    sources    distinct ids of the sources that state it (the refresh scope)
    stated_in  source id of each statement
    pages      page of each statement
    starts     character offset where the statement starts in the source document
    ends       character offset where it ends
    sentences  the statement's text

so ``UNWIND range(0, size(r.stated_in) - 1) AS i RETURN r.stated_in[i], r.pages[i],
r.sentences[i]`` leads from any edge back to the sentences it came from.
``REPORTS_TO`` also carries ``activities``, the distinct ids of the activities in whose
context the line was stated (with ``contexts``/``context_sources``, one entry per source
and activity, so a refresh can retract one source's contexts).  ``MONITORS`` has ``rank``
('first' or 'other'), part of its identity.

Bulk writes do not go through these classes (they use the batched Cypher in
``cypher/write/``); the classes declare constraints and indexes, and give object access
in the library API.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, cast

from neo4j import READ_ACCESS, Driver, Session
from neomodel import (
    ArrayProperty,
    DateTimeProperty,
    IntegerProperty,
    RelationshipTo,
    StringProperty,
    StructuredNode,
    StructuredRel,
    db,
    get_config,
)
from neomodel.properties import Property, validator

from kg.db import Database
from kg.schema import ACTIVITY_KINDS, FACT_LABELS, MONITOR_RANKS, NAME_EN_LOWER


# --------------------------------------------------------------------------- relationships
class Provenanced:
    """The provenance properties every fact node and relationship has (mixed into both
    neomodel base classes, which collect properties along the class hierarchy)."""

    sources = ArrayProperty(StringProperty(), default=list)
    stated_in = ArrayProperty(StringProperty(), default=list)
    pages = ArrayProperty(IntegerProperty(), default=list)
    starts = ArrayProperty(IntegerProperty(), default=list)
    ends = ArrayProperty(IntegerProperty(), default=list)
    sentences = ArrayProperty(StringProperty(), default=list)


class Stated(Provenanced, StructuredRel):
    """A relationship stated by one or more sources (provenance as parallel lists)."""


class Monitoring(Stated):
    rank = StringProperty(choices={r: f"{r} monitor" for r in MONITOR_RANKS}, required=True)


class Reporting(Stated):
    #: distinct activity ids in whose context the line holds (all sources)
    activities = ArrayProperty(StringProperty(), default=list)
    #: one entry per (source, activity) statement: the activity id, and the source id
    contexts = ArrayProperty(StringProperty(), default=list)
    context_sources = ArrayProperty(StringProperty(), default=list)


# --------------------------------------------------------------------------- nodes
class Fact(Provenanced, StructuredNode):
    """Base of the fact nodes: stable id, names in three forms, provenance."""

    __abstract_node__ = True

    uid = StringProperty(unique_index=True, required=True, db_property="id")
    name = StringProperty(index=True, required=True)
    name_original = StringProperty(index=True)  # `find`: a name in the original script
    #: no range index: `find` compares it in any case, through the full-text index
    #: kg_name_en (see install_schema)
    name_en = StringProperty()


class Department(Fact):
    part_of = RelationshipTo("Department", "PART_OF", model=Stated)
    monitors = RelationshipTo("Activity", "MONITORS", model=Monitoring)


class Output(Fact):
    pass


class Activity(Fact):
    code = StringProperty(index=True)
    kind = StringProperty(
        choices={k: "business area" if k == "area" else k for k in ACTIVITY_KINDS}, index=True
    )
    description = StringProperty()
    part_of = RelationshipTo("Activity", "PART_OF", model=Stated)
    produces = RelationshipTo("Output", "PRODUCES", model=Stated)
    interfaces_with = RelationshipTo("Department", "INTERFACES_WITH", model=Stated)


class Role(Fact):
    responsible_for = RelationshipTo("Activity", "RESPONSIBLE", model=Stated)
    assists = RelationshipTo("Activity", "ASSISTS", model=Stated)
    monitors = RelationshipTo("Activity", "MONITORS", model=Monitoring)
    reports_to = RelationshipTo("Role", "REPORTS_TO", model=Reporting)
    reports_to_department = RelationshipTo("Department", "REPORTS_TO", model=Reporting)
    belongs_to = RelationshipTo("Department", "BELONGS_TO", model=Stated)


class Source(StructuredNode):
    """A loaded document or model file: the scope of a refresh."""

    uid = StringProperty(unique_index=True, required=True, db_property="id")
    title = StringProperty()
    version = StringProperty()
    issuer = StringProperty()
    signatory = StringProperty()
    purpose = StringProperty()
    #: the quality line of a document taken below the thresholds (``--accept-partial``)
    accepted_partial = StringProperty()
    path = StringProperty()
    file = StringProperty()  # the file loaded (kg load DIR --prune looks for it)
    sha256 = StringProperty()
    content_hash = StringProperty(index=True)
    #: sha256 of the file as loaded, and the kg version that read it: an unchanged file
    #: is recognised by these two without being parsed again
    file_sha256 = StringProperty(index=True)
    loader = StringProperty()
    kind = StringProperty()  # document | model | raci-csv
    loaded_at = DateTimeProperty()


class BytesProperty(Property[bytes]):
    """A byte array (Neo4j stores ``bytes`` as one value)."""

    @validator
    def inflate(self, value: object) -> bytes:
        return bytes(value)  # type: ignore[call-overload]

    @validator
    def deflate(self, value: object) -> bytes:
        return bytes(value)  # type: ignore[call-overload]


class LoadRun(StructuredNode):
    """One `kg load` of one source: when, what, how much, how long."""

    uid = StringProperty(unique_index=True, required=True, db_property="id")
    source = StringProperty(index=True)
    path = StringProperty()
    content_hash = StringProperty()
    status = StringProperty()  # applied | unchanged | dry-run
    started_at = DateTimeProperty(index=True)
    duration_ms = IntegerProperty()
    nodes_added = IntegerProperty(default=0)
    nodes_removed = IntegerProperty(default=0)
    nodes_changed = IntegerProperty(default=0)
    relationships_added = IntegerProperty(default=0)
    relationships_removed = IntegerProperty(default=0)
    relationships_changed = IntegerProperty(default=0)
    summary = StringProperty()  # JSON: the counts per label and type
    old_version = StringProperty()  # the source's version before the run (of its last load)
    new_version = StringProperty()
    #: the semantic report (kg.changes.pack: zlib-compressed JSON); kg history --show
    changes = BytesProperty()
    #: per role or department, one line per change (parallel lists): role-changes.cypher
    change_parties = ArrayProperty(StringProperty())
    change_items = ArrayProperty(StringProperty())


NODE_CLASSES = (Department, Role, Output, Activity, Source, LoadRun)


# --------------------------------------------------------------------------- connection
class _Reading:
    """A driver as neomodel sees it for reading: its sessions ask for read access unless
    told otherwise, where neomodel's own ask for write access."""

    def __init__(self, driver: Driver) -> None:
        self._driver = driver

    def session(self, **config: Any) -> Session:
        config.setdefault("default_access_mode", READ_ACCESS)
        return self._driver.session(**config)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._driver, name)


@contextmanager
def bound(handle: Database, *, read: bool = False) -> Iterator[None]:
    """Point neomodel at the handle's driver and database for the duration.

    ``read``: through a view of the driver whose sessions ask for read access (routed to
    a reader on a cluster), neomodel's version check on binding included.  neomodel keeps
    that view until the next binding, so the objects read stay readers: what they read
    later is a read too, and a write through one (``save()``) is refused by Neo4j.
    """
    get_config().database_name = handle.database
    # neomodel asks a driver for sessions only (and closes none it did not create)
    driver = cast(Driver, _Reading(handle.driver)) if read else handle.driver
    db.set_connection(driver=driver)
    try:
        yield
    finally:
        db._active_transaction = None


#: The full-text index on the fact nodes' English names (cypher/find.cypher).
NAME_EN_INDEX = "kg_name_en"
#: Indexes earlier versions created that no query uses any more.  What an index costs at
#: publish was measured by loading the 5,000-role synthetic organisation (~50k
#: relationships) with and without it, twice each: 19.4/23.0 s with the name_en range
#: indexes, 26.1/19.3 s with kg_name_en instead, 25.6/21.5 s without the name_original
#: indexes, 18.8/24.9 s without kg_name_en: every difference within the run-to-run noise
#: of a shared 2-core machine, so indexes are kept or dropped by use alone.
#: The TEXT (trigram) indexes `search` seeks for part of a name: per fact label, the
#: Simplified name, the original-script name and the lower-cased English name
#: (kg.schema.NAME_EN_LOWER).  A TEXT index holds one label and one property; CONTAINS
#: on a range index is a scan of the whole index.
TEXT_INDEXES: dict[str, tuple[str, str]] = {
    f"kg_text_{label}_{prop}": (label, prop)
    for label in FACT_LABELS
    for prop in ("name", "name_original", NAME_EN_LOWER)
}
RETIRED_INDEXES = tuple(f"index_{label}_name_en" for label in ("Role", "Department", "Activity", "Output"))


def install_schema(handle: Database) -> None:
    """Create every constraint and index the classes declare (idempotent)."""
    with bound(handle):
        notes = io.StringIO()  # neomodel reports "already exists" there; that is expected
        for cls in NODE_CLASSES:
            db.install_labels(cls, quiet=True, stdout=notes)
        # the load lock and the sources' snapshots (see loaders.refresh), by their keys too
        db.cypher_query(
            "CREATE CONSTRAINT kg_lock_id IF NOT EXISTS FOR (l:KgLock) REQUIRE l.id IS UNIQUE"
        )
        db.cypher_query(
            "CREATE CONSTRAINT kg_snapshot_id IF NOT EXISTS FOR (s:KgSnapshot) REQUIRE s.id IS UNIQUE"
        )
        # `find` matches an English name in any case: no range index serves toLower(), a
        # full-text index (lower-cased tokens, no stop words dropped) finds the candidates
        db.cypher_query(
            f"CREATE FULLTEXT INDEX {NAME_EN_INDEX} IF NOT EXISTS "
            "FOR (n:Role|Department|Activity|Output) ON EACH [n.name_en] "
            "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}}"
        )
        # `search`: part of a name, by TEXT indexes (cypher/search.cypher)
        for name, (label, prop) in TEXT_INDEXES.items():
            db.cypher_query(f"CREATE TEXT INDEX {name} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})")
        # a graph written before the lower-cased English name: fill it in (a no-op after)
        for label in FACT_LABELS:
            db.cypher_query(
                f"MATCH (n:{label}) WHERE n.name_en IS NOT NULL AND n.{NAME_EN_LOWER} IS NULL "
                f"SET n.{NAME_EN_LOWER} = toLower(n.name_en)"
            )
        # range indexes earlier versions declared and no query uses (each costs at publish)
        for name in RETIRED_INDEXES:
            db.cypher_query(f"DROP INDEX {name} IF EXISTS")


FACT_CLASSES: dict[str, type[Fact]] = {
    "Role": Role,
    "Activity": Activity,
    "Output": Output,
    "Department": Department,
}
