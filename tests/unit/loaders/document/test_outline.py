"""loaders.document.outline: areas, lettered activities, sub-activities, bullets, glyphs."""

from __future__ import annotations

import pytest

from loaders.document import extract_text
from loaders.document.fields import FIELD_LABEL
from loaders.document.outline import _is_symbol, _Levels, _next_letter, _Outline
from loaders.text import clean

HEAD = "1、某公司公司文件签发人:张三测试业务模型(Ver1.0)二、测试业务模型1.测试业务模型分为两大业务:甲区和乙区"
#: The front matter without an overview.
BARE = "1、某公司公司文件签发人:张三测试业务模型(Ver1.0)二、测试业务模型"


def outline(text: str) -> tuple[list[tuple[str | None, str, str | None]], list[str]]:
    """(code, id, parent) of every activity of a document, and its warnings."""
    result = extract_text(text)
    acts = [(a.code, a.id, a.parent) for a in result.model.activities]
    return acts, [str(w) for w in result.warnings]


def glyphs(text: str) -> list[str]:
    """The bullet glyphs found in a one-page text."""
    part = _Outline(clean("1、" + text))
    return sorted(part.find_glyphs(0, list(FIELD_LABEL.finditer(part.s))))


# --------------------------------------------------------------------------- codes
def test_codes_and_parents_follow_the_outline() -> None:
    acts, warnings = outline(
        HEAD + "2.甲区工作A.总项业务描述:总a.分项业务描述:分•细项一业务描述:细一•细项二业务描述:细二"
        "b.分项二业务描述:分二B.次项业务描述:次•次细项业务描述:次细3.乙区工作A.乙项业务描述:乙"
    )
    assert acts == [
        ("2", "activity:甲区", None),
        ("2.A", "activity:总项", "activity:甲区"),
        ("2.A.a", "activity:分项", "activity:总项"),
        ("2.A.a.1", "activity:细项一", "activity:分项"),
        ("2.A.a.2", "activity:细项二", "activity:分项"),
        ("2.A.b", "activity:分项二", "activity:总项"),
        ("2.B", "activity:次项", "activity:甲区"),
        ("2.B.1", "activity:次细项", "activity:次项"),
        ("3", "activity:乙区", None),
        ("3.A", "activity:乙项", "activity:乙区"),
    ]
    assert warnings == []


def test_an_area_without_a_section_has_no_code() -> None:
    acts, _ = outline(HEAD + "2.甲区工作A.一项业务描述:做事")
    assert acts[-1] == (None, "activity:乙区", None)


def test_figure_placeholders_before_the_first_activity_are_no_warning() -> None:
    acts, warnings = outline(
        HEAD + "2.甲区工作1)甲区工作业务组成图1)1)2)甲区工作业务组成描述A.一项业务描述:做事"
    )
    assert acts[1] == ("2.A", "activity:一项", "activity:甲区")
    assert warnings == []


def test_letters_out_of_order_are_a_warning() -> None:
    acts, warnings = outline(HEAD + "2.甲区工作A.一项业务描述:一C.三项业务描述:三")
    assert [a[0] for a in acts[:3]] == ["2", "2.A", "2.C"]
    assert warnings == ["page 1: activity C. follows 2.A"]


def test_a_sub_activity_outside_a_lettered_activity_is_a_warning() -> None:
    acts, warnings = outline(HEAD + "2.甲区工作a.一项业务描述:做事")
    assert acts[1] == ("2.a", "activity:一项", "activity:甲区")
    assert warnings == ["page 1: sub-activity a. outside a lettered activity"]


def test_a_heading_without_a_marker_is_read_as_a_sub_item_with_a_warning() -> None:
    acts, warnings = outline(
        HEAD + "2.甲区工作A.一项业务描述:做事汇报关系:专员向经理汇报二项业务描述:再做"
    )
    assert acts[2] == ("2.A.1", "activity:二项", "activity:一项")
    assert warnings == ["page 1: heading without a marker: '二项'"]


def test_two_activities_with_one_name_get_distinct_ids() -> None:
    acts, warnings = outline(HEAD + "2.甲区工作A.同名业务描述:x3.乙区工作A.同名业务描述:y")
    assert [a[1] for a in acts] == [
        "activity:甲区",
        "activity:同名",
        "activity:乙区",
        "activity:同名#3.A",
    ]
    assert warnings == ["page 1: two activities named '同名': the second is activity:同名#3.A"]


