"""Every kind of node and relationship the graph holds has its own style."""

from __future__ import annotations

from kg.schema import FACT_LABELS, FACT_TYPES, MONITOR_RANKS, RANK, SOURCE
from kg.viz import EDGE_STYLES, NODE_STYLES, edge_style_key, node_group
from kg.viz.styles import GROUP_ORDER, LABEL_GROUPS


def test_every_fact_label_and_source_is_a_group_of_its_own() -> None:
    assert set(LABEL_GROUPS) == {*FACT_LABELS, SOURCE}
    assert LABEL_GROUPS == ("Role", "Department", "Activity", "Output", "Source")
    for label in LABEL_GROUPS:
        assert node_group([label], {}) == label
    assert GROUP_ORDER == tuple(NODE_STYLES)


def test_node_group() -> None:
    assert node_group(["Activity"], {"kind": "area"}) == "Area"
    assert node_group(["Activity"], {"kind": "activity"}) == "Activity"
    assert node_group(["Role"], {"kind": "area"}) == "Role"  # only activities are areas
    assert node_group(["KgStaged", "Role"], {}) == "Role"
    assert node_group(("Department", "Role"), {}) == "Role"  # the legend's order decides
    assert node_group(["LoadRun"], {}) == "Other"
    assert node_group([], {}) == "Other"


def test_every_fact_relationship_type_has_a_style() -> None:
    for rel_type in FACT_TYPES:
        if rel_type != "MONITORS":
            assert edge_style_key(rel_type, {}) == rel_type
    for rank in MONITOR_RANKS:
        assert edge_style_key("MONITORS", {RANK: rank}) == f"MONITORS {rank}"
    assert set(EDGE_STYLES) == {
        *(t for t in FACT_TYPES if t != "MONITORS"),
        *(f"MONITORS {rank}" for rank in MONITOR_RANKS),
        "Other",
    }


def test_edge_style_key_of_other_relationships() -> None:
    assert edge_style_key("MONITORS", {}) == "MONITORS other"
    assert edge_style_key("KNOWS", {RANK: "first"}) == "Other"


def test_styles_are_distinct() -> None:
    assert len({(s.shape, s.background) for s in NODE_STYLES.values()}) == len(NODE_STYLES)
    assert len({(s.color, s.dashes) for s in EDGE_STYLES.values()}) == len(EDGE_STYLES)
    assert len({s.title for s in NODE_STYLES.values()}) == len(NODE_STYLES)
    assert len({s.title for s in EDGE_STYLES.values()}) == len(EDGE_STYLES)
