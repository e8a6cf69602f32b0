"""Text normalisation with an offset map: raw scraped document → one clean, parseable text.

What a scraped business-model document looks like, and what :func:`clean` does about it:

* a site header before the first page marker — dropped (a warning if there is no marker);
* page markers ``N、`` at line starts, a page break anywhere (inside a word or a label) —
  markers and line breaks removed, pages joined; every clean character remembers its page;
* pinyin annotations after characters, ``經(jīng)`` — removed by pattern (any CJK character,
  any tone-marked or plain pinyin syllables), real parentheses such as ``(Ver1.0)`` kept;
* full-width ASCII punctuation (``：，（）``) — folded to ASCII (one character for one, so
  offsets stay exact);
* whitespace — removed (kept as one space between two ASCII letters or digits);
* mojibake such as ``??蛻艚?(jīng)理`` — a ``?`` annotated with pinyin is restored from the
  document's own annotations; the rest is found as a *garbled run* and can be repaired
  later against the document's vocabulary with :func:`repair`.

The result, :class:`CleanText`, holds the clean text in its original script, the same text
in Simplified script (same length, for parsing), and for every character its page and its
span in the raw text, so that any parsed fact can point back to where it was stated.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress

from kg.names import to_simplified, to_traditional

#: A page marker: a line that starts with the page number and an ideographic comma.
PAGE_MARKER = re.compile(r"^[ \t\u3000]*(?P<page>\d{1,4})、", re.MULTILINE)

#: Letters that occur in pinyin: ASCII plus the tone-marked vowels (and ü, ê, ń, ň, ǹ, ḿ).
_PINYIN_LETTERS = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ"

#: A parenthesised run of pinyin syllables right after a CJK character (or a ``?`` standing
#: for a lost one): ``(jīng)``, ``(zhǔ rèn)``, ``(ye4)``.  Whether the content really is
#: pinyin is checked by :data:`_PINYIN_WORD` (so ``(Ver1.0)`` or ``(crm)`` stay).
PINYIN_ANNOTATION = re.compile(
    r"(?:(?<=[\u3400-\u9fff\uf900-\ufaff])\("  # after a Han character,
    r"|(?<=[?\ufffd])\(?)"  # or after a lost one (whose '(' may be lost too)
    r"(?P<pinyin>[" + _PINYIN_LETTERS + r"1-5]{1,8}"  # first syllable
    r"(?:[ '\-][" + _PINYIN_LETTERS + r"1-5]{1,8}){0,5})\)"  # further syllables
)

#: One or more pinyin syllables without tone marks: optional initial, vowels, optional
#: final, optional tone digit (``jing``, ``zhuren``, ``lüe4``).
_PINYIN_WORD = re.compile(
    r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiouüv]{1,3}(?:ng|n|r)?[1-5]?[ '\-]?)+"
)

#: Characters that mean "a character was lost here" (ASCII ? after folding, U+FFFD).
LOST = "?\ufffd"
_LOST_CHAR = re.compile(f"[{re.escape(LOST)}]")

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WHITESPACE = re.compile(r"\s+")
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")

#: Other forms of the colon, semicolon and comma that label and list separators are
#: written with: the ratio sign ``∶`` (often typed for a colon), the vertical and the small
#: forms (``︓`` ``︔`` ``﹕`` ``﹔`` ``﹐`` ``﹑``).
_OTHER_PUNCT = {
    0x2236: ord(":"),
    0xFE13: ord(":"),
    0xFE14: ord(";"),
    0xFE50: ord(","),
    0xFE51: ord("、"),
    0xFE54: ord(";"),
    0xFE55: ord(":"),
}
#: Full-width ASCII (U+FF01..U+FF5E) → ASCII; the ideographic space → space; the other
#: forms of separators above.
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20} | _OTHER_PUNCT

#: Punctuation that ends a sentence or separates clauses (after folding).
SENTENCE_PUNCT = "。;,、:!?"


#: Any character :data:`_WIDTH` folds (most documents have none: nothing to translate).
_WIDE = re.compile("[\uff01-\uff5e\u3000\u2236\ufe13\ufe14\ufe50\ufe51\ufe54\ufe55]")


def fold_width(text: str) -> str:
    """Full-width ASCII punctuation, letters and digits, and the other forms of separators
    (:data:`_OTHER_PUNCT`) → ASCII (one character for one)."""
    return text.translate(_WIDTH) if _WIDE.search(text) else text


#: Each tone-marked pinyin letter → its bare letter (what NFD minus combining marks gives).
_BARE = {
    ord(c): "".join(d for d in unicodedata.normalize("NFD", c) if not unicodedata.combining(d))
    for c in _PINYIN_LETTERS
    if not c.isascii() and c != "-"
}


@lru_cache(maxsize=4096)  # a document annotates the same few hundred syllables again and again
def is_pinyin(word: str) -> bool:
    """Whether ``word`` reads as lower-case pinyin syllables (tone marks or digits allowed)."""
    if word != word.lower():
        return False
    bare = word.translate(_BARE)
    if not bare.isascii():  # letters beyond the pinyin ones: strip their marks the long way
        bare = "".join(
            c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c)
        )
    return _PINYIN_WORD.fullmatch(bare) is not None


@dataclass(frozen=True)
class Span:
    """A span of the raw document: first page, raw offsets, clean text."""

    page: int
    start: int
    end: int
    text: str


@dataclass
class CleanText:
    """The clean text and, per character, its page and its raw span."""

    raw: str
    text: str  # clean, original script, ASCII punctuation
    simple: str  # the same in Simplified script (same length)
    starts: list[int]
    ends: list[int]
    pages: list[int]
    #: index ranges [start, end) of garbled runs (mojibake) in ``text``
    garbled: list[tuple[int, int]] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)

    def span(self, start: int, end: int) -> Span:
        """The raw span of clean characters ``[start, end)``."""
        if end <= start:
            at = min(start, len(self.text) - 1)
            if at < 0:
                return Span(1, 0, 0, "")
            return Span(self.pages[at], self.starts[at], self.starts[at], "")
        return Span(self.pages[start], self.starts[start], self.ends[end - 1], self.text[start:end])

    def page_at(self, index: int) -> int:
        if not self.pages:
            return 1
        return self.pages[min(max(index, 0), len(self.pages) - 1)]


# --------------------------------------------------------------------------- stage 1: pages
def _join_pages(
    raw: str, warnings: list[tuple[int, str]]
) -> tuple[str, list[int], list[int], list[int]]:
    """Drop the header and page markers, join pages; return text, raw offsets, the raw
    offsets just after each character (offset + 1), and pages.

    Pages are separated by form feeds (a Word file, a PDF, ``pdftotext`` output) or, in
    the scraped form, marked by ``N、`` at the start of a line."""
    if FORM_FEED in raw:
        return _split_form_feeds(raw)
    markers: list[re.Match[str]] = []
    for m in PAGE_MARKER.finditer(raw):
        # Markers are consecutive page numbers from 1 or more (a page 0 does not exist);
        # anything else at a line start is text.
        if (not markers and int(m["page"]) >= 1) or (
            markers and int(m["page"]) == int(markers[-1]["page"]) + 1
        ):
            markers.append(m)
    chars: list[str] = []
    offsets: list[int] = []
    after: list[int] = []
    pages: list[int] = []

    def take(a: int, b: int, page: int) -> None:
        piece = raw[a:b]
        chars.append(piece)
        offsets.extend(range(a, b))
        after.extend(range(a + 1, b + 1))
        pages.extend([page] * (b - a))

    if not markers:
        warnings.append((1, "no page markers (lines starting 'N、'): read as one page"))
        take(0, len(raw), 1)
    else:
        # What precedes the first marker is the site's header ('資源描述:…天天文庫。').
        for i, m in enumerate(markers):
            end = markers[i + 1].start() if i + 1 < len(markers) else len(raw)
            while end > m.end() and raw[end - 1] in "\r\n":  # the page's line break
                end -= 1
            take(m.end(), end, int(m["page"]))
    return "".join(chars), offsets, after, pages


FORM_FEED = "\f"


def _split_form_feeds(raw: str) -> tuple[str, list[int], list[int], list[int]]:
    """Pages separated by form feeds: each page's text, with its own page number."""
    chars: list[str] = []
    offsets: list[int] = []
    after: list[int] = []
    pages: list[int] = []
    start = 0
    for page, piece in enumerate(raw.split(FORM_FEED), start=1):
        chars.append(piece + "\n")  # a page ends a line
        offsets.extend(range(start, start + len(piece) + 1))
        after.extend(range(start + 1, start + len(piece) + 2))
        pages.extend([page] * (len(piece) + 1))
        start += len(piece) + 1
    # the last page's added line end points just past the text
    offsets[-1] = len(raw) - 1 if raw else 0
    after[-1] = offsets[-1] + 1
    return "".join(chars), offsets, after, pages


