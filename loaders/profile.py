"""Where a load's time goes, phase by phase: off unless asked for (``with profiled() as
phases:``, as ``benchmarks/bench_load.py`` does), then each :func:`phase` adds its wall
time to ``phases[name]``.

The phases of a load (:mod:`loaders.refresh`, :mod:`loaders.apply`):

- ``prepare``: the schema check, the files known already, the lock, what killed loads left;
- ``read``: the files read and checked (a JSON model file parsed and validated);
- ``facts``: the model as facts and their diff with what the source stated before;
- ``report``: the semantic change report of the run (:mod:`kg.changes`) and its packing;
- ``staging``: waiting for the new nodes and relationships staged in batches (the
  facts of the relationships and the report are computed meanwhile);
- ``publish``: the load's transaction: staged nodes labelled, the rest merged, withdrawn;
- ``snapshot``: the model cut into chunks, hashed, compressed and kept;
- ``record``: the source and the run recorded;
- ``commit``: the commit, and deleting what the load hid.

Only the thread that runs the load records (the staging threads' work shows as the
time ``staging`` waits for them).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_PHASES: ContextVar[dict[str, float] | None] = ContextVar("kg_load_phases", default=None)


@contextmanager
def phase(name: str) -> Iterator[None]:
    """Add the wall time of the block to the phase ``name`` (when profiling)."""
    phases = _PHASES.get()
    if phases is None:
        yield
        return
    t0 = time.perf_counter()
    try:
        yield
    finally:
        phases[name] = phases.get(name, 0.0) + time.perf_counter() - t0


@contextmanager
def profiled() -> Iterator[dict[str, float]]:
    """Record the phases of what runs in the block: seconds by phase name."""
    phases: dict[str, float] = {}
    token = _PHASES.set(phases)
    try:
        yield phases
    finally:
        _PHASES.reset(token)


__all__ = ["phase", "profiled"]
