"""Outline numbers in every common scheme (#19), on folded text (full-width → ASCII)."""

from __future__ import annotations

import pytest

from loaders.document.layouts.numbers import chinese_value, parse_number
from loaders.text import fold_width


@pytest.mark.parametrize(
    ("text", "scheme", "depth", "number", "token", "rest"),
    [
        ("3 资金管理", "decimal", 1, "3", "3", "资金管理"),
        ("3.资金管理", "decimal", 1, "3", "3", "资金管理"),
        ("3.1 资金计划", "decimal", 2, "3.1", "1", "资金计划"),
        ("3.1.2.付款审批", "decimal", 3, "3.1.2", "2", "付款审批"),
        ("3.1.2.1\t网银付款", "decimal", 4, "3.1.2.1", "1", "网银付款"),
        ("３.１２ 现金盘点", "decimal", 2, "3.12", "12", "现金盘点"),
        ("1、采购计划", "digit-comma", 1, "1", "1", "采购计划"),
        ("一、采购计划", "cn", 1, "一", "1", "采购计划"),
        ("十二、合同归档", "cn", 1, "十二", "12", "合同归档"),
        ("（一）需求汇总", "cn-paren", 1, "一", "1", "需求汇总"),
        ("（12）资质审查", "paren", 1, "12", "12", "资质审查"),
        ("1)业务组成图", "digit-paren", 1, "1", "1", "业务组成图"),
        ("③ 现场考察", "circled", 1, "③", "3", "现场考察"),
        ("B.BOM管理", "upper", 1, "B", "B", "BOM管理"),
        ("a.盘点管理", "lower", 1, "a", "a", "盘点管理"),
        ("• 客户拜访", "bullet", 1, "•", "", "客户拜访"),
    ],
)
def test_schemes(text: str, scheme: str, depth: int, number: str, token: str, rest: str) -> None:
    s = fold_width(text)
    got = parse_number(s)
    assert got is not None
    assert (got.scheme, got.depth, got.text, got.token, s[got.end :]) == (scheme, depth, number, token, rest)


@pytest.mark.parametrize(
    "text",
    ["2023年资金计划", "12%的预算", "3", "资金计划", "-5万元", "1.5%", "A1.规格", "(注)说明"],
)
def test_not_a_number(text: str) -> None:
    assert parse_number(fold_width(text)) is None


@pytest.mark.parametrize(
    ("shown", "key"),
    [("1.", ("decimal", 1)), ("1.2.", ("decimal", 2)), ("（一）", ("cn-paren", 1)), ("①", ("circled", 1)),
     ("•", ("bullet", 1)), ("第一章", None)],
)
def test_displayed_numbers_alone(shown: str, key: tuple[str, int] | None) -> None:
    got = parse_number(fold_width(shown), alone=True)
    assert (got.key if got is not None else None) == key


def test_chinese_values() -> None:
    assert [chinese_value(t) for t in ["一", "九", "十", "十一", "二十", "二十三", "一百零五"]] == [
        1, 9, 10, 11, 20, 23, 105
    ]
