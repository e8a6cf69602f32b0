"""Get: read any source `kg load` accepts into a model.

- a raw document (``.txt``): extracted by :mod:`loaders.document`;
- a model file (``.json``, ``.yaml``, ``.yml``): written by ``kg extract`` or by hand;
- a RACI matrix (``.csv``): read by :mod:`loaders.raci_csv`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import KgError, SourceError
from kg.model import MODEL_SUFFIXES, Model, apply_aliases, read_model

DOCUMENT_SUFFIXES = (".txt", ".text")
CSV_SUFFIXES = (".csv",)


@dataclass
class SourceInput:
    """A source read and validated, ready to be loaded."""

    path: Path
    kind: str  # document | model | raci-csv
    model: Model
    sha256: str
    warnings: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.model.source.id


def file_digest(path: Path) -> str | None:
    """sha256 of a file's bytes, or None if it cannot be read (read_source says why)."""
    try:
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return None


def read_source(path: str | Path, *, source_id: str | None = None) -> SourceInput:
    """Read ``path`` by its type; raise :class:`KgError` subclasses with the file named."""
    p = Path(path)
    if not p.exists():
        raise SourceError(f"{p}: no such file")
    if p.is_dir():
        raise SourceError(f"{p}: is a directory (give the files to load)")
    suffix = p.suffix.lower()
    if suffix in DOCUMENT_SUFFIXES:  # refuse a huge document before reading it
        from loaders.document.limits import Limits

        Limits.from_env().check_size(p.stat().st_size, str(p))
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise SourceError(f"{p}: cannot read ({exc.strerror})") from None
    sha = hashlib.sha256(raw).hexdigest()
    warnings: list[str] = []
    if suffix in DOCUMENT_SUFFIXES:
        from loaders.document import extract_file

        extraction = extract_file(p)
        model, kind = extraction.model, "document"
        warnings = [str(w) for w in extraction.warnings]
    elif suffix in MODEL_SUFFIXES:
        model, kind = read_model(p), "model"
    elif suffix in CSV_SUFFIXES:
        from loaders.raci_csv import read_raci_csv

        model, kind = read_raci_csv(p, source_id=source_id), "raci-csv"
    else:
        known = ", ".join(sorted({*DOCUMENT_SUFFIXES, *MODEL_SUFFIXES, *CSV_SUFFIXES}))
        raise SourceError(f"{p}: unknown source type {p.suffix or '(none)'!r} (use {known})")
    if kind != "document":  # a document's extraction applied them already
        from loaders.glossary import kept_aliases

        model = apply_aliases(model, kept_aliases(), "loaders/aliases.yaml")
    if source_id:
        model = model.model_copy(update={"source": model.source.model_copy(update={"id": source_id})})
    return SourceInput(path=p, kind=kind, model=model, sha256=sha, warnings=warnings)


def read_sources(paths: list[str | Path], *, source_id: str | None = None) -> list[SourceInput]:
    """Read every source before anything is written, so one bad file stops them all."""
    if source_id and len(paths) > 1:
        raise SourceError("--source-id names one source: give a single file with it")
    inputs: list[SourceInput] = []
    problems: list[str] = []
    for path in paths:
        try:
            inputs.append(read_source(path, source_id=source_id))
        except KgError as exc:
            problems.append(str(exc))
    if problems:
        if len(problems) == 1:
            raise SourceError(problems[0])
        raise SourceError(f"{len(problems)} sources cannot be loaded", problems)
    seen: dict[str, Path] = {}
    for item in inputs:
        if item.id in seen:
            raise SourceError(
                f"{item.path} and {seen[item.id]} both claim the source id {item.id!r}: "
                "load them separately or give one a different source id"
            )
        seen[item.id] = item.path
    return inputs
