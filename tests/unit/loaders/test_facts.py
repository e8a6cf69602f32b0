"""loaders.facts: the facts a model states and the diff of two fact sets, exactly. No Neo4j."""

from __future__ import annotations

from kg.model import (
    Activity,
    Department,
    Model,
    Monitor,
    Output,
    Provenance,
    Report,
    Role,
    Source,
)
from loaders.facts import (
    Facts,
    NodeFact,
    RelFact,
    add_rel_facts,
    count_references,
    diff,
    group_rels,
    node_facts,
    to_facts,
)


def prov(page: int, start: int, end: int, text: str) -> Provenance:
    return Provenance(page=page, start=start, end=end, text=text)


DEPT = prov(1, 0, 3, "审计部")
MANAGER = prov(1, 10, 12, "經理")
MEMBER = prov(1, 20, 27, "經理歸屬審計部")
ACT_A = prov(2, 100, 103, "A.甲")
RESPONSIBLE_A = prov(2, 110, 118, "主要責任人:專員")
ACT_B = prov(3, 200, 203, "B.乙")
REPORTS_B = prov(3, 210, 222, "匯報關系:專員向經理匯報")


def stmt(p: Provenance) -> tuple[int, int, int, str]:
    return (p.page, p.start, p.end, p.text)


def model() -> Model:
    return Model(
        source=Source(id="doc:t"),
        departments=[
            Department(id="dept:审计部", name="审计部", name_en="Audit", provenance=DEPT),
            Department(id="dept:子部", name="子部", parent="dept:审计部"),
        ],
        roles=[
            Role(id="role:经理", name="经理", name_original="經理", department="dept:审计部",
                 provenance=MANAGER, evidence={"department": MEMBER}),
            Role(id="role:专员", name="专员"),
        ],
        outputs=[Output(id="output:报告", name="报告")],
        activities=[
            Activity(id="activity:区域", name="区域", code="1", kind="area"),
            Activity(
                id="activity:甲", name="甲", code="1.A", parent="activity:区域", description="描述",
                outputs=["output:报告"], responsible=["role:专员"], assists=["role:经理"],
                monitors=[Monitor(id="role:经理", rank="first"), Monitor(id="dept:审计部", rank="other")],
                reports=[Report.model_validate({"from": "role:专员", "to": "role:经理"})],
                interface_departments=["dept:审计部"],
                provenance=ACT_A, evidence={"responsible": RESPONSIBLE_A},
            ),
            Activity(
                id="activity:乙", name="乙", parent="activity:区域", responsible=["role:专员"],
                reports=[Report.model_validate({"from": "role:专员", "to": "role:经理"})],
                provenance=ACT_B, evidence={"reports": REPORTS_B},
            ),
        ],
    )


EXPECTED_NODES = {
    ("Department", "dept:审计部"): NodeFact(
        "Department", "dept:审计部", {"name": "审计部", "name_en": "Audit"}, {stmt(DEPT)}),
    ("Department", "dept:子部"): NodeFact("Department", "dept:子部", {"name": "子部"}),
    ("Role", "role:经理"): NodeFact(
        "Role", "role:经理", {"name": "经理", "name_original": "經理"}, {stmt(MANAGER)}),
    ("Role", "role:专员"): NodeFact("Role", "role:专员", {"name": "专员"}),
    ("Output", "output:报告"): NodeFact("Output", "output:报告", {"name": "报告"}),
    ("Activity", "activity:区域"): NodeFact(
        "Activity", "activity:区域", {"name": "区域", "code": "1", "kind": "area"}),
    ("Activity", "activity:甲"): NodeFact(
        "Activity", "activity:甲",
        {"name": "甲", "code": "1.A", "kind": "activity", "description": "描述"}, {stmt(ACT_A)}),
    ("Activity", "activity:乙"): NodeFact(
        "Activity", "activity:乙", {"name": "乙", "kind": "activity"}, {stmt(ACT_B)}),
}

