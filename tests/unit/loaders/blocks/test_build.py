"""The typed number at the start of a line, in every scheme the readers meet."""

from __future__ import annotations

import pytest

from loaders.blocks.build import split_number


@pytest.mark.parametrize(
    ("line", "split"),
    [
        ("3.1.2 年度资金计划编制", ("3.1.2", "年度资金计划编制")),
        ("3.1.1年度资金计划编制", ("3.1.1", "年度资金计划编制")),
        ("3.1. 资金计划", ("3.1", "资金计划")),
        ("1 目的", ("1", "目的")),
        ("1.报销人填写报销单", ("1", "报销人填写报销单")),
        ("3、付款对账", ("3", "付款对账")),
        ("1) 询价", ("1)", "询价")),
        ("一、采购计划", ("一", "采购计划")),
        ("（一）需求汇总", ("（一）", "需求汇总")),
        ("(1)各部门提交需求", ("(1)", "各部门提交需求")),
        ("① 签字", ("①", "签字")),
        ("A.客户意见直接反馈", ("A", "客户意见直接反馈")),
        ("B.BOM管理", ("B", "BOM管理")),
        ("• 集团总部财务部", ("•", "集团总部财务部")),
        ("\uf0b7 资金管理科", ("•", "资金管理科")),  # a Symbol-font bullet
        ("- 差旅费", ("-", "差旅费")),
        # not numbers: a year, a date, a figure, a number alone, a dash in a word
        ("2020年度预算", None),
        ("25日前提交", None),
        ("2.0）版本说明", None),
        ("3.5%的增长", None),
        ("3.2.1", None),
        ("-1 度", None),
        ("1目的", None),
    ],
)
def test_split_number(line: str, split: tuple[str, str] | None) -> None:
    assert split_number(line) == split