# --------------------------------------------------------------------------- stage 2: clean
def clean(raw: str) -> CleanText:
    """Normalise a raw document (see the module docstring); never raises on text input."""
    warnings: list[tuple[int, str]] = []
    joined, offsets, after, pages = _join_pages(raw, warnings)
    joined = fold_width(joined)
    # Pinyin learnt from the document itself: syllable → characters it annotates.
    readings: defaultdict[str, Counter[str]] = defaultdict(Counter)
    lost_readings: dict[int, str] = {}  # index in joined of a '?' → its pinyin
    drops: list[tuple[int, int, str]] = []  # (start, end, replacement) in joined
    for m in PINYIN_ANNOTATION.finditer(joined):
        pinyin = m["pinyin"]
        if not is_pinyin(pinyin):
            continue
        a = m.start()
        drops.append((a, m.end(), ""))
        before = joined[a - 1]
        if before in LOST:
            lost_readings[a - 1] = pinyin
        else:
            readings[pinyin][before] += 1
    for m in _WHITESPACE.finditer(joined):
        a, b = m.start(), m.end()
        keep = (
            a > 0
            and b < len(joined)
            and _ASCII_ALNUM.match(joined[a - 1])
            and _ASCII_ALNUM.match(joined[b])
        )
        drops.append((a, b, " " if keep else ""))
    drops.sort()

    # What stays is marked in a mask, and the per-character lists are filtered by it in C
    # (itertools.compress), not extended range by range.
    text_parts: list[str] = []
    kept = bytearray(b"\x01") * len(joined)
    ends_at = list(after)  # raw ends, where a dropped annotation or whitespace extends them
    last = -1  # the joined index of the last character kept so far
    pos = 0
    for a, b, repl in drops:
        if a < pos:  # overlapping drop (whitespace inside an annotation): already gone
            continue
        if a > pos:
            text_parts.append(joined[pos:a])
            last = a - 1
        kept[a:b] = bytes(b - a)
        if repl:  # one character stands for the run, at its start
            text_parts.append(repl)
            kept[a] = 1
            ends_at[a] = after[b - 1]
            last = a
        elif last >= 0:
            # a dropped annotation belongs to the character before it
            ends_at[last] = after[b - 1]
        pos = b
    text_parts.append(joined[pos:])
    starts = list(compress(offsets, kept))
    ends = list(compress(ends_at, kept))
    out_pages = list(compress(pages, kept))
    # (clean index of a lost character, its pinyin), for those kept (a "?" is not dropped)
    lost = [
        (kept.count(1, 0, k), pinyin)
        for k, pinyin in sorted(lost_readings.items())
        if kept[k]
    ]

    text = _restore_lost("".join(text_parts), lost, readings)
    result = CleanText(
        raw=raw,
        text=text,
        simple=to_simplified(text),
        starts=starts,
        ends=ends,
        pages=out_pages,
        warnings=warnings,
    )
    for i, _ in lost:
        if text[i] not in LOST:
            warnings.append(
                (result.page_at(i), f"restored a lost character as {text[i]!r} from its pinyin")
            )
    result.garbled = _garbled_runs(result)
    return result


