"""The one reader of ``cypher/``: every caller gets its Cypher text here.

``cypher/`` ships inside the package as ``kg.cypher``.  Its folders:

- the top level: the canned queries and validation rules (``kg.queries`` parses their
  headers into a catalogue);
- ``write/``: the loader's batched statements;
- ``whatif/``: hypothetical changes, run only in a transaction that is rolled back.

Labels and relationship types cannot be Cypher parameters, so some write statements are
templates: ``__LABEL__``, ``__FROM__``, ``__TO__`` (fact labels), ``__TYPE__`` (a fact
relationship type) and ``__KEY__`` (a relationship's identity beyond its ends).  They are
filled only from :mod:`kg.schema`'s fixed lists, never from input; values are always
``$parameters``.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from kg.schema import FACT_LABELS, FACT_TYPES, RANK

#: The folders of ``cypher/`` ("" is the top level).
FOLDERS = ("", "write", "whatif")
SUFFIX = ".cypher"

#: Template placeholder → the values it may take.
IDENTIFIERS: dict[str, frozenset[str]] = {
    "__LABEL__": frozenset(FACT_LABELS),
    "__FROM__": frozenset(FACT_LABELS),
    "__TO__": frozenset(FACT_LABELS),
    "__TYPE__": frozenset(FACT_TYPES),
    "__KEY__": frozenset({"", f"{{{RANK}: row.{RANK}}}"}),
}


def _folder(folder: str) -> str:
    if folder not in FOLDERS:
        raise ValueError(f"no folder {folder!r} in cypher/ (one of {', '.join(map(repr, FOLDERS))})")
    return f"kg.cypher.{folder}" if folder else "kg.cypher"


def names(folder: str = "") -> list[str]:
    """The statements of one folder, by name (file name without ``.cypher``), sorted."""
    return sorted(
        entry.name.removesuffix(SUFFIX)
        for entry in resources.files(_folder(folder)).iterdir()
        if entry.is_file() and entry.name.endswith(SUFFIX)
    )


@cache
def read(name: str, folder: str = "") -> str:
    """The text of ``cypher/[FOLDER/]NAME.cypher`` (raises FileNotFoundError)."""
    return (resources.files(_folder(folder)) / f"{name}{SUFFIX}").read_text(encoding="utf-8")


def placeholders(text: str) -> list[str]:
    """The template placeholders ``text`` uses."""
    return [token for token in IDENTIFIERS if token in text]


def fill(text: str, where: str = "statement", **identifiers: str) -> str:
    """``text`` with its placeholders filled: ``label="Role"`` fills ``__LABEL__``,
    ``type=``, ``from_=``/``**{"from": …}``, ``to=``, ``key=`` likewise. A value not in
    :data:`IDENTIFIERS` or a placeholder left unfilled raises ``ValueError``."""
    for placeholder, value in identifiers.items():
        token = f"__{placeholder.rstrip('_').upper()}__"
        if token not in IDENTIFIERS:
            raise ValueError(f"{where}: no placeholder {token}")
        if value not in IDENTIFIERS[token]:
            raise ValueError(f"{where}: {value!r} is not an allowed {token}")
        text = text.replace(token, value)
    leftover = placeholders(text)
    if leftover:
        raise ValueError(f"{where}: unfilled placeholder(s) {', '.join(leftover)}")
    return text


@cache
def statement(name: str, folder: str = "write", **identifiers: str) -> str:
    """``cypher/FOLDER/NAME.cypher`` with its placeholders filled (see :func:`fill`)."""
    return fill(read(name, folder), f"{folder}/{name}" if folder else name, **identifiers)
