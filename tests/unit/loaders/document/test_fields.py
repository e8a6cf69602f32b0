"""loaders.document.fields: the activity fields and the grammar of their values."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from loaders.document.fields import FIELD_LABEL, _Fields
from loaders.document.state import _Act
from loaders.text import clean


@dataclass
class Read:
    """What the fields of one activity gave: its values, the warnings, the entities."""

    values: dict[str, Any]
    evidence: dict[str, str]
    warnings: list[str]
    roles: dict[str, str | None]
    depts: list[str]
    outputs: list[str]


def read(text: str) -> Read:
    """Read the labelled fields of ``text`` into one activity (each value ends at the next
    label; where a value ends before a heading is the outline's business)."""
    part = _Fields(clean("1、" + text))
    act = _Act(
        id="activity:x",
        code="1.A",
        name="x",
        name_original="x",
        kind="activity",
        parent=None,
        prov=part.prov(0, 1),
    )
    labels = list(FIELD_LABEL.finditer(part.s))
    for i, m in enumerate(labels):
        part.field(act, m, labels[i + 1].start() if i + 1 < len(labels) else len(part.s))
    values = {
        "description": act.description,
        "outputs": act.outputs,
        "responsible": act.responsible,
        "assists": act.assists,
        "monitors": act.monitors,
        "reports": act.reports,
        "interface": act.interface,
    }
    return Read(
        values={k: v for k, v in values.items() if v},
        evidence={k: p.text for k, p in act.evidence.items()},
        warnings=[str(w) for w in part.warnings],
        roles={k: r.department for k, r in part.roles.items()},
        depts=sorted(part.depts),
        outputs=sorted(part.outputs),
    )


# --------------------------------------------------------------------------- outputs
@pytest.mark.parametrize(
    ("text", "outputs"),
    [
        # 和/及 inside an output name coordinate words of one deliverable
        (
            "业务输出:准确及时的市场信息,客户关系改进策划及实施计划",
            ["output:准确及时的市场信息", "output:客户关系改进策划及实施计划"],
        ),
        # ... except in the enumeration A、B和C
        (
            "业务输出:客户拜访报告、客户档案和客户反馈单",
            ["output:客户拜访报告", "output:客户档案", "output:客户反馈单"],
        ),
        ("业务输出:甲报告;乙报告", ["output:甲报告", "output:乙报告"]),
        ("工作输出:市场分析报告", ["output:市场分析报告"]),
    ],
)
def test_outputs(text: str, outputs: list[str]) -> None:
    got = read(text)
    assert got.values == {"outputs": outputs}
    assert got.outputs == sorted(outputs)
    assert got.evidence == {"outputs": text}
    assert got.warnings == []


# --------------------------------------------------------------------------- description
def test_an_interface_clause_inside_a_description_is_taken_out() -> None:
    got = read("业务描述:收集客户意见,接口部门为公司客户代表管理部,并跟踪处理。")
    assert got.values == {"description": "收集客户意见,并跟踪处理", "interface": ["dept:公司客户代表管理部"]}
    assert got.evidence == {
        "interface_departments": "接口部门为公司客户代表管理部",
        "description": "业务描述:收集客户意见,接口部门为公司客户代表管理部,并跟踪处理",
    }
    assert got.warnings == []


def test_interface_departments_field() -> None:
    got = read("接口部门:市场部、质量管理部")
    assert got.values == {"interface": ["dept:市场部", "dept:质量管理部"]}
    assert got.depts == ["dept:市场部", "dept:质量管理部"]


# --------------------------------------------------------------------------- people
def test_responsible_and_assists_lists() -> None:
    got = read("主要责任人:客户经理和产品经理协助人:行政助理、技术助理及办事处秘书")
    assert got.values == {
        "responsible": ["role:客户经理", "role:产品经理"],
        "assists": ["role:行政助理", "role:技术助理", "role:办事处秘书"],
    }
    assert got.roles["role:办事处秘书"] == "dept:办事处"
    assert got.warnings == []


def test_nobody_assists_is_stated_but_names_no_one() -> None:
    got = read("主要责任人:客户经理协助人:无")
    assert got.values == {"responsible": ["role:客户经理"]}
    assert got.evidence == {"responsible": "主要责任人:客户经理", "assists": "协助人:无"}


def test_a_department_cannot_be_responsible() -> None:
    got = read("主要责任人:质量部")
    assert got.values == {}
    assert got.depts == ["dept:质量部"]
    assert got.warnings == ["page 1: activity:x: dept:质量部 is a department, not a role: ignored"]


def test_label_synonyms() -> None:
    got = read("工作描述:做事责任人:专员协助者:助理监控人:第一监控人是主任")
    assert got.values == {
        "description": "做事",
        "responsible": ["role:专员"],
        "assists": ["role:助理"],
        "monitors": [("role:主任", "first")],
    }
    assert got.evidence == {
        "description": "工作描述:做事",
        "responsible": "责任人:专员",
        "assists": "协助者:助理",
        "monitors": "监控人:第一监控人是主任",
    }


# --------------------------------------------------------------------------- monitors
def test_ranked_monitors() -> None:
    got = read("管理者:第一监控人为办事处主任,其他监控人为产品副主任和公司客户代表管理部")
    assert got.values == {
        "monitors": [
            ("role:办事处主任", "first"),
            ("role:产品副主任", "other"),
            ("dept:公司客户代表管理部", "other"),
        ]
    }
    assert got.roles == {"role:办事处主任": "dept:办事处", "role:产品副主任": None}
    assert got.warnings == []


def test_monitors_without_ranks_are_first_with_a_warning() -> None:
    got = read("管理者:办事处主任")
    assert got.values == {"monitors": [("role:办事处主任", "first")]}
    assert got.warnings == ["page 1: activity:x: monitors without ranks: '办事处主任' read as first"]


def test_unplaced_text_in_the_monitors_is_a_warning() -> None:
    got = read("管理者:第一监控人为主任,另有说明")
    assert got.values == {"monitors": [("role:主任", "first")]}
    assert got.warnings == ["page 1: activity:x: unplaced text in the monitors: ',另有说明'"]


def test_a_monitor_is_ranked_once() -> None:
    got = read("管理者:第一监控人为主任,其他监控人为主任和秘书")
    assert got.values == {"monitors": [("role:主任", "first"), ("role:秘书", "other")]}


# --------------------------------------------------------------------------- reports
def test_report_lines() -> None:
    got = read("汇报关系:客户经理向办事处主任、行政助理汇报,产品经理向主任汇报,客户经理向主任汇报")
    assert got.values == {
        "reports": [
            ("role:客户经理", "role:办事处主任"),
            ("role:客户经理", "role:行政助理"),
            ("role:产品经理", "role:主任"),
            ("role:客户经理", "role:主任"),  # a bare 主任 is another role than 办事处主任
        ]
    }
    assert got.warnings == []


def test_a_report_clause_without_a_subject_keeps_the_previous_one() -> None:
    got = read("汇报关系:客户经理向办事处主任汇报,向行政助理汇报")
    assert got.values == {
        "reports": [("role:客户经理", "role:办事处主任"), ("role:客户经理", "role:行政助理")]
    }
    assert got.warnings == []


def test_a_report_line_from_a_department_is_a_warning() -> None:
    got = read("汇报关系:市场部向主任汇报")
    assert got.values == {}
    assert got.warnings == ["page 1: activity:x: a report line from a non-role: '市场部'"]


def test_text_around_report_clauses_is_a_warning() -> None:
    got = read("汇报关系:另外,客户经理向主任汇报然后")
    assert got.values == {"reports": [("role:客户经理", "role:主任")]}
    assert got.warnings == [
        "page 1: activity:x: unplaced text in the report lines: '另外'",
        "page 1: activity:x: unplaced text in the report lines: '然后'",
    ]


# --------------------------------------------------------------------------- statements
def test_a_second_statement_of_a_field_is_kept_with_a_warning() -> None:
    got = read("业务输出:甲报告业务输出:乙报告")
    assert got.values == {"outputs": ["output:甲报告", "output:乙报告"]}
    assert got.evidence == {"outputs": "业务输出:甲报告"}  # the first statement's
    assert got.warnings == ["page 1: activity:x: a second '业务输出' statement: kept both"]


def test_an_empty_field_is_a_warning() -> None:
    got = read("业务描述:做事主要责任人:,")
    assert got.values == {"description": "做事"}
    assert got.evidence == {"description": "业务描述:做事"}
    assert got.warnings == ["page 1: empty field '主要责任人:' in activity:x"]


# --------------------------------------------------------------------------- #19: the grammar
@pytest.mark.parametrize(
    ("text", "reports"),
    [
        # joined subjects: each subject reports
        ("汇报关系:客户经理、产品经理向办事处主任汇报", [("客户经理", "办事处主任"), ("产品经理", "办事处主任")]),
        ("汇报关系:客户经理和产品经理向主任汇报", [("客户经理", "主任"), ("产品经理", "主任")]),
        ("汇报关系:客户经理及产品经理向主任、秘书汇报", [
            ("客户经理", "主任"), ("产品经理", "主任"), ("客户经理", "秘书"), ("产品经理", "秘书"),
        ]),
        # ... and both go on to a clause without a subject
        ("汇报关系:甲专员、乙专员向主任汇报,向秘书汇报", [
            ("甲专员", "主任"), ("乙专员", "主任"), ("甲专员", "秘书"), ("乙专员", "秘书"),
        ]),
    ],
)
def test_joined_subjects_each_report(text: str, reports: list[tuple[str, str]]) -> None:
    got = read(text)
    assert got.values == {"reports": [(f"role:{a}", f"role:{b}") for a, b in reports]}
    assert sorted(got.roles) == sorted({f"role:{x}" for pair in reports for x in pair})
    assert got.warnings == []


def test_a_department_among_joined_subjects_is_a_warning_the_roles_report() -> None:
    got = read("汇报关系:客户经理、市场部向主任汇报")
    assert got.values == {"reports": [("role:客户经理", "role:主任")]}
    assert got.warnings == ["page 1: activity:x: a report line from a non-role: '市场部'"]


@pytest.mark.parametrize(
    "text",
    [
        "管理者:第一监控人:办事处主任;其他监控人:产品经理、市场部",
        "管理者：第一监控人：办事处主任；其他监控人：产品经理、市场部",  # full-width
        "管理者∶第一监控人∶办事处主任﹔其他监控人﹕产品经理﹑市场部",  # ratio sign, small forms
        # without 管理者: the first rank starts the field
        "第一监控人:办事处主任;其他监控人:产品经理和市场部",
        "第一监控人：办事处主任；其他监控人：产品经理、市场部",
    ],
)
def test_monitors_ranked_with_colons(text: str) -> None:
    got = read(text)
    assert got.values == {
        "monitors": [("role:办事处主任", "first"), ("role:产品经理", "other"), ("dept:市场部", "other")]
    }
    assert got.warnings == []


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("业务描述", "description"),
        ("工作描述", "description"),
        ("活动描述", "description"),
        ("描述", "description"),
        ("业务输出", "outputs"),
        ("工作输出", "outputs"),
        ("输出成果", "outputs"),
        ("交付件", "outputs"),
        ("输出", "outputs"),
        ("主要责任人", "responsible"),
        ("主要负责人", "responsible"),
        ("责任人", "responsible"),
        ("负责人", "responsible"),
        ("责任角色", "responsible"),
        ("协助人", "assists"),
        ("协助者", "assists"),
        ("配合人", "assists"),
        ("参与人", "assists"),
        ("管理者", "monitors"),
        ("监控人", "monitors"),
        ("监督人", "monitors"),
        ("汇报关系", "reports"),
        ("汇报", "reports"),
    ],
)
def test_every_synonym_of_a_label_with_either_colon(label: str, field: str) -> None:
    values = {
        "description": ("收集客户意见", "收集客户意见"),
        "outputs": ("拜访报告", ["output:拜访报告"]),
        "responsible": ("客户经理", ["role:客户经理"]),
        "assists": ("客户经理", ["role:客户经理"]),
        "monitors": ("第一监控人为客户经理", [("role:客户经理", "first")]),
        "reports": ("客户经理向主任汇报", [("role:客户经理", "role:主任")]),
    }
    text, want = values[field]
    key = field if field != "interface_departments" else "interface"
    for colon in (":", "：", "∶"):
        got = read(f"{label}{colon}{text}")
        assert got.values == {key: want}, colon
        assert got.evidence == {field: f"{label}:{text}"}
        assert got.warnings == []


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("主要责任人:BOM管理员、IT支持", ["role:BOM管理员", "role:IT支持"]),
        ("主要责任人：3D设计师和ERP顾问", ["role:3D设计师", "role:ERP顾问"]),
        ("主要责任人:IT部经理", ["role:IT部经理"]),  # a generic title keeps its department
    ],
)
def test_names_that_start_with_latin_letters_or_digits_are_kept_whole(
    text: str, roles: list[str]
) -> None:
    got = read(text)
    assert got.values == {"responsible": roles}
    assert got.warnings == []


def test_full_width_separators_in_lists() -> None:
    got = read("业务输出：甲报告；乙报告，丙报告协助人：行政助理；技术助理，秘书")
    assert got.values == {
        "outputs": ["output:甲报告", "output:乙报告", "output:丙报告"],
        "assists": ["role:行政助理", "role:技术助理", "role:秘书"],
    }
    assert got.warnings == []
