"""Bounded reading of untrusted containers: zip parts, XML and PDF objects within limits.

Every reader of a ``.docx``, ``.xlsx``, ``.pdf`` or ``.html`` file opens it through here,
so a damaged or hostile file (a zip or flate bomb, an XML entity expansion, a DTD, deeply
nested objects, a million-row sheet) becomes one :class:`kg.errors.DocumentError` line
naming the file and what is wrong, within a documented memory ceiling, never a traceback.

**The limits** (constants below; a business-model document is far inside every one):

- the file: ``KG_MAX_FILE_MB`` megabytes on disk (default 100,
  :func:`loaders.containers.check_size`), the one size limit a user sets for a container;
- a zip container (``.docx``, ``.xlsx``), checked by :func:`check_zip` before python-docx
  or openpyxl sees the file: at most :data:`MAX_PARTS` parts; every part inflates to at
  most :data:`MAX_PART_BYTES`, all of them together to :data:`MAX_TOTAL_BYTES`, and a part
  over 1 MiB to at most :data:`MAX_RATIO` times its compressed size.  The sizes are checked
  in the zip's central directory *and* while inflating every part, in 1 MiB chunks, so the
  check itself holds one chunk at a time (a directory that understates a part is caught
  too: zipfile stops at the stated size and the CRC fails); a damaged zip (bad CRC,
  ``zlib.error``, an unsupported zip version or compression, encryption) is refused here;
- XML inside a zip: no part may hold a ``<!DOCTYPE`` or ``<!ENTITY`` declaration (Office
  never writes one; refusing it rules out entity expansion and external entities whatever
  the parser's settings; every part is scanned, so an SVG picture with a DOCTYPE is
  refused too), nor an encoding other than UTF-8/UTF-16; a part holds at most
  :data:`MAX_XML_TAGS` tags (what bounds the parsed tree's memory).  python-docx and
  openpyxl then parse with lxml, ``resolve_entities=False`` and without ``huge_tree``
  (a text node over 10 MB or nesting over 256 levels is a parse error);
- a workbook: at most :data:`MAX_SHEET_ROWS` rows and :data:`MAX_CELLS` cells in all,
  read in openpyxl's read-only mode with the sheet's declared dimensions ignored
  (:func:`check_cells`);
- a PDF (:func:`open_pdf`): pypdf's own limits, tightened — a stream inflates to at most
  :data:`MAX_PDF_STREAM_BYTES` — and the page contents read for text to at most
  :data:`MAX_PDF_CONTENT_BYTES` together (:func:`count_pdf_content`); nesting beyond
  Python's recursion limit is refused as damage; pypdf's log lines are kept quiet; a
  reader that opens a PDF with another library (pdfplumber) calls :func:`check_pdf` first;
- a web page: the file limit, parsed by lxml's HTML parser (no network, no huge tree).

**How a reader uses it:** a zip container: :func:`check_zip` first, then its parser
inside ``with reading(path, ".docx"):``; a PDF: ``with open_pdf(path) as reader:`` and
``count_pdf_content(path).page(page, number)`` before each page's text is extracted; a
workbook: ``check_cells(path).row(sheet, number, width)`` for every row read.

**The memory ceiling:** reading one file stays under 2 GB of resident memory whatever
the file holds (``tests/unit/loaders/test_guard_bombs.py`` builds the bombs and measures
a child's peak RSS).  Any other exception a damaged file raises inside a reader
(:func:`reading`) is one ``DocumentError`` line too: ``FILE: not a readable .docx
(XMLSyntaxError: …)``.
"""

from __future__ import annotations

import logging
import re
import warnings
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import DocumentError, KgError

if TYPE_CHECKING:
    from pypdf import PdfReader

