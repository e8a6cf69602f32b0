"""Transform: a model into the graph facts one source states, and the diff of two fact sets.

Pure functions, no database: ``to_facts(model)`` gives the nodes and relationships the
model states, each with the source's statements (page, span, sentence); ``diff(desired,
current)`` says what a refresh must add, change and retract.  ``loaders.refresh`` reads
``current`` (from the source's snapshot or from Neo4j) and ``loaders.apply`` writes the
diff.  Tested without a database in ``tests/unit/loaders/test_facts.py``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kg.model import Model, Provenance, statements
from kg.schema import LABEL_PROPS

#: model list -> node label
LABEL_OF_KIND = {
    "department": "Department",
    "role": "Role",
    "output": "Output",
    "activity": "Activity",
}

#: A statement: (page, start, end, sentence).
Statement = tuple[int, int, int, str]
NodeKey = tuple[str, str]  # (label, id)
RelKey = tuple[str, str, str, str]  # (type, from id, to id, rank or "")


@dataclass(slots=True)
class NodeFact:
    label: str
    id: str
    props: dict[str, Any]  # non-null properties the source states
    statements: set[Statement] = field(default_factory=set)


@dataclass(slots=True)
class RelFact:
    type: str
    from_label: str
    from_id: str
    to_label: str
    to_id: str
    rank: str | None = None
    statements: set[Statement] = field(default_factory=set)
    contexts: set[str] = field(default_factory=set)  # REPORTS_TO: activity ids

    @property
    def key(self) -> RelKey:
        return (self.type, self.from_id, self.to_id, self.rank or "")

    def describe(self) -> str:
        rank = f" {{rank: {self.rank}}}" if self.rank else ""
        return f"({self.from_id})-[:{self.type}{rank}]->({self.to_id})"


@dataclass
class Facts:
    nodes: dict[NodeKey, NodeFact] = field(default_factory=dict)
    rels: dict[RelKey, RelFact] = field(default_factory=dict)


def _statement(p: Provenance | None) -> set[Statement]:
    return set() if p is None else {(p.page, p.start, p.end, p.text)}


def to_facts(model: Model, labels: Mapping[str, str] | None = None) -> Facts:
    """Every node and relationship ``model`` states, with its statements (``labels``: see
    :func:`add_rel_facts`)."""
    facts = node_facts(model)
    add_rel_facts(model, facts, labels)
    return facts


def count_references(model: Model) -> int:
    """How many relationships ``model`` states at most (one per reference it makes)."""
    refs = sum(1 for d in model.departments if d.parent)
    refs += sum(1 for r in model.roles if r.department)
    for a in model.activities:
        refs += (a.parent is not None) + len(a.outputs) + len(a.responsible) + len(a.assists)
        refs += len(a.monitors) + len(a.reports) + len(a.interface_departments)
    return refs


def node_facts(model: Model) -> Facts:
    """The nodes ``model`` states (:func:`add_rel_facts` adds the relationships: a large
    load writes the nodes while the relationships are worked out)."""
    facts = Facts()

    def node(lbl: str, item: Any) -> None:
        # the model file's fields of the same names as the schema's stated properties
        props = {p: getattr(item, p) for p in LABEL_PROPS[lbl]}
        facts.nodes[(lbl, item.id)] = NodeFact(
            lbl,
            item.id,
            {k: v for k, v in props.items() if v is not None},
            _statement(item.provenance),
        )

    for d in model.departments:
        node("Department", d)
    for r in model.roles:
        node("Role", r)
    for o in model.outputs:
        node("Output", o)
    for a in model.activities:
        node("Activity", a)
    return facts


def add_rel_facts(model: Model, facts: Facts, labels: Mapping[str, str] | None = None) -> None:
    """Add the relationships ``model`` states to ``facts``. ``labels`` (id → label) names
    the ends' labels when ``model`` is part of a larger one (loaders.delta)."""
    label = labels if labels is not None else {
        item_id: LABEL_OF_KIND[kind] for item_id, kind in model.ids().items()
    }

    def rel(
        rtype: str,
        src: str,
        dst: str,
        prov: Provenance | None,
        rank: str | None = None,
        context: str | None = None,
    ) -> None:
        key = (rtype, src, dst, rank or "")
        fact = facts.rels.get(key)
        if fact is None:
            fact = facts.rels[key] = RelFact(rtype, label[src], src, label[dst], dst, rank)
        if prov is not None:
            fact.statements.add((prov.page, prov.start, prov.end, prov.text))
        if context is not None:
            fact.contexts.add(context)

    for st in statements(model):
        rel(st.type, st.start, st.end, st.provenance, st.rank, st.context)


