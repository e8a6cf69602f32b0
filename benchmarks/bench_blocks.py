"""Reading documents as blocks: cost per page of the PDF and web-page readers.

The documents are made here as analysts' tools make them: the finance and procurement
model of tests/fixtures_blocks.py repeated ``--copies`` times (three pages a copy) as a
web page, printed by headless Chromium and, from Word, by LibreOffice when ``soffice`` is
installed; and the bundled document as the sharing site's page (tests/fixtures_docs.py).
Each reader runs ``--runs`` times; the median is reported, per page and per document.
Beside the block reader, in the same run, today's text-only reader of the same PDF
(:func:`loaders.containers.read_pdf`, pypdf) and of the same page (``read_html``).

    .venv/bin/python benchmarks/bench_blocks.py [--copies 10] [--runs 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import CHROMIUM, write_results  # noqa: E402
from loaders.blocks.html import read_html_blocks  # noqa: E402
from loaders.blocks.pdf import read_pdf_blocks  # noqa: E402
from loaders.containers import read_html, read_pdf  # noqa: E402
from tests.fixtures_blocks import finance_html, print_pdf, soffice_pdf, write_finance_docx  # noqa: E402
from tests.fixtures_docs import SEED, write_site_page  # noqa: E402


def median_ms(run: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def repeated(html: str, copies: int) -> str:
    """The page's body ``copies`` times, each copy from a new page."""
    head, _, rest = html.partition("<body>")
    body = rest.replace("</body></html>", "")
    return head + "<body>" + "<div style='break-after:page'></div>".join([body] * copies) + "</body></html>"


def measure_pdf(name: str, pdf: Path, runs: int) -> dict[str, Any]:
    doc = read_pdf_blocks(pdf)
    blocks_ms = median_ms(lambda: read_pdf_blocks(pdf), runs)
    text_ms = median_ms(lambda: read_pdf(pdf), runs)
    return {
        "document": name,
        "pages": doc.pages,
        "blocks": len(doc.blocks),
        "blocks_ms_per_page": round(blocks_ms / doc.pages, 1),
        "blocks_ms_per_doc": round(blocks_ms, 1),
        "pypdf_text_ms_per_page": round(text_ms / doc.pages, 1),
    }


def measure_html(name: str, page: Path, runs: int) -> dict[str, Any]:
    doc = read_html_blocks(page)
    blocks_ms = median_ms(lambda: read_html_blocks(page), runs)
    text_ms = median_ms(lambda: read_html(page), runs)
    return {
        "document": name,
        "pages": doc.pages,
        "blocks": len(doc.blocks),
        "kb": round(page.stat().st_size / 1024, 1),
        "blocks_ms_per_page": round(blocks_ms / doc.pages, 2),
        "blocks_ms_per_doc": round(blocks_ms, 2),
        "text_ms_per_doc": round(text_ms, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rows: list[dict[str, Any]] = []
    html_rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        page = repeated(finance_html(), args.copies)
        if shutil.which(CHROMIUM):
            pdf = print_pdf(page, out / "chromium.pdf", CHROMIUM)
            rows.append(measure_pdf(f"finance ×{args.copies}, Chromium", pdf, args.runs))
        soffice = shutil.which("soffice")
        if soffice:
            docx = write_finance_docx(out / "finance.docx")
            rows.append(measure_pdf("finance, LibreOffice from Word", soffice_pdf(docx, soffice), args.runs))
        plain = out / "finance.html"
        plain.write_text(repeated(finance_html(print_css=False), args.copies), encoding="utf-8")
        html_rows.append(measure_html(f"finance ×{args.copies}, web page", plain, args.runs))
        site = write_site_page(SEED, out / "site.html")
        html_rows.append(measure_html("bundled document, the site's page", site, args.runs))
    results = {"runs": args.runs, "pdf": rows, "html": html_rows}
    path = write_results("blocks", results)
    for row in rows + html_rows:
        print(row)
    print(f"written to {path}")


if __name__ == "__main__":
    main()
