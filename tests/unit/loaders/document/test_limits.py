"""Plausibility limits: huge or random text is refused quickly, with a message that says how
to raise the limit; a document of the family is far inside every limit."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from benchmarks.synthetic import shuffled_seed as shuffled
from kg.errors import ConfigError, DocumentError
from loaders.document import extract_file, extract_text
from loaders.document.limits import Limits

ROOT = Path(__file__).resolve().parents[4]
SEED = ROOT / "data" / "huawei-marketing-model-v1.txt"
RAW = SEED.read_text(encoding="utf-8")


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:  # sparse: 50 MB on disk, nothing to read
        f.truncate(50_000_000)

    def read(*_: object, **__: object) -> bytes:
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", read)
    monkeypatch.setattr(Path, "read_text", read)
    with pytest.raises(DocumentError, match=r"50,000,000 bytes .*--max-size or KG_MAX_DOCUMENT_BYTES"):
        extract_file(big)


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
    with pytest.raises(DocumentError) as info:
        extract_text(text)
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


def test_the_model_of_shuffled_text_grows_with_the_text_not_faster() -> None:
    """Shuffled pieces of the seed: repeated activity ids used to repeat subtrees of the
    model (quadratic and worse); each id is now one activity.  What it costs in time is
    measured by ``benchmarks/bench_extract.py`` (its ``scaling`` figure), not here."""
    limits = Limits(max_bytes=10**9, max_name=10**6, max_warnings=10**9)
    for size in (100_000, 400_000):
        model = extract_text(shuffled(size), limits=limits).model
        ids = [a.id for a in model.activities]
        assert len(ids) == len(set(ids))
        assert len(ids) < size // 100


def test_kg_load_refuses_a_huge_document_before_reading_it(tmp_path: Path) -> None:
    from loaders.sources import read_source

    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(3_000_000)
    with pytest.raises(DocumentError, match="3,000,000 bytes"):
        read_source(big)
