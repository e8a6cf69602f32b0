"""The export formats, exactly, on a hand-built graph (no database)."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from kg.export import (
    ELEMENT_TYPES,
    MODEL_CLASSES,
    RELATION_TYPES,
    GraphData,
    archi_id,
    archi_tables,
    to_graphml,
    to_json,
    to_model,
    write_archi_csv,
)
from kg.model import Monitor, Provenance, Report, Source
from kg.schema import FACT_LABELS, FACT_TYPES

A = "doc:a"


def stated(*statements: tuple[int, int, int, str]) -> dict[str, list[Any]]:
    """Provenance lists of source A's statements (page, start, end, sentence)."""
    return {
        "sources": [A], "stated_in": [A] * len(statements),
        "pages": [s[0] for s in statements], "starts": [s[1] for s in statements],
        "ends": [s[2] for s in statements], "sentences": [s[3] for s in statements],
    }


def node(label: str, node_id: str, **props: Any) -> dict[str, Any]:
    return {"label": label, "id": node_id, "properties": {"id": node_id, **props}}


def graph() -> GraphData:
    """Two departments (one part of the other), two roles, an area with an activity, an
    output; one relationship of every type, as the export queries return them."""
    nodes = [
        node("Department", "dept:办事处", name="办事处", name_original="辦事處", name_en="Office",
             source_props=["{}"], **stated((1, 10, 20, "辦事處"))),
        node("Department", "dept:审计部", name="审计部"),
        node("Role", "role:主任", name="主任", name_en="Director"),
        node("Role", "role:客户经理", name="客户经理", name_original="客戶經理",
             name_en="Account Manager", **stated((2, 40, 44, "客戶經理"))),
        node("Activity", "activity:区", name="区", name_en="Area", code="1", kind="area"),
        node("Activity", "activity:甲", name="甲", code="1.A", kind="activity",
             description="做<事>", **stated((2, 100, 101, "A.甲"))),
        node("Output", "output:单", name="单", name_en="Form"),
    ]
    rels: list[tuple[str, str, str, dict[str, Any]]] = [
        ("ASSISTS", "role:主任", "activity:甲", {}),
        ("BELONGS_TO", "role:客户经理", "dept:办事处", stated((1, 30, 38, "客戶經理歸屬辦事處"))),
        ("INTERFACES_WITH", "activity:甲", "dept:审计部", {}),
        ("MONITORS", "dept:审计部", "activity:甲", {"rank": "first"}),
        ("MONITORS", "role:主任", "activity:甲", {"rank": "other"}),
        ("PART_OF", "activity:甲", "activity:区", {}),
        ("PART_OF", "dept:审计部", "dept:办事处", {}),
        ("PRODUCES", "activity:甲", "output:单", stated((2, 110, 114, "業務輸出:單"))),
        # stated twice: in 甲's section (page 3) and before it (page 2)
        ("REPORTS_TO", "role:客户经理", "role:主任", {
            "activities": ["activity:甲"], "contexts": ["activity:甲"], "context_sources": [A],
            **stated((2, 50, 60, "客戶經理向主任匯報"), (3, 150, 160, "客戶經理向主任匯報"))}),
        ("RESPONSIBLE", "role:客户经理", "activity:甲", stated((2, 120, 126, "主要責任人:客戶經理"))),
    ]
    return GraphData(nodes, [{"type": t, "start": s, "end": e, "properties": p} for t, s, e, p in rels])


def test_every_label_and_type_has_its_mapping() -> None:
    assert set(MODEL_CLASSES) == set(ELEMENT_TYPES) == set(FACT_LABELS)
    assert set(RELATION_TYPES) == set(FACT_TYPES)
    assert {r["type"] for r in graph().relationships} == set(FACT_TYPES)


def test_model() -> None:
    model = to_model(graph(), Source(id="kg:export"))
    assert model.source == Source(id="kg:export")
    assert [(d.id, d.name, d.name_original, d.name_en, d.parent, d.provenance)
            for d in model.departments] == [
        ("dept:办事处", "办事处", "辦事處", "Office", None, Provenance(page=1, start=10, end=20, text="辦事處")),
        ("dept:审计部", "审计部", None, None, "dept:办事处", None),
    ]
    assert [(r.id, r.name, r.name_original, r.name_en, r.department, r.provenance, r.evidence)
            for r in model.roles] == [
        ("role:主任", "主任", None, "Director", None, None, {}),
        ("role:客户经理", "客户经理", "客戶經理", "Account Manager", "dept:办事处",
         Provenance(page=2, start=40, end=44, text="客戶經理"),
         {"department": Provenance(page=1, start=30, end=38, text="客戶經理歸屬辦事處")}),
    ]
    assert [(o.id, o.name, o.name_en, o.provenance) for o in model.outputs] == [
        ("output:单", "单", "Form", None),
    ]
    area, activity = model.activities
    assert (area.id, area.name, area.name_en, area.code, area.kind, area.parent, area.description,
            area.outputs, area.responsible, area.assists, area.monitors, area.reports,
            area.interface_departments, area.evidence) == (
        "activity:区", "区", "Area", "1", "area", None, None, [], [], [], [], [], [], {})
    assert (activity.id, activity.code, activity.kind, activity.parent, activity.description,
            activity.provenance) == (
        "activity:甲", "1.A", "activity", "activity:区", "做<事>",
        Provenance(page=2, start=100, end=101, text="A.甲"))
    assert activity.outputs == ["output:单"]
    assert activity.responsible == ["role:客户经理"]
    assert activity.assists == ["role:主任"]
    assert activity.monitors == [Monitor(id="dept:审计部", rank="first"), Monitor(id="role:主任", rank="other")]
    assert activity.reports == [Report(**{"from": "role:客户经理", "to": "role:主任"})]
    assert activity.interface_departments == ["dept:审计部"]
    # one statement each; a reporting line's the first in the activity's own section
    assert activity.evidence == {
        "outputs": Provenance(page=2, start=110, end=114, text="業務輸出:單"),
        "reports": Provenance(page=3, start=150, end=160, text="客戶經理向主任匯報"),
        "responsible": Provenance(page=2, start=120, end=126, text="主要責任人:客戶經理"),
    }


