"""The parser's state and its primitives: spans of the clean text, provenance, warnings.

Every grammar part (:mod:`.frontmatter`, :mod:`.overview`, :mod:`.outline`,
:mod:`.fields`, :mod:`.naming`) is a class over :class:`_State`, directly or over the part
it builds on (fields read names, the outline reads fields); the parser of
:mod:`.extraction` combines them.  They read the same clean text and fill the same tables,
so they share one object: the state is declared here, once, and each part adds only its
rules.  A part can also be used alone, on its own few characters of text (the tests do).
Offsets are indices into the clean text (:class:`loaders.text.CleanText`);
:meth:`_State.prov` maps them back to the raw text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.model import Provenance
from loaders.document.limits import DEFAULT, Limits
from loaders.text import LOST, CleanText

#: A span's page, raw start and end, and text: what a :class:`Provenance` holds.
SpanKey = tuple[int, int, int, str]

#: Punctuation stripped from the ends of names and values.
EDGE_PUNCT = ",、;:。.!()[] " + LOST


#: Kinds of warning the quality measure (:mod:`.quality`) counts: text the parser could not
#: place, and a field stated twice for one activity (a heading it missed).
UNPLACED = "unplaced"
FIELD_TWICE = "field-twice"


@dataclass(frozen=True)
class DocumentWarning:
    """Something the parser could not understand or had to guess, and the page it is on.

    ``kind`` (:data:`UNPLACED`, :data:`FIELD_TWICE` or ``None``) and ``chars`` (how many
    characters of text it leaves out of the model) are for the quality measure; two
    warnings are equal by page and message."""

    page: int
    message: str
    kind: str | None = field(default=None, compare=False)
    chars: int = field(default=0, compare=False)

    def __str__(self) -> str:
        return f"page {self.page}: {self.message}"


@dataclass
class _Act:
    """An activity while it is being built (fields are filled as the text goes on)."""

    id: str
    code: str | None
    name: str
    name_original: str
    kind: str
    parent: str | None
    prov: Provenance
    description: str | None = None
    outputs: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    assists: list[str] = field(default_factory=list)
    monitors: list[tuple[str, str]] = field(default_factory=list)
    reports: list[tuple[str, str]] = field(default_factory=list)
    interface: list[str] = field(default_factory=list)
    evidence: dict[str, Provenance] = field(default_factory=dict)


@dataclass
class _Entity:
    """A role, department or output: names, first mention, and (roles) the department."""

    id: str
    name: str
    name_original: str
    prov: Provenance
    department: str | None = None
    #: (roles) where the department was stated: a membership statement or a prefixed name
    membership: Provenance | None = None


class _State:
    """What one pass over a clean text has found so far, and the helpers every part uses."""

    def __init__(
        self,
        ct: CleanText,
        limits: Limits = DEFAULT,
        where: str = "document",
        reuse: dict[SpanKey, Provenance] | None = None,
    ) -> None:
        self.ct = ct
        #: the provenance this pass made, by span: the pass over a repaired text takes what
        #: it states again from here (``reuse``) instead of validating a new, equal object
        self.made: dict[SpanKey, Provenance] = {}
        self._reuse = reuse if reuse is not None else {}
        self.limits = limits
        self.where = where
        self.per_page: dict[int, int] = {}
        #: the page the parser is reading (for the message of an unexpected failure)
        self.page = 1
        self.s = ct.simple
        self.warnings: list[DocumentWarning] = []
        self.roles: dict[str, _Entity] = {}
        self.depts: dict[str, _Entity] = {}
        self.outputs: dict[str, _Entity] = {}
        self.acts: list[_Act] = []
        self.by_name: dict[str, _Act] = {}
        self.name_lengths: set[int] = set()
        #: the lengths of activity names, longest first (sorted again when a length is new)
        self._lengths_desc: list[int] = []
        self.glyphs: set[str] = set()
        #: characters read as bullets by position only (:meth:`_Outline.heading`)
        self.position_glyphs: set[str] = set()
        self.glyph_re: re.Pattern[str] | None = None
        #: every heading marker of the text, and the glyphs they were found with
        self._marks: list[tuple[int, int, str, str]] | None = None
        self._marks_for: re.Pattern[str] | None = None
        self._mark_starts: list[int] = []
        self.ids: set[str] = set()
        self.repeats: dict[str, int] = {}  # activity id → how many times it was taken
        self.title_simple = ""

    # ----------------------------------------------------------------- helpers
    def warn(self, index: int, message: str, kind: str | None = None, chars: int = 0) -> None:
        """Record a warning at ``index`` (``kind`` and ``chars``: see :class:`DocumentWarning`)."""
        page = self.ct.page_at(index)
        self.per_page[page] = self.per_page.get(page, 0) + 1
        if self.per_page[page] > self.limits.max_warnings:
            raise self.limits.warnings_error(self.where, page)
        self.warnings.append(DocumentWarning(page, message, kind, chars))

    def check_name(self, a: int, b: int) -> None:
        """Refuse a name longer than the limit (random text, not a document)."""
        if b - a > self.limits.max_name:
            raise self.limits.name_error(self.where, self.ct.page_at(a), self.ct.text[a:b])

    def prov(self, a: int, b: int) -> Provenance:
        ct = self.ct
        if b > a:  # what ``ct.span(a, b)`` gives, without making a Span
            key = (ct.pages[a], ct.starts[a], ct.ends[b - 1], ct.text[a:b])
        else:
            sp = ct.span(a, b)
            key = (sp.page, sp.start, sp.end, sp.text)
        self.page = key[0]
        # taken out of ``reuse``: an object is never shared by two places of one model
        made = self._reuse.pop(key, None)
        if made is None:
            made = Provenance(page=key[0], start=key[1], end=key[2], text=key[3])
        self.made[key] = made
        return made

    def trim(self, a: int, b: int) -> tuple[int, int]:
        """Shrink ``[a, b)`` past punctuation at both ends."""
        while a < b and self.s[a] in EDGE_PUNCT:
            a += 1
        while b > a and self.s[b - 1] in EDGE_PUNCT:
            b -= 1
        return a, b

    def pieces(self, a: int, b: int, sep: re.Pattern[str]) -> list[tuple[int, int]]:
        """Split ``[a, b)`` on ``sep``; trimmed, non-empty pieces."""
        out: list[tuple[int, int]] = []
        pos = a
        for m in sep.finditer(self.s, a, b):
            out.append(self.trim(pos, m.start()))
            pos = m.end()
        out.append(self.trim(pos, b))
        return [(x, y) for x, y in out if y > x]
