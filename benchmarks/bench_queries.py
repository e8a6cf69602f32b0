"""Query latency at enterprise scale: what analysts ask all day, beside `RETURN 1`.

Loads a synthetic organisation (``benchmarks.synthetic.synthetic_org``: 100,000 roles by
default, a reporting hierarchy 17 levels deep, matrix reporting in activity contexts,
nested departments, about a million relationships) with `kg load`, then calls each
analyst operation with random parameters and reports p50 and p95 latency next to
`RETURN 1` over the same driver, in the same run — timed in alternation with each
operation (``x_return_1_p95``, the goal's ratio) and once before them all
(``x_first_return_1_p95``, as runs before 2026-12 reported):

- the canned queries reporting-chain, role-impact, path-between-roles, activity-roles,
  role-activities, search, find, subordinates, through the library handle exactly as
  `kg query` runs them (name resolution included);
- `kg raci --area`, `kg validate` (every rule over the whole graph), `kg viz chain` (the
  HTML page written).

    python -m benchmarks.bench_queries [--roles 100000] [--calls 200] [--only a,b] [--reuse]

Its own server (data in .kg/bench-queries, so that it can run beside bench_load) listens
on Bolt KG_BENCH_BOLT_PORT (default 7693).  ``--reuse`` keeps the
loaded graph and the server between runs while iterating; a run for the record goes
without it (a fresh database, the load timed).

Results: benchmarks/results/queries.json and .md, with the machine described.  The goal
(issue #14): the p95 of every single-role query at most 3× the p95 of `RETURN 1`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.common import add_server_options, bench_server, claim, wipe, write_results
from benchmarks.synthetic import synthetic_org
from kg.api import Graph
from kg.model import write_model


def percentiles(samples: list[float]) -> dict[str, float]:
    """p50 and p95 in milliseconds (nearest rank), and the number of calls."""
    ordered = sorted(samples)

    def rank(p: float) -> float:
        return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]

    return {
        "calls": len(ordered),
        "p50_ms": round(rank(50) * 1000, 2),
        "p95_ms": round(rank(95) * 1000, 2),
        "mean_ms": round(statistics.fmean(ordered) * 1000, 2),
    }


def timed(call: Callable[[], Any], calls: int) -> list[float]:
    call()  # warm: plans cached, pages in memory, as for an analyst's second question
    samples = []
    for _ in range(calls):
        t0 = time.perf_counter()
        call()
        samples.append(time.perf_counter() - t0)
    return samples


def timed_beside(call: Callable[[], Any], yardstick: Callable[[], Any], calls: int) -> tuple[list[float], list[float]]:
    """``call`` and ``yardstick`` timed in alternation, ``calls`` times each: both see the
    same moments of a shared machine's load (a yardstick measured once, before, does not)."""
    call()
    yardstick()
    samples: list[float] = []
    beside: list[float] = []
    for _ in range(calls):
        for fn, into in ((call, samples), (yardstick, beside)):
            t0 = time.perf_counter()
            fn()
            into.append(time.perf_counter() - t0)
    return samples, beside


