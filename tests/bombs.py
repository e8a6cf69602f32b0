"""Hostile containers, built small and fast: the bombs of issue #24's test campaign.

A deflate stream is made of segments, each compressed on its own and flushed with
``Z_FULL_FLUSH`` (byte-aligned, no reference to what came before), so one compressed
megabyte of the same bytes can be repeated a thousand times to inflate to a gigabyte
while the file stays about a megabyte, and writing it costs the CRC only.  Zips are
written by hand (:func:`write_zip`) so that a part can be raw deflate bytes and its
central directory can state a size other than the true one.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _segment(data: bytes, final: bool = False, wbits: int = -15) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, wbits)
    return c.compress(data) + c.flush(zlib.Z_FINISH if final else zlib.Z_FULL_FLUSH)


@dataclass
class Inflating:
    """A raw deflate stream of ``head`` + ``unit`` × ``repeat`` + ``tail``."""

    head: bytes
    unit: bytes
    repeat: int
    tail: bytes

    def deflated(self) -> bytes:
        block = _segment(self.unit)
        return _segment(self.head) + block * self.repeat + _segment(self.tail, final=True)

    def size(self) -> int:
        return len(self.head) + len(self.unit) * self.repeat + len(self.tail)

    def crc(self) -> int:
        crc = zlib.crc32(self.head)
        for _ in range(self.repeat):
            crc = zlib.crc32(self.unit, crc)
        return zlib.crc32(self.tail, crc)


def write_zip(path: Path, parts: Iterable[tuple[str, bytes | Inflating]], declared: dict[str, int] | None = None) -> Path:
    """A zip of ``parts`` (bytes are deflated here; an :class:`Inflating` goes in raw);
    ``declared`` states other inflated sizes in the headers than the true ones."""
    declared = declared or {}
    out = io.BytesIO()
    central = []
    for name, content in parts:
        if isinstance(content, Inflating):
            data, size, crc = content.deflated(), content.size(), content.crc()
        else:
            data, size, crc = _segment(content, final=True), len(content), zlib.crc32(content)
        size = declared.get(name, size)
        raw = name.encode()
        offset = out.tell()
        out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(data), size, len(raw), 0))
        out.write(raw + data)
        central.append(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc, len(data), size,
                                   len(raw), 0, 0, 0, 0, 0, offset) + raw)
    start = out.tell()
    directory = b"".join(central)
    out.write(directory)
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(central), len(central), len(directory), start, 0))
    path.write_bytes(out.getvalue())
    return path


def docx_parts() -> list[tuple[str, bytes]]:
    """The parts of a real empty Word file (python-docx's template), document.xml aside."""
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return [(n, archive.read(n)) for n in archive.namelist() if n != "word/document.xml"]


def docx_with(path: Path, document: bytes | Inflating, declared: int | None = None) -> Path:
    """A Word file whose ``word/document.xml`` is ``document``."""
    sizes = {"word/document.xml": declared} if declared is not None else None
    return write_zip(path, [*docx_parts(), ("word/document.xml", document)], sizes)


def document_xml(body: bytes) -> bytes:
    return f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<w:document {W}><w:body>".encode() + body + b"</w:body></w:document>"


def docx_bomb(path: Path, kind: str, gigabytes: float = 1.0, declared: int | None = None) -> Path:
    """A Word file of about a megabyte whose document.xml inflates to ``gigabytes`` of
    ``kind``: ``whitespace``, one text ``run``, or empty ``paragraphs``."""
    units = {"whitespace": b" " * MB, "run": b"a" * MB, "paragraphs": b"<w:p/>" * (MB // 6)}
    head, tail = {
        "whitespace": (b"<w:p><w:r><w:t>x</w:t></w:r></w:p>", b""),
        "run": (b"<w:p><w:r><w:t>", b"</w:t></w:r></w:p>"),
        "paragraphs": (b"", b""),
    }[kind]
    whole = document_xml(b"\x00")
    before, after = whole.split(b"\x00")
    unit = units[kind]
    bomb = Inflating(before + head, unit, int(gigabytes * 1024 * MB / len(unit)), tail + after)
    return docx_with(path, bomb, declared)


def docx_paragraphs(path: Path, count: int) -> Path:
    """A Word file of ``count`` empty paragraphs, each with a random revision id (so that
    they do not compress more than real XML does): the most elements the limits let in.
    2,000 distinct paragraphs (50 kB, more than deflate's 32 kB window) repeat."""
    import random

    rnd = random.Random(count)
    unit = "".join(f'<w:p w:rsidR="{rnd.getrandbits(32):08X}"/>' for _ in range(2000)).encode()
    before, after = document_xml(b"\x00").split(b"\x00")
    return docx_with(path, Inflating(before, unit, count // 2000, after))


def entity_docx(path: Path) -> Path:
    """A Word file whose document.xml expands entities (a billion laughs)."""
    entities = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    xml = (f"<?xml version='1.0'?>\n<!DOCTYPE w:document [<!ENTITY l0 \"lol\">{entities}]>\n"
           f"<w:document {W}><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>")
    return docx_with(path, xml.encode())


# --------------------------------------------------------------------------- PDF
def write_pdf(path: Path, objects: list[bytes]) -> Path:
    """A PDF of ``objects`` (object 1 the catalog), with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    path.write_bytes(out.getvalue())
    return path


def _pages(contents: list[bytes], extra: bytes = b"") -> list[bytes]:
    """Catalog, pages and one page per content stream (objects 4, 6, …), font object 3."""
    n = len(contents)
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(n))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, stream in enumerate(contents):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
                       b"/Contents %d 0 R" % (5 + 2 * i) + extra + b" >>")
        objects.append(stream)
    return objects


def _stream(data: bytes, flate: bool = False) -> bytes:
    head = b"<< /Length %d" % len(data) + (b" /Filter /FlateDecode" if flate else b"") + b" >>\nstream\n"
    return head + data + b"\nendstream"


def pdf_text(path: Path, text: str) -> Path:
    """A one-page PDF showing ``text`` (ASCII) in Helvetica."""
    return write_pdf(path, _pages([_stream(b"BT /F1 12 Tf 72 720 Td (" + text.encode() + b") Tj ET")]))


def pdf_flate_bomb(path: Path, megabytes: int = 1024, pages: int = 1) -> Path:
    """A PDF whose page contents each inflate to ``megabytes`` of whitespace around a line
    of text (a zlib stream, as /FlateDecode reads it)."""
    inner = Inflating(b"BT /F1 12 Tf 72 720 Td (bomb) Tj ET\n", b" " * MB, megabytes, b"\n")
    adler = zlib.adler32(inner.head)
    for _ in range(inner.repeat):
        adler = zlib.adler32(inner.unit, adler)
    adler = zlib.adler32(inner.tail, adler)
    data = b"\x78\xda" + inner.deflated() + struct.pack(">L", adler)
    return write_pdf(path, _pages([_stream(data, flate=True)] * pages))


def pdf_nested(path: Path, depth: int = 100_000) -> Path:
    """A PDF whose page holds ``depth`` dictionaries nested in each other."""
    nested = b"<< /A " * depth + b"1" + b" >>" * depth
    return write_pdf(path, _pages([_stream(b"BT /F1 12 Tf 72 720 Td (deep) Tj ET")], extra=b" /Deep " + nested))


# --------------------------------------------------------------------------- workbooks
def xlsx_rows(path: Path, rows: int) -> Path:
    """A workbook whose one sheet has a header row (activity, a role) and ``rows`` rows
    below it (rows and cells without numbers, as the format allows, so that one row's
    bytes repeat)."""
    import openpyxl

    buffer = io.BytesIO()
    workbook = openpyxl.Workbook()
    workbook.active.title = "RACI"
    workbook.save(buffer)
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    head = (f'<?xml version="1.0" encoding="UTF-8"?><worksheet {ns}><sheetData>'
            '<row><c t="inlineStr"><is><t>activity</t></is></c><c t="inlineStr"><is><t>manager</t></is></c></row>')
    row = '<row><c t="inlineStr"><is><t>work</t></is></c><c t="inlineStr"><is><t>R</t></is></c></row>'
    unit = 1000 if rows % 1000 == 0 else 1
    sheet = Inflating(head.encode(), (row * unit).encode(), rows // unit, b"</sheetData></worksheet>")
    with zipfile.ZipFile(buffer) as source:
        parts: list[tuple[str, bytes | Inflating]] = [
            (n, source.read(n)) for n in source.namelist() if n != "xl/worksheets/sheet1.xml"
        ]
    return write_zip(path, [*parts, ("xl/worksheets/sheet1.xml", sheet)])


def pdf_nested_content(path: Path, depth: int = 100_000) -> Path:
    """A PDF whose page contents hold ``depth`` dictionaries nested in each other."""
    nested = b"<< /A " * depth + b"1" + b" >>" * depth
    return write_pdf(path, _pages([_stream(b"BT /F1 12 Tf 72 720 Td (deep) Tj " + nested + b" Tj ET")]))
