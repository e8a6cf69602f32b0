"""Get: read any source `kg load` accepts into a model.

- a document (``.txt``, or a Word file, PDF or saved web page: ``.docx``, ``.pdf``,
  ``.html``/``.htm``): extracted by :mod:`loaders.document`;
- a model file (``.json``, ``.yaml``, ``.yml``): written by ``kg extract`` or by hand;
- a RACI matrix (``.csv``): read by :mod:`loaders.raci_csv`; an Excel one (``.xlsx``):
  read by :mod:`loaders.raci_xlsx`;
- a folder: every file of those types beneath it (:func:`expand_paths`), hidden files
  and Office lock files (``~$…``) skipped.

A file larger than :func:`max_file_bytes` (``KG_MAX_FILE_MB``, default 100 MB) is
refused before it is read.

A document's corrections file (``NAME.corrections.yaml`` beside it, :mod:`loaders.corrections`)
is applied to what the reader made, and is part of the source: its bytes count in the
source's digest, so a changed corrections file reloads the document; a folder load does
not take it for a model file.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from kg.errors import UNREADABLE_FILE, USAGE, KgError, SourceError
from kg.model import MODEL_SUFFIXES, Model, apply_aliases, read_model
from loaders import corrections
from loaders.containers import LEGACY, check_size
from loaders.containers import SUFFIXES as CONTAINER_SUFFIXES
from loaders.delta import Baseline, Edit, read_edit

DOCUMENT_SUFFIXES = (".txt", ".text", *CONTAINER_SUFFIXES)
CSV_SUFFIXES = (".csv",)
XLSX_SUFFIXES = (".xlsx",)
#: Every suffix `kg load` reads (a folder is searched for these).
SUFFIXES = (*DOCUMENT_SUFFIXES, *MODEL_SUFFIXES, *CSV_SUFFIXES, *XLSX_SUFFIXES)
#: Files a folder holds that are not sources: hidden ones, Office's lock files.
_SKIPPED_PREFIXES = (".", "~$")


class SourceInput:
    """A source read and validated, ready to be loaded.

    A model file read as an edit of the model its source was last loaded from
    (:mod:`loaders.delta`) carries ``edit``; its whole ``model`` is read only if asked for
    (a refresh that cannot use the edit, ``kg diff``)."""

    def __init__(
        self,
        path: Path,
        kind: str,  # document | model | raci-csv | raci-xlsx | unload
        model: Model | Callable[[], Model],
        sha256: str,
        warnings: list[str] | None = None,
        edit: Edit | None = None,
    ) -> None:
        self.path = path
        self.kind = kind
        self._model = model
        self.sha256 = sha256
        self.warnings = warnings if warnings is not None else []
        self.edit = edit

    @property
    def model(self) -> Model:
        if not isinstance(self._model, Model):
            self._model = self._model()
        return self._model

    @property
    def id(self) -> str:
        return self.edit.source.id if self.edit is not None else self.model.source.id


def _skipped(name: str) -> bool:
    return name.startswith(_SKIPPED_PREFIXES)


#: What a folder load does with a folder beneath it that cannot be read: given its path
#: and the reason (``kg load --skip-unreadable`` warns and goes on); by default an error.
Unreadable = Callable[[Path, str], None]


def folder_files(folder: Path, on_unreadable: Unreadable | None = None) -> list[Path]:
    """The source files beneath ``folder``, sorted; hidden files and folders and Office
    lock files (``~$…``) skipped, and files of other types.  A folder beneath it that
    cannot be read is an error naming it (exit code 2), not a silent gap; or, with
    ``on_unreadable``, reported to it and left out."""
    found: list[Path] = []

    def unreadable(error: OSError) -> None:  # os.walk would skip the folder without a word
        where, why = Path(error.filename or folder), str(error.strerror or error)
        if on_unreadable is not None:
            on_unreadable(where, why)
            return
        raise SourceError(
            f"{where}: cannot read the folder ({why}): its files would be left out of the "
            "load (kg load --skip-unreadable leaves it out with a warning)",
            exit_code=UNREADABLE_FILE,
        )

    for dirpath, dirnames, filenames in os.walk(folder, onerror=unreadable):
        dirnames[:] = sorted(d for d in dirnames if not _skipped(d))
        for name in filenames:
            if (
                not _skipped(name)
                and Path(name).suffix.lower() in SUFFIXES
                and not name.endswith(corrections.SUFFIX)  # a document's, not a model file
            ):
                found.append(Path(dirpath) / name)
    return sorted(found)


_ONE_SOURCE = "--source-id names one source: give a single file with it"


def check_request(paths: Sequence[str | Path], *, source_id: str | None = None, prune: bool = False) -> None:
    """Refuse a load asked for wrongly (a usage error, exit code 2) before anything is
    read or a connection opened: ``--source-id`` with several sources, ``--prune``
    without a folder."""
    if source_id and len(paths) > 1:
        raise SourceError(_ONE_SOURCE, exit_code=USAGE)
    if prune and not any(Path(p).is_dir() for p in paths):
        raise SourceError(
            "--prune withdraws what was loaded from a folder whose file is gone: give a folder",
            exit_code=USAGE,
        )


def expand_paths(paths: Sequence[str | Path], on_unreadable: Unreadable | None = None) -> list[Path]:
    """The files to load: a file as given, a folder as every source file beneath it
    (its absolute path, so that ``--prune`` finds them again from anywhere); each once.
    ``on_unreadable``: see :func:`folder_files`."""
    files: list[Path] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            files.extend(folder_files(p.resolve(), on_unreadable))
        else:
            files.append(p)
    return list(dict.fromkeys(files))


def file_digest(path: Path) -> str | None:
    """sha256 of a file's bytes (with a document's corrections file, see
    :func:`source_digest`), or None if it cannot be read (read_source says why)."""
    try:
        with open(path, "rb") as fh:
            return source_digest(path, hashlib.file_digest(fh, "sha256").hexdigest())
    except OSError:
        return None


def source_digest(path: Path, sha: str) -> str:
    """A source's digest from its file's sha256: for a document with a corrections file
    beside it, of both (a changed corrections file is a changed source)."""
    if path.suffix.lower() not in DOCUMENT_SUFFIXES:
        return sha
    fix = corrections.beside(path)
    try:
        extra = fix.read_bytes()
    except OSError:
        return sha
    return hashlib.sha256(f"{sha}\0{hashlib.sha256(extra).hexdigest()}".encode()).hexdigest()


def read_source(
    path: str | Path,
    *,
    source_id: str | None = None,
    letters: Mapping[str, str] | None = None,
    baseline: Baseline | None = None,
    strict_corrections: bool = False,
    accept_partial: bool = False,
    sha256: str | None = None,
) -> SourceInput:
    """Read ``path`` by its type; raise :class:`KgError` subclasses with the file named.
    ``letters`` (relation → letter) reads an Excel RACI's other letters. With ``baseline``
    (the snapshots of the models loaded before), a JSON model file that edits its source's
    last model is read as that edit (:mod:`loaders.delta`). A document below the quality
    thresholds is refused (:class:`kg.errors.QualityError`) unless ``accept_partial``; its
    corrections file applies, and ``strict_corrections`` makes a stale correction an error.
    ``sha256``: the source's digest (:func:`file_digest`), when the caller made it a moment
    ago (0.5 s at 236 MB)."""
    p = Path(path)
    if not p.exists():
        raise SourceError(f"{p}: no such file", exit_code=UNREADABLE_FILE)
    if p.is_dir():
        raise SourceError(f"{p}: is a directory (give the files to load)", exit_code=UNREADABLE_FILE)
    suffix = p.suffix.lower()
    if suffix in LEGACY:
        raise SourceError(f"{p}: kg cannot read {suffix} files: {LEGACY[suffix]}")
    check_size(p)
    if suffix in DOCUMENT_SUFFIXES and suffix not in CONTAINER_SUFFIXES:
        from loaders.document.limits import Limits  # a text file's bytes are its text

        Limits.from_env().check_size(p.stat().st_size, str(p))
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise SourceError(f"{p}: cannot read ({exc.strerror})", exit_code=UNREADABLE_FILE) from None
    sha = sha256 or source_digest(p, hashlib.sha256(raw).hexdigest())
    warnings: list[str] = []
    if suffix in DOCUMENT_SUFFIXES:
        from loaders.document import extract_file

        extraction = extract_file(p, accept_partial=accept_partial)
        model, kind = extraction.model, "document"
        warnings = [str(w) for w in extraction.warnings]
        if model.source.accepted_partial:
            warnings.append(
                "accepted below the quality thresholds (--accept-partial): "
                + model.source.accepted_partial
            )
        outcome = corrections.correct(model, p, strict=strict_corrections)
        if outcome is not None:
            model = outcome.model
            warnings += outcome.warnings()
    elif suffix in MODEL_SUFFIXES:
        if baseline is not None and MODEL_SUFFIXES[suffix] == "json":
            from loaders.glossary import kept_aliases

            edit = read_edit(p, raw, baseline, source_id=source_id, aliases=kept_aliases())
            if edit is not None:
                return SourceInput(p, "model", lambda: _finish(read_model(p), "model", source_id), sha, edit=edit)
        model, kind = read_model(p), "model"
    elif suffix in CSV_SUFFIXES:
        from loaders.raci_csv import read_raci_csv

        model, kind = read_raci_csv(p, source_id=source_id), "raci-csv"
    elif suffix in XLSX_SUFFIXES:
        from loaders.raci_xlsx import read_raci_xlsx

        model, kind = read_raci_xlsx(p, source_id=source_id, letters=letters), "raci-xlsx"
    else:
        known = ", ".join(sorted(set(SUFFIXES)))
        raise SourceError(f"{p}: unknown source type {p.suffix or '(none)'!r} (use {known})")
    return SourceInput(path=p, kind=kind, model=_finish(model, kind, source_id), sha256=sha, warnings=warnings)


def _finish(model: Model, kind: str, source_id: str | None) -> Model:
    """kg's own aliases applied (a document's extraction applied them already), and the
    source id given instead of the file's."""
    if kind != "document":
        from loaders.glossary import kept_aliases

        model = apply_aliases(model, kept_aliases(), "loaders/aliases.yaml")
    if source_id:
        model = model.model_copy(update={"source": model.source.model_copy(update={"id": source_id})})
    return model