MiB = 1024 * 1024
#: Parts in one zip container (a long Word file has a few dozen).
MAX_PARTS = 10_000
#: Inflated bytes of one part.
MAX_PART_BYTES = 64 * MiB
#: Inflated bytes of all parts together.
MAX_TOTAL_BYTES = 256 * MiB
#: Inflated / compressed size of a part larger than :data:`RATIO_FLOOR` (XML compresses
#: 5 to 30 times; a bomb of whitespace a thousand times).
MAX_RATIO = 200
RATIO_FLOOR = 1 * MiB
#: Tags (``<``) in one part: about 50 MB of real Word XML; bounds the tree lxml builds
#: (2 million elements with an attribute: about 1 GB resident while python-docx reads it).
MAX_XML_TAGS = 2_000_000
#: Rows of one sheet, and cells of all sheets, of a workbook kg reads.
MAX_SHEET_ROWS = 100_000
MAX_CELLS = 2_000_000
#: Inflated bytes of one PDF stream, and of the page contents read for text together.
MAX_PDF_STREAM_BYTES = 16 * MiB
MAX_PDF_CONTENT_BYTES = 64 * MiB

_CHUNK = 1 * MiB
_DECLARATIONS = tuple(
    word.encode(encoding)
    for word in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)
_OVERLAP = max(len(d) for d in _DECLARATIONS)
#: First bytes of XML in encodings Office never writes (UTF-32, EBCDIC).
_ODD_ENCODINGS = (b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\x00<", b"<\x00\x00\x00", b"\x4c\x6f\xa7\x94")
_DECLARED_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)""")


_OFFICE = {".docx": ("a Word document", "Word"), ".xlsx": ("an Excel workbook", "Excel")}


def _mib(n: int) -> str:
    return f"{n / MiB:g} MiB"


def _refuse(path: Path, kind: str, what: str) -> DocumentError:
    return DocumentError(f"{path}: not a readable {kind}: {what}")


def _kind(path: Path) -> str:
    return path.suffix.lower() or "file"


def check_zip(path: Path) -> None:
    """Refuse a zip container whose parts are over the limits (see the module docstring)
    before any reader opens it; one :class:`DocumentError` line for any damage found."""
    path = Path(path)
    kind = _kind(path)
    try:
        if not zipfile.is_zipfile(path):
            what, app = _OFFICE.get(kind, ("an Office file", "Word, Excel"))
            raise DocumentError(
                f"{path}: not a readable {kind} (not a zip archive): the file is damaged or not "
                f"{what}; open and save it again in {app} or LibreOffice"
            )
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            _check_directory(path, kind, parts)
            total = 0
            for info in parts:
                total += _check_part(path, kind, archive, info, total)
    except KgError:
        raise
    except Exception as exc:  # zlib.error, BadZipFile, NotImplementedError, EOFError, …
        raise _refuse(path, kind, f"damaged zip ({_describe(exc)})") from None


def _check_directory(path: Path, kind: str, parts: list[zipfile.ZipInfo]) -> None:
    if len(parts) > MAX_PARTS:
        raise _refuse(path, kind, f"{len(parts):,} parts in the zip (limit {MAX_PARTS:,})")
    total = 0
    for info in parts:
        if info.flag_bits & 0x1:
            raise _refuse(path, kind, f"part {info.filename} is encrypted: save it without a password")
        size = info.file_size
        total += size
        if size > MAX_PART_BYTES:
            raise _refuse(path, kind, f"part {info.filename} inflates to {size:,} bytes "
                          f"(limit {_mib(MAX_PART_BYTES)} a part): a zip bomb, or not a document")
        if size > RATIO_FLOOR and size > MAX_RATIO * max(info.compress_size, 1):
            raise _refuse(path, kind, f"part {info.filename} inflates {size // max(info.compress_size, 1):,} "
                          f"times (limit {MAX_RATIO}): a zip bomb, or not a document")
    if total > MAX_TOTAL_BYTES:
        raise _refuse(path, kind, f"the parts inflate to {total:,} bytes (limit "
                      f"{_mib(MAX_TOTAL_BYTES)} in all): a zip bomb, or not a document")


def _check_part(path: Path, kind: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo, before: int) -> int:
    """Inflate one part chunk by chunk, counting what the directory may have lied about;
    the part's inflated size."""
    size = tags = 0
    tail = b""
    with archive.open(info) as part:
        while chunk := part.read(_CHUNK):
            if size == 0:
                _check_encoding(path, kind, info.filename, chunk)
            size += len(chunk)
            if size > MAX_PART_BYTES or before + size > MAX_TOTAL_BYTES:
                limit = "a part" if size > MAX_PART_BYTES else "in all"
                raise _refuse(path, kind, f"part {info.filename} inflates to more than its directory "
                              f"says, past the limit ({_mib(min(MAX_PART_BYTES, MAX_TOTAL_BYTES))} {limit})")
            if size > RATIO_FLOOR and size > MAX_RATIO * max(info.compress_size, 1):
                raise _refuse(path, kind, f"part {info.filename} inflates more than {MAX_RATIO} times: "
                              "a zip bomb, or not a document")
            window = tail + chunk
            if any(d in window for d in _DECLARATIONS):
                raise _refuse(path, kind, f"part {info.filename} declares a DTD or an entity "
                              "(<!DOCTYPE, <!ENTITY): Office never writes one; refused as unsafe")
            tags += chunk.count(b"<")
            if tags > MAX_XML_TAGS:
                raise _refuse(path, kind, f"part {info.filename} holds more than {MAX_XML_TAGS:,} "
                              "XML tags: not a document kg reads")
            tail = window[-_OVERLAP:]
    return size


