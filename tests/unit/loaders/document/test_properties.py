"""Properties: what a scraping site varies does not change the extracted facts.

Moving page breaks, adding or removing pinyin annotations, converting the script and
switching punctuation width leave ids, names, codes, descriptions and every link unchanged
(``name_original`` and offsets legitimately change, so they are not compared).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import opencc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.model import Model
from loaders.document import extract_text
from loaders.text import PAGE_MARKER, PINYIN_ANNOTATION

ROOT = Path(__file__).resolve().parents[4]
DOCUMENTS = {
    "seed": (ROOT / "data" / "huawei-marketing-model-v1.txt").read_text(encoding="utf-8"),
    **{
        path.stem: path.read_text(encoding="utf-8")
        for path in sorted((ROOT / "tests" / "data").glob("*.txt"))
    },
}
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HAN = re.compile(r"[\u4e00-\u9fff]")
SYLLABLES = ["yè", "zhǔ", "guǎn", "lǐ", "wù", "shì", "chǔ", "qū", "nèi"]
WIDE = {":": "：", ",": "，", ";": "；", "(": "（", ")": "）"}


def facts(model: Model) -> dict[str, Any]:
    """What must not change: ids, canonical names, codes, kinds, descriptions and links."""
    data = model.to_dict()
    out: dict[str, Any] = {"source": data["source"]["id"]}
    for key in ("departments", "roles", "outputs", "activities"):
        rows = []
        for item in data[key]:
            row = {
                k: v
                for k, v in item.items()
                if k not in ("provenance", "evidence", "name_original")
            }
            rows.append(row)
        out[key] = rows
    return out


BASELINE = {name: facts(extract_text(text).model) for name, text in DOCUMENTS.items()}


def split_pages(raw: str) -> tuple[str, str]:
    """The header and the joined page contents (markers and page line breaks removed)."""
    first = PAGE_MARKER.search(raw)
    assert first is not None
    header, body = raw[: first.start()], raw[first.start() :]
    pages = [line for line in body.split("\n") if line]
    joined = "".join(PAGE_MARKER.sub("", p, count=1) for p in pages)
    return header, joined


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
@SETTINGS
@given(data=st.data())
def test_moving_page_breaks(name: str, data: st.DataObject) -> None:
    header, joined = split_pages(DOCUMENTS[name])
    cuts = sorted(
        set(data.draw(st.lists(st.integers(1, len(joined) - 1), min_size=0, max_size=12)))
    )
    pieces = [joined[a:b] for a, b in zip([0, *cuts], [*cuts, len(joined)], strict=True)]
    raw = header + "".join(f"{i}、{p}\n" for i, p in enumerate(pieces, 1))
    assert facts(extract_text(raw).model) == BASELINE[name]


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
@SETTINGS
@given(data=st.data())
def test_adding_pinyin_annotations(name: str, data: st.DataObject) -> None:
    raw = DOCUMENTS[name]
    # after a Han character that is not annotated already
    positions = [m.end() for m in HAN.finditer(raw) if raw[m.end() : m.end() + 1] != "("]
    chosen = data.draw(st.lists(st.sampled_from(positions), max_size=30, unique=True))
    syllables = data.draw(
        st.lists(st.sampled_from(SYLLABLES), min_size=len(chosen), max_size=len(chosen))
    )
    out = raw
    for pos, syl in sorted(zip(chosen, syllables, strict=True), reverse=True):
        out = out[:pos] + f"({syl})" + out[pos:]
    assert facts(extract_text(out).model) == BASELINE[name]


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
@SETTINGS
@given(data=st.data())
def test_removing_pinyin_annotations(name: str, data: st.DataObject) -> None:
    raw = DOCUMENTS[name]
    found = list(PINYIN_ANNOTATION.finditer(raw))
    drop = data.draw(st.sets(st.sampled_from(range(len(found)))))
    out = raw
    for k in sorted(drop, reverse=True):
        m = found[k]
        out = out[: m.start()] + out[m.end() :]
    assert facts(extract_text(out).model) == BASELINE[name]


def test_removing_all_pinyin_annotations() -> None:
    for name, raw in DOCUMENTS.items():
        assert facts(extract_text(PINYIN_ANNOTATION.sub("", raw)).model) == BASELINE[name]


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
@pytest.mark.parametrize("config", ["t2s", "s2t", "t2tw", "s2tw", "tw2s"])
def test_converting_the_script(name: str, config: str) -> None:
    converted = opencc.OpenCC(config).convert(DOCUMENTS[name])
    assert facts(extract_text(converted).model) == BASELINE[name]


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
@SETTINGS
@given(data=st.data())
def test_switching_punctuation_width(name: str, data: st.DataObject) -> None:
    raw = DOCUMENTS[name]
    narrow = {v: k for k, v in WIDE.items()}
    swap = {**WIDE, **narrow}
    positions = [i for i, c in enumerate(raw) if c in swap]
    chosen = data.draw(st.sets(st.sampled_from(positions)))
    chars = list(raw)
    for i in chosen:
        chars[i] = swap[chars[i]]
    assert facts(extract_text("".join(chars)).model) == BASELINE[name]


def test_all_punctuation_full_width() -> None:
    for name, raw in DOCUMENTS.items():
        wide = raw.translate(str.maketrans("".join(WIDE), "".join(WIDE.values())))
        assert facts(extract_text(wide).model) == BASELINE[name]


def test_simplified_script_with_full_width_punctuation() -> None:
    """The whole document in Simplified script with full-width punctuation (#12)."""
    for name, raw in DOCUMENTS.items():
        simple = opencc.OpenCC("t2s").convert(raw)
        wide = simple.translate(str.maketrans("".join(WIDE), "".join(WIDE.values())))
        assert facts(extract_text(wide).model) == BASELINE[name], name


#: Bullet glyphs of the documents (garbled or not).
GLYPHS = set("煥焕◆•■□▪◇◎※☆★")
#: A report line's last characters, before a sibling item's heading.
REPORTED = re.compile("(?:匯報|汇报)$")


def sibling_bullets(raw: str) -> list[int]:
    """Where a bullet glyph starts a heading right after a report line: the position
    where a sibling item is bulleted (#12.2)."""
    return [i for i, c in enumerate(raw) if c in GLYPHS and REPORTED.search(raw, 0, i)]


@pytest.mark.parametrize(
    "name", sorted(name for name, raw in DOCUMENTS.items() if sibling_bullets(raw))
)
@SETTINGS
@given(data=st.data())
def test_any_cjk_character_as_a_bullet(name: str, data: st.DataObject) -> None:
    """A bullet in heading position is a bullet whatever character it is: any CJK character
    substituted for a glyph there leaves the model unchanged (#12.2)."""
    raw = DOCUMENTS[name]
    positions = sibling_bullets(raw)
    chosen = data.draw(st.lists(st.sampled_from(positions), min_size=1, unique=True))
    glyph = data.draw(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF))
    chars = list(raw)
    for i in chosen:
        chars[i] = glyph
    assert facts(extract_text("".join(chars)).model) == BASELINE[name]


@pytest.mark.parametrize("dot", ["·", "・", "‧"])
def test_a_middle_dot_for_every_bullet_is_a_bullet(dot: str) -> None:
    """A PDF printed by Chromium gives ``·`` (U+00B7) for ``•``: punctuation, not a name's
    first character, and once seen in heading position a glyph of the whole document."""
    raw = DOCUMENTS["logistics-model"].replace("•", dot)
    assert facts(extract_text(raw).model) == BASELINE["logistics-model"]
