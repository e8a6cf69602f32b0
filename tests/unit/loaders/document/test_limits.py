"""Plausibility limits: huge or random text is refused quickly, with a message that says how
to raise the limit; a document of the family is far inside every limit."""

from __future__ import annotations

import random
import re
import time
from pathlib import Path

import pytest

from kg.errors import ConfigError, DocumentError
from loaders.document import extract_file, extract_text
from loaders.document.limits import Limits
from loaders.text import PAGE_MARKER

ROOT = Path(__file__).resolve().parents[4]
SEED = ROOT / "data" / "huawei-marketing-model-v1.txt"
RAW = SEED.read_text(encoding="utf-8")


def shuffled(size: int, seed: int = 0) -> str:
    """About ``size`` bytes made of the seed's own clauses, shuffled, with page markers."""
    body = "".join(PAGE_MARKER.sub("", line, count=1) for line in RAW.split("\n")[1:] if line)
    pieces = [p for p in re.split(r"(?<=[,。:;、])", body) if p]
    rnd = random.Random(seed)
    pages: list[str] = []
    page: list[str] = []
    total = 0
    while total < size:
        piece = rnd.choice(pieces)
        page.append(piece)
        total += len(piece.encode())
        if sum(map(len, page)) > 3000:
            pages.append("".join(page))
            page = []
    pages.append("".join(page))
    return "header\n" + "\n".join(f"{i}、{p}" for i, p in enumerate(pages, 1))


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:  # sparse: 50 MB on disk, nothing to read
        f.truncate(50_000_000)
    start = time.perf_counter()
    with pytest.raises(DocumentError, match=r"50,000,000 bytes .*--max-size or KG_MAX_DOCUMENT_BYTES"):
        extract_file(big)
    assert time.perf_counter() - start < 1


def test_the_size_limit_can_be_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    text = RAW * 3
    with pytest.raises(DocumentError, match="limit 20,000"):
        extract_text(text, limits=Limits(max_bytes=20_000))
    monkeypatch.setenv("KG_MAX_DOCUMENT_BYTES", "10")
    with pytest.raises(DocumentError, match="limit 10"):
        extract_text(RAW)
    monkeypatch.setenv("KG_MAX_DOCUMENT_BYTES", "ten")
    with pytest.raises(ConfigError, match="KG_MAX_DOCUMENT_BYTES=.ten."):
        extract_text(RAW)


def test_random_text_is_refused_with_one_line() -> None:
    rnd = random.Random(1)
    han = [chr(c) for c in range(0x4E00, 0x9FA5)]
    labels = ["业务描述:", "主要责任人:", "协助人:", "A.", "B.", "汇报关系:"]
    text = "".join(rnd.choice(labels) if rnd.random() < 0.01 else rnd.choice(han) for _ in range(200_000))
    start = time.perf_counter()
    with pytest.raises(DocumentError) as info:
        extract_text(text)
    assert time.perf_counter() - start < 20
    assert "\n" not in str(info.value)
    assert re.search(r"page \d+: (a name of|more than)", str(info.value)), str(info.value)


def test_a_long_name_is_refused() -> None:
    text = RAW.replace("客戶意見直接反饋業", "客戶意見直接反饋" + "很" * 80 + "業", 1)
    with pytest.raises(DocumentError, match=r"page 2: a name of 88 characters .* --max-name"):
        extract_text(text)
    assert extract_text(text, limits=Limits(max_name=100)).model.activities


def test_too_many_warnings_on_a_page_is_refused() -> None:
    with pytest.raises(DocumentError, match=r"page 1: more than 1 pieces of text .* --max-warnings"):
        extract_text(RAW, limits=Limits(max_warnings=1))


def test_extraction_cost_grows_linearly_with_the_text() -> None:
    """Shuffled pieces of the seed: twice the text costs about twice the time (it was
    quadratic and worse: repeated activity ids repeated subtrees of the model)."""
    limits = Limits(max_bytes=10**9, max_name=10**6, max_warnings=10**9)
    times = []
    for size in (100_000, 400_000):
        text = shuffled(size)
        start = time.perf_counter()
        model = extract_text(text, limits=limits).model
        times.append(time.perf_counter() - start)
        ids = [a.id for a in model.activities]
        assert len(ids) == len(set(ids))
        assert len(ids) < size // 100
    assert times[1] < 8 * times[0] + 1, times


def test_kg_load_refuses_a_huge_document_before_reading_it(tmp_path: Path) -> None:
    from loaders.sources import read_source

    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(3_000_000)
    with pytest.raises(DocumentError, match="3,000,000 bytes"):
        read_source(big)