_REL_LIST = [
    RelFact("PART_OF", "Department", "dept:子部", "Department", "dept:审计部"),
    RelFact("BELONGS_TO", "Role", "role:经理", "Department", "dept:审计部", None, {stmt(MEMBER)}),
    RelFact("PART_OF", "Activity", "activity:甲", "Activity", "activity:区域", None, {stmt(ACT_A)}),
    RelFact("PRODUCES", "Activity", "activity:甲", "Output", "output:报告", None, {stmt(ACT_A)}),
    RelFact("RESPONSIBLE", "Role", "role:专员", "Activity", "activity:甲", None, {stmt(RESPONSIBLE_A)}),
    RelFact("ASSISTS", "Role", "role:经理", "Activity", "activity:甲", None, {stmt(ACT_A)}),
    RelFact("MONITORS", "Role", "role:经理", "Activity", "activity:甲", "first", {stmt(ACT_A)}),
    RelFact("MONITORS", "Department", "dept:审计部", "Activity", "activity:甲", "other", {stmt(ACT_A)}),
    # one line stated in two activities: both statements, both contexts
    RelFact("REPORTS_TO", "Role", "role:专员", "Role", "role:经理", None,
            {stmt(ACT_A), stmt(REPORTS_B)}, {"activity:甲", "activity:乙"}),
    RelFact("INTERFACES_WITH", "Activity", "activity:甲", "Department", "dept:审计部", None, {stmt(ACT_A)}),
    RelFact("PART_OF", "Activity", "activity:乙", "Activity", "activity:区域", None, {stmt(ACT_B)}),
    RelFact("RESPONSIBLE", "Role", "role:专员", "Activity", "activity:乙", None, {stmt(ACT_B)}),
]
EXPECTED_RELS = {r.key: r for r in _REL_LIST}


def test_to_facts_states_every_node_and_relationship_with_its_statements() -> None:
    facts = to_facts(model())
    assert facts.nodes == EXPECTED_NODES
    assert list(facts.nodes) == list(EXPECTED_NODES)  # departments, roles, outputs, activities
    assert facts.rels == EXPECTED_RELS
    assert list(facts.rels) == list(EXPECTED_RELS)  # in the order the model states them


def test_relationship_keys_and_descriptions() -> None:
    monitor = EXPECTED_RELS[("MONITORS", "role:经理", "activity:甲", "first")]
    assert monitor.describe() == "(role:经理)-[:MONITORS {rank: first}]->(activity:甲)"
    line = EXPECTED_RELS[("REPORTS_TO", "role:专员", "role:经理", "")]
    assert line.key == ("REPORTS_TO", "role:专员", "role:经理", "")
    assert line.describe() == "(role:专员)-[:REPORTS_TO]->(role:经理)"


def test_nodes_first_then_relationships_make_the_same_facts() -> None:
    m = model()
    facts = node_facts(m)
    assert facts.nodes == EXPECTED_NODES and facts.rels == {}
    add_rel_facts(m, facts)
    assert facts.rels == EXPECTED_RELS


def test_count_references_bounds_the_relationships() -> None:
    # 1 department parent, 1 role department; 甲: parent, output, responsible, assists,
    # 2 monitors, report, interface = 8; 乙: parent, responsible, report = 3
    assert count_references(model()) == 13
    assert len(EXPECTED_RELS) == 12  # the two statements of one reporting line merge


def test_group_rels_by_shape() -> None:
    groups = group_rels(_REL_LIST)
    assert {shape: [r.key for r in rels] for shape, rels in groups.items()} == {
        ("PART_OF", "Department", "Department"): [("PART_OF", "dept:子部", "dept:审计部", "")],
        ("BELONGS_TO", "Role", "Department"): [("BELONGS_TO", "role:经理", "dept:审计部", "")],
        ("PART_OF", "Activity", "Activity"): [
            ("PART_OF", "activity:甲", "activity:区域", ""),
            ("PART_OF", "activity:乙", "activity:区域", ""),
        ],
        ("PRODUCES", "Activity", "Output"): [("PRODUCES", "activity:甲", "output:报告", "")],
        ("RESPONSIBLE", "Role", "Activity"): [
            ("RESPONSIBLE", "role:专员", "activity:甲", ""),
            ("RESPONSIBLE", "role:专员", "activity:乙", ""),
        ],
        ("ASSISTS", "Role", "Activity"): [("ASSISTS", "role:经理", "activity:甲", "")],
        ("MONITORS", "Role", "Activity"): [("MONITORS", "role:经理", "activity:甲", "first")],
        ("MONITORS", "Department", "Activity"): [("MONITORS", "dept:审计部", "activity:甲", "other")],
        ("REPORTS_TO", "Role", "Role"): [("REPORTS_TO", "role:专员", "role:经理", "")],
        ("INTERFACES_WITH", "Activity", "Department"): [
            ("INTERFACES_WITH", "activity:甲", "dept:审计部", ""),
        ],
    }


ZERO = {"added": 0, "removed": 0, "changed": 0}


def test_no_change_no_diff() -> None:
    d = diff(to_facts(model()), to_facts(model()))
    assert (d.upsert_nodes, d.retract_nodes, d.upsert_rels, d.retract_rels) == ([], [], [], [])
    assert d.counts == {"nodes": {}, "relationships": {}}
    assert d.changes == []
    assert d.totals() == {
        "nodes_added": 0, "nodes_removed": 0, "nodes_changed": 0,
        "relationships_added": 0, "relationships_removed": 0, "relationships_changed": 0,
    }


