"""Object access through the neomodel classes, on the loaded seed."""

from __future__ import annotations

from typing import Any

import pytest

from kg.api import Graph
from kg.config import Settings
from kg.errors import QueryError
from kg.ogm import Activity, Role

pytestmark = pytest.mark.neo4j


def test_role_object_and_its_relationships(seed_graph: Graph, settings: Settings) -> None:
    found = seed_graph.node("Role", "account manager")
    assert isinstance(found, Role)
    manager: Any = found  # its relationship managers are built per object: untyped
    assert (manager.uid, manager.name, manager.name_original) == ("role:客户经理", "客户经理", "客戶經理")
    assert sorted(a.name for a in manager.responsible_for.all()) == sorted([
        "公司自身分析", "客户关系评估与分析", "客户关系规划",
        "客户分析", "客户意见直接反馈", "市场信息收集与维护", "建立新的客户关系",
        "改进已有的客户关系", "竞争对手分析",
    ])
    director = seed_graph.node("Role", "办事处主任")
    line = manager.reports_to.relationship(director)
    assert line.activities == ["activity:客户意见直接反馈"]
    assert line.pages == [2]
    assert [d.uid for d in manager.belongs_to.all()] == ["dept:办事处"]


def test_activity_object(seed_graph: Graph, settings: Settings) -> None:
    found = seed_graph.node("Activity", "客戶意見直接反饋")  # original script
    assert isinstance(found, Activity)
    feedback: Any = found  # its relationship managers are built per object: untyped
    assert (feedback.code, feedback.kind) == ("2.A", "activity")
    assert [a.name for a in feedback.part_of.all()] == ["客户关系"]
    assert [o.name for o in feedback.produces.all()] == ["客户意见反馈单"]
    assert [d.name for d in feedback.interfaces_with.all()] == ["公司客户代表管理部"]


def test_unknown_name(seed_graph: Graph, settings: Settings) -> None:
    with pytest.raises(QueryError, match="no role is named '总裁'"):
        seed_graph.node("Role", "总裁")