def test_json_keeps_every_property() -> None:
    data = json.loads(to_json(graph()))
    assert data["format"] == "kg-graph/1"
    assert data["nodes"] == graph().nodes
    assert data["relationships"] == graph().relationships


def test_graphml() -> None:
    small = GraphData(
        [
            {"label": "Role", "id": "role:甲", "properties": {
                "id": "role:甲", "name": "甲<", "rank": 3, "share": 0.5, "flag": True,
                "pages": [1, 2], "gone": None}},
            {"label": "Activity", "id": "activity:乙", "properties": {
                "id": "activity:乙", "name": "乙", "rank": 2, "share": 1, "flag": False}},
        ],
        [{"type": "RESPONSIBLE", "start": "role:甲", "end": "activity:乙",
          "properties": {"sentences": ["主要責任人:甲"]}}],
    )
    assert to_graphml(small) == """\
<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="n_label" for="node" attr.name="label" attr.type="string" />
  <key id="n_id" for="node" attr.name="id" attr.type="string" />
  <key id="n_name" for="node" attr.name="name" attr.type="string" />
  <key id="n_rank" for="node" attr.name="rank" attr.type="long" />
  <key id="n_share" for="node" attr.name="share" attr.type="double" />
  <key id="n_flag" for="node" attr.name="flag" attr.type="boolean" />
  <key id="n_pages" for="node" attr.name="pages" attr.type="string" />
  <key id="n_gone" for="node" attr.name="gone" attr.type="string" />
  <key id="e_type" for="edge" attr.name="type" attr.type="string" />
  <key id="e_sentences" for="edge" attr.name="sentences" attr.type="string" />
  <graph id="kg" edgedefault="directed">
    <node id="role:甲">
      <data key="n_label">Role</data>
      <data key="n_flag">true</data>
      <data key="n_id">role:甲</data>
      <data key="n_name">甲&lt;</data>
      <data key="n_pages">[1, 2]</data>
      <data key="n_rank">3</data>
      <data key="n_share">0.5</data>
    </node>
    <node id="activity:乙">
      <data key="n_label">Activity</data>
      <data key="n_flag">false</data>
      <data key="n_id">activity:乙</data>
      <data key="n_name">乙</data>
      <data key="n_rank">2</data>
      <data key="n_share">1</data>
    </node>
    <edge id="e0" source="role:甲" target="activity:乙">
      <data key="e_type">RESPONSIBLE</data>
      <data key="e_sentences">["主要責任人:甲"]</data>
    </edge>
  </graph>
</graphml>
"""


def test_graphml_of_every_type() -> None:
    text = to_graphml(graph())
    assert text.count("<node id=") == 7 and text.count("<edge id=") == 10
    assert '<key id="e_context_sources" for="edge" attr.name="context_sources" attr.type="string" />' in text
    assert '<data key="e_pages">[2, 3]</data>' in text


