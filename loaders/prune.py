"""``kg load DIR --prune``: the sources loaded from files beneath DIR whose files are gone.

A source records the file it was loaded from (``Source.file``) as an absolute, resolved
path, however the file was named on the command line, so that where ``kg load --prune``
runs from does not matter.  Pruning is scoped to the folders given, resolved the same way:
a source whose file lies elsewhere is never touched, nor one this load refreshes (a file
renamed within the folder keeps its source).  The pruned sources are withdrawn in the
load's own transaction (:func:`loaders.refresh.refresh_all`): all of it applies, or none.

Older kg versions recorded a file given by a relative path as that relative path, which
says nothing about where the file was: such a source is never pruned, and the prune says
so in one line per source (loading its file again records where it is; ``kg unload ID``
withdraws it).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.db import Database
from kg.model import Model, Source
from kg.statements import statement
from loaders.sources import SourceInput


@dataclass(frozen=True)
class Stale:
    """What a prune finds: the sources to withdraw, and those it cannot place."""

    #: (source id, recorded file) of each source loaded from beneath the folders whose
    #: file is gone
    gone: list[tuple[str, Path]] = field(default_factory=list)
    #: (source id, recorded path) of each source recorded with a relative path (by an
    #: older kg): where its file was is unknown, so it is never pruned
    unplaced: list[tuple[str, str]] = field(default_factory=list)

    def notes(self) -> list[str]:
        """One line for each source the prune leaves alone because it cannot place it."""
        return [
            f"not pruned: {source} was recorded with the relative path {path!r} by an older kg, "
            f"so where it was loaded from is unknown (load its file again to record where it is, "
            f"or `kg unload {source}`)"
            for source, path in self.unplaced
        ]


def recorded_file(path: str | Path) -> str:
    """How a source's file is recorded: its absolute path, the folders' symbolic links
    resolved (a link to a file elsewhere is recorded where the link is, in its folder)."""
    p = Path(path).absolute()
    return str(p.parent.resolve(strict=False) / p.name)


def stale_sources(db: Database, folders: Sequence[Path], keep: Collection[str]) -> Stale:
    """The sources loaded from beneath ``folders`` whose file is gone, ``keep`` (the
    sources this load states) aside, and those recorded by a relative path."""
    roots = [f.resolve(strict=False) for f in folders]
    with db.session() as s:
        recorded = [(r["source"], r["path"]) for r in s.run(statement("source-paths"))]
    found = Stale()
    for source, path in recorded:
        if source in keep:
            continue
        file = Path(path)
        if not file.is_absolute():
            found.unplaced.append((source, path))
            continue
        if any(file.is_relative_to(root) for root in roots) and not file.exists():
            found.gone.append((source, file))
    return found


def withdrawals(stale: Stale) -> list[SourceInput]:
    """The load items that withdraw everything these sources state."""
    return [SourceInput(path, "unload", Model(source=Source(id=source)), "") for source, path in stale.gone]


__all__ = ["Stale", "recorded_file", "stale_sources", "withdrawals"]
