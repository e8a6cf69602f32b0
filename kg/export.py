"""Export the graph's facts for other tools: JSON, GraphML, Archi's CSV import format, and
kg's own model file.

- ``model``: the merged graph as a ``kg-org-model/1`` file (what ``kg extract`` writes and
  ``kg load`` reads): every fact, with one statement each as its provenance (the first:
  other sources' statements of the same fact are not kept), under one new source id.
  To edit the knowledge base as one file, or move it to another Neo4j.

- ``json``: ``{"format": "kg-graph/1", "nodes": [...], "relationships": [...]}``, every
  property kept (provenance lists included).
- ``graphml``: one ``<node>`` per fact node (id = kg id), one ``<edge>`` per relationship;
  list properties are written as JSON text. Opens in Gephi, yEd, Cytoscape, networkx.
- ``archi-csv``: the three files Archi imports with *File → Import → CSV data into
  model* (``elements.csv``, ``relations.csv``, ``properties.csv``) in an output folder.
  Roles become ``BusinessRole``, activities and business areas ``BusinessProcess``,
  outputs ``BusinessObject``, departments ``BusinessActor``. Responsible, assists and
  monitors are ``AssignmentRelationship`` s with the RACI letter in property ``RACI``;
  sub-activities and sub-departments ``CompositionRelationship`` (parent → child);
  outputs ``AccessRelationship`` (process → object); membership ``AssignmentRelationship``
  (department → role); reporting lines and interface departments
  ``AssociationRelationship`` s named "reports to" / "interfaces with". Archi ids are
  derived from kg ids (stable across exports); the kg id is kept in property ``kg:id``.
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from kg.cells import protect
from kg.db import Database
from kg.model import Activity, Department, Model, Monitor, Output, Provenance, Report, Role, Source
from kg.queries import run_query, to_data
from kg.schema import (
    ACTIVITY_KINDS,
    DERIVED_PROPS,
    LABEL_PROPS,
    NODE_PROPS,
    PROVENANCE,
    RACI_LETTERS,
    RANK,
    REL_PROPS,
    REPORT_CONTEXT_PROPS,
    SCOPE,
)

FORMATS = ("json", "graphml", "archi-csv", "model")
JSON_FORMAT = "kg-graph/1"

# the provenance lists and a reporting line's contexts, by name (see kg.schema)
_STATED_IN, _PAGES, _STARTS, _ENDS, _SENTENCES = PROVENANCE
_ACTIVITIES, _CONTEXTS, _CONTEXT_SOURCES = REPORT_CONTEXT_PROPS
_AREA, _ACTIVITY = ACTIVITY_KINDS


@dataclass
class GraphData:
    nodes: list[dict[str, Any]]  # {label, id, properties}
    relationships: list[dict[str, Any]]  # {type, start, end, properties}


def read_graph(db: Database) -> GraphData:
    """Every fact node and relationship (canned queries export-nodes, export-relationships)."""
    nodes = run_query(db, "export-nodes").dicts()
    for node in nodes:  # what kg derives for its indexes is no part of the model
        node["properties"] = {k: v for k, v in node["properties"].items() if k not in DERIVED_PROPS}
    rels = run_query(db, "export-relationships").dicts()
    return GraphData(nodes, rels)


# --------------------------------------------------------------------------- json
def to_json(graph: GraphData) -> str:
    data = {"format": JSON_FORMAT, "nodes": graph.nodes, "relationships": graph.relationships}
    return json.dumps(to_data(data), ensure_ascii=False, indent=2, default=str) + "\n"


# --------------------------------------------------------------------------- model
def _statements(props: dict[str, Any]) -> list[Provenance]:
    """Every statement of a node or relationship, as provenance, in the stored order."""
    return [
        Provenance(page=page, start=start, end=end, text=text)
        for page, start, end, text in zip(
            props.get(_PAGES) or [], props.get(_STARTS) or [], props.get(_ENDS) or [],
            props.get(_SENTENCES) or [], strict=False,
        )
    ]


def _statement(props: dict[str, Any], within: Provenance | None = None) -> Provenance | None:
    """One statement of a node or relationship (None if unstated): the first that follows
    ``within`` (an activity's own statement, when a reporting line was stated in several
    activities' sections), else the first."""
    statements = _statements(props)
    if within is not None:
        after = [s for s in statements if s.start >= within.start]
        if after:
            return min(after, key=lambda s: s.start)
    return statements[0] if statements else None


#: The model file's class of each fact label.
MODEL_CLASSES: dict[str, type[Department | Role | Output | Activity]] = {
    "Department": Department, "Role": Role, "Output": Output, "Activity": Activity,
}


def to_model(graph: GraphData, source: Source) -> Model:
    """The graph as one model file (see the module docstring); ``kg load`` reads it back to
    the same nodes, relationships and properties."""
    items: dict[str, Any] = {}
    for node in sorted(graph.nodes, key=lambda n: (n["label"], n["id"])):
        p = node["properties"]
        fields: dict[str, Any] = {prop: p.get(prop) for prop in LABEL_PROPS[node["label"]]}
        fields["name"] = fields["name"] or node["id"]
        if "kind" in fields:
            fields["kind"] = fields["kind"] or _ACTIVITY
        items[node["id"]] = MODEL_CLASSES[node["label"]](
            id=node["id"], provenance=_statement(p), **fields
        )

    def note(activity: Activity, field: str, props: dict[str, Any]) -> None:
        statement = _statement(props, activity.provenance if field == "reports" else None)
        if statement is not None and field not in activity.evidence:
            activity.evidence[field] = statement

    for rel in graph.relationships:
        a, b, props = items[rel["start"]], items[rel["end"]], rel["properties"]
        kind = rel["type"]
        if kind == "PART_OF":
            a.parent = a.parent or b.id
        elif kind == "BELONGS_TO":
            if a.department is None:
                a.department = b.id
                if (statement := _statement(props)) is not None:
                    a.evidence["department"] = statement
        elif kind == "PRODUCES":
            a.outputs.append(b.id)
            note(a, "outputs", props)
        elif kind in ("RESPONSIBLE", "ASSISTS"):
            field = "responsible" if kind == "RESPONSIBLE" else "assists"
            getattr(b, field).append(a.id)
            note(b, field, props)
        elif kind == "MONITORS":
            b.monitors.append(Monitor(id=a.id, rank=props.get(RANK) or "other"))
            note(b, "monitors", props)
        elif kind == "REPORTS_TO":
            for context in props.get(_ACTIVITIES) or []:
                if isinstance(items.get(context), Activity):
                    items[context].reports.append(Report(**{"from": a.id, "to": b.id}))
                    note(items[context], "reports", props)
        elif kind == "INTERFACES_WITH":
            a.interface_departments.append(b.id)
            note(a, "interface_departments", props)
    by_type: dict[type, list[Any]] = {cls: [] for cls in MODEL_CLASSES.values()}
    for item in items.values():
        by_type[type(item)].append(item)
    return Model(
        source=source,
        departments=by_type[Department],
        roles=by_type[Role],
        outputs=by_type[Output],
        activities=sorted(by_type[Activity], key=lambda x: ((x.code or "") == "", x.code or "", x.id)),
    )


# --------------------------------------------------------------------------- graphml
_GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"


def _graphml_type(values: list[Any]) -> str:
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, bool) for v in present):
        return "boolean"
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "long"
    if present and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        return "double"
    return "string"


