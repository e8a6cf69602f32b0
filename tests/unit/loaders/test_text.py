"""loaders.text: page joining, pinyin, width, offsets, mojibake."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.text import clean, clean_fragment, fold_width, is_pinyin, repair, to_simplified

ROOT = Path(__file__).resolve().parents[3]
SEED = (ROOT / "data" / "huawei-marketing-model-v1.txt").read_text(encoding="utf-8")


def test_header_dropped_and_pages_joined() -> None:
    ct = clean("資源描述:\n《站名》天天文庫。\n1、客戶經理業\n2、務描述\n")
    assert ct.text == "客戶經理業務描述"
    assert ct.pages == [1, 1, 1, 1, 1, 2, 2, 2]
    assert ct.warnings == []


def test_no_page_marker_is_one_page_with_a_warning() -> None:
    ct = clean("業務描述:測試")
    assert ct.text == "業務描述:測試"
    assert set(ct.pages) == {1}
    assert ct.warnings == [(1, "no page markers (lines starting 'N、'): read as one page")]


def test_page_markers_must_be_consecutive() -> None:
    # '5、' at a line start on page 1 is text, not page 5
    ct = clean("1、甲\n5、乙\n2、丙\n")
    assert ct.text == "甲5、乙丙"
    assert ct.pages == [1, 1, 1, 1, 2]


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("業(yè)務", "業務"),
        ("經(jīng)理", "經理"),
        ("主管(zhǔ guǎn)員", "主管員"),  # several syllables
        ("調（diào）度", "調度"),  # full-width parentheses
        ("模型(Ver1.0)", "模型(Ver1.0)"),  # not pinyin: kept
        ("組成圖1)1)2)", "組成圖1)1)2)"),
        ("系統(crm)", "系統(crm)"),  # not pinyin syllables
        ("貨(hu\n2、ò)損", "貨損"),  # a page break inside the annotation
    ],
)
def test_pinyin_annotations(raw: str, cleaned: str) -> None:
    assert clean("1、" + raw).text == cleaned


def test_is_pinyin() -> None:
    assert is_pinyin("jīng") and is_pinyin("zhu3") and is_pinyin("lüe")
    assert not is_pinyin("Ver") and not is_pinyin("crm") and not is_pinyin("erp")


def test_width_folding_and_whitespace() -> None:
    assert fold_width("業務描述：甲，乙（丙）") == "業務描述:甲,乙(丙)"
    assert clean("1、甲 乙\t丙  Key Account\n").text == "甲乙丙Key Account"


def test_offsets_point_into_the_raw_text() -> None:
    ct = clean(SEED)
    i = ct.text.index("客戶關系評估與分析報告")
    span = ct.span(i, i + len("客戶關系評估與分析報告"))
    assert span.page == 2  # starts on page 2, ends on page 3
    assert SEED[span.start : span.end] == "客戶關系評估與分析\n3、報告"
    assert clean_fragment(SEED[span.start : span.end]) == span.text


def test_every_span_cleans_back_to_its_text() -> None:
    ct = clean(SEED)
    for a in range(0, len(ct.text) - 40, 37):
        span = ct.span(a, a + 40)
        if "?" in SEED[span.start : span.end]:
            continue  # restored from the whole document's pinyin, not from the fragment's
        assert clean_fragment(SEED[span.start : span.end]) == span.text


def test_simplified_shadow_has_the_same_length() -> None:
    ct = clean(SEED)
    assert len(ct.simple) == len(ct.text)
    assert ct.simple.startswith("深圳市华为技术有限公司")
    assert to_simplified("關係") == "关系"


def test_seed_mojibake_found_and_repaired() -> None:
    ct = clean(SEED)
    # '?(jīng)' restored from the document's own annotation of 經
    assert (1, "restored a lost character as '經' from its pinyin") in ct.warnings
    assert [ct.text[a:b] for a, b in ct.garbled] == ["??蛻艚", "當?厝谫Y"]
    fixed, repairs = repair(ct, ["客戶經理", "產品經理", "區域維護經理"])
    assert [(r.garbled, r.replacement, r.unresolved) for r in repairs] == [
        ("??蛻艚", "?客戶", 1),  # 客 from the vocabulary, 戶 from the GBK bytes
        ("當?厝谫Y", "當?融資", 1),  # 融資 from the GBK bytes read one byte later
    ]
    assert "意見?客戶經理直接歸屬" in fixed.text
    i = fixed.text.index("客戶經理直接")
    assert fixed.span(i, i + 4).page == 1


def test_lost_character_without_annotation_filled_from_vocabulary() -> None:
    ct = clean("1、客戶經理的意見。客戶的意見??蛻艚?理")
    fixed, repairs = repair(ct, ["客戶經理"])
    assert fixed.text.endswith("的意見?客戶經理")
    assert repairs[0].replacement == "?客戶經"


def test_unrepairable_run_is_kept() -> None:
    ct = clean("1、甲乙??丙丁")
    fixed, repairs = repair(ct, [])
    assert fixed.text == "甲乙??丙丁"
    assert repairs[0].unresolved == 2


def test_page_numbers_start_at_one() -> None:
    """A line ``0、`` is text, not the marker of a page 0 (#15.7: Provenance.page ≥ 1)."""
    ct = clean("header\n0、零\n1、甲\n2、乙")
    assert (ct.text, ct.pages) == ("甲乙", [1, 2])  # 0、 is part of the header
