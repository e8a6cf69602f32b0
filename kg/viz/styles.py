"""How a view looks: one style per node group and per relationship type, and which group
or style a node or relationship gets. The page's legend lists them in this order."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kg.schema import FACT_LABELS, RANK, SOURCE

FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"


@dataclass(frozen=True)
class NodeStyle:
    title: str  # legend text
    shape: str
    background: str
    border: str
    font_color: str = "#1d2430"
    bold: bool = False


@dataclass(frozen=True)
class EdgeStyle:
    title: str
    color: str
    width: float
    dashes: tuple[int, ...] = ()  # dash and gap lengths; () is a solid line


#: Node style by group (a label; business areas are their own group).
NODE_STYLES: dict[str, NodeStyle] = {
    "Role": NodeStyle("Role 角色", "box", "#dcebfa", "#3f6fb0"),
    "Department": NodeStyle("Department 部门", "database", "#ece3f5", "#7d58a8"),
    "Area": NodeStyle("Business area 业务领域", "box", "#f7b267", "#b86414", "#2b1a05", True),
    "Activity": NodeStyle("Activity 业务活动", "ellipse", "#fde8cf", "#d9822b"),
    "Output": NodeStyle("Output 业务输出", "box", "#e2f2dc", "#4e9a3a"),
    "Source": NodeStyle("Source 来源", "box", "#eeeeee", "#7a7a7a"),
    "Other": NodeStyle("Other 其他", "dot", "#d0d0d0", "#8a8a8a"),
}
#: Edge style by relationship type (MONITORS is split by rank).
EDGE_STYLES: dict[str, EdgeStyle] = {
    "REPORTS_TO": EdgeStyle("reports to 汇报", "#1f3b73", 2.5),
    "RESPONSIBLE": EdgeStyle("responsible 主要责任人", "#c0392b", 2.5),
    "ASSISTS": EdgeStyle("assists 协助人", "#e67e22", 1.8, (8, 5)),
    "MONITORS first": EdgeStyle("first monitor 第一监控人", "#8e44ad", 2.2, (2, 4)),
    "MONITORS other": EdgeStyle("other monitor 其他监控人", "#b98fd0", 1.4, (2, 6)),
    "PRODUCES": EdgeStyle("produces 输出", "#3c8d2f", 1.6),
    "PART_OF": EdgeStyle("part of 属于", "#8c8c8c", 1.4, (12, 6)),
    "BELONGS_TO": EdgeStyle("belongs to 归属部门", "#7d58a8", 1.4, (4, 3)),
    "INTERFACES_WITH": EdgeStyle("interfaces with 接口部门", "#16a2b8", 1.4, (10, 4, 2, 4)),
    "Other": EdgeStyle("other 其他", "#9a9a9a", 1.2),
}
#: The legend's order of node groups.
GROUP_ORDER: tuple[str, ...] = tuple(NODE_STYLES)
#: The labels that are groups of their own (the fact labels and Source), tried in the
#: legend's order on a node with several labels.
LABEL_GROUPS: tuple[str, ...] = tuple(g for g in GROUP_ORDER if g in (*FACT_LABELS, SOURCE))


def node_group(labels: Iterable[str], props: Mapping[str, Any]) -> str:
    labels = set(labels)
    if "Activity" in labels and props.get("kind") == "area":
        return "Area"
    for label in LABEL_GROUPS:
        if label in labels:
            return label
    return "Other"


def edge_style_key(rel_type: str, props: Mapping[str, Any]) -> str:
    if rel_type == "MONITORS":
        return "MONITORS first" if props.get(RANK) == "first" else "MONITORS other"
    return rel_type if rel_type in EDGE_STYLES else "Other"