def test_archi_tables() -> None:
    i = archi_id
    office, audit, boss, manager = i("dept:办事处"), i("dept:审计部"), i("role:主任"), i("role:客户经理")
    area, activity, output = i("activity:区"), i("activity:甲"), i("output:单")
    tables = archi_tables(graph())
    assert tables["elements.csv"] == [
        ["ID", "Type", "Name", "Documentation", "Specialization"],
        [i("model", "kg organisation model"), "ArchimateModel", "kg organisation model", "Exported by kg", ""],
        [office, "BusinessActor", "办事处", "", ""],
        [audit, "BusinessActor", "审计部", "", ""],
        [boss, "BusinessRole", "主任", "", ""],
        [manager, "BusinessRole", "客户经理", "", ""],
        [area, "BusinessProcess", "区", "", ""],
        [activity, "BusinessProcess", "甲", "做<事>", ""],
        [output, "BusinessObject", "单", "", ""],
    ]
    rid = {
        "assists": i("ASSISTS", "role:主任", "activity:甲", ""),
        "member": i("BELONGS_TO", "role:客户经理", "dept:办事处", ""),
        "interfaces": i("INTERFACES_WITH", "activity:甲", "dept:审计部", ""),
        "first": i("MONITORS", "dept:审计部", "activity:甲", "first"),
        "other": i("MONITORS", "role:主任", "activity:甲", "other"),
        "sub-activity": i("PART_OF", "activity:甲", "activity:区", ""),
        "sub-department": i("PART_OF", "dept:审计部", "dept:办事处", ""),
        "produces": i("PRODUCES", "activity:甲", "output:单", ""),
        "reports": i("REPORTS_TO", "role:客户经理", "role:主任", ""),
        "responsible": i("RESPONSIBLE", "role:客户经理", "activity:甲", ""),
    }
    assert tables["relations.csv"] == [
        ["ID", "Type", "Name", "Documentation", "Source", "Target", "Specialization"],
        [rid["assists"], "AssignmentRelationship", "assists", "", boss, activity, ""],
        [rid["member"], "AssignmentRelationship", "member", "", office, manager, ""],
        [rid["interfaces"], "AssociationRelationship", "interfaces with", "", activity, audit, ""],
        [rid["first"], "AssignmentRelationship", "first monitor", "", audit, activity, ""],
        [rid["other"], "AssignmentRelationship", "other monitor", "", boss, activity, ""],
        [rid["sub-activity"], "CompositionRelationship", "", "", area, activity, ""],
        [rid["sub-department"], "CompositionRelationship", "", "", office, audit, ""],
        [rid["produces"], "AccessRelationship", "produces", "", activity, output, ""],
        [rid["reports"], "AssociationRelationship", "reports to", "", manager, boss, ""],
        [rid["responsible"], "AssignmentRelationship", "responsible", "", manager, activity, ""],
    ]
    assert tables["properties.csv"] == [
        ["ID", "Key", "Value"],
        [office, "kg:id", "dept:办事处"],
        [office, "name_original", "辦事處"],
        [office, "name_en", "Office"],
        [office, "sources", "doc:a"],
        [audit, "kg:id", "dept:审计部"],
        [boss, "kg:id", "role:主任"],
        [boss, "name_en", "Director"],
        [manager, "kg:id", "role:客户经理"],
        [manager, "name_original", "客戶經理"],
        [manager, "name_en", "Account Manager"],
        [manager, "sources", "doc:a"],
        [area, "kg:id", "activity:区"],
        [area, "name_en", "Area"],
        [area, "code", "1"],
        [area, "kind", "area"],
        [activity, "kg:id", "activity:甲"],
        [activity, "code", "1.A"],
        [activity, "kind", "activity"],
        [activity, "sources", "doc:a"],
        [output, "kg:id", "output:单"],
        [output, "name_en", "Form"],
        [rid["assists"], "kg:type", "ASSISTS"],
        [rid["assists"], "RACI", "S"],
        [rid["member"], "kg:type", "BELONGS_TO"],
        [rid["member"], "sources", "doc:a"],
        [rid["interfaces"], "kg:type", "INTERFACES_WITH"],
        [rid["first"], "kg:type", "MONITORS"],
        [rid["first"], "RACI", "A"],
        [rid["other"], "kg:type", "MONITORS"],
        [rid["other"], "RACI", "C"],
        [rid["sub-activity"], "kg:type", "PART_OF"],
        [rid["sub-department"], "kg:type", "PART_OF"],
        [rid["produces"], "kg:type", "PRODUCES"],
        [rid["produces"], "sources", "doc:a"],
        [rid["reports"], "kg:type", "REPORTS_TO"],
        [rid["reports"], "activities", "甲"],
        [rid["reports"], "sources", "doc:a"],
        [rid["responsible"], "kg:type", "RESPONSIBLE"],
        [rid["responsible"], "RACI", "R"],
        [rid["responsible"], "sources", "doc:a"],
    ]


def test_archi_csv_files(tmp_path: Path) -> None:
    paths = write_archi_csv(graph(), tmp_path / "archi", "模型")
    assert [p.name for p in paths] == ["elements.csv", "relations.csv", "properties.csv"]
    elements = paths[0].read_bytes().decode("utf-8")
    assert elements.startswith(
        '"ID","Type","Name","Documentation","Specialization"\r\n'
        f'"{archi_id("model", "模型")}","ArchimateModel","模型","Exported by kg",""\r\n'
    )


def test_archi_csv_cells_never_run_as_formulas(tmp_path: Path) -> None:
    """#24: names beginning with = + - @ were written as they are (kg raci protected them)."""
    hostile = GraphData(
        [node("Role", "role:=HYPERLINK(1)", name="=HYPERLINK(\"http://x\")"),
         node("Role", "role:+1", name="+cmd"), node("Role", "role:-x", name="-x"),
         node("Role", "role:@SUM", name="@SUM(A1)")],
        [],
    )
    paths = write_archi_csv(hostile, tmp_path / "archi", "m")
    rows = list(csv.reader(paths[0].read_text(encoding="utf-8").splitlines()))
    assert [r[2] for r in rows[2:]] == ["'=HYPERLINK(\"http://x\")", "'+cmd", "'-x", "'@SUM(A1)"]