def _check_encoding(path: Path, kind: str, name: str, start: bytes) -> None:
    declared = _DECLARED_ENCODING.match(start.removeprefix(b"\xef\xbb\xbf"))
    odd = start.startswith(_ODD_ENCODINGS)
    if odd or (declared and declared.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8", b"utf-16", b"utf16")):
        raise _refuse(path, kind, f"part {name} is XML in an encoding Office never writes "
                      "(only UTF-8 and UTF-16 are read)")


def _describe(exc: BaseException) -> str:
    """``Class: first line`` of an exception, short."""
    if isinstance(exc, RecursionError):
        return "objects nested too deeply"
    if isinstance(exc, MemoryError):
        return "too large to read in memory"
    first = (str(exc).strip().splitlines() or [""])[0][:120]
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


@contextmanager
def reading(path: Path, kind: str | None = None) -> Iterator[None]:
    """Any exception raised in the block while reading ``path`` (a damaged file makes a
    third-party parser raise anything: ``XMLSyntaxError``, ``KeyError``, ``ValueError``,
    ``RecursionError``…) becomes one :class:`DocumentError` line naming the file;
    a :class:`KgError` passes as it is.  The parsers' warnings about a damaged file
    (openpyxl's ``UserWarning: … invalid specification``) are not printed."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    except KgError:
        raise
    except Exception as exc:
        raise DocumentError(
            f"{path}: not a readable {kind or _kind(Path(path))} ({_describe(exc)}): the file is "
            "damaged or not of its type"
        ) from None


class CellCount:
    """Rows and cells read from a workbook, held to :data:`MAX_SHEET_ROWS` and
    :data:`MAX_CELLS`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.cells = 0

    def row(self, sheet: str, number: int, width: int) -> None:
        """Count row ``number`` of ``sheet``, ``width`` cells wide."""
        self.cells += width
        if number > MAX_SHEET_ROWS:
            raise DocumentError(
                f"{self.path}: sheet {sheet!r} has more than {MAX_SHEET_ROWS:,} rows: not a RACI "
                "matrix kg reads (split it, or delete the rows below the matrix)"
            )
        if self.cells > MAX_CELLS:
            raise DocumentError(
                f"{self.path}: the workbook has more than {MAX_CELLS:,} cells (sheet {sheet!r}, "
                f"row {number:,}): not a RACI matrix kg reads (delete what lies outside the matrix)"
            )


def check_cells(path: Path) -> CellCount:
    """A counter of the rows and cells read from the workbook at ``path``."""
    return CellCount(path)


# --------------------------------------------------------------------------- PDF
@contextmanager
def _pypdf_quiet() -> Iterator[None]:
    """pypdf logs a line per damaged object it works around (a hostile file: thousands)."""
    logger = logging.getLogger("pypdf")
    level, propagate = logger.level, logger.propagate
    logger.setLevel(logging.CRITICAL + 1)
    logger.propagate = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)
        logger.propagate = propagate


