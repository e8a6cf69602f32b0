"""Mutated Word files, workbooks and PDFs: every one is read or refused with one
:class:`KgError` line, never a traceback (issue #24: 57 tracebacks in 900 byte mutations,
357 in 600 mutations inside the XML parts).

Seeded, so a failure repeats.  ``KG_FUZZ_CASES`` sets the cases per container and kind
of mutation: 50 here (300 in all, in CI), 10000 at the nightly size."""

from __future__ import annotations

import io
import os
import random
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from kg.errors import KgError
from loaders.sources import read_source
from tests import bombs

CASES = int(os.environ.get("KG_FUZZ_CASES", "50"))


def _docx(path: Path) -> Path:
    body = "".join(
        f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
        for text in ("以客户为中心的营销业务模型(Ver1.0)", "2.客户关系工作", "A.客户意见直接反馈",
                     "业务描述:收集客户意见", "主要责任人:客户经理", "协助人:产品经理")
    )
    return bombs.docx_with(path, bombs.document_xml(body.encode()))


def _xlsx(path: Path) -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "RACI"
    for row in (["activity", "code", "客户经理", "产品经理"], ["客户意见直接反馈", "2.A", "R", "S"],
                ["市场分析", "2.B", "A", "R"]):
        sheet.append(row)
    workbook.save(path)
    return path


def _pdf(path: Path) -> Path:
    return bombs.pdf_text(path, "A. first activity")


BASES: dict[str, Callable[[Path], Path]] = {".docx": _docx, ".xlsx": _xlsx, ".pdf": _pdf}
_JUNK = [b"<", b">", b"&", b"&amp", b"]]>", b"<!DOCTYPE x>", b"<?xml?>", b'"', b"\x00", b"\xff\xfe",
         b"</w:p>", b"<w:p>", b"r=\"A0\"", b"t=\"s\"", b"<v>99999999</v>", b"obj", b"endstream", b"<<", b">>",
         b"[", b"]", b"999999999", b"-1", b"/Length 1", b"/Filter /FlateDecode", b"xref", b"%%EOF"]


def mutate_bytes(data: bytes, rnd: random.Random) -> bytes:
    """Flip, overwrite, delete, repeat or truncate a few bytes."""
    out = bytearray(data)
    for _ in range(rnd.randint(1, 8)):
        if not out:
            break
        at = rnd.randrange(len(out))
        op = rnd.randrange(5)
        if op == 0:
            out[at] ^= 1 << rnd.randrange(8)
        elif op == 1:
            out[at] = rnd.randrange(256)
        elif op == 2:
            del out[at : at + rnd.randint(1, 64)]
        elif op == 3:
            out[at:at] = out[at : at + rnd.randint(1, 64)]
        else:
            del out[at:]
    return bytes(out)


def mutate_text(data: bytes, rnd: random.Random) -> bytes:
    """Junk, deletions and repetitions where a parser looks: tags, numbers, keywords."""
    out = bytearray(data)
    for _ in range(rnd.randint(1, 6)):
        at = rnd.randrange(len(out) + 1)
        op = rnd.randrange(3)
        if op == 0:
            out[at:at] = rnd.choice(_JUNK)
        elif op == 1:
            del out[at : at + rnd.randint(1, 40)]
        else:
            out[at:at] = out[at : at + rnd.randint(1, 200)] * rnd.randint(1, 5)
    return bytes(out)


def mutate_inside(data: bytes, suffix: str, rnd: random.Random) -> bytes:
    """A zip's XML part mutated and the zip written again (stored or deflated); a PDF's
    text mutated where it is a PDF's syntax."""
    if suffix == ".pdf":
        return mutate_text(data, rnd)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = [(info, archive.read(info)) for info in archive.infolist()]
    victims = [i for i, (info, _) in enumerate(parts) if info.filename.endswith((".xml", ".rels"))]
    for i in rnd.sample(victims, rnd.randint(1, 2)):
        parts[i] = (parts[i][0], mutate_text(parts[i][1], rnd))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info, content in parts:
            archive.writestr(info.filename, content, rnd.choice([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]))
    return out.getvalue()


@pytest.mark.parametrize("how", ["bytes", "inside"])
@pytest.mark.parametrize("suffix", sorted(BASES))
def test_mutated_containers_are_read_or_refused_in_one_line(tmp_path: Path, suffix: str, how: str) -> None:
    base = BASES[suffix](tmp_path / f"base{suffix}").read_bytes()
    rnd = random.Random(f"{suffix}-{how}")
    path = tmp_path / f"mutant{suffix}"
    outcomes = {"read": 0, "refused": 0}
    for case in range(CASES):
        data = mutate_bytes(base, rnd) if how == "bytes" else mutate_inside(base, suffix, rnd)
        path.write_bytes(data)
        try:
            read_source(path)
            outcomes["read"] += 1
        except KgError as exc:  # one line (a refusal on quality adds one line a reason)
            assert "\n" not in exc.message and not any("\n" in d for d in exc.details), (case, str(exc))
            assert exc.message.startswith(f"{path}: "), (case, str(exc))
            outcomes["refused"] += 1
        except Exception as exc:  # the defect this test is about
            (tmp_path / f"failing{suffix}").write_bytes(data)
            raise AssertionError(f"case {case}: {type(exc).__name__}: {exc}") from exc
    assert outcomes["refused"] > 0  # the mutations did reach the readers
