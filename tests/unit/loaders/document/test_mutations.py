"""Fuzzing: a heavily mutated document gives a model or one clean :class:`DocumentError`,
never another exception (#15.7).

Mutations insert field labels, headings, bullets and page markers (including page 0), delete
and move spans, and are applied several at a time to the bundled and the hand-written
documents.  A few hundred examples run in CI; ``KG_FUZZ_EXAMPLES=10000`` is the nightly size.
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import DocumentError
from loaders.document import extract_text

ROOT = Path(__file__).resolve().parents[4]
DOCUMENTS = [
    (ROOT / "data" / "huawei-marketing-model-v1.txt").read_text(encoding="utf-8"),
    *(p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "data").glob("*.txt"))),
]
EXAMPLES = int(os.environ.get("KG_FUZZ_EXAMPLES", "300"))
INSERTS = [
    "業務描述:", "业务输出:", "主要責任人:", "协助人:", "管理者:", "匯報關係:", "接口部门:",
    "业务描述：", ":", "：", "第一监控人为", "其他监控人为", "向", "汇报", "归属", "管理",
    "A.", "B.", "Z.", "a.", "b.", "•", "◆", "·", "焫", "的", "1.", "2.客户关系工作", "1)", "2)",
    "\n0、", "\n1、", "\n2、", "\n3、", "\n9999、", "\f", "\n", "、", ",", "。", "(", ")",
    "(jīng)", "?", "??", "\ufffd", "分为四大业务:", "直接归属办事处管理", "办事处主任", "无",
]


@st.composite
def mutated(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(DOCUMENTS))
    for _ in range(draw(st.integers(1, 12))):
        n = len(text)
        op = draw(st.sampled_from(["insert", "insert", "delete", "move", "duplicate"]))
        at = draw(st.integers(0, n))
        if op == "insert":
            text = text[:at] + draw(st.sampled_from(INSERTS)) + text[at:]
            continue
        length = draw(st.integers(1, max(1, min(400, n - at))))
        piece = text[at : at + length]
        rest = text[:at] + text[at + length :]
        to = draw(st.integers(0, len(rest)))
        if op == "delete":
            text = rest
        elif op == "move":
            text = rest[:to] + piece + rest[to:]
        else:
            text = text[:to] + piece + text[to:]
    return text


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutated())
def test_a_mutated_document_gives_a_model_or_one_clean_error(text: str) -> None:
    try:
        result = extract_text(text)
    except DocumentError as exc:
        assert "\n" not in str(exc), str(exc)
        assert "cannot read the document" not in str(exc), str(exc)  # an unexpected failure
        return
    assert all(w.page >= 1 for w in result.warnings)
    ids = [x.id for x in (*result.model.activities, *result.model.roles, *result.model.departments)]
    assert len(ids) == len(set(ids))


def test_page_zero_is_not_a_page_marker() -> None:
    """The crash of #15.7: a line ``0、`` made a page 0 (Provenance.page ≥ 1)."""
    text = DOCUMENTS[0].replace("\n1、", "\n0、1、", 1)
    result = extract_text(text)
    assert all(a.provenance is None or a.provenance.page >= 1 for a in result.model.activities)