# --------------------------------------------------------------------------- diff
@dataclass
class Diff:
    """What a refresh of one source changes, and the counts per label/type."""

    upsert_nodes: list[NodeFact] = field(default_factory=list)
    retract_nodes: list[NodeFact] = field(default_factory=list)
    upsert_rels: list[RelFact] = field(default_factory=list)
    retract_rels: list[RelFact] = field(default_factory=list)
    counts: dict[str, dict[str, dict[str, int]]] = field(
        default_factory=lambda: {"nodes": {}, "relationships": {}}
    )
    #: every change, described only when asked for (see ``changes``)
    _changes: list[tuple[str, str, str, str | RelFact]] = field(default_factory=list, repr=False)

    def _count(self, kind: str, name: str, what: str, item: str | RelFact) -> None:
        per = self.counts[kind].setdefault(name, {"added": 0, "removed": 0, "changed": 0})
        per[what] += 1
        self._changes.append((what, "node" if kind == "nodes" else "relationship", name, item))

    @property
    def changes(self) -> list[tuple[str, str, str, str]]:
        """(added|removed|changed, node|relationship, label or type, what) for every change."""
        return [
            (what, kind, name, item if isinstance(item, str) else item.describe())
            for what, kind, name, item in self._changes
        ]

    def totals(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for kind, short in (("nodes", "nodes"), ("relationships", "relationships")):
            for what in ("added", "removed", "changed"):
                out[f"{short}_{what}"] = sum(c[what] for c in self.counts[kind].values())
        return out


def _props_differ(desired: dict[str, Any], current: dict[str, Any]) -> bool:
    """Whether a source's properties of a node changed: a value, or a property it no
    longer states (``props`` hold the stated, non-null ones)."""
    return desired != current


def diff(desired: Facts, current: Facts) -> Diff:
    """Compare what a source states now with what the graph holds from it."""
    out = Diff()
    diff_nodes(desired, current, out)
    diff_rels(desired, current, out)
    return out


def diff_nodes(desired: Facts, current: Facts, out: Diff) -> None:
    """The nodes' part of :func:`diff`, into ``out``."""
    for key, fact in desired.nodes.items():
        old = current.nodes.get(key)
        if old is None:
            out.upsert_nodes.append(fact)
            out._count("nodes", fact.label, "added", fact.id)
        elif _props_differ(fact.props, old.props) or fact.statements != old.statements:
            out.upsert_nodes.append(fact)
            out._count("nodes", fact.label, "changed", fact.id)
    for key, old in current.nodes.items():
        if key not in desired.nodes:
            out.retract_nodes.append(old)
            out._count("nodes", old.label, "removed", old.id)


def diff_rels(desired: Facts, current: Facts, out: Diff) -> None:
    """The relationships' part of :func:`diff`, into ``out``."""
    for rkey, rfact in desired.rels.items():
        rold = current.rels.get(rkey)
        if rold is None:
            out.upsert_rels.append(rfact)
            out._count("relationships", rfact.type, "added", rfact)
        elif rfact.statements != rold.statements or rfact.contexts != rold.contexts:
            out.upsert_rels.append(rfact)
            out._count("relationships", rfact.type, "changed", rfact)
    for rkey, rold in current.rels.items():
        if rkey not in desired.rels:
            out.retract_rels.append(rold)
            out._count("relationships", rold.type, "removed", rold)


def group_rels(rels: list[RelFact]) -> dict[tuple[str, str, str], list[RelFact]]:
    """Relationships grouped by (type, from label, to label): one statement shape each."""
    groups: dict[tuple[str, str, str], list[RelFact]] = defaultdict(list)
    for r in rels:
        groups[(r.type, r.from_label, r.to_label)].append(r)
    return dict(groups)
