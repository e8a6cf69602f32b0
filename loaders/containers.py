"""Document containers: the text of a Word file, a PDF or a saved web page, page by page.

One pipeline whatever the container: a reader here turns the file into plain text and the
one parser (:mod:`loaders.document`) does the rest.  Pages are separated by a form feed
(``\\f``), as ``pdftotext`` writes them; the scraped ``.txt`` form marks its pages with
``N、`` at a line start instead, and the cleaner understands both.  Readers keep the
layout's line breaks (a clean original puts each heading and field on its own line).

- ``.docx`` (python-docx): paragraphs and tables in document order; a two-column table
  reads as ``label:value`` lines (a field table of one activity), a wider one as its
  cells, one per line; a page break (a break of type page, or a paragraph that starts a
  page) starts a new page.  This text is what the text grammar reads of a Word file in
  the scraped form's outline; a Word file's own structure (headings, displayed numbers,
  tables) is read by :mod:`loaders.blocks.docx` (:func:`loaders.document.extract_file`
  chooses).
- ``.pdf`` (pypdf, pure Python): one page per PDF page.  Text taken from CJK PDFs often
  carries compatibility characters (Kangxi radicals such as ``⼾`` for ``戶``): the text
  is NFKC-normalised, and the CJK Radicals Supplement characters NFKC leaves (``⻋`` for
  ``车``, ``⻔`` for ``门``) are mapped to their ideographs; provenance indexes the
  normalised text of the right page.
- ``.html``/``.htm`` (lxml): the document-sharing site's page.  Scripts, styles,
  navigation, headers, footers, forms and download prompts are dropped; the document is
  what its page containers hold (elements whose class or id names a page), written as
  the scraped form writes it: one line per page, starting ``N、``.  A page without such
  containers is read whole, chrome removed (the rules: :mod:`loaders.webpage`).

Every failure is a :class:`DocumentError` with one line that says what to do; a file over
the size limit (:func:`check_size`, ``KG_MAX_FILE_MB``) is refused before it is read.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kg.errors import ConfigError, DocumentError
from loaders.guard import check_zip, count_pdf_content, open_pdf, reading
from loaders.webpage import drop_chrome, page_containers, parse_html

#: Container suffixes this module reads (``.txt`` is read as it is, elsewhere).
SUFFIXES = (".docx", ".pdf", ".html", ".htm")
#: Formats kg cannot read, and how to convert them.
LEGACY = {
    ".doc": "save it as .docx (Word: File > Save As; or `soffice --headless --convert-to docx FILE`)",
    ".xls": "save it as .xlsx (Excel: File > Save As; or `soffice --headless --convert-to xlsx FILE`)",
    ".rtf": "save it as .docx (or `soffice --headless --convert-to docx FILE`)",
}
PAGE_BREAK = "\f"


def max_file_bytes() -> int:
    """The largest file kg reads: ``KG_MAX_FILE_MB`` megabytes (default 100)."""
    raw = os.environ.get("KG_MAX_FILE_MB", "100")
    try:
        limit = int(float(raw) * 1024 * 1024)
    except (ValueError, OverflowError):
        limit = 0
    if limit < 1:
        raise ConfigError(f"KG_MAX_FILE_MB={raw!r}: expected a positive number of megabytes")
    return limit


def check_size(path: Path) -> None:
    """Refuse a file over the size limit before reading it."""
    try:
        size = path.stat().st_size
    except OSError:
        return  # reading it says why
    limit = max_file_bytes()
    if size > limit:
        raise DocumentError(
            f"{path}: {size / 1024 / 1024:.1f} MB is over the {limit / 1024 / 1024:g} MB limit "
            "for one file: split it, or raise KG_MAX_FILE_MB"
        )


def read_container(path: Path) -> str:
    """The text of a ``.docx``, ``.pdf`` or ``.html`` file (pages separated by ``\\f`` or,
    for the web page, marked ``N、``)."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return read_docx(path)
    if suffix == ".pdf":
        return read_pdf(path)
    if suffix in (".html", ".htm"):
        return read_html(path)
    raise DocumentError(f"{path}: not a document container ({', '.join(SUFFIXES)})")


# --------------------------------------------------------------------------- Word
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _paragraph_pieces(element: Any) -> Iterator[str]:
    """A paragraph's text, with PAGE_BREAK where it breaks to a new page."""
    ppr = element.find(f"{_W}pPr")
    if ppr is not None and ppr.find(f"{_W}pageBreakBefore") is not None:
        yield PAGE_BREAK
    for node in element.iter():
        if node.tag == f"{_W}t" and node.text:
            yield node.text
        elif node.tag == f"{_W}tab":
            yield "\t"
        elif node.tag in (f"{_W}br", f"{_W}cr"):
            yield PAGE_BREAK if node.get(f"{_W}type") == "page" else "\n"


def _table_lines(table: Any) -> Iterator[str]:
    """A docx table's lines: ``label:value`` for a two-column field table."""
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:  # a merged cell repeats: keep it once
            text = "\n".join(p.text for p in cell.paragraphs).strip()
            if not cells or text != cells[-1]:
                cells.append(text)
        if len(cells) == 2 and cells[0] and len(cells[0]) <= 12:
            label = cells[0].rstrip(":：")
            yield f"{label}:{cells[1]}"  # a field table: label | value
        else:
            yield from (c for c in cells if c)


