"""Extraction: a document (file or text) → :class:`Extraction` (model, warnings, untranslated).

The grammar parts read one clean text into one :class:`_Parser`: the front matter, the
overview and its areas, the numbered sections and their activities, and the membership
statements.  A text with garbled runs is parsed twice: the first pass collects the role
and department names that the repair fills lost characters from, the second reads the
repaired text.  :mod:`.assemble` makes the model (areas in the overview's order).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from kg.errors import UNREADABLE_FILE, DocumentError
from kg.model import Source
from loaders import text as textmod
from loaders.blocks.docx import read_docx_blocks
from loaders.containers import LEGACY, check_size, read_container
from loaders.containers import SUFFIXES as CONTAINERS
from loaders.document.assemble import Extraction, finish
from loaders.document.encoding import decode_document, repair_warnings
from loaders.document.fields import FIELD_LABEL
from loaders.document.frontmatter import _FrontMatter
from loaders.document.grammar import clean_blocks, extract_blocks, reads_blocks
from loaders.document.limits import DEFAULT, Limits
from loaders.document.outline import FALLBACK_SECTION, _Outline
from loaders.document.overview import _Overview
from loaders.document.quality import Thresholds, judge
from loaders.document.state import DocumentWarning, _Act
from loaders.text import CleanText


class _Parser(_Outline, _FrontMatter, _Overview):
    """One pass over a clean text; collects entities, activities and warnings."""


def _parse(
    ct: CleanText,
    limits: Limits = DEFAULT,
    where: str = "document",
    started: list[_Parser] | None = None,
    extra_glyphs: frozenset[str] = frozenset(),
    earlier: _Parser | None = None,
) -> tuple[_Parser, Source]:
    """Parse a clean text into a :class:`_Parser` full of entities and activities
    (``started`` gets the parser first, so a failure can say which page it was on; the
    provenance an ``earlier`` pass made, which is dropped, is taken where it is the same)."""
    p = _Parser(ct, limits, where, earlier.made if earlier is not None else None)
    if started is not None:
        started.append(p)
    s = ct.simple
    source, front_end = p.front()
    items, overview_end = p.overview(front_end)
    heads: list[tuple[int, int, _Act]] = []
    if items:
        for x, y in items:
            area = p.add_activity(x, y, x, "area", None, None)
            head = _area_heading(s, area.name, overview_end)
            if head:
                start, end, area.code = head
                area.prov = p.prov(start, end)
                heads.append((start, end, area))
    else:
        p.warn(front_end, "no overview naming the business areas ('分为…:…')")
        for m in FALLBACK_SECTION.finditer(s, overview_end):
            area = p.add_activity(*m.span("name"), m.start(), "area", m["num"], None)
            heads.append((m.start(), m.end("name"), area))
    heads.sort(key=lambda h: h[0])
    body = heads[0][0] if heads else overview_end
    p.glyphs = p.find_glyphs(body, list(FIELD_LABEL.finditer(s, body))) | extra_glyphs
    if p.glyphs:
        p.glyph_re = re.compile("[" + "".join(re.escape(g) for g in sorted(p.glyphs)) + "]")
    if heads:
        for k, (_, h1, area) in enumerate(heads):
            p.section(area, h1, heads[k + 1][0] if k + 1 < len(heads) else len(s))
    elif FIELD_LABEL.search(s, overview_end):
        p.warn(overview_end, "no numbered area sections: activities read without an area")
        p.section_without_area(overview_end, len(s))
    p.memberships(overview_end, body)
    return p, source


def _area_heading(s: str, name: str, pos: int) -> tuple[int, int, str] | None:
    """The first ``N.name`` at or after ``pos`` whose number is whole (not the end of
    ``1.2`` or ``12``): start, end and number.  What ``(?<![\\d.])(?P<num>\\d+)\\.name``
    finds, looked for as the text ``.name`` (a regex would be tried at every position)."""
    target = "." + name
    q = s.find(target, pos)
    while q >= 0:
        start = q
        while start > 0 and s[start - 1].isdecimal():  # as \d in a regex: any decimal digit
            start -= 1
        if pos <= start < q and (start == 0 or s[start - 1] != "."):
            return start, q + len(target), s[start:q]
        q = s.find(target, q + 1)
    return None


def _new_glyphs(p: _Parser) -> frozenset[str]:
    """Bullets found by position that are symbols or punctuation, not yet glyphs."""
    return frozenset(
        c for c in p.position_glyphs - p.glyphs if not textmod._HAN.match(c) and not c.isalnum()
    )


# --------------------------------------------------------------------------- public API
def extract_text(
    text: str,
    *,
    path: str | None = None,
    source_id: str | None = None,
    sha256: str | None = None,
    limits: Limits | None = None,
) -> Extraction:
    """Extract the model of a document given as text (pure: no I/O).

    Raises :class:`DocumentError` if the text holds no recognisable activity, breaks a
    plausibility limit (:mod:`.limits`), or cannot be read for any other reason: every
    failure is one line that names the page.
    """
    where = path or "document"
    limits = limits or Limits.from_env()
    if not text.strip():
        raise DocumentError(f"{where}: the document is empty")
    limits.check_size(len(text.encode("utf-8", errors="replace")), where)
    started: list[_Parser] = []
    try:
        return _extract(text, where, path, source_id, sha256, limits, started)
    except DocumentError:
        raise
    except Exception as exc:  # a bug met on a strange document: still one line, with a page
        first = (str(exc).strip().splitlines() or [""])[0][:200]
        page = started[-1].page if started else 1
        raise DocumentError(
            f"{where}: page {page}: cannot read the document ({type(exc).__name__}: {first})"
        ) from exc


def _extract(
    text: str,
    where: str,
    path: str | None,
    source_id: str | None,
    sha256: str | None,
    limits: Limits,
    started: list[_Parser],
) -> Extraction:
    ct = textmod.clean(text)
    p, source = _parse(ct, limits, where, started)
    extra = _new_glyphs(p)
    if extra:  # bullets found by position that are not Han: glyphs everywhere
        p, source = _parse(ct, limits, where, started, extra, p)
    repairs: list[textmod.Repair] = []
    if ct.garbled:
        vocabulary = [e.name_original for e in (*p.roles.values(), *p.depts.values())]
        fixed, repairs = textmod.repair(ct, vocabulary)
        p, source = _parse(fixed, limits, where, started, extra, p)
        ct = fixed
    if not any(a.kind == "activity" for a in p.acts):
        raise DocumentError(
            f"{where}: no recognisable activities (no headings like 'A.' followed by fields "
            "such as '业务描述:' or '主要责任人:')"
        )
    warnings = [DocumentWarning(page, msg) for page, msg in ct.warnings]
    warnings += repair_warnings(ct, repairs)
    warnings += p.warnings
    return finish(p, source, warnings, text, path, source_id, sha256)


def extract_file(
    path: str | Path,
    *,
    source_id: str | None = None,
    limits: Limits | None = None,
    thresholds: Thresholds | None = None,
    accept_partial: bool = False,
) -> Extraction:
    """Read a document file and extract its model: plain text (UTF-8), or a Word file, a
    PDF or a saved web page (:mod:`loaders.containers` gives their text).  A Word file is
    read as blocks (:mod:`loaders.blocks.docx`); the block grammar (:mod:`.grammar`) reads
    it when its structure asks for it (:func:`.grammar.reads_blocks`), the text grammar
    otherwise.

    A plain-text file larger than the text limit is refused before it is read; a container
    is held to the file limit (``KG_MAX_FILE_MB``) and the limits of :mod:`loaders.guard`,
    the text it gives to the text limit.  A model below
    the quality ``thresholds`` (default: :meth:`Thresholds.from_env`) is refused with a
    :class:`kg.errors.QualityError`, or with ``accept_partial`` handed back with its source
    marked ``accepted_partial`` (:func:`loaders.document.quality.judge`)."""
    path = Path(path)
    limits = limits or Limits.from_env()
    suffix = path.suffix.lower()
    if suffix in LEGACY:
        raise DocumentError(f"{path}: kg cannot read {suffix} files: {LEGACY[suffix]}")
    check_size(path)
    try:
        size = path.stat().st_size
        if path.is_file() and suffix not in CONTAINERS:
            limits.check_size(size, str(path))
        data = path.read_bytes()
    except FileNotFoundError:
        raise DocumentError(f"{path}: no such file", exit_code=UNREADABLE_FILE) from None
    except IsADirectoryError:
        raise DocumentError(
            f"{path}: is a directory, not a document", exit_code=UNREADABLE_FILE
        ) from None
    except OSError as exc:
        raise DocumentError(
            f"{path}: cannot read ({exc.strerror})", exit_code=UNREADABLE_FILE
        ) from None
    if not data.strip():
        raise DocumentError(f"{path}: the document is empty")
    digest = hashlib.sha256(data).hexdigest()
    if suffix == ".docx":
        doc = read_docx_blocks(path)
        ct = clean_blocks(doc)
        if reads_blocks(doc, ct):  # its own structure (see loaders.document.grammar)
            result = extract_blocks(
                doc, path=str(path), source_id=source_id, sha256=digest, limits=limits, ct=ct
            )
            assert result.quality is not None  # finish always measures
            result.model = judge(result.model, result.quality, str(path), thresholds, accept_partial)
            return result
    text = read_container(path) if suffix in CONTAINERS else decode_document(data, str(path))
    result = extract_text(
        text,
        path=str(path),
        source_id=source_id,
        sha256=digest,
        limits=limits,
    )
    assert result.quality is not None  # extract_text always measures
    result.model = judge(result.model, result.quality, str(path), thresholds, accept_partial)
    return result
