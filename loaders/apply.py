"""Apply: write one source's diff (:class:`loaders.facts.Diff`) through a
:class:`loaders.staging.Writer`, in named steps.

New nodes, and new relationships between two new nodes, are *staged*: written hidden
(label ``:KgStaged``, see ``cypher/write/stage-nodes.cypher``), for a large load in
batches that commit on their own.  Then, in the load's transaction: the staged nodes get
their labels; changed nodes are merged; relationships with one new end are created and
the rest merged, by their ends' element ids; what the source no longer states is
withdrawn: nodes only this source stated are hidden (as staged ones are, deleted after
the commit), the others lose its statements.  A large fresh load so commits in batches
like ``LOAD CSV … IN TRANSACTIONS`` yet appears at once, and a large unload disappears at
once.  :func:`apply_diff` runs the steps in order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from neo4j import Transaction

from kg.schema import FACT_LABELS
from kg.statements import statement
from loaders.facts import Diff, NodeFact, RelFact, group_rels
from loaders.profile import phase
from loaders.rows import (
    CONTEXTS,
    create_rel_cells,
    fold_props,
    has_contexts,
    node_row,
    rel_key,
    rel_row,
    stage_node_cells,
)
from loaders.staging import Writer, batches, stages_separately

RelShape = tuple[str, str, str]  # (type, from label, to label)


@dataclass
class NodePlan:
    """The nodes to write, by label: those no source stated yet (staged, as stage-nodes
    rows) and those that exist (merged, as upsert-nodes rows)."""

    new: dict[str, list[list[Any]]] = field(default_factory=dict)
    changed: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    new_ids: set[str] = field(default_factory=set)


@dataclass
class RelPlan:
    """The relationships to write: created between two new nodes (staged with them) or
    with one new end (in the load's transaction), as create-rels rows by type; merged
    between two existing nodes, as upsert-rels rows by shape."""

    inner: dict[str, list[list[Any]]] = field(default_factory=dict)
    boundary: dict[str, list[list[Any]]] = field(default_factory=dict)
    merged: dict[RelShape, list[dict[str, Any]]] = field(default_factory=dict)


#: What staging a label's new nodes gives back: the label, and the function that waits
#: for the batches and gives their records (ids and element ids).
Staging = list[tuple[str, Callable[[], list[Any]]]]


# --------------------------------------------------------------------------- look-ups
def element_ids(tx: Transaction, wanted: dict[str, set[str]]) -> dict[str, str]:
    """Element ids of the nodes (label -> ids) that exist already; relationships are then
    written by element id, which needs no index look-up, even for nodes this transaction
    created."""
    found: dict[str, str] = {}
    for label, ids in wanted.items():
        query = statement("existing-nodes", label=label)
        for chunk in batches(sorted(ids), scale=4):
            for r in tx.run(query, ids=chunk):
                found[r["id"]] = r["eid"]
    return found


def ids_by_label(nodes: Iterable[NodeFact]) -> dict[str, set[str]]:
    wanted: dict[str, set[str]] = {}
    for n in nodes:
        wanted.setdefault(n.label, set()).add(n.id)
    return wanted


def missing_ends(rels: Iterable[RelFact], eid: dict[str, str], new_ids: set[str]) -> dict[str, set[str]]:
    """The ends (label -> ids) of ``rels`` whose element ids are not known yet."""
    ends: dict[str, set[str]] = {}
    for r in rels:
        for label, end in ((r.from_label, r.from_id), (r.to_label, r.to_id)):
            if end not in eid and end not in new_ids:
                ends.setdefault(label, set()).add(end)
    return ends


# --------------------------------------------------------------------------- plans
def plan_nodes(nodes: Iterable[NodeFact], eid: dict[str, str]) -> NodePlan:
    """Split the nodes to write into new ones (no element id) and existing ones."""
    plan = NodePlan()
    for n in nodes:
        if n.id in eid:
            plan.changed.setdefault(n.label, []).append(node_row(n))
        else:
            plan.new.setdefault(n.label, []).append(stage_node_cells(n))
            plan.new_ids.add(n.id)
    return plan


def plan_rels(rels: list[RelFact], eid: dict[str, str], new_ids: set[str]) -> RelPlan:
    """Split the relationships to write by how many of their ends are new; the merged
    ones get their ends' element ids (``eid`` knows every existing end)."""
    plan = RelPlan()
    for (rtype, a, b), group in group_rels(rels).items():
        for r in group:
            new_ends = (r.from_id in new_ids) + (r.to_id in new_ids)
            if new_ends:
                cells = create_rel_cells(r, r.from_id, r.to_id)
                (plan.inner if new_ends == 2 else plan.boundary).setdefault(rtype, []).append(cells)
            else:
                row = rel_row(r)
                row["a"], row["b"] = eid[r.from_id], eid[r.to_id]
                plan.merged.setdefault((rtype, a, b), []).append(row)
    return plan


# --------------------------------------------------------------------------- staged writes
def stage_new_nodes(w: Writer, plan: NodePlan) -> Staging:
    """Start staging the new nodes, label by label in creation order."""
    return [
        (label, w.stage(statement("stage-nodes"), plan.new[label]))
        for label in FACT_LABELS
        if plan.new.get(label)
    ]


def collect_staged(staging: Staging, eid: dict[str, str]) -> dict[str, list[str]]:
    """Wait for the staged nodes; add their element ids to ``eid``, and return them by
    label (in creation order)."""
    staged: dict[str, list[str]] = {}
    for label, wait in staging:
        for rec in wait():
            eid.update(zip(rec["ids"], rec["eids"], strict=True))
            staged.setdefault(label, []).extend(rec["eids"])
    return staged


def resolve_ends(plan: RelPlan, eid: dict[str, str]) -> None:
    """Put the element ids of their ends into the create-rels rows (once every new node
    has one)."""
    for rows in (*plan.inner.values(), *plan.boundary.values()):
        for cells in rows:
            cells[0], cells[1] = eid[cells[0]], eid[cells[1]]


def stage_inner_rels(w: Writer, plan: RelPlan) -> None:
    """Stage the relationships between two new nodes (every type submitted, then waited
    for)."""
    waits = [w.stage(statement("create-rels", type=t), rows) for t, rows in plan.inner.items()]
    for wait in waits:
        wait()


# --------------------------------------------------------------------------- the load's transaction
def publish_staged(tx: Transaction, staged: dict[str, list[str]]) -> None:
    """Give the staged nodes their labels: they appear when the load commits."""
    for label, eids in staged.items():
        query = statement("publish-nodes", label=label)
        for chunk in batches(eids, scale=4):
            tx.run(query, eids=chunk).consume()


def merge_changed_nodes(w: Writer, plan: NodePlan) -> None:
    """Merge the nodes that exist already (another source's, or changed), then set their
    visible properties from every source that states them (:func:`restore_props`): the
    same value whatever the order sources were loaded in, and a property this source
    stopped stating goes unless another states it."""
    for label in FACT_LABELS:
        rows = plan.changed.get(label)
        if rows:
            w.run(statement("upsert-nodes", label=label), rows)
            restore_props(w, label, [r["id"] for r in rows])


def create_boundary_rels(w: Writer, plan: RelPlan) -> None:
    """Create the relationships with one new end."""
    for rtype, rows in plan.boundary.items():
        w.run(statement("create-rels", type=rtype), rows)


def merge_rels(w: Writer, plan: RelPlan) -> None:
    """Merge the relationships between two existing nodes, and their contexts."""
    for (rtype, a, b), rows in plan.merged.items():
        w.run(statement("upsert-rels", type=rtype, **{"from": a}, to=b, key=rel_key(rtype)), rows)
        if has_contexts(rtype):
            w.run(statement("report-contexts", to=b), rows)


def retract_rels(w: Writer, rels: list[RelFact]) -> None:
    """Withdraw the source's statements of relationships (and contexts) it no longer
    states; a relationship no source states any more goes."""
    for (rtype, a, b), group in group_rels(rels).items():
        rows = [{**rel_row(r), CONTEXTS: []} for r in group]
        if has_contexts(rtype):
            w.run(statement("report-contexts", to=b), rows)
        w.run(statement("retract-rels", type=rtype, **{"from": a}, to=b), rows)


def retire_nodes(w: Writer, nodes: list[NodeFact]) -> set[str]:
    """Hide the nodes only this source stated that it no longer states (they lose their
    label; ``cypher/write/retire-nodes.cypher``), with the relationships among them, and
    delete their relationships to the nodes that stay: the transaction holds label
    changes, not the deletion of every node and relationship, which happens after the
    commit (:func:`loaders.staging.drop_run`). Returns the ids hidden."""
    by_label: dict[str, list[dict[str, Any]]] = {}
    for n in nodes:
        by_label.setdefault(n.label, []).append({"id": n.id})
    hidden: set[str] = set()
    eids: list[str] = []
    for label in reversed(FACT_LABELS):
        for rec in w.run(statement("retire-nodes", label=label), by_label.get(label, [])):
            hidden.add(rec["id"])
            eids.append(rec["eid"])
    for chunk in batches(eids):
        w.tx.run(statement("cut-retired"), eids=chunk).consume()
    return hidden


def retract_nodes(w: Writer, nodes: list[NodeFact]) -> None:
    """Withdraw the source's statements of nodes it no longer states, in the reverse of
    creation order; a node no source states any more goes, the others get their
    remaining sources' properties back (:func:`restore_props`)."""
    by_label: dict[str, list[dict[str, Any]]] = {}
    for n in nodes:
        by_label.setdefault(n.label, []).append({"id": n.id})
    for label in reversed(FACT_LABELS):
        if label in by_label:
            rows = by_label[label]
            w.run(statement("retract-nodes", label=label), rows)
            restore_props(w, label, [r["id"] for r in rows])


def restore_props(w: Writer, label: str, ids: list[str]) -> None:
    """Set the visible properties of nodes from the sources that state them (see
    :func:`loaders.rows.fold_props`)."""
    remaining = [
        {"id": rec["id"], "props": fold_props(rec["sources"] or [], rec["source_props"] or [])}
        for chunk in batches(ids)
        for rec in w.tx.run(statement("source-props", label=label), ids=chunk)
    ]
    for chunk in batches(remaining):
        w.tx.run(statement("restore-props", label=label), source=w.source, rows=chunk).consume()


# --------------------------------------------------------------------------- all steps
def apply_diff(
    w: Writer, d: Diff, complete: Callable[[], None] | None = None, references: int = 0
) -> None:
    """Write the diff (see the module docstring).

    ``complete``, when given, adds the relationships' part to ``d`` (which then holds the
    nodes' only): it runs while the server writes the new nodes. ``references`` is then
    how many relationships it may add at most."""
    with phase("staging"):
        eid = element_ids(w.tx, ids_by_label(d.upsert_nodes))
        nodes = plan_nodes(d.upsert_nodes, eid)
        rels = len(d.upsert_rels) if complete is None else references
        w.separate = stages_separately(len(nodes.new_ids) + rels)
        staging = stage_new_nodes(w, nodes)

    # while the server writes the new nodes: the relationships, their diff and rows
    if complete is not None:
        complete()
        w.total += len(d.upsert_rels) + len(d.retract_rels)
    with phase("staging"):
        eid.update(element_ids(w.tx, missing_ends(d.upsert_rels, eid, nodes.new_ids)))
        plan = plan_rels(d.upsert_rels, eid, nodes.new_ids)
        staged = collect_staged(staging, eid)
        resolve_ends(plan, eid)
        stage_inner_rels(w, plan)

    # the load's transaction from here on
    with phase("publish"):
        publish_staged(w.tx, staged)
        merge_changed_nodes(w, nodes)
        create_boundary_rels(w, plan)
        merge_rels(w, plan)
        hidden = retire_nodes(w, d.retract_nodes)
        retract_rels(w, [r for r in d.retract_rels if r.from_id not in hidden and r.to_id not in hidden])
        retract_nodes(w, [n for n in d.retract_nodes if n.id not in hidden])
