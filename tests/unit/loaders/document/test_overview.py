"""loaders.document.overview: the areas the overview names, and membership statements."""

from __future__ import annotations

import pytest

from loaders.document.overview import _numeral, _Overview
from loaders.text import clean


def areas(text: str) -> tuple[list[str], int, list[str]]:
    """The areas named by a one-page text's overview, where it ends, and the warnings."""
    part = _Overview(clean("1、" + text))
    items, end = part.overview(0)
    return [part.s[a:b] for a, b in items], end, [str(w) for w in part.warnings]


def memberships(
    text: str, known: tuple[str, ...] = ()
) -> tuple[dict[str, tuple[str | None, str | None]], list[str], list[str]]:
    """Roles → (department, statement) after reading ``text``'s membership statements, with
    the roles in ``known`` named first (as the sections would); departments; warnings."""
    part = _Overview(clean("1、" + text))
    for name in known:
        i = part.s.index(name)
        part.entity(part.roles, "role", i, i + len(name))
    part.memberships(0, len(part.s))
    roles = {
        r.id: (r.department, r.membership.text if r.membership else None)
        for r in part.roles.values()
    }
    return roles, sorted(part.depts), [str(w) for w in part.warnings]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("4", 4),
        ("12", 12),
        ("四", 4),
        ("两", 2),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("二十三", 23),
        ("九十九", 99),
        ("百", None),
    ],
)
def test_numerals(text: str, number: int | None) -> None:
    assert _numeral(text) == number


def test_overview_names_the_areas_up_to_the_next_numbered_item() -> None:
    text = "1.本模型分为四大业务:客户关系,市场,销售和服务2.客户关系工作"
    assert areas(text) == (["客户关系", "市场", "销售", "服务"], text.index("2.客户"), [])


def test_the_announced_count_decides_whether_he_joins_two_areas() -> None:
    assert areas("本模型分为三大业务:客户关系,市场,销售和服务。")[0] == [
        "客户关系",
        "市场",
        "销售和服务",
    ]
    assert areas("本模型分为两个领域:采购和仓储,运输。")[0] == ["采购和仓储", "运输"]
    # without a count, the last item's 和/及 joins two areas
    assert areas("本模型分为业务:甲,乙和丙。")[0] == ["甲", "乙", "丙"]
    assert areas("本模型分为业务:甲、乙及丙一、总则")[0] == ["甲", "乙", "丙"]


def test_a_count_that_does_not_match_is_a_warning() -> None:
    names, _, warnings = areas("1.本模型分为五大业务:客户关系,市场,销售和服务2.客户关系工作")
    assert names == ["客户关系", "市场", "销售和服务"]
    assert warnings == ["page 1: the overview announces 5 areas but lists 3"]


def test_no_overview() -> None:
    assert areas("本模型分为以下部分:采购,运输。") == ([], 0, [])
    assert areas("没有概述") == ([], 0, [])


def test_membership_statement() -> None:
    roles, depts, warnings = memberships("客户经理直接归属办事处管理。")
    assert roles == {"role:客户经理": ("dept:办事处", "客户经理直接归属办事处管理")}
    assert (depts, warnings) == (["dept:办事处"], [])


def test_membership_of_several_roles_in_the_original_script() -> None:
    roles, _, warnings = memberships("產品經理和技術助理均隸屬於產品部。")
    assert roles == {
        "role:产品经理": ("dept:产品部", "產品經理和技術助理均隸屬於產品部"),
        "role:技术助理": ("dept:产品部", "產品經理和技術助理均隸屬於產品部"),
    }
    assert warnings == []


def test_a_known_role_at_the_end_of_a_long_subject() -> None:
    text = "本系统内负责全部客户工作的一线客户经理直接归属办事处管理"
    roles, _, warnings = memberships(text, known=("客户经理",))
    assert roles == {"role:客户经理": ("dept:办事处", text)}
    assert warnings == []


def test_a_long_unknown_subject_is_a_warning() -> None:
    roles, depts, warnings = memberships("本系统内负责全部客户工作的一线人员直接归属办事处管理")
    assert (roles, depts) == ({}, [])
    assert warnings == [
        "page 1: membership of an unknown role: '本系统内负责全部客户工作的一线人员'"
    ]


def test_prose_that_states_no_membership_is_one_warning_per_run() -> None:
    roles, _, warnings = memberships(
        "本模型說明業務,並且記錄。客戶經理直接歸屬辦事處管理,所反饋的意見可以直接傳遞。另一句話"
    )
    assert roles == {"role:客户经理": ("dept:办事处", "客戶經理直接歸屬辦事處管理")}
    assert warnings == [
        "page 1: prose not in the model: '本模型說明業務,並且記錄'",
        "page 1: prose not in the model: '所反饋的意見可以直接傳遞。另一句話'",
    ]


def test_a_second_department_for_a_role_is_a_warning_and_the_first_is_kept() -> None:
    roles, depts, warnings = memberships("客户经理属于办事处。客户经理属于销售部。")
    assert roles == {"role:客户经理": ("dept:办事处", "客户经理属于办事处")}
    assert depts == ["dept:办事处", "dept:销售部"]
    assert warnings == [
        "page 1: role:客户经理 is stated in dept:办事处 and in dept:销售部; kept dept:办事处"
    ]


def test_a_clause_without_a_subject_takes_its_sentences() -> None:
    """#12.3: ``X对外代表公司组织实施交付,直接归属Y管理`` states that X belongs to Y."""
    roles, depts, warnings = memberships(
        "1.1.客户经理对外代表公司组织实施交付,直接归属办事处管理,负责客户关系。",
        known=("客户经理",),
    )
    assert roles == {"role:客户经理": ("dept:办事处", "直接归属办事处管理")}
    assert depts == ["dept:办事处"]
    assert warnings == [
        "page 1: prose not in the model: '1.1.客户经理对外代表公司组织实施交付'",
        "page 1: prose not in the model: '负责客户关系'",
    ]


def test_a_subject_does_not_cross_a_sentence_end() -> None:
    roles, _, warnings = memberships("客户经理负责交付。直接归属办事处管理。", known=("客户经理",))
    assert roles == {"role:客户经理": (None, None)}
    assert warnings == ["page 1: prose not in the model: '客户经理负责交付。直接归属办事处管理'"]
