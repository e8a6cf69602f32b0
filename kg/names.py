"""Script conversion of names: the one place kg calls OpenCC.

Names are canonical in Simplified script; documents, RACI sheets and users write them in
Traditional, Simplified or a mixture.  Conversion is character for character, so offsets
into a converted text still point into the original (the extractor relies on it).
"""

from __future__ import annotations

from functools import cache, lru_cache

import opencc


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


#: Texts up to this length (names, terms, single characters) are converted once and
#: remembered: a call costs far more than the few characters it converts.
_SHORT = 32


@lru_cache(maxsize=16384)
def _convert_short(config: str, text: str) -> str:
    return _convert_text(config, text)


def _convert(config: str, text: str) -> str:
    if len(text) <= _SHORT:
        return _convert_short(config, text)
    return _convert_text(config, text)


def _convert_text(config: str, text: str) -> str:
    out = str(_converter(config).convert(text))
    if len(out) == len(text):
        return out
    # A phrase conversion changed the length: convert character by character instead.
    conv = _converter(config)
    return "".join(c if len(s := str(conv.convert(c))) != 1 else s for c in text)


def to_simplified(text: str) -> str:
    """``text`` with Traditional characters folded to Simplified, character for character
    (same length; characters with no one-character Simplified form stay as they are)."""
    return _convert("t2s", text)


def to_traditional(text: str) -> str:
    """``text`` in Traditional script, character for character (same length)."""
    return _convert("s2t", text)
