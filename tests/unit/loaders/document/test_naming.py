"""loaders.document.naming: canonical names and ids, department and company prefixes."""

from __future__ import annotations

import pytest

from loaders.document.naming import _Naming
from loaders.text import clean


def person(text: str) -> tuple[tuple[str, str] | None, dict[str, str | None], list[str]]:
    """What ``text`` names: (kind, id) or None; the roles' departments; the departments."""
    part = _Naming(clean("1、" + text))
    found = part.person(0, len(part.s))
    return found, {k: r.department for k, r in part.roles.items()}, sorted(part.depts)


@pytest.mark.parametrize(
    ("text", "found", "roles", "depts"),
    [
        ("客户经理", ("role", "role:客户经理"), {"role:客户经理": None}, []),
        ("客戶經理", ("role", "role:客户经理"), {"role:客户经理": None}, []),  # one id for both scripts
        ("(客户经理)", ("role", "role:客户经理"), {"role:客户经理": None}, []),  # edges trimmed
        # a department suffix makes a department
        ("市场部", ("dept", "dept:市场部"), {}, ["dept:市场部"]),
        ("公司客户代表管理部", ("dept", "dept:公司客户代表管理部"), {}, ["dept:公司客户代表管理部"]),
        # a leading department names the role's department (the longest one)
        ("办事处销售副主任", ("role", "role:销售副主任"), {"role:销售副主任": "dept:办事处"}, ["dept:办事处"]),
        # ... but a bare generic title keeps its department in its name
        ("质量管理部经理", ("role", "role:质量管理部经理"), {"role:质量管理部经理": "dept:质量管理部"}, ["dept:质量管理部"]),
        ("办事处主任", ("role", "role:办事处主任"), {"role:办事处主任": "dept:办事处"}, ["dept:办事处"]),
        ("商务部经理", ("role", "role:商务部经理"), {"role:商务部经理": "dept:商务部"}, ["dept:商务部"]),
        ("质量管理部运营经理", ("role", "role:运营经理"), {"role:运营经理": "dept:质量管理部"}, ["dept:质量管理部"]),
        # ... leaving a role of two characters at least
        ("处长", ("role", "role:处长"), {"role:处长": None}, []),
        # a leading 公司 is the company itself
        ("公司总裁", ("role", "role:总裁"), {"role:总裁": None}, []),
        ("本公司总经理", ("role", "role:总经理"), {"role:总经理": None}, []),
        ("公司经理", ("role", "role:经理"), {"role:经理": None}, []),
    ],
)
def test_names(
    text: str, found: tuple[str, str], roles: dict[str, str | None], depts: list[str]
) -> None:
    assert person(text) == (found, roles, depts)


@pytest.mark.parametrize("text", ["", "无", "没有", "暂无", "不适用", "-", "/", ",、"])
def test_words_for_nobody(text: str) -> None:
    assert person(text) == (None, {}, [])


def test_a_name_keeps_its_first_mention() -> None:
    part = _Naming(clean("1、乙客户经理,甲客戶經理"))
    first = part.s.index("客户经理")
    later = part.s.index("客户经理", first + 1)
    # met first at the later place, then at the earlier one: the earlier mention wins
    assert part.entity(part.roles, "role", later, later + 4) == "role:客户经理"
    assert part.roles["role:客户经理"].name_original == "客戶經理"
    assert part.entity(part.roles, "role", first, first + 4) == "role:客户经理"
    entity = part.roles["role:客户经理"]
    assert (entity.name, entity.name_original) == ("客户经理", "客户经理")
    assert (entity.prov.page, entity.prov.start, entity.prov.end) == (1, 3, 7)

