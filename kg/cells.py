"""Spreadsheet-safe CSV cells.

A CSV cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run
as a formula by spreadsheet programs (CSV injection): a role named ``=HYPERLINK(…)``
from a document must not become a live link in an analyst's Excel. Text cells that start
so (numbers aside) are written with a leading ``'``, which spreadsheets show as text;
:func:`unprotect` is the rule readers of kg's CSV apply to get the text back
(``loaders/raci_csv.py`` does, so a RACI CSV still loads back to the same graph).
"""

from __future__ import annotations

FORMULA_STARTS = frozenset("=+-@\t\r")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _quoted(text: str) -> bool:
    """Whether ``text`` reads as a cell :func:`protect` quoted."""
    return len(text) > 1 and text[0] == "'" and (text[1] in FORMULA_STARTS or text[1] == "'")


def protect(text: str) -> str:
    """``text`` as a CSV cell no spreadsheet runs as a formula (and that
    :func:`unprotect` turns back into ``text``)."""
    if text and (text[0] in FORMULA_STARTS and not _is_number(text) or _quoted(text)):
        return "'" + text
    return text


def unprotect(text: str) -> str:
    """The text :func:`protect` was given."""
    return text[1:] if _quoted(text) else text
