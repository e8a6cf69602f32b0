"""The extraction's shortcuts give what the plain rules give (#14.4: extraction throughput).

Each shortcut replaces a slower way of computing the same thing; these tests hold it to the
slower way, written out here: markers picked from one scan of the text, an area heading
found with ``str.find``, uncommon characters found by one encoding of the text, pinyin marks
stripped by ``str.translate``, and the pass over a repaired text taking the provenance of
the pass it replaces.  A document that needs mojibake repair and the same document without
it extract to the same model.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from kg.model import Model, Provenance
from kg.names import to_simplified
from loaders import text as textmod
from loaders.document import extract_text
from loaders.document.encoding import _gb2312_common, rare_han
from loaders.document.extraction import _area_heading, _parse
from loaders.document.fields import FIELD_LABEL
from loaders.document.outline import _Outline
from loaders.text import clean, is_pinyin, repair

ROOT = Path(__file__).resolve().parents[4]
SEED = (ROOT / "data" / "huawei-marketing-model-v1.txt").read_text(encoding="utf-8")
LOGISTICS = (ROOT / "tests" / "data" / "logistics-model.txt").read_text(encoding="utf-8")

#: The marker patterns as first written (look-behind first): the reference for the scan.
UPPER = re.compile(r"(?<![A-Za-z0-9])(?P<mark>[A-Z])\.(?=[^\d.])")
LOWER = re.compile(r"(?<![A-Za-z0-9])(?P<mark>[a-z])\.(?=[^\d.])")


def ranged_markers(part: _Outline, a: int, b: int) -> list[tuple[int, int, str, str]]:
    """Markers in ``[a, b)`` by three regex scans of the range (the plain rule)."""
    s = part.s
    found = []
    for pattern, kind in ((UPPER, "upper"), (LOWER, "lower")):
        for m in pattern.finditer(s, a, b):
            if m.end() < b and textmod._HAN.match(s[m.end()]):
                found.append((m.start(), m.end(), kind, m["mark"]))
    if part.glyph_re is not None:
        found += [(m.start(), m.end(), "bullet", m.group()) for m in part.glyph_re.finditer(s, a, b)]
    return sorted(found)


@pytest.mark.parametrize("text", [SEED, LOGISTICS, "1、A.甲B.3.5C.x b.乙xA.丙(a.丁•戊A.", "1、"])
def test_markers_of_a_range_are_those_a_scan_of_the_range_finds(text: str) -> None:
    part = _Outline(clean(text))
    part.glyph_re = re.compile("[•焕燊燌◆]")
    n = len(part.s)
    cuts = sorted({0, n, *range(0, n, 37), *range(5, n, 53)})
    for a in cuts:
        for b in cuts:
            assert part.markers(a, b) == ranged_markers(part, a, b), (a, b)
    part.glyph_re = None  # another set of glyphs: scanned again
    assert part.markers(0, n) == ranged_markers(part, 0, n)


@pytest.mark.parametrize(
    ("s", "name", "pos"),
    [
        ("2.客户关系工作", "客户关系", 0),
        ("1.2.客户关系3.客户关系", "客户关系", 0),  # 1.2. is not a whole number
        ("12.市场", "市场", 1),  # the number starts before pos
        ("x12.市场", "市场", 0),
        (".市场4.市场", "市场", 0),
        ("３.市场", "市场", 0),  # a full-width digit is a digit to \d too
        ("a.市场", "市场", 0),
        ("", "市场", 0),
    ],
)
def test_area_heading_is_what_the_regex_finds(s: str, name: str, pos: int) -> None:
    m = re.compile(rf"(?<![\d.])(?P<num>\d+)\.{re.escape(name)}").search(s, pos)
    assert _area_heading(s, name, pos) == ((m.start(), m.end(), m["num"]) if m else None)


def test_rare_han_is_each_character_not_in_gb2312() -> None:
    text = "客户经理燊燌焕㐀龘?\ufffd•◆Ver1.0(jīng)蛻艚厝谫Y" + SEED[:400]
    expected = {c for c in set(text) if textmod._HAN.match(c) and not _gb2312_common(c)}
    assert rare_han(text) == expected
    assert "燊" in expected and "客" not in expected


@pytest.mark.parametrize("word", ["jīng", "zhǔ rèn", "lüe4", "ḿ", "ńg", "Ver", "crm", "yè", "x̌ian"])
def test_is_pinyin_strips_marks_as_nfd_does(word: str) -> None:
    bare = "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
    plain = word == word.lower() and textmod._PINYIN_WORD.fullmatch(bare) is not None
    assert is_pinyin(word) is plain


def test_short_and_long_texts_convert_alike() -> None:
    assert to_simplified("客戶經理") == "客户经理"
    long = "客戶經理" * 20
    assert to_simplified(long) == "客户经理" * 20


def provenances(model: Model) -> list[Provenance]:
    """Every provenance object of a model (entities, evidence, memberships)."""
    out: list[Provenance] = []
    for item in (*model.departments, *model.roles, *model.outputs, *model.activities):
        if item.provenance is not None:
            out.append(item.provenance)
        out += list(getattr(item, "evidence", {}).values())
    return out


def test_the_pass_over_a_repaired_text_is_the_pass_made_afresh() -> None:
    ct = clean(SEED)
    first, _ = _parse(ct)
    vocabulary = [e.name_original for e in (*first.roles.values(), *first.depts.values())]
    fixed, _ = repair(ct, vocabulary)
    reused, _ = _parse(fixed, earlier=first)
    fresh, _ = _parse(fixed)
    assert reused.made == fresh.made  # equal spans, equal objects
    assert reused.warnings == fresh.warnings
    assert [a.prov for a in reused.acts] == [a.prov for a in fresh.acts]
    # and the model of the extraction shares no provenance object between two places
    found = provenances(extract_text(SEED).model)
    assert len({id(p) for p in found}) == len(found)


def facts(model: Model) -> Any:
    """The model as data without the text's hash, provenance texts in Simplified script."""

    def fold(x: Any) -> Any:
        if isinstance(x, dict):
            if set(x) == {"page", "start", "end", "text"}:
                return {**x, "text": to_simplified(x["text"])}
            return {k: fold(v) for k, v in x.items() if k != "sha256"}
        if isinstance(x, list):
            return [fold(v) for v in x]
        return x

    return fold(model.to_dict())


