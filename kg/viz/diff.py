"""The change view: two versions of a model drawn as one, what was added, removed and
changed styled apart (``kg viz diff OLD NEW``).

No database: the subgraph is built from the two models. Every node and relationship of
either version appears once; a renamed activity is one node (changed, under its new id),
as :func:`kg.changes.compare` reports it. Each carries ``change`` — ``added``,
``removed``, ``changed`` or ``same`` — and, when changed, its old and new values; the page
(``kg/templates/view.js``) colours by it, lists the counts in the legend with a filter per
kind of change, and shows old and new values in the details.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pyvis.network import Network

from kg.changes import Changes, compare
from kg.model import Model, Provenance, statements
from kg.schema import LABEL_PROPS, PROVENANCE, RANK, REL_PROPS
from kg.viz.network import build_network
from kg.viz.subgraph import Subgraph, ViewEdge, ViewNode
from kg.viz.view import View

#: The kinds of change, in the legend's order, with their legend text and colour.
CHANGE_STYLES: dict[str, tuple[str, str]] = {
    "added": ("added 新增", "#1e9e4a"),
    "removed": ("removed 删除", "#d0312d"),
    "changed": ("changed 修改", "#e08a00"),
    "same": ("unchanged 未变", "#9aa3ad"),
}
#: The property a REPORTS_TO line carries: the activities it is stated for.
ACTIVITIES = REL_PROPS["REPORTS_TO"][0]

_Element = tuple[str, dict[str, Any], Provenance | None]  # label or type, props, statement


def _nodes(model: Model) -> Iterator[tuple[str, _Element]]:
    for label, items in (
        ("Department", model.departments),
        ("Role", model.roles),
        ("Output", model.outputs),
        ("Activity", model.activities),
    ):
        for item in items:
            props = {p: getattr(item, p) for p in LABEL_PROPS[label]}
            yield item.id, (label, {"id": item.id, **{k: v for k, v in props.items() if v is not None}}, item.provenance)


RelKey = tuple[str, str, str, str]  # type, from, to, rank


def _rels(model: Model, rename: dict[str, str]) -> dict[RelKey, _Element]:
    """Every relationship ``model`` states, its ends' ids passed through ``rename``."""
    out: dict[RelKey, _Element] = {}

    def rel(rtype: str, a: str, b: str, prov: Provenance | None, rank: str = "", context: str | None = None) -> None:
        key = (rtype, rename.get(a, a), rename.get(b, b), rank)
        if key not in out:
            out[key] = (rtype, {RANK: rank} if rank else {}, prov)
        if context is not None:
            props = out[key][1]
            props[ACTIVITIES] = sorted({*props.get(ACTIVITIES, []), rename.get(context, context)})

    for st in statements(model):
        rel(st.type, st.start, st.end, st.provenance, st.rank or "", st.context)
    return out


def _provenance(source: str, prov: Provenance | None) -> dict[str, Any]:
    if prov is None:
        return {}
    values = (source, prov.page, prov.start, prov.end, prov.text)
    return {key: [value] for key, value in zip(PROVENANCE, values, strict=True)}


def _change(old: dict[str, Any] | None, new: dict[str, Any] | None) -> tuple[str, dict[str, list[Any]]]:
    """The kind of change, and each changed property's [old, new] value."""
    if old is None:
        return "added", {}
    if new is None:
        return "removed", {}
    delta = {k: [old.get(k), new.get(k)] for k in sorted({*old, *new}) if old.get(k) != new.get(k)}
    return ("changed" if delta else "same"), delta


@dataclass
class DiffView(View):
    """Two versions of a model as one view (see the module docstring)."""

    #: element key -> {"change": added|removed|changed|same, "delta": {prop: [old, new]}}
    marks: dict[str, dict[str, Any]] = field(default_factory=dict)
    report: Changes | None = None

    def counts(self) -> dict[str, dict[str, int]]:
        """{change: {"nodes": n, "edges": m}} over every kind of change."""
        out = {c: {"nodes": 0, "edges": 0} for c in CHANGE_STYLES}
        for key, mark in self.marks.items():
            out[mark["change"]]["nodes" if key in self.subgraph.nodes else "edges"] += 1
        return out

    def network(self) -> Network:
        net = build_network(self)
        for item in (*net.nodes, *net.edges):
            mark = self.marks.get(item["id"], {"change": "same", "delta": {}})
            item["change"] = mark["change"]
            if mark["delta"]:
                item["delta"] = mark["delta"]
        counts = self.counts()
        net.kg["changes"] = [
            {"key": c, "title": title, "color": color, "nodes": counts[c]["nodes"], "edges": counts[c]["edges"],
             "count": counts[c]["nodes"] + counts[c]["edges"]}
            for c, (title, color) in CHANGE_STYLES.items()
        ]
        return net


def _describe(model: Model) -> str:
    s = model.source
    return f"{s.title or s.id}{f' ({s.version})' if s.version else ''}"


def diff_view(old: Model, new: Model, title: str | None = None) -> DiffView:
    """The union of ``old`` and ``new``, every node and relationship marked with its change."""
    report = compare(old, new)
    rename = {r.old.id: r.new.id for r in report.activities_renamed}
    old_nodes = {rename.get(i, i): e for i, e in _nodes(old)}
    new_nodes = dict(_nodes(new))
    graph = Subgraph()
    marks: dict[str, dict[str, Any]] = {}
    for node_id in [*new_nodes, *(i for i in old_nodes if i not in new_nodes)]:
        before, after = old_nodes.get(node_id), new_nodes.get(node_id)
        label, props, prov = after or before  # type: ignore[misc]
        source = new.source.id if after else old.source.id
        # a renamed activity: its old props hold its old id, so it is changed
        change, delta = _change(before[1] if before else None, after[1] if after else None)
        key = f"n:{node_id}"
        shown = {**props, **_provenance(source, prov), "change": change}
        graph.nodes[key] = ViewNode(key, (label,), shown)
        marks[key] = {"change": change, "delta": delta}
    old_rels, new_rels = _rels(old, rename), _rels(new, {})
    common = {a.id for a in new.activities} & {rename.get(a.id, a.id) for a in old.activities}
    for rkey in [*new_rels, *(k for k in old_rels if k not in new_rels)]:
        before_rel, after_rel = old_rels.get(rkey), new_rels.get(rkey)
        rtype, props, prov = after_rel or before_rel  # type: ignore[misc]
        source = new.source.id if after_rel else old.source.id
        change, delta = _change(before_rel[1] if before_rel else None, after_rel[1] if after_rel else None)
        if change == "changed" and rtype == "REPORTS_TO" and before_rel and after_rel:
            # as the report says: a line that stays changes only if it is stated for other
            # activities of both versions (an activity added or removed brings its lines)
            was, now = (set(x[1].get(ACTIVITIES, [])) & common for x in (before_rel, after_rel))
            change, delta = ("changed", delta) if was != now else ("same", {})
        key = "r:" + ":".join(rkey)
        graph.edges[key] = ViewEdge(key, rtype, f"n:{rkey[1]}", f"n:{rkey[2]}",
                                    {**props, **_provenance(source, prov), "change": change})
        marks[key] = {"change": change, "delta": delta}
    contexts = {
        a.id: {"name": a.name, "name_original": a.name_original, "name_en": a.name_en}
        for a in (*old.activities, *new.activities)
    }
    return DiffView(
        title=title or f"Changes: {_describe(old)} → {_describe(new)}",
        subgraph=graph,
        query="diff",
        params={"old": _describe(old), "new": _describe(new)},
        contexts=contexts,
        marks=marks,
        report=report,
    )