def test_without_an_overview_sections_are_found_by_their_numbers() -> None:
    acts, warnings = outline(BARE + "2.甲区工作A.一项业务描述:做事")
    assert acts == [("2", "activity:甲区", None), ("2.A", "activity:一项", "activity:甲区")]
    assert warnings == [
        "page 1: no overview naming the business areas ('分为…:…')",
        "page 1: prose not in the model: '二、测试业务模型'",
    ]


def test_without_numbered_sections_activities_have_no_area() -> None:
    acts, warnings = outline(BARE + "A.一项业务描述:做事")
    assert acts == [("A", "activity:一项", None)]
    assert warnings == [
        "page 1: no overview naming the business areas ('分为…:…')",
        "page 1: no numbered area sections: activities read without an area",
    ]


# --------------------------------------------------------------------------- where values end
def test_the_name_of_an_earlier_activity_before_a_label_states_its_field() -> None:
    result = extract_text(
        HEAD + "2.甲区工作A.甲项业务描述:x主要责任人:专员B.乙项业务描述:y甲项业务输出:甲报告"
    )
    acts = {a.code: a for a in result.model.activities}
    assert (acts["2.A"].outputs, acts["2.B"].outputs) == (["output:甲报告"], [])
    assert (acts["2.A"].responsible, acts["2.B"].description) == (["role:专员"], "y")
    assert result.warnings == []


def test_a_report_line_ends_at_its_last_clause() -> None:
    result = extract_text(
        HEAD + "2.甲区工作A.一项业务描述:一汇报关系:专员向经理汇报乂二项业务描述:二"
    )
    acts = {a.code: a for a in result.model.activities}
    assert [(r.from_, r.to) for r in acts["2.A"].reports] == [("role:专员", "role:经理")]
    assert acts["2.A.1"].name == "二项"


# --------------------------------------------------------------------------- bullets
@pytest.mark.parametrize(
    ("ch", "symbol"),
    [
        *[(c, True) for c in "•◆①■\ue000"],  # symbols and private-use characters
        *[(c, False) for c in "、。:(A乂"],  # punctuation, letters, Han characters
    ],
)
def test_symbols(ch: str, symbol: bool) -> None:
    assert _is_symbol(ch) is symbol


def test_symbol_glyphs() -> None:
    assert glyphs("A.一项主要责任人:专员◆二项业务描述:二◆") == ["◆"]


def test_a_common_han_character_after_two_report_lines_and_nowhere_else() -> None:
    twice = "A.一项汇报关系:专员向经理汇报丨二项业务描述:二汇报关系:专员向经理汇报丨三项业务描述:三"
    assert glyphs(twice) == ["丨"]
    assert glyphs("A.一项汇报关系:专员向经理汇报丨二项业务描述:二") == []  # once only
    assert glyphs(twice + "丨") == []  # also elsewhere


def test_a_rare_han_character_never_inside_a_description() -> None:
    assert glyphs("A.一项主要责任人:专员㐀二项业务描述:二") == ["㐀"]  # not in GB 2312
    assert glyphs("A.一项主要责任人:专员㐀二项业务描述:二㐀") == []


def test_markers_are_letters_before_a_han_character() -> None:
    part = _Outline(clean("1、A.一项a.二项B.3.5C.x b.c"))
    assert part.markers(0, len(part.s)) == [(0, 2, "upper", "A"), (4, 6, "lower", "a")]


# --------------------------------------------------------------------------- levels
@pytest.mark.parametrize(
    ("code", "upper", "letter"),
    [
        (None, True, "A"),
        ("2.A", True, "B"),
        ("2.A.b", False, "c"),
        ("2.Z", True, "A"),
        ("2.1", True, "A"),
    ],
)
def test_next_letter(code: str | None, upper: bool, letter: str) -> None:
    assert _next_letter(code, upper) == letter


def test_levels() -> None:
    part = _Outline(clean("1、甲区总项分项"))
    area = part.add_activity(0, 2, 0, "area", "2", None)
    levels = _Levels(area)
    assert levels.bullet() == ("2.1", area)
    assert levels.upper("A", part, 0) == ("2.A", area)
    up = part.add_activity(2, 4, 2, "activity", "2.A", area)
    levels.opened("upper", up)
    assert levels.bullet() == ("2.A.1", up)
    assert levels.lower("a", part, 0) == ("2.A.a", up)
    low = part.add_activity(4, 6, 4, "activity", "2.A.a", up)
    levels.opened("lower", low)
    assert levels.bullet() == ("2.A.a.1", low)
    assert levels.bullet() == ("2.A.a.2", low)
    assert levels.upper("C", part, 0) == ("2.C", area)
    assert [str(w) for w in part.warnings] == ["page 1: activity C. follows 2.A"]