def read_sources(
    paths: list[str | Path],
    *,
    source_id: str | None = None,
    letters: Mapping[str, str] | None = None,
    baseline: Baseline | None = None,
    strict_corrections: bool = False,
    accept_partial: bool = False,
    digests: Mapping[Path, str] | None = None,
) -> list[SourceInput]:
    """Read every source before anything is written, so one bad file stops them all
    (``baseline``, ``accept_partial``: see :func:`read_source`; ``digests``: the sources'
    digests by path, when known)."""
    if source_id and len(paths) > 1:
        raise SourceError(_ONE_SOURCE, exit_code=USAGE)
    inputs: list[SourceInput] = []
    problems: list[KgError] = []
    code = 1
    for path in paths:
        try:
            known = (digests or {}).get(Path(path))
            inputs.append(
                read_source(
                    path,
                    source_id=source_id,
                    letters=letters,
                    baseline=baseline,
                    strict_corrections=strict_corrections,
                    accept_partial=accept_partial,
                    sha256=known,
                )
            )
        except KgError as exc:
            problems.append(exc)
            code = max(code, exc.exit_code)  # a missing file (2) says so in the exit code
    if problems:
        if len(problems) == 1:  # its own message and its own detail lines
            raise SourceError(problems[0].message, problems[0].details, exit_code=code)
        lines = [line for exc in problems for line in (exc.message, *(f"  {d}" for d in exc.details))]
        raise SourceError(f"{len(problems)} sources cannot be loaded", lines, exit_code=code)
    seen: dict[str, Path] = {}
    for item in inputs:
        if item.id in seen:
            raise SourceError(
                f"{item.path} and {seen[item.id]} both claim the source id {item.id!r}: "
                "load them separately or give one a different source id"
            )
        seen[item.id] = item.path
    return inputs