@contextmanager
def open_pdf(path: Path) -> Iterator[PdfReader]:
    """A :class:`pypdf.PdfReader` on ``path`` within the limits; every failure in the
    block (reading pages too) is one :class:`DocumentError` line."""
    from pypdf import PdfReader, apply_configuration
    from pypdf.errors import LimitReachedError

    path = Path(path)
    limits: dict[str, Any] = {
        name: MAX_PDF_STREAM_BYTES
        for name in (
            "maximum_declared_stream_length", "array_based_stream_maximum_output_length",
            "jbig2_maximum_output_length", "lzw_maximum_output_length",
            "run_length_maximum_output_length", "zlib_maximum_output_length",
            "brotli_maximum_output_length", "image_maximum_buffer_size",
        )
    }
    with _pypdf_quiet(), apply_configuration(
        stream_decoding_work_maximum_length=4 * MAX_PDF_STREAM_BYTES,
        xform_maximum_invocations_per_extraction=500,
        jbig2dec_binary=None,
        **limits,
    ), reading(path, "PDF"):
        try:
            yield PdfReader(str(path))
        except LimitReachedError as exc:
            raise DocumentError(
                f"{path}: not a readable PDF: past a limit of the PDF reader ({_describe(exc)}): "
                "a flate bomb, or not a document"
            ) from None


class PdfContent:
    """The inflated bytes of page contents read from one PDF, held to
    :data:`MAX_PDF_CONTENT_BYTES` (pypdf keeps what it inflated until the reader goes)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.total = 0

    def page(self, page: Any, number: int) -> None:
        """Count page ``number``'s contents before its text is extracted."""
        contents = page.get_contents()
        if contents is not None:
            self.add(len(contents.get_data()), number)

    def add(self, size: int, number: int) -> None:
        """Count ``size`` inflated bytes read for page ``number``."""
        self.total += size
        if self.total > MAX_PDF_CONTENT_BYTES:
            raise DocumentError(
                f"{self.path}: not a readable PDF: the page contents up to page {number} inflate to "
                f"more than {_mib(MAX_PDF_CONTENT_BYTES)}: a flate bomb, or not a document"
            )


def check_pdf(path: Path) -> None:
    """Refuse a PDF whose pages' contents and form XObjects inflate past the limits, before a
    reader without limits of its own opens it (pdfminer, under pdfplumber, inflates a
    stream whole: a 1 MB flate bomb took it past 2 GB).  Reads the file once with pypdf
    within :func:`open_pdf`'s limits; the decoded streams go with the reader."""
    path = Path(path)
    content = count_pdf_content(path)
    with open_pdf(path) as reader:
        if reader.is_encrypted:
            return  # the reader says so in its own words
        for number, page in enumerate(reader.pages, start=1):
            content.page(page, number)
            resources = page.get("/Resources")
            xobjects = resources.get_object().get("/XObject") if resources is not None else None
            for ref in (xobjects.get_object().values() if xobjects is not None else ()):
                form = ref.get_object()
                if form.get("/Subtype") == "/Form":
                    content.add(len(form.get_data()), number)


def count_pdf_content(path: Path) -> PdfContent:
    """A counter of the page contents read from the PDF at ``path``."""
    return PdfContent(path)


__all__ = [
    "MAX_CELLS",
    "MAX_PARTS",
    "MAX_PART_BYTES",
    "MAX_PDF_CONTENT_BYTES",
    "MAX_PDF_STREAM_BYTES",
    "MAX_RATIO",
    "MAX_SHEET_ROWS",
    "MAX_TOTAL_BYTES",
    "MAX_XML_TAGS",
    "check_cells",
    "check_pdf",
    "check_zip",
    "count_pdf_content",
    "open_pdf",
    "reading",
]
