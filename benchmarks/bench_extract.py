"""Extraction speed: 1,000 documents' worth of text (the seed extracted 1,000 times).

Each run is a whole extraction (cleaning, both parsing passes, mojibake repair, model
validation), as `kg extract` does it per document.  Beside it, in the same run, the
reference issue #14 names: one OpenCC Traditional → Simplified pass over the same text
(``kg.names.to_simplified``), so the ratio says how many such passes an extraction costs.

Word (#19): a Word file of ``--pages`` pages written here with python-docx (per page an
area numbered by Word, three activities, their fields as paragraphs and one as a table,
a page break), read as blocks (``docx_read_ms_per_page``) and extracted whole by
``extract_file`` (``docx_extract_ms_per_page``), best of three runs.

    .venv/bin/python benchmarks/bench_extract.py [--copies 1000] [--pages 40]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import write_results  # noqa: E402
from kg.names import to_simplified  # noqa: E402
from loaders.blocks.docx import read_docx_blocks  # noqa: E402
from loaders.document import extract_file, extract_text  # noqa: E402

SEED = ROOT / "data" / "huawei-marketing-model-v1.txt"


def scaling() -> dict[str, float]:
    """Seconds to extract 100 kB and 400 kB of the seed's clauses shuffled (the text of
    tests/unit/loaders/document/test_limits.py), and their ratio: about 4 when the cost
    grows linearly with the text (it was quadratic and worse once)."""
    from benchmarks.synthetic import shuffled_seed
    from loaders.document.limits import Limits

    limits = Limits(max_bytes=10**9, max_name=10**6, max_warnings=10**9)
    seconds: list[float] = []
    for size in (100_000, 400_000):
        text = shuffled_seed(size)
        start = time.perf_counter()
        extract_text(text, limits=limits)
        seconds.append(time.perf_counter() - start)
    return {
        "s_100kb": round(seconds[0], 3),
        "s_400kb": round(seconds[1], 3),
        "x_for_4x_text": round(seconds[1] / seconds[0], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=1000)
    parser.add_argument("--pages", type=int, default=40)
    args = parser.parse_args()
    text = SEED.read_text(encoding="utf-8")
    size = len(text.encode("utf-8"))

    start = time.perf_counter()
    for _ in range(args.copies):
        extract_text(text)
    many = time.perf_counter() - start

    to_simplified(text)  # the converter loaded, as the extraction's is by now
    start = time.perf_counter()
    for _ in range(args.copies):
        to_simplified(text)
    opencc = time.perf_counter() - start

    mb = size * args.copies / 1e6
    results = {
        "documents": args.copies,
        "document_bytes": size,
        "seconds": round(many, 2),
        "docs_per_s": round(args.copies / many, 1),
        "mb_per_s": round(mb / many, 2),
        "ms_per_doc": round(1000 * many / args.copies, 2),
        "opencc_t2s_ms_per_doc": round(1000 * opencc / args.copies, 3),
        "x_opencc_pass": round(many / opencc, 1),
        "scaling": scaling(),
        **_word(args.pages),
    }
    path = write_results("extract", results)
    for k, v in results.items():
        print(f"{k:>15}: {v}")
    print(f"written to {path}")


def _word_file(path: Path, pages: int) -> Path:
    """A Word business model of ``pages`` pages, headings numbered by Word."""
    import docx
    from docx.enum.text import WD_BREAK
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{k}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        f'<w:lvlText w:val="{".".join(f"%{j + 1}" for j in range(k + 1))}."/></w:lvl>'
        for k in range(2)
    )
    numbering.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">{levels}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for k in range(2):
        document.styles[f"Heading {k + 1}"].element.get_or_add_pPr().insert(
            0, parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{k}"/><w:numId w:val="90"/></w:numPr>')
        )
    document.add_heading("资金业务模型(V1.0)", level=0)
    chinese = "甲乙丙丁戊己庚辛壬癸"
    for page in range(pages):
        tag = "".join(chinese[int(d)] for d in str(page))
        document.add_heading(f"资金{tag}管理", level=1)
        for k in range(3):
            document.add_heading(f"资金{tag}计划{chinese[k]}", level=2)
            fields = [
                ("业务描述", "根据公司年度经营计划编制资金预算,并按月滚动更新。"),
                ("业务输出", f"资金{tag}预算表、资金{tag}计划审批单"),
                ("主要责任人", "资金计划专员"),
                ("协助人", "预算会计、出纳"),
                ("管理者", "第一监控人为财务经理,其他监控人为财务总监"),
                ("汇报关系", "资金计划专员向财务经理汇报"),
            ]
            if k == 2:
                table = document.add_table(rows=len(fields), cols=2)
                for r, (label, value) in enumerate(fields):
                    table.cell(r, 0).text = label
                    table.cell(r, 1).text = value
            else:
                for label, value in fields:
                    document.add_paragraph(f"{label}:{value}")
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.save(str(path))
    return path


def _word(pages: int) -> dict[str, float]:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = _word_file(Path(tmp) / "model.docx", pages)
        assert read_docx_blocks(path).pages == pages + 1
        assert len(extract_file(path).model.activities) == 4 * pages
        best_read = best_extract = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            read_docx_blocks(path)
            best_read = min(best_read, time.perf_counter() - start)
            start = time.perf_counter()
            extract_file(path)
            best_extract = min(best_extract, time.perf_counter() - start)
    return {
        "docx_pages": pages,
        "docx_read_ms_per_page": round(1000 * best_read / pages, 3),
        "docx_extract_ms_per_page": round(1000 * best_extract / pages, 3),
    }


if __name__ == "__main__":
    main()