def operations(g: Graph, roles: int, rng: random.Random, out: Path) -> dict[str, Callable[[], Any]]:
    """Each measured operation, drawing fresh random parameters per call."""

    def role() -> str:
        return f"role:岗位{rng.randrange(roles)}"

    def deep_role() -> str:  # the lower half of the hierarchy: the longest chains
        return f"role:岗位{rng.randrange(roles // 2, roles)}"

    def activity() -> str:
        return f"activity:活动{rng.randrange(roles)}"

    areas = max(roles // 10_000, 1)
    return {
        "reporting-chain": lambda: g.query("reporting-chain", role=deep_role()),
        "reporting-chain (in one activity)": lambda: g.query(
            "reporting-chain", role=(r := deep_role()), activity=r.replace("role:岗位", "activity:活动")
        ),
        "role-impact": lambda: g.query("role-impact", role=role()),
        "path-between-roles": lambda: g.query("path-between-roles", from_role=deep_role(), to_role=deep_role()),
        "activity-roles": lambda: g.query("activity-roles", activity=activity()),
        "role-activities": lambda: g.query("role-activities", role=role()),
        "search": lambda: g.query("search", text=f"岗位{rng.randrange(roles)}"),
        "find": lambda: g.query("find", text=f"Position {rng.randrange(roles)}"),
        "subordinates": lambda: g.query("subordinates", role=role()),
        "kg raci --area": lambda: g.raci(area=f"领域{rng.randrange(areas)}"),
        "kg validate": lambda: g.validate(),
        "kg viz chain": lambda: g.view("chain", role=deep_role()).write(out / "chain.html"),
    }


#: Operations over the whole graph (a business area, every rule): fewer calls.
WHOLE_GRAPH = {"kg raci --area", "kg validate"}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--roles", type=int, default=100_000, help="roles in the synthetic organisation")
    ap.add_argument("--calls", type=int, default=200, help="calls per single-role operation")
    ap.add_argument("--whole-graph-calls", type=int, default=5, help="calls per whole-graph operation")
    ap.add_argument("--only", help="comma-separated operation names (default: all)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument(
        "--reuse",
        action="store_true",
        help="for iteration: keep the graph (an unchanged organisation is not loaded again) "
        "and leave the benchmark server running",
    )
    add_server_options(ap)
    args = ap.parse_args(argv)

    # the organisation's model file is 150 MB at 100k roles: over kg's default limit for
    # one file (KG_MAX_FILE_MB, 100), which guards against unexpected inputs, not this one
    os.environ.setdefault("KG_MAX_FILE_MB", "1000")
    settings, server = bench_server("bench-queries", uri=args.uri)  # beside bench_load's .kg/bench
    rng = random.Random(args.seed)
    results: dict[str, Any] = {
        "neo4j": f"{settings.neo4j_version}, heap {settings.heap}, page cache {settings.pagecache}",
        "roles": args.roles,
        # the machine is shared: its load when the run started (1, 5, 15 minutes)
        "load_average": " / ".join(f"{x:.1f}" for x in os.getloadavg()),
    }
    g = Graph.open(settings)
    try:
        claim(g, settings)
        with tempfile.TemporaryDirectory() as tmpdir:
            tmp = Path(tmpdir)
            model = synthetic_org(args.roles)
            path = tmp / "org.json"
            write_model(model, path)
            if not args.reuse:
                wipe(g)  # a fresh database: drop what an earlier run left
            t0 = time.perf_counter()
            [report] = g.load([path])
            results["load_s"] = round(time.perf_counter() - t0, 1)
            results["graph"] = {k: v for k, v in g.status().items() if k in ("fact_nodes", "fact_relationships")}
            print(f"loaded {results['graph']} in {results['load_s']} s", flush=True)

            rows: list[dict[str, Any]] = []
            driver = g.driver

            def return_1() -> Any:
                return driver.execute_query("RETURN 1", database_=g.database, routing_="r")

            baseline = percentiles(timed(return_1, args.calls))
            rows.append({
                "operation": "RETURN 1 (same driver)",
                **baseline,
                "return_1_p95_ms": baseline["p95_ms"],
                "x_return_1_p95": 1.0,
                "x_first_return_1_p95": 1.0,
            })
            wanted = set(args.only.split(",")) if args.only else None
            for name, op in operations(g, args.roles, rng, tmp).items():
                if wanted and name not in wanted:
                    continue
                calls = args.whole_graph_calls if name in WHOLE_GRAPH else args.calls
                samples, beside = timed_beside(op, return_1, calls)
                stats = percentiles(samples)
                yardstick = percentiles(beside)["p95_ms"]
                rows.append({
                    "operation": name,
                    **stats,
                    # the goal's ratio: against RETURN 1 timed in alternation with this operation
                    "return_1_p95_ms": yardstick,
                    "x_return_1_p95": round(stats["p95_ms"] / yardstick, 1) if yardstick else None,
                    # against the RETURN 1 row measured first (how earlier runs reported)
                    "x_first_return_1_p95": round(stats["p95_ms"] / baseline["p95_ms"], 1)
                    if baseline["p95_ms"]
                    else None,
                })
                print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
            results["operations"] = rows
        written = write_results("queries", results)
        print(f"written to {written}")
    finally:
        g.close()
        if server is not None and not args.reuse:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
