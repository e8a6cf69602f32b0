"""The graph's shape, stated once: labels, properties, relationship types and their ends,
provenance, bookkeeping.

Everything else derives from here: the neomodel classes (``kg.ogm``, checked against this
module by a unit test), the loader's rows and the identifiers its statements may be
filled with (``kg.statements``), the exports, the views and the query output.  Adding a
node property a source states means adding it to :data:`NODE_PROPS` (and, where a label
has it, to :data:`LABEL_PROPS`), to the neomodel class, and to the statements that write
it — the unit tests name each place that disagrees.

This module imports nothing from kg: it sits at the bottom of the layers.
"""

from __future__ import annotations

# --------------------------------------------------------------------------- nodes
#: The labels of fact nodes, in the order a load creates them (departments before the
#: roles that belong to them, outputs before the activities that produce them) and the
#: reverse of the order it retracts them.
FACT_LABELS: tuple[str, ...] = ("Department", "Role", "Output", "Activity")

#: Every fact node's stable key (stored as ``id``; neomodel calls it ``uid``).
KEY = "id"

#: The properties a source states for a node, in the order the loader's rows carry them
#: (``cypher/write/stage-nodes.cypher``).  The rest of a fact node is provenance.
NODE_PROPS: tuple[str, ...] = ("name", "name_original", "name_en", "code", "kind", "description")

#: The stated properties each label has (a subset of :data:`NODE_PROPS`).
NAMES: tuple[str, ...] = ("name", "name_original", "name_en")
LABEL_PROPS: dict[str, tuple[str, ...]] = {
    "Department": NAMES,
    "Role": NAMES,
    "Output": NAMES,
    "Activity": (*NAMES, "code", "kind", "description"),
}

#: ``Activity.kind``: business areas are the top-level activities.
ACTIVITY_KINDS: tuple[str, ...] = ("area", "activity")

# --------------------------------------------------------------------------- provenance
#: Distinct ids of the sources that state a fact: the scope of a refresh.
SCOPE = "sources"
#: One entry per statement of a fact, as parallel lists: the source id, the page, the
#: character offsets in the source document, and the sentence itself.
PROVENANCE: tuple[str, ...] = ("stated_in", "pages", "starts", "ends", "sentences")
#: Per source, the node properties that source states (JSON), to restore a node's
#: properties from its remaining sources when one source withdraws.
SOURCE_PROPS = "source_props"
#: The English name lower-cased (``toLower(name_en)``), derived: the loader writes it with
#: ``name_en`` (``cypher/write/``), ``install_schema`` fills it in on a graph written
#: before it.  ``search`` finds part of an English name in any case through a TEXT index
#: on it: no index serves ``toLower(n.name_en) CONTAINS …``.  No source states it, so no
#: export, view or query output shows it.
NAME_EN_LOWER = "name_en_lower"
#: Node properties kg derives from what sources state (for indexes): not facts, not
#: provenance; hidden wherever the provenance is, and left out of exports.
DERIVED_PROPS: tuple[str, ...] = (NAME_EN_LOWER,)
#: Properties that carry where a fact comes from, not what it says: hidden from the
#: views' property tables and from query output's plain form.
BOOKKEEPING_PROPS: tuple[str, ...] = (SCOPE, *PROVENANCE, SOURCE_PROPS)

# --------------------------------------------------------------------------- relationships
#: Relationship types of facts, with (start labels, end labels).
FACT_TYPES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "RESPONSIBLE": (("Role",), ("Activity",)),
    "ASSISTS": (("Role",), ("Activity",)),
    "MONITORS": (("Role", "Department"), ("Activity",)),
    "REPORTS_TO": (("Role",), ("Role", "Department")),
    "PRODUCES": (("Activity",), ("Output",)),
    "PART_OF": (("Activity", "Department"), ("Activity", "Department")),
    "BELONGS_TO": (("Role",), ("Department",)),
    "INTERFACES_WITH": (("Activity",), ("Department",)),
}

#: Every (type, start label, end label) a fact relationship can have.
REL_SHAPES: tuple[tuple[str, str, str], ...] = tuple(
    (rtype, a, b)
    for rtype, (starts, ends) in FACT_TYPES.items()
    for a in starts
    for b in ends
    if rtype != "PART_OF" or a == b  # activities in activities, departments in departments
)

#: ``MONITORS.rank``, part of the relationship's identity.
RANK = "rank"
MONITOR_RANKS: tuple[str, ...] = ("first", "other")
#: ``REPORTS_TO``'s activity context: ``activities`` the distinct activity ids in whose
#: context the line holds; ``contexts``/``context_sources`` one entry per (source,
#: activity) statement, so a refresh can retract one source's contexts.
REPORT_CONTEXT_PROPS: tuple[str, ...] = ("activities", "contexts", "context_sources")
#: The stated properties of each relationship type that has any.
REL_PROPS: dict[str, tuple[str, ...]] = {
    "MONITORS": (RANK,),
    "REPORTS_TO": REPORT_CONTEXT_PROPS,
}

# --------------------------------------------------------------------------- RACI
#: Relation → its letter in a RACI matrix, in the order of a cell's letters.
RACI_LETTERS: dict[str, str] = {
    "responsible": "R",
    "assists": "S",
    "monitors-first": "A",
    "monitors-other": "C",
}
#: Joins several letters in one cell.
RACI_SEPARATOR = "/"

# --------------------------------------------------------------------------- bookkeeping
#: Nodes that are not facts: a loaded source, a load run, the load lock, a source's
#: snapshot, and nodes a load under way has written hidden.
SOURCE, LOAD_RUN, LOCK, SNAPSHOT, STAGED = "Source", "LoadRun", "KgLock", "KgSnapshot", "KgStaged"
BOOKKEEPING_LABELS: tuple[str, ...] = (SOURCE, LOAD_RUN, LOCK, SNAPSHOT, STAGED)

#: The properties of a ``Source`` node (besides ``id``).
SOURCE_NODE_PROPS: tuple[str, ...] = (
    "title", "version", "issuer", "signatory", "purpose", "accepted_partial", "path", "file",
    "sha256", "content_hash", "file_sha256", "loader", "kind", "loaded_at",
)

#: The properties of a ``LoadRun`` node (besides ``id``): what was loaded, when, how much
#: changed and how long it took; the versions before and after; and what changed — the
#: semantic report as zlib-compressed JSON (``changes``, see ``kg.changes.pack``) and, per
#: role or department, one line per change (``change_parties``/``change_items``, parallel
#: lists, read by ``cypher/role-changes.cypher``).
LOAD_RUN_PROPS: tuple[str, ...] = (
    "source", "path", "content_hash", "status", "started_at", "duration_ms",
    "nodes_added", "nodes_removed", "nodes_changed",
    "relationships_added", "relationships_removed", "relationships_changed", "summary",
    "old_version", "new_version", "changes", "change_parties", "change_items",
)
