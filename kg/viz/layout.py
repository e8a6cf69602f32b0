"""Where a view's nodes go: top-down levels for reporting chains, physics in the page for
views up to :data:`PHYSICS_MAX_NODES` nodes (switched off once stable), and beyond that a
force layout computed here, so that the browser only draws."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from kg.viz.subgraph import Subgraph

#: Views with up to this many nodes lay themselves out with physics (then freeze);
#: larger ones get a layout computed here and no physics at all.
PHYSICS_MAX_NODES = 500


def choose_layout(requested: str, node_count: int) -> str:
    """The layout a view gets: the one it asks for, or for "auto" physics up to
    :data:`PHYSICS_MAX_NODES` nodes and a precomputed ("fixed") layout beyond."""
    if requested != "auto":
        return requested
    return "physics" if node_count <= PHYSICS_MAX_NODES else "fixed"


def reporting_levels(graph: Subgraph) -> dict[str, int]:
    """Levels for a top-down chain: a superior is drawn above everyone reporting to it
    (longest-path layering over REPORTS_TO; cycles are cut where they close)."""
    ups: dict[str, list[str]] = {k: [] for k in graph.nodes}
    for e in graph.edges.values():
        if e.type == "REPORTS_TO":
            ups[e.start].append(e.end)
    height: dict[str, int] = {}
    visiting: set[str] = set()

    def walk(start: str) -> int:
        # iterative DFS: height = 0 at the top of a chain, 1 + max(height of superiors)
        stack: list[tuple[str, int]] = [(start, 0)]
        while stack:
            node, i = stack.pop()
            if i == 0:
                if node in height:
                    continue
                visiting.add(node)
            sups = ups[node]
            if i < len(sups):
                stack.append((node, i + 1))
                sup = sups[i]
                if sup not in height and sup not in visiting:
                    stack.append((sup, 0))
                continue
            visiting.discard(node)
            height[node] = 1 + max((height[s] for s in sups if s in height), default=-1)
        return height[start]

    for key in graph.nodes:
        walk(key)
    return height


def force_layout(
    keys: Sequence[str], pairs: Iterable[tuple[str, str]], iterations: int = 60, seed: int = 7
) -> dict[str, tuple[float, float]]:
    """A Fruchterman-Reingold layout (numpy; dense repulsion, attraction along edges),
    scaled to vis-network pixels. Deterministic for the same input."""
    import numpy as np

    n = len(keys)
    if n == 0:
        return {}
    index = {k: i for i, k in enumerate(keys)}
    links = np.array(
        [(index[a], index[b]) for a, b in pairs if a in index and b in index and a != b],
        dtype=np.int64,
    ).reshape(-1, 2)
    rng = np.random.default_rng(seed)
    x = rng.random(n, dtype=np.float32)
    y = rng.random(n, dtype=np.float32)
    k = np.float32(math.sqrt(1.0 / n))
    temp = np.float32(0.1)
    cool = temp / np.float32(iterations + 1)
    for _ in range(iterations):
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        d2 = dx * dx + dy * dy
        np.maximum(d2, np.float32(1e-6), out=d2)
        rep = (k * k) / d2
        px = (dx * rep).sum(1)
        py = (dy * rep).sum(1)
        if len(links):
            a, b = links[:, 0], links[:, 1]
            lx, ly = x[a] - x[b], y[a] - y[b]
            dist = np.sqrt(lx * lx + ly * ly)
            att = dist / k
            np.subtract.at(px, a, lx * att)
            np.subtract.at(py, a, ly * att)
            np.add.at(px, b, lx * att)
            np.add.at(py, b, ly * att)
        length = np.sqrt(px * px + py * py)
        np.maximum(length, np.float32(1e-6), out=length)
        step = np.minimum(length, temp) / length
        x += px * step
        y += py * step
        temp -= cool
    # scale so that neighbouring nodes sit ~ 120 px apart
    scale = 120.0 / float(k)
    x = (x - x.mean()) * scale
    y = (y - y.mean()) * scale
    return {key: (round(float(x[i]), 1), round(float(y[i]), 1)) for i, key in enumerate(keys)}