def test_a_document_with_mojibake_and_without_it_extract_to_the_same_model() -> None:
    """The second mention of a role loses two characters (U+FFFD): repaired from the
    document's own vocabulary, the model is the one of the intact document, provenance and
    all (the lost characters stood where the repaired ones stand; they are restored as the
    vocabulary writes them, 運營經理 in Traditional script)."""
    at = LOGISTICS.index("运营经理", LOGISTICS.index("运营经理") + 1)
    garbled = LOGISTICS[: at + 2] + "\ufffd\ufffd" + LOGISTICS[at + 4 :]
    ct = clean(garbled)
    assert ct.garbled and not clean(LOGISTICS).garbled
    intact, repaired = extract_text(LOGISTICS), extract_text(garbled)
    assert facts(repaired.model) == facts(intact.model)
    page = ct.page_at(ct.text.index("\ufffd"))
    assert [str(w) for w in repaired.warnings] == [
        *(str(w) for w in intact.warnings),
        f"page {page}: garbled text {chr(0xFFFD) * 2!r} repaired as '經理'",
    ]
    assert repaired.untranslated == intact.untranslated


def test_glyphs_of_the_seed_body() -> None:
    """The seed's bullet glyphs: garbled characters (not in GB 2312) never in a description."""
    part = _Outline(clean(SEED))
    body = part.s.index("2.客户关系工作")
    assert part.find_glyphs(body, list(FIELD_LABEL.finditer(part.s, body))) >= {"燊", "燌"}