def _restore_lost(text: str, lost: list[tuple[int, str]], readings: dict[str, Counter[str]]) -> str:
    """Put back lost characters (``?``) whose pinyin annotation survived.

    The character is the one the document itself annotates with that pinyin most often, and
    it is accepted only if it forms, with a neighbour, a pair of characters that the document
    uses elsewhere (``?(jīng)理`` → ``經理``, seen many times).
    """
    restored: dict[int, str] = {}  # index → the character put back (earlier ones count)
    for i, pinyin in lost:
        reading = readings.get(pinyin)
        if not reading:
            continue
        cand = reading.most_common(1)[0][0]
        pairs = []
        if i + 1 < len(text):
            pairs.append(cand + restored.get(i + 1, text[i + 1]))
        if i > 0:
            pairs.append(restored.get(i - 1, text[i - 1]) + cand)
        # a pair the document uses: a substring of the text as it was (before any restoring)
        if any(p[0] not in LOST and p[1] not in LOST and p in text for p in pairs):
            restored[i] = cand
    if not restored:
        return text
    parts: list[str] = []
    pos = 0
    for i in sorted(restored):
        parts += (text[pos:i], restored[i])
        pos = i + 1
    parts.append(text[pos:])
    return "".join(parts)


def _garbled_runs(ct: CleanText) -> list[tuple[int, int]]:
    """Runs of lost characters (``?``, U+FFFD) and the foreign characters around them.

    A foreign character is a Han character that occurs nowhere else in the document (an
    ASCII letter right after one is a trail byte read on its own).  A run must hold U+FFFD or
    at least two characters (a lone ``?`` may be a question mark).
    """
    text = ct.text
    counts: dict[str, int] = {}  # occurrences of the characters met near lost ones

    def foreign(ch: str) -> bool:
        if ch in LOST:
            return True
        if _HAN.match(ch) is None:
            return False
        n = counts.get(ch)
        if n is None:
            n = counts[ch] = text.count(ch)
        return n == 1

    runs: list[tuple[int, int]] = []
    i = 0
    while (m := _LOST_CHAR.search(text, i)) is not None:
        i = m.start()
        a, b = i, i + 1
        while a > 0 and foreign(text[a - 1]):
            a -= 1
        while b < len(text) and (
            foreign(text[b])
            # a trail byte read as ASCII (0x40-0x7E) right after a foreign character
            or (
                text[b].isascii()
                and text[b].isalpha()
                and text[b - 1] not in LOST
                and foreign(text[b - 1])
            )
        ):
            b += 1
        if b - a >= 2 or "\ufffd" in text[a:b]:
            runs.append((a, b))
        i = b
    return runs


