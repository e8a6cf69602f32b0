"""``kg load DIR --prune``: the sources loaded from files beneath DIR whose files are gone.

A source records the file it was loaded from (``Source.file``; a folder's files are
recorded with their absolute path).  Pruning is scoped to the folders given: a source
whose file lies elsewhere is never touched, nor one this load refreshes (a file renamed
within the folder keeps its source).  The pruned sources are withdrawn in the load's own
transaction (:func:`loaders.refresh.refresh_all`): all of it applies, or none.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path

from kg.db import Database
from kg.model import Model, Source
from kg.statements import statement
from loaders.sources import SourceInput


def _beneath(recorded: str, folder: Path) -> Path | None:
    """The recorded file's absolute path if it lies beneath ``folder``, else None."""
    path = Path(recorded)
    if not path.is_absolute():  # loaded by a relative path: from where kg runs now
        path = Path.cwd() / path
    path = Path(*path.parts).resolve(strict=False)
    return path if path.is_relative_to(folder) else None


def stale_sources(
    db: Database, folders: Sequence[Path], keep: Collection[str]
) -> list[tuple[str, Path]]:
    """(source id, recorded file) of each source loaded from beneath ``folders`` whose
    file is gone, ``keep`` (the sources this load states) aside."""
    roots = [f.resolve() for f in folders]
    with db.session() as s:
        recorded = [(r["source"], r["path"]) for r in s.run(statement("source-paths"))]
    stale: list[tuple[str, Path]] = []
    for source, path in recorded:
        if source in keep:
            continue
        for root in roots:
            file = _beneath(path, root)
            if file is not None and not file.exists():
                stale.append((source, file))
                break
    return stale


def withdrawals(stale: Sequence[tuple[str, Path]]) -> list[SourceInput]:
    """The load items that withdraw everything these sources state."""
    return [SourceInput(path, "unload", Model(source=Source(id=source)), "") for source, path in stale]


__all__ = ["stale_sources", "withdrawals"]