def _graphml_value(value: Any, kind: str) -> str:
    if kind == "boolean":
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return json.dumps(to_data(value), ensure_ascii=False, default=str)
    return str(to_data(value))


def to_graphml(graph: GraphData) -> str:
    """GraphML text (UTF-8); ``label`` and ``type`` keys carry the node label and the
    relationship type."""
    ET.register_namespace("", _GRAPHML_NS)
    root = ET.Element(f"{{{_GRAPHML_NS}}}graphml")
    keys: dict[tuple[str, str], str] = {}

    def declare(domain: str, items: list[dict[str, Any]], fixed: dict[str, list[Any]]) -> None:
        names: dict[str, list[Any]] = dict(fixed)
        for item in items:
            for k, v in item["properties"].items():
                names.setdefault(k, []).append(v)
        for name, values in names.items():
            key_id = f"{domain[0]}_{name}"
            kind = _graphml_type(values)
            keys[(domain, name)] = kind
            ET.SubElement(
                root,
                f"{{{_GRAPHML_NS}}}key",
                {"id": key_id, "for": domain, "attr.name": name, "attr.type": kind},
            )

    declare("node", graph.nodes, {"label": [n["label"] for n in graph.nodes]})
    declare("edge", graph.relationships, {"type": [r["type"] for r in graph.relationships]})
    g = ET.SubElement(root, f"{{{_GRAPHML_NS}}}graph", {"id": "kg", "edgedefault": "directed"})

    def data(parent: ET.Element, domain: str, name: str, value: Any) -> None:
        if value is None:
            return
        el = ET.SubElement(parent, f"{{{_GRAPHML_NS}}}data", {"key": f"{domain[0]}_{name}"})
        el.text = _graphml_value(value, keys[(domain, name)])

    for n in graph.nodes:
        el = ET.SubElement(g, f"{{{_GRAPHML_NS}}}node", {"id": n["id"]})
        data(el, "node", "label", n["label"])
        for k, v in sorted(n["properties"].items()):
            data(el, "node", k, v)
    for i, r in enumerate(graph.relationships):
        el = ET.SubElement(
            g, f"{{{_GRAPHML_NS}}}edge", {"id": f"e{i}", "source": r["start"], "target": r["end"]}
        )
        data(el, "edge", "type", r["type"])
        for k, v in sorted(r["properties"].items()):
            data(el, "edge", k, v)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