# --------------------------------------------------------------------------- stage 3: repair
#: Legacy encodings whose text, read one byte out of step, produces such garbled runs.
_LEGACY = ("gbk", "big5")


@dataclass(frozen=True)
class Repair:
    """A garbled run, what it was replaced with, and how many characters stay lost."""

    start: int
    end: int
    garbled: str
    replacement: str
    unresolved: int


class _CountsOutside(dict[str, int]):
    """How often each character occurs in a text outside some runs of it (Simplified),
    counted when asked (str.count), not for every character of the text."""

    def __init__(self, text: str, runs: list[tuple[int, int]]) -> None:
        super().__init__()
        self.text = text
        self.runs = [text[a:b] for a, b in runs]

    def __missing__(self, ch: str) -> int:
        n = self[ch] = self.text.count(ch) - sum(r.count(ch) for r in self.runs)
        return n


def _realign(run: str, known: Mapping[str, int]) -> str:
    """Re-read the foreign characters of a run one byte later in a legacy encoding.

    Double-byte text that lost one byte is read out of step: every character is made of the
    second byte of one and the first byte of the next (``厝谫`` is GBK ``D8C8 DAD9``; shifted,
    ``C8DA D959`` is ``融資``).  The shifted reading is kept if every character it yields is
    one the document uses elsewhere (``known``: Simplified counts); otherwise the run is left
    as it is.  A script conversion may have changed the garbled characters themselves
    (``蛻`` → ``蜕``), so both scripts are tried.
    """
    out: list[str] = []
    for part in re.split(f"([{LOST}]+)", run):
        if not part or part[0] in LOST:
            out.append(part)
            continue
        best = part
        for form in dict.fromkeys((part, to_traditional(part), to_simplified(part))):
            shifted = _shifted(form, known)
            if shifted:
                best = shifted
                break
        out.append(best)
    return "".join(out)


