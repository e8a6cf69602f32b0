"""Legacy encodings and mojibake: bytes that are not UTF-8, text that was garbled.

A document saved on a Chinese system may be GBK or Big5: it is refused with the command
that converts it, not guessed (a wrong guess would put garbage into names and ids).
Garbled runs inside a UTF-8 text (``??蛻艚``) are repaired by :func:`loaders.text.repair`
from the document's own vocabulary; every repair is a warning that shows the run and what
replaced it, and how many characters stay lost.
"""

from __future__ import annotations

from kg.errors import DocumentError
from loaders import text as textmod
from loaders.document.state import DocumentWarning
from loaders.text import CleanText, Repair


def _gb2312_common(ch: str) -> bool:
    """Whether a character (in Simplified) is among the common characters of GB 2312."""
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def rare_han(text: str) -> set[str]:
    """The Han characters of ``text`` (in Simplified) that are not among the common
    characters of GB 2312.

    One encoding of the whole text, not one per character: a character GB 2312 lacks comes
    back as ``?`` (any other comes back as one character too, so positions stay aligned)."""
    back = text.encode("gb2312", "replace").decode("gb2312")
    rare: set[str] = set()
    i = back.find("?")
    while i >= 0:
        if text[i] != "?" and textmod._HAN.match(text[i]):
            rare.add(text[i])
        i = back.find("?", i + 1)
    return rare


def decode_document(data: bytes, where: str) -> str:
    """Decode a document's bytes as UTF-8 (BOM allowed), or say clearly what it is."""
    if not data.strip():
        raise DocumentError(f"{where}: the document is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    sample = data[:4096]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if b"\x00" in sample or controls > len(sample) // 20:
        raise DocumentError(f"{where}: a binary file, not a text document")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        guess = legacy_encoding(data)
        if guess:
            raise DocumentError(
                f"{where}: not UTF-8; it looks like {guess}-encoded Chinese text. Convert it "
                f"with: iconv -f {guess} -t UTF-8 {where} > converted.txt"
            ) from None
        raise DocumentError(f"{where}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def legacy_encoding(data: bytes) -> str | None:
    """GBK or Big5, whichever decodes ``data`` into mostly Han characters."""
    best: tuple[float, str] | None = None
    for enc, label in (("gb18030", "GBK"), ("big5", "BIG5")):
        try:
            decoded = data.decode(enc)
        except UnicodeDecodeError:
            continue
        han = sum(1 for c in decoded if textmod._HAN.match(c))
        common = sum(
            1 for c in decoded if textmod._HAN.match(c) and _gb2312_common(textmod.to_simplified(c))
        )
        ratio = (han / max(1, len(decoded.strip()))) * (common / max(1, han))
        if ratio > 0.3 and (best is None or ratio > best[0]):
            best = (ratio, label)
    return best[1] if best else None


def repair_warnings(ct: CleanText, repairs: list[Repair]) -> list[DocumentWarning]:
    """One warning per repaired garbled run, on the run's page (``ct`` is the repaired text)."""
    warnings: list[DocumentWarning] = []
    for r in repairs:
        page = ct.page_at(r.start)
        fixed_text = r.replacement
        if r.unresolved:
            warnings.append(
                DocumentWarning(
                    page,
                    f"garbled text {r.garbled!r} repaired as {fixed_text!r}; "
                    f"{r.unresolved} character(s) could not be restored",
                )
            )
        else:
            warnings.append(
                DocumentWarning(page, f"garbled text {r.garbled!r} repaired as {fixed_text!r}")
            )
    return warnings