def read_docx(path: Path) -> str:
    """A Word file's text in document order; pages split at its page breaks."""
    import docx
    from docx.table import Table

    check_zip(path)
    with reading(path, ".docx"):
        document = docx.Document(str(path))
        return _docx_text(path, document, Table)


def _docx_text(path: Path, document: Any, table_class: Any) -> str:
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == f"{_W}p":
            lines.append("".join(_paragraph_pieces(child)))
        elif child.tag == f"{_W}tbl":
            lines.extend(_table_lines(table_class(child, document)))
    text = "\n".join(lines)
    # a page break on a line of its own, not glued to the lines around it
    text = re.sub(r"\n?\f\n?", PAGE_BREAK, text)
    return _not_empty(path, text.strip("\n"))


# --------------------------------------------------------------------------- PDF
#: CJK Radicals Supplement characters a PDF's text layer may give for a whole character
#: (a font maps the glyph of 车 to ``⻋``).  NFKC folds the Kangxi radicals (``⼾``) but
#: not these: they have no decomposition, only an equivalent unified ideograph
#: (Unicode's EquivalentUnifiedIdeograph.txt; the ones that stand for a character).
_RADICALS = str.maketrans({
    "\u2ec4": "西", "\u2ec5": "见", "\u2ec6": "角", "\u2ec8": "讠", "\u2ec9": "贝",
    "\u2ecb": "车", "\u2ed0": "钅", "\u2ed1": "長", "\u2ed3": "长", "\u2ed4": "门",
    "\u2ed7": "雨", "\u2ed8": "青", "\u2ed9": "韦", "\u2eda": "页", "\u2edb": "风",
    "\u2edc": "飞", "\u2edd": "食", "\u2ee0": "饣", "\u2ee2": "马", "\u2ee3": "骨",
    "\u2ee4": "鬼", "\u2ee5": "鱼", "\u2ee6": "鸟", "\u2ee7": "卤", "\u2ee8": "麦",
    "\u2ee9": "黄", "\u2eea": "黾", "\u2eec": "齐", "\u2eee": "齿", "\u2ef0": "龙",
    "\u2ef3": "龟",
})


def encrypted_pdf(path: Path) -> DocumentError:
    """What kg says of a PDF it cannot open without a password (every PDF reader)."""
    return DocumentError(
        f"{path}: the PDF is encrypted: save a copy without a password "
        "(e.g. `qpdf --decrypt IN.pdf OUT.pdf`) and load that"
    )


def scanned_pdf(path: Path) -> DocumentError:
    """What kg says of a PDF without a text layer (every PDF reader)."""
    return DocumentError(
        f"{path}: the PDF has no text layer (a scan?): run OCR first "
        "(e.g. `ocrmypdf --language chi_tra+chi_sim IN.pdf OUT.pdf`) and load the result"
    )


def normalise_pdf_text(text: str) -> str:
    """NFKC, then the radicals NFKC leaves (``⻋`` → ``车``)."""
    return unicodedata.normalize("NFKC", text).translate(_RADICALS)


def read_pdf(path: Path) -> str:
    """A PDF's text, page by page, NFKC-normalised (compatibility characters folded)."""
    from pypdf.errors import DependencyError, FileNotDecryptedError

    content = count_pdf_content(path)
    with open_pdf(path) as reader:
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise FileNotDecryptedError("password")
            except (FileNotDecryptedError, DependencyError, NotImplementedError):
                raise encrypted_pdf(path) from None
        pages = []
        for number, page in enumerate(reader.pages, start=1):
            content.page(page, number)
            pages.append(page.extract_text() or "")
    pages = [normalise_pdf_text(p).replace(PAGE_BREAK, "\n").strip("\n") for p in pages]
    if pages and not any(p.strip() for p in pages):
        raise scanned_pdf(path)
    return _not_empty(path, PAGE_BREAK.join(pages))


# --------------------------------------------------------------------------- web page
def _text_lines(element: Any) -> list[str]:
    """The text of an element, one line per block (paragraph, div, br)."""
    parts: list[str] = []
    for piece in element.itertext():
        parts.append(piece)
    return [line.strip() for line in "".join(parts).splitlines() if line.strip()]


def read_html(path: Path) -> str:
    """The document of a saved web page, in the scraped form: one ``N、`` line a page."""
    root = parse_html(path)
    with reading(path, "web page"):
        return _html_text(path, root)


def _html_text(path: Path, root: Any) -> str:
    drop_chrome(root)
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.iter("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr"):
        block.tail = "\n" + (block.tail or "")
        if block.text is not None or len(block):
            block.text = "\n" + (block.text or "")
    containers = page_containers(root)
    title = root.findtext(".//title") or ""
    if not containers:
        body = root.find("body")
        return _not_empty(path, "\n".join(_text_lines(body if body is not None else root)))
    pages = [" ".join(_text_lines(c)) for c in containers]
    pages = [p for p in pages if p]
    lines = [title.strip()] + [
        p if re.match(rf"{i}、", p) else f"{i}、{p}" for i, p in enumerate(pages, start=1)
    ]
    return _not_empty(path, "\n".join(lines))


def _not_empty(path: Path, text: str) -> str:
    if not text.strip():
        raise DocumentError(f"{path}: holds no text")
    return text
