"""Spreadsheet-safe CSV cells (kg/cells.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.cells import protect, unprotect


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-5", "-5"),  # numbers stay numbers
        ("+3.5", "+3.5"),
        ("客户经理", "客户经理"),
        ("'=x", "''=x"),  # a quote that unprotect would take away is doubled
        ("'x", "'x"),
        ("", ""),
    ],
)
def test_protect(text: str, cell: str) -> None:
    assert protect(text) == cell


@given(st.text())
def test_unprotect_undoes_protect(text: str) -> None:
    assert unprotect(protect(text)) == text