def _shifted(part: str, known: Mapping[str, int]) -> str | None:
    for enc in _LEGACY:
        try:
            data = part.encode(enc)
        except UnicodeEncodeError:
            continue
        shifted = data[1:].decode(enc, errors="ignore")
        if shifted and all(_HAN.match(c) and known[to_simplified(c)] > 0 for c in shifted):
            return shifted
    return None


def _fill_from_vocabulary(
    window: str, lo: int, hi: int, terms: dict[str, str], freq: dict[str, int]
) -> dict[int, str]:
    """Fill lost characters in ``window[lo:hi]`` by aligning vocabulary terms over them.

    A term fits at a position if each of its characters equals the window's or falls on a
    lost one, at least two of them match exactly, and it covers a lost character of the run.
    The best fit has the most exact matches, then the highest frequency in the document.
    """
    simple = to_simplified(window)
    best: tuple[int, int] | None = None
    fill: dict[int, str] = {}
    for term_s, term_o in terms.items():
        n = len(term_s)
        for at in range(max(0, lo - n + 1), min(hi, len(window) - n + 1)):
            exact = 0
            covers: dict[int, str] = {}
            for k in range(n):
                c = simple[at + k]
                if c in LOST:
                    covers[at + k] = term_o[k]
                elif c == term_s[k]:
                    exact += 1
                else:
                    break
            else:
                if exact >= 2 and any(lo <= i < hi for i in covers):
                    score = (exact, freq.get(term_s, 0))
                    if best is None or score > best:
                        best, fill = score, covers
    return fill


def repair(ct: CleanText, vocabulary: Iterable[str] = ()) -> tuple[CleanText, list[Repair]]:
    """Repair the garbled runs of ``ct``: realign legacy bytes, then fill lost characters
    from the document's vocabulary (role and department names).  Returns the new text and
    one :class:`Repair` per run (``unresolved`` > 0: characters that stay lost, as ``?``)."""
    if not ct.garbled:
        return ct, []
    terms = {to_simplified(t): t for t in vocabulary if len(t) >= 2}
    freq = {s: ct.simple.count(s) for s in terms}
    outside = _CountsOutside(ct.simple, ct.garbled)
    repairs: list[Repair] = []
    for a, b in ct.garbled:
        run = _realign(ct.text[a:b], outside)
        lo, hi = max(0, a - 8), min(len(ct.text), b + 8)
        window = ct.text[lo:a] + run + ct.text[b:hi]
        fill = _fill_from_vocabulary(window, a - lo, a - lo + len(run), terms, freq)
        run = "".join(fill.get(a - lo + k, c) for k, c in enumerate(run))
        repairs.append(Repair(a, b, ct.text[a:b], run, sum(c in LOST for c in run)))
    text, starts, ends, pages = ct.text, list(ct.starts), list(ct.ends), list(ct.pages)
    for r in sorted(repairs, key=lambda r: -r.start):
        n = len(r.replacement)
        s0, e0, p0 = starts[r.start], ends[r.end - 1], pages[r.start]
        text = text[: r.start] + r.replacement + text[r.end :]
        starts[r.start : r.end] = [s0] * n
        ends[r.start : r.end] = [e0] * n
        pages[r.start : r.end] = [p0] * n
    fixed = CleanText(
        raw=ct.raw,
        text=text,
        simple=to_simplified(text),
        starts=starts,
        ends=ends,
        pages=pages,
        warnings=list(ct.warnings),
    )
    return fixed, repairs


def clean_fragment(raw: str) -> str:
    """Clean a piece of raw text the way :func:`clean` cleans a document (no repair).

    Used to check provenance: ``clean_fragment(raw[start:end]) == provenance.text``.
    A page marker inside the fragment is removed when it follows a line break.
    """
    body = re.sub(r"\n[ \t\u3000]*\d{1,4}、", "\n", raw)
    return clean("1、" + body).text
