"""Document fixtures made by the tools that make them in real life, from a scraped document.

The bundled document (``data/huawei-marketing-model-v1.txt``) is the scrape of a web page;
its original was a Word file.  These builders put its content back into a clean original
layout and write it with real tools:

- :func:`write_docx` — python-docx: a title, headings for the areas and activities, the
  fields as paragraphs or, for every third activity, as a label | value table, real
  bullets (``•``), page breaks where the scrape's pages break;
- :func:`write_pdf` — headless Chromium prints :func:`layout_html`, the same layout;
- :func:`write_site_page` — the document-sharing site's page wrapping the scraped text
  (page containers, plus navigation, scripts, styles, footer and a download prompt).

The layout comes from the clean text (:func:`loaders.text.clean`), line by line.  Test
code may know the scrape's bullet glyphs (mojibake such as ``燊``, or ``◆``); it replaces
them with ``•`` here, where the parser may not.
"""

from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import CHROMIUM_ARGS
from kg.names import to_simplified
from loaders.document.encoding import decode_document
from loaders.text import PAGE_MARKER, clean

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "huawei-marketing-model-v1.txt"
LOGISTICS = ROOT / "tests" / "data" / "logistics-model.txt"
#: The bullet glyphs each scraped document uses (the scrape garbled some of them).
GLYPHS = {SEED: "燊燌焕", LOGISTICS: "焫◆•"}

#: Where a clean original starts a new line (matched in Simplified script).
_LABEL = (
    r"(?:业务描述|工作描述|业务输出|工作输出|主要责任人|(?<!主要)责任人|协助人|协助者|管理者"
    r"|汇报关系)\s?:"
)
_BREAK = re.compile(
    rf"{_LABEL}"
    r"|[一二三四五六七八九十]、"  # 一、目的
    r"|(?<![\d.])\d{1,2}\.(?![\d)])(?=\S)"  # 2.客户关系工作 (not 1.1. or Ver1.0)
    r"|(?<![\d.])\d\.\d\.(?!\d)"  # 1.1.
    r"|(?<![\d)])\d\)"  # 1)
    r"|(?<![A-Za-z])[A-Za-z]\.(?=[\u3400-\u9fff])"  # A.客户意见 a.盘点管理
    r"|签发人:"
    r"|以客户为中心的[^\s(]{0,8}业务模型\(Ver"  # the title
)


@dataclass
class Block:
    """One block of the layout: ``kind`` title | h2 | h3 | h4 | p | bullet | table."""

    kind: str
    text: str
    page: int
    rows: list[tuple[str, str]] | None = None


def layout(document: Path) -> list[Block]:
    """The document's content as a clean original lays it out."""
    raw = decode_document(document.read_bytes(), str(document))
    ct = clean(raw)
    glyphs = GLYPHS[document]
    text, simple = ct.text, ct.simple
    cuts = {0, len(text)}
    for m in _BREAK.finditer(simple):
        cuts.add(m.start())
    for i, ch in enumerate(text):
        if ch in glyphs or simple[i] in glyphs:  # the seed's 煥 is 焕 in Simplified
            cuts.add(i)
    bounds = sorted(cuts)
    lines = [(text[a:b], ct.pages[a]) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]
    blocks: list[Block] = []
    activities = 0
    for line, page in lines:
        simple_line = to_simplified(line)
        if re.match(r"以客户为中心的[^\s(]{0,8}业务模型\(Ver", simple_line):
            blocks.append(Block("title", line, page))
        elif re.match(r"\d{1,2}\.(?!\d)", line):
            blocks.append(Block("h2", line, page))
        elif re.match(r"[A-Z]\.", line):
            activities += 1
            blocks.append(Block("h3", line, page))
        elif re.match(r"[a-z]\.", line):
            blocks.append(Block("h4", line, page))
        elif line[0] in glyphs or to_simplified(line[0]) in glyphs:
            activities += 1
            blocks.append(Block("bullet", "•" + line[1:], page))
        elif re.match(_LABEL, simple_line) and activities % 3 == 0:
            label, _, value = line.partition(":")
            last = blocks[-1] if blocks else None
            if last is not None and last.kind == "table" and last.page == page:
                assert last.rows is not None
                last.rows.append((label, value))
            else:
                blocks.append(Block("table", "", page, [(label, value)]))
        else:
            blocks.append(Block("p", line, page))
    return blocks


