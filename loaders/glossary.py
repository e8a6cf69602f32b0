"""The English glossary: canonical (Simplified) term → English name; the kept aliases.

The glossary is ``glossary.yaml``, shipped as package data of ``loaders``; a term that is
not in it gets no English name and is reported by ``kg extract`` as untranslated.  Beside it,
``aliases.yaml`` lists alternative names of one thing (alias → canonical id), applied by
:func:`kg.model.apply_aliases` at extraction and at load.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

from kg.errors import DocumentError


@lru_cache(maxsize=1)
def glossary() -> dict[str, str]:
    """All glossary entries (read once)."""
    text = resources.files("loaders").joinpath("glossary.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    if not isinstance(data, dict):
        raise DocumentError("loaders/glossary.yaml: expected a mapping of sections")
    terms: dict[str, str] = {}
    for section in data.values():
        if not isinstance(section, dict):
            raise DocumentError("loaders/glossary.yaml: each section must map term → English")
        for term, english in section.items():
            terms[str(term)] = str(english)
    return terms


def english(term: str) -> str | None:
    """The English name of a canonical term, or ``None`` if the glossary lacks it."""
    return glossary().get(term)


def term_for(english_name: str) -> str | None:
    """The canonical term whose English name is ``english_name`` (case-insensitive), if
    exactly one term has it."""
    wanted = english_name.strip().casefold()
    found = {term for term, en in glossary().items() if en.casefold() == wanted}
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=1)
def kept_aliases() -> dict[str, str]:
    """The kept alias list, ``aliases.yaml``: alias (name or id) → canonical id (read once)."""
    text = resources.files("loaders").joinpath("aliases.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    if not isinstance(data, dict):
        raise DocumentError("loaders/aliases.yaml: expected a mapping of sections")
    out: dict[str, str] = {}
    for section in data.values():
        if not isinstance(section, dict):
            raise DocumentError("loaders/aliases.yaml: each section must map alias → canonical id")
        for alias, canonical in section.items():
            out[str(alias)] = str(canonical)
    return out