def test_diff_of_an_edit() -> None:
    """The manager's original name differs, a second output appears, activity 乙 goes."""
    edited = model()
    edited.roles[0].name_original = "経理"
    edited.outputs.append(Output(id="output:清单", name="清单"))
    edited.activities[1].outputs.append("output:清单")
    del edited.activities[2]
    desired, current = to_facts(edited), to_facts(model())

    d = diff(desired, current)
    assert d.upsert_nodes == [
        NodeFact("Role", "role:经理", {"name": "经理", "name_original": "経理"}, {stmt(MANAGER)}),
        NodeFact("Output", "output:清单", {"name": "清单"}),
    ]
    assert d.retract_nodes == [EXPECTED_NODES[("Activity", "activity:乙")]]
    assert d.upsert_rels == [
        RelFact("PRODUCES", "Activity", "activity:甲", "Output", "output:清单", None, {stmt(ACT_A)}),
        # still stated, by 甲 alone now: one statement and one context less
        RelFact("REPORTS_TO", "Role", "role:专员", "Role", "role:经理", None,
                {stmt(ACT_A)}, {"activity:甲"}),
    ]
    assert d.retract_rels == [
        EXPECTED_RELS[("PART_OF", "activity:乙", "activity:区域", "")],
        EXPECTED_RELS[("RESPONSIBLE", "role:专员", "activity:乙", "")],
    ]
    assert d.counts == {
        "nodes": {
            "Role": {**ZERO, "changed": 1},
            "Output": {**ZERO, "added": 1},
            "Activity": {**ZERO, "removed": 1},
        },
        "relationships": {
            "PRODUCES": {**ZERO, "added": 1},
            "REPORTS_TO": {**ZERO, "changed": 1},
            "PART_OF": {**ZERO, "removed": 1},
            "RESPONSIBLE": {**ZERO, "removed": 1},
        },
    }
    assert d.changes == [
        ("changed", "node", "Role", "role:经理"),
        ("added", "node", "Output", "output:清单"),
        ("removed", "node", "Activity", "activity:乙"),
        ("added", "relationship", "PRODUCES", "(activity:甲)-[:PRODUCES]->(output:清单)"),
        ("changed", "relationship", "REPORTS_TO", "(role:专员)-[:REPORTS_TO]->(role:经理)"),
        ("removed", "relationship", "PART_OF", "(activity:乙)-[:PART_OF]->(activity:区域)"),
        ("removed", "relationship", "RESPONSIBLE", "(role:专员)-[:RESPONSIBLE]->(activity:乙)"),
    ]
    assert d.totals() == {
        "nodes_added": 1, "nodes_removed": 1, "nodes_changed": 1,
        "relationships_added": 1, "relationships_removed": 2, "relationships_changed": 1,
    }


def test_a_statement_alone_changes_a_fact() -> None:
    """Same properties, the sentence moved: the node and the relationship are changed."""
    current, desired = to_facts(model()), to_facts(model())
    moved = (2, 300, 303, "A.甲")
    desired.nodes[("Activity", "activity:甲")].statements = {moved}
    desired.rels[("ASSISTS", "role:经理", "activity:甲", "")].statements = {moved}
    d = diff(desired, current)
    assert d.changes == [
        ("changed", "node", "Activity", "activity:甲"),
        ("changed", "relationship", "ASSISTS", "(role:经理)-[:ASSISTS]->(activity:甲)"),
    ]
    assert d.retract_nodes == [] and d.retract_rels == []


def test_a_new_source_adds_everything() -> None:
    d = diff(to_facts(model()), Facts())
    assert d.upsert_nodes == list(EXPECTED_NODES.values())
    assert d.upsert_rels == _REL_LIST
    assert d.totals() == {
        "nodes_added": 8, "nodes_removed": 0, "nodes_changed": 0,
        "relationships_added": 12, "relationships_removed": 0, "relationships_changed": 0,
    }


def test_withdrawing_everything_removes_everything() -> None:
    d = diff(Facts(), to_facts(model()))
    assert d.retract_nodes == list(EXPECTED_NODES.values())
    assert d.retract_rels == _REL_LIST
    assert d.counts["relationships"]["MONITORS"] == {**ZERO, "removed": 2}


def test_a_property_the_source_stops_stating_is_a_change() -> None:
    from loaders.facts import Facts, NodeFact, diff

    before, after = Facts(), Facts()
    before.nodes[("Role", "role:a")] = NodeFact("Role", "role:a", {"name": "a", "name_en": "A"})
    after.nodes[("Role", "role:a")] = NodeFact("Role", "role:a", {"name": "a"})
    d = diff(after, before)
    assert [n.id for n in d.upsert_nodes] == ["role:a"]
    assert d.counts["nodes"]["Role"]["changed"] == 1