# --------------------------------------------------------------------------- Word
def write_docx(document: Path, path: Path) -> Path:
    """The document as a Word file written by python-docx."""
    import docx
    from docx.enum.text import WD_BREAK

    out = docx.Document()
    page = 1
    for block in layout(document):
        if block.page != page:
            out.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            page = block.page
        if block.kind == "title":
            out.add_heading(block.text, level=0)
        elif block.kind in ("h2", "h3", "h4"):
            out.add_heading(block.text, level=int(block.kind[1]) - 1)
        elif block.kind == "table":
            assert block.rows is not None
            table = out.add_table(rows=len(block.rows), cols=2)
            table.style = "Table Grid"
            for r, (label, value) in enumerate(block.rows):
                table.cell(r, 0).text = label
                table.cell(r, 1).text = value
        else:
            out.add_paragraph(block.text)
    out.save(str(path))
    return path


# --------------------------------------------------------------------------- PDF
def layout_html(document: Path) -> str:
    """The layout as a web page to print: one ``section`` a page."""
    pages: dict[int, list[str]] = {}
    for block in layout(document):
        body = pages.setdefault(block.page, [])
        e = html.escape
        if block.kind == "title":
            body.append(f"<h1>{e(block.text)}</h1>")
        elif block.kind in ("h2", "h3", "h4"):
            body.append(f"<{block.kind}>{e(block.text)}</{block.kind}>")
        elif block.kind == "table":
            assert block.rows is not None
            rows = "".join(f"<tr><td>{e(k)}:</td><td>{e(v)}</td></tr>" for k, v in block.rows)
            body.append(f"<table>{rows}</table>")
        else:
            body.append(f"<p>{e(block.text)}</p>")
    sections = "".join(f"<section>{''.join(b)}</section>" for _, b in sorted(pages.items()))
    return (
        '<!doctype html><html><head><meta charset="utf-8"><style>'
        'body{font-family:"Noto Sans CJK TC","Noto Sans CJK SC",sans-serif;font-size:11pt}'
        "section{break-after:page} section:last-child{break-after:auto}"
        "table{border-collapse:collapse} td{border:1px solid #999;padding:2pt 6pt;vertical-align:top}"
        f"</style></head><body>{sections}</body></html>"
    )


def write_pdf(document: Path, path: Path, chromium: str) -> Path:
    """The document printed to PDF by headless Chromium."""
    page = path.with_suffix(".print.html")
    page.write_text(layout_html(document), encoding="utf-8")
    subprocess.run(
        [chromium, *CHROMIUM_ARGS, "--no-pdf-header-footer", f"--print-to-pdf={path}", page.as_uri()],
        check=True,
        capture_output=True,
        timeout=180,
    )
    page.unlink()
    return path


# --------------------------------------------------------------------------- the site's page
SITE = """<!doctype html>
<html><head><meta charset="utf-8"><title>{title}-天天文庫</title>
<script>window.__doc = {{pages: 7}}; document.write("1、not the document");</script>
<style>.page{{margin:0 auto;width:800px}} .page p{{text-indent:2em}}</style>
<link rel="stylesheet" href="/static/site.css"></head>
<body>
<nav class="navbar"><a href="/">首頁</a> <a href="/login">登錄</a> <a href="/upload">上傳文檔</a></nav>
<div id="header"><h1>{title}</h1><span class="share">分享到微信</span></div>
<div class="doc-desc">{description}</div>
<div class="doc-main">
{pages}
</div>
<div class="download-box"><button>下載文檔</button>下載本文檔需要 5 積分</div>
<div class="related">相關文檔:華為公司管理手冊</div>
<footer>© 2020 天天文庫 版權所有</footer>
<script src="/static/viewer.js"></script>
</body></html>
"""


def write_site_page(document: Path, path: Path) -> Path:
    """The sharing site's page that the scraped text came from."""
    raw = decode_document(document.read_bytes(), str(document))
    markers: list[re.Match[str]] = []
    for m in PAGE_MARKER.finditer(raw):
        if not markers or int(m["page"]) == int(markers[-1]["page"]) + 1:
            markers.append(m)
    header = raw[: markers[0].start()].strip()
    title = re.search(r"《(.+?)》", header)
    pages = []
    for i, m in enumerate(markers):
        end = markers[i + 1].start() if i + 1 < len(markers) else len(raw)
        text = raw[m.end() : end].strip("\r\n")
        pages.append(
            f'<div class="page" id="page-{m["page"]}" data-page="{m["page"]}">'
            f"<p>{html.escape(text)}</p></div>"
        )
    path.write_text(
        SITE.format(
            title=html.escape(title[1] if title else document.stem),
            description=html.escape(header),
            pages="\n".join(pages),
        ),
        encoding="utf-8",
    )
    return path