# --------------------------------------------------------------------------- archi
#: Fact label → Archi element type.
ELEMENT_TYPES = {
    "Role": "BusinessRole",
    "Activity": "BusinessProcess",
    "Output": "BusinessObject",
    "Department": "BusinessActor",
}
#: Fact relationship type → Archi relationship type, its name (a monitor's is its rank's),
#: whether Archi's direction is the reverse of kg's, and the RACI relation it shows.
RELATION_TYPES: dict[str, tuple[str, str, bool, str | None]] = {
    "RESPONSIBLE": ("AssignmentRelationship", "responsible", False, "responsible"),
    "ASSISTS": ("AssignmentRelationship", "assists", False, "assists"),
    "MONITORS": ("AssignmentRelationship", "{rank} monitor", False, "monitors-{rank}"),
    # child PART_OF parent: the parent is composed of the child
    "PART_OF": ("CompositionRelationship", "", True, None),
    "PRODUCES": ("AccessRelationship", "produces", False, None),
    # role BELONGS_TO department: the actor is assigned the role
    "BELONGS_TO": ("AssignmentRelationship", "member", True, None),
    "REPORTS_TO": ("AssociationRelationship", "reports to", False, None),
    "INTERFACES_WITH": ("AssociationRelationship", "interfaces with", False, None),
}
ELEMENT_HEADER = ["ID", "Type", "Name", "Documentation", "Specialization"]
RELATION_HEADER = ["ID", "Type", "Name", "Documentation", "Source", "Target", "Specialization"]
PROPERTY_HEADER = ["ID", "Key", "Value"]
#: Node properties kept as Archi properties (the name is the element's, the description
#: its documentation).
_ELEMENT_PROPERTIES = tuple(p for p in NODE_PROPS if p not in ("name", "description"))


def archi_id(*parts: str) -> str:
    """A stable Archi id (an XML NCName) for a kg id or relationship key."""
    return "id-" + hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()


def archi_tables(
    graph: GraphData, model_name: str = "kg organisation model"
) -> dict[str, list[list[str]]]:
    """The rows (header first) of elements.csv, relations.csv and properties.csv."""
    names = {n["id"]: n["properties"].get("name") or n["id"] for n in graph.nodes}
    model_id = archi_id("model", model_name)
    elements = [ELEMENT_HEADER, [model_id, "ArchimateModel", model_name, "Exported by kg", ""]]
    relations = [RELATION_HEADER]
    properties = [PROPERTY_HEADER]
    for n in graph.nodes:
        props = n["properties"]
        eid = archi_id(n["id"])
        elements.append(
            [eid, ELEMENT_TYPES[n["label"]], names[n["id"]], props.get("description") or "", ""]
        )
        properties.append([eid, "kg:id", n["id"]])
        for key in _ELEMENT_PROPERTIES:
            if props.get(key):
                properties.append([eid, key, str(props[key])])
        if props.get(SCOPE):
            properties.append([eid, SCOPE, ", ".join(props[SCOPE])])
    for r in graph.relationships:
        props = r["properties"]
        rtype, start, end = r["type"], r["start"], r["end"]
        if rtype not in RELATION_TYPES:
            continue
        rank = props.get(RANK) or ""
        rid = archi_id(rtype, start, end, rank)
        kind, name, reverse, relation = RELATION_TYPES[rtype]
        source, target = (end, start) if reverse else (start, end)
        name = name.format(rank=rank)
        relations.append([rid, kind, name, "", archi_id(source), archi_id(target), ""])
        properties.append([rid, "kg:type", rtype])
        if relation:
            properties.append([rid, "RACI", RACI_LETTERS[relation.format(rank=rank)]])
        if _ACTIVITIES in REL_PROPS.get(rtype, ()) and props.get(_ACTIVITIES):  # a line's contexts
            contexts = [names.get(a, a) for a in props[_ACTIVITIES]]
            properties.append([rid, _ACTIVITIES, ", ".join(contexts)])
        if props.get(SCOPE):
            properties.append([rid, SCOPE, ", ".join(props[SCOPE])])
    return {"elements.csv": elements, "relations.csv": relations, "properties.csv": properties}


def write_archi_csv(graph: GraphData, folder: str | Path, model_name: str = "kg organisation model") -> list[Path]:
    """Write the three Archi CSV files into ``folder`` (created); return their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for filename, rows in archi_tables(graph, model_name).items():
        path = folder / filename
        with open(path, "w", encoding="utf-8", newline="") as fh:
            # a name from a document never runs as a spreadsheet formula (as kg raci's CSV)
            csv.writer(fh, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(
                [protect(cell) if isinstance(cell, str) else cell for cell in row] for row in rows
            )
        written.append(path)
    return written


__all__ = [
    "FORMATS",
    "GraphData",
    "archi_id",
    "archi_tables",
    "read_graph",
    "to_graphml",
    "to_json",
    "write_archi_csv",
]
