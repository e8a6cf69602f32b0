"""loaders.document.quality: what an extraction measures of itself, and the refusal."""

from __future__ import annotations

from typing import Any

import pytest

from kg.errors import ConfigError, QualityError
from kg.model import Activity, Model, Monitor, Output, Provenance, Report, Role, Source
from loaders.document.quality import Quality, Suspicious, Thresholds, judge, measure
from loaders.document.state import FIELD_TWICE, UNPLACED, DocumentWarning


def prov(page: int) -> Provenance:
    return Provenance(page=page, start=0, end=1, text="x")


def act(name: str, page: int = 1, parent: str | None = "activity:区", **fields: Any) -> Activity:
    return Activity(
        id=f"activity:{name}", name=name, kind="activity", parent=parent, provenance=prov(page),
        **fields,
    )


def role(name: str) -> Role:
    return Role(id=f"role:{name}", name=name, provenance=prov(2))


FULL: dict[str, Any] = {
    "responsible": ["role:甲"],
    "monitors": [Monitor(id="role:乙", rank="first")],
    "reports": [Report(**{"from": "role:甲", "to": "role:乙"})],
}


def model(*activities: Activity, roles: tuple[str, ...] = ("甲", "乙")) -> Model:
    area = Activity(id="activity:区", name="区", kind="area")
    return Model(source=Source(id="doc:x"), roles=[role(r) for r in roles], activities=[area, *activities])


def test_coverage_counts_leaf_activities_only() -> None:
    # 父 has a child: not a leaf, its fields (none) are not counted
    m = model(
        act("父"),
        act("子一", parent="activity:父", **FULL),
        act("子二", page=3, parent="activity:父", responsible=["role:甲"]),
    )
    q = measure(m, [], 100)
    assert (q.leaves, q.with_responsible, q.with_monitors, q.with_reports) == (2, 2, 1, 1)
    assert q.missing == {"responsible": [], "monitors": [("子二", 3)], "reports": [("子二", 3)]}
    assert q.line() == (
        "quality: 2/2 leaf activities with a responsible role, 1/2 with monitors, 1/2 with "
        "report lines; 0 suspicious names; 0 fields stated twice; 0.0% of the text not placed"
    )
    assert q.reasons(Thresholds()) == []


@pytest.mark.parametrize(
    ("kind", "name", "reason"),
    [
        # a field label swallowed with what follows it
        ("activity", "客户拜访业务描述定期拜访", "holds the field label '业务描述'"),
        ("output", "评估报告主要责任人采购经理", "holds the field label '主要责任人'"),
        ("role", "客户经理汇报关系", "holds the field label '汇报关系'"),
        ("role", "第一监控人客户经理", "holds the field label '第一监控人'"),
        # outline numbers of every common scheme
        ("output", "客户档案2.2客户回访", "holds the outline number '2.2'"),
        ("activity", "市场3.1.2调研", "holds the outline number '3.1.2'"),
        ("activity", "客户关系B.客户拜访", "holds the outline number 'B.'"),
        ("activity", "二、客户关系", "holds the outline number '二、'"),
        ("output", "报告A二、客户关系", "holds the outline number '二、'"),
        ("activity", "拜访(1)准备", "holds the outline number '(1)'"),
        ("activity", "拜访(三)准备", "holds the outline number '(三)'"),
        ("output", "报告②附件", "holds the outline number '②'"),
        # names joined with a separator
        ("role", "甲、乙", "joins several names: 甲 / 乙"),
        ("role", "客户经理,主任", "joins several names: 客户经理 / 主任"),
        ("role", "甲和乙", "joins the names 甲 / 乙"),
    ],
)
def test_suspicious_names(kind: str, name: str, reason: str) -> None:
    m = model(act("甲乙", **FULL))
    if kind == "activity":
        m.activities.append(act(name, page=4))
    elif kind == "role":
        m.roles.append(Role(id=f"role:{name}", name=name, provenance=prov(4)))
    else:
        m.outputs.append(Output(id=f"output:{name}", name=name, provenance=prov(4)))
    assert measure(m, [], 10).suspicious == [Suspicious(kind, f"{kind}:{name}", name, 4, reason)]


@pytest.mark.parametrize(
    ("kinds", "name"),
    [
        # a label at the end is the name's head noun: a role, an output
        ("role", "项目责任人"),
        ("role", "系统管理者"),
        ("output", "项目交付件"),
        # two-character labels are ordinary words
        ("activity output role", "汇报材料"),
        ("activity output", "需求描述编写"),
        # digits and Latin letters that are no outline number
        ("activity output role", "3D设计师"),
        ("activity output role", "BOM管理员"),
        ("activity output", "ISO9001认证"),
        ("activity output", "V1.0版本规划"),
        ("activity output", "统一、规范市场信息"),  # a numeral inside a word
        # 和 inside one name, neither part a known name
        ("activity output", "市场分析和预测报告"),
    ],
)
def test_ordinary_names_are_not_suspicious(kinds: str, name: str) -> None:
    m = model(act("甲乙", **FULL))
    if "activity" in kinds:
        m.activities.append(act(name, **FULL))
    if "output" in kinds:
        m.outputs.append(Output(id=f"output:{name}", name=name))
    if "role" in kinds:
        m.roles.append(Role(id=f"role:{name}", name=name))
    assert measure(m, [], 10).suspicious == []


