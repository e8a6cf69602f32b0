"""Word's automatic numbering computed as Word displays it (#19): lvlText, numFmt, start,
restarts of lower levels, lvlOverride/startOverride, lists that continue each other."""

from __future__ import annotations

import pytest
from lxml import etree

from loaders.blocks.numbering import Numbering, fmt_number

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def lvl(ilvl: int, text: str, fmt: str = "decimal", start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>'
    )


def numbering(abstracts: dict[str, str], nums: dict[str, str]) -> Numbering:
    body = "".join(
        f'<w:abstractNum w:abstractNumId="{k}">{v}</w:abstractNum>' for k, v in abstracts.items()
    ) + "".join(f'<w:num w:numId="{k}">{v}</w:num>' for k, v in nums.items())
    return Numbering.parse(etree.fromstring(f'<w:numbering xmlns:w="{W_NS}">{body}</w:numbering>'))


def shown(n: Numbering, paragraphs: list[tuple[str, int]]) -> list[str]:
    out = []
    for num_id, ilvl in paragraphs:
        got = n.next(num_id, ilvl)
        assert got is not None
        out.append(got[0])
    return out


DECIMAL = lvl(0, "%1.") + lvl(1, "%1.%2.") + lvl(2, "%1.%2.%3")


def test_multilevel_decimal_restarts_lower_levels() -> None:
    n = numbering({"0": DECIMAL}, {"1": '<w:abstractNumId w:val="0"/>'})
    got = shown(n, [("1", 0), ("1", 1), ("1", 1), ("1", 2), ("1", 0), ("1", 1), ("1", 2), ("1", 2)])
    assert got == ["1.", "1.1.", "1.2.", "1.2.1", "2.", "2.1.", "2.1.1", "2.1.2"]


def test_a_level_never_used_shows_its_start_value() -> None:
    n = numbering({"0": lvl(0, "%1.", start=3) + lvl(1, "%1.%2.")}, {"1": '<w:abstractNumId w:val="0"/>'})
    assert shown(n, [("1", 1), ("1", 1), ("1", 0), ("1", 1)]) == ["3.1.", "3.2.", "3.", "3.1."]


def test_chinese_outline_formats() -> None:
    levels = (
        lvl(0, "%1、", "chineseCounting")
        + lvl(1, "（%2）", "chineseCounting")
        + lvl(2, "%3.")
        + lvl(3, "（%4）")
        + lvl(4, "%5", "decimalEnclosedCircle")
    )
    n = numbering({"0": levels}, {"1": '<w:abstractNumId w:val="0"/>'})
    got = shown(n, [("1", 0), ("1", 1), ("1", 2), ("1", 3), ("1", 4), ("1", 4), ("1", 3), ("1", 1), ("1", 0)])
    assert got == ["一、", "（一）", "1.", "（1）", "①", "②", "（2）", "（二）", "二、"]


def test_letters_start_and_a_level_that_never_restarts() -> None:
    levels = lvl(0, "%1.", "upperLetter", start=2) + lvl(1, "%2)", "lowerLetter", extra='<w:lvlRestart w:val="0"/>')
    n = numbering({"0": levels}, {"1": '<w:abstractNumId w:val="0"/>'})
    assert shown(n, [("1", 0), ("1", 1), ("1", 1), ("1", 0), ("1", 1)]) == ["B.", "a)", "b)", "C.", "c)"]


def test_restart_only_after_the_level_it_names() -> None:
    # level 3 restarts after a level-1 paragraph only, not after level 2
    levels = lvl(0, "%1.") + lvl(1, "%1.%2.") + lvl(2, "(%3)", extra='<w:lvlRestart w:val="1"/>')
    n = numbering({"0": levels}, {"1": '<w:abstractNumId w:val="0"/>'})
    got = shown(n, [("1", 0), ("1", 2), ("1", 1), ("1", 2), ("1", 0), ("1", 2)])
    assert got == ["1.", "(1)", "1.1.", "(2)", "2.", "(1)"]


def test_instances_continue_one_list_unless_they_override() -> None:
    n = numbering(
        {"0": lvl(0, "%1.")},
        {
            "1": '<w:abstractNumId w:val="0"/>',
            "2": '<w:abstractNumId w:val="0"/>',  # continues list 1
            "3": '<w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>',
            "4": '<w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride>',
        },
    )
    got = shown(n, [("1", 0), ("1", 0), ("2", 0), ("3", 0), ("3", 0), ("4", 0), ("1", 0)])
    assert got == ["1.", "2.", "3.", "1.", "2.", "5.", "4."]


def test_a_level_override_replaces_the_definition() -> None:
    n = numbering(
        {"0": lvl(0, "%1.")},
        {"1": '<w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0">' + lvl(0, "第%1章", "chineseCounting", start=3) + "</w:lvlOverride>"},
    )
    assert shown(n, [("1", 0), ("1", 0)]) == ["第三章", "第四章"]


def test_legal_numbering_bullets_and_traditional_ideographs() -> None:
    levels = (
        lvl(0, "%1、", "chineseCounting")
        + lvl(1, "%1.%2", "decimal", extra="<w:isLgl/>")
        + lvl(2, "\uf0b7", "bullet")
        + lvl(3, "%4、", "ideographTraditional")
    )
    n = numbering({"0": levels}, {"1": '<w:abstractNumId w:val="0"/>'})
    got = shown(n, [("1", 0), ("1", 1), ("1", 0), ("1", 1), ("1", 2), ("1", 3), ("1", 3)])
    assert got == ["一、", "1.1", "二、", "2.1", "\uf0b7", "甲、", "乙、"]


def test_no_numbering_for_an_unknown_instance() -> None:
    n = numbering({"0": lvl(0, "%1.")}, {"1": '<w:abstractNumId w:val="0"/>'})
    assert n.next("0", 0) is None
    assert n.next("7", 0) is None


@pytest.mark.parametrize(
    ("value", "fmt", "text"),
    [
        (3, "decimal", "3"),
        (7, "decimalZero", "07"),
        (12, "decimalFullWidth", "１２"),
        (1, "upperLetter", "A"),
        (27, "upperLetter", "AA"),
        (28, "lowerLetter", "bb"),
        (14, "upperRoman", "XIV"),
        (9, "lowerRoman", "ix"),
        (10, "chineseCounting", "十"),
        (11, "chineseCounting", "十一"),
        (20, "chineseCounting", "二十"),
        (105, "chineseCountingThousand", "一百零五"),
        (110, "chineseCountingThousand", "一百一十"),
        (12, "chineseLegalSimplified", "壹拾贰"),
        (3, "ideographTraditional", "丙"),
        (20, "decimalEnclosedCircle", "⑳"),
        (21, "decimalEnclosedCircle", "21"),
        (4, "somethingNew", "4"),
    ],
)
def test_formats(value: int, fmt: str, text: str) -> None:
    assert fmt_number(value, fmt) == text


def test_a_definition_linked_to_a_numbering_style_takes_that_lists_levels() -> None:
    n = numbering(
        {"0": lvl(0, "第%1条", "chineseCounting") + lvl(1, "%2、"), "1": '<w:numStyleLink w:val="LegalList"/>'},
        {"5": '<w:abstractNumId w:val="0"/>', "6": '<w:abstractNumId w:val="1"/>'},
    )
    n.link_styles({"LegalList": "5"})
    assert shown(n, [("6", 0), ("6", 1), ("6", 1), ("6", 0)]) == ["第一条", "1、", "2、", "第二条"]