def test_fields_twice_and_unplaced_text_come_from_the_warnings() -> None:
    warnings = [
        DocumentWarning(2, "activity:甲: a second '业务描述' statement: kept both", FIELD_TWICE),
        DocumentWarning(3, "unplaced text: '某某'", UNPLACED, 30),
        DocumentWarning(3, "two activities named '甲'"),
    ]
    q = measure(model(act("甲", **FULL)), warnings, 200)
    assert q.fields_twice == [warnings[0]]
    assert (q.unplaced_chars, q.unplaced_share) == (30, 0.15)
    assert q.reasons(Thresholds()) == [
        "page 2: activity:甲: a second '业务描述' statement: kept both (a heading was missed)",
        "15% of the text not placed in the model (at most 10% expected): see the warnings",
    ]


def test_reasons_one_per_failed_check_first_then_the_rest() -> None:
    m = model(
        act("甲、乙"),  # no fields, and a joined name
        act("丙(1)"),
        act("丁", responsible=["role:甲"]),
        act("戊", **FULL),
    )
    q = measure(m, [], 10)
    # reports (1/4 = 25%) pass a bar of 20%
    assert q.reasons(Thresholds(min_reports=0.2)) == [
        "activity '甲、乙' (page 1) joins the names 甲 / 乙",
        "only 2/4 leaf activities with a responsible role (at least 80% expected); without: "
        "甲、乙 (page 1), 丙(1) (page 1)",
        "only 1/4 leaf activities with monitors (at least 50% expected); without: 甲、乙 (page "
        "1), 丙(1) (page 1), 丁 (page 1)",
        "activity '丙(1)' (page 1) holds the outline number '(1)'",
    ]
    assert q.reasons(Thresholds())[3] == (
        "only 1/4 leaf activities with report lines (at least 30% expected); without: 甲、乙 "
        "(page 1), 丙(1) (page 1), 丁 (page 1)"
    )


def test_judge_refuses_with_three_reasons_or_records_the_acceptance() -> None:
    m = model(act("甲"), act("乙"), act("丙"), act("丁", **FULL))
    q = measure(m, [], 10)
    with pytest.raises(QualityError) as err:
        judge(m, q, "doc.txt", Thresholds())
    assert err.value.exit_code == 4
    assert err.value.message == (
        "doc.txt: refused: the extracted model looks wrong (below the quality thresholds)"
    )
    assert err.value.details == [
        "only 1/4 leaf activities with a responsible role (at least 80% expected); without: "
        "甲 (page 1), 乙 (page 1), 丙 (page 1)",
        "only 1/4 leaf activities with monitors (at least 50% expected); without: 甲 (page 1), "
        "乙 (page 1), 丙 (page 1)",
        "only 1/4 leaf activities with report lines (at least 30% expected); without: 甲 "
        "(page 1), 乙 (page 1), 丙 (page 1)",
        q.line() + ". Nothing was written; to take the model anyway: --accept-partial "
        "(recorded in the source)",
    ]
    taken = judge(m, q, "doc.txt", Thresholds(), accept_partial=True)
    assert taken.source.accepted_partial == q.line()
    assert m.source.accepted_partial is None  # the model given is not changed
    passing = judge(m, q, "doc.txt", Thresholds(0.25, 0.25, 0.25))
    assert passing is m and passing.source.accepted_partial is None


def test_thresholds_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_QUALITY_MIN_RESPONSIBLE", "60")
    monkeypatch.setenv("KG_QUALITY_MAX_SUSPICIOUS", "2")
    assert Thresholds.from_env() == Thresholds(min_responsible=0.6, max_suspicious=2)
    monkeypatch.setenv("KG_QUALITY_MAX_UNPLACED", "150")
    with pytest.raises(ConfigError, match=r"KG_QUALITY_MAX_UNPLACED='150': expected a whole percentage") as err:
        Thresholds.from_env()
    assert err.value.exit_code == 2


def test_as_dict() -> None:
    q = Quality(leaves=2, with_responsible=1, with_monitors=2, with_reports=2, text_chars=10)
    assert q.as_dict(Thresholds()) == {
        "leaf_activities": 2,
        "with_responsible": 1,
        "with_monitors": 2,
        "with_reports": 2,
        "suspicious_names": [],
        "fields_stated_twice": [],
        "unplaced_share": 0.0,
        "passed": False,
        "reasons": ["only 1/2 leaf activities with a responsible role (at least 80% expected)"],
    }
