"""`kg explore` against the queries it shells: search, a role page and an expand, each
timed over HTTP (the explorer in this process, uvicorn in a thread, one kept-alive
connection, as the page's fetches) and beside the canned query it runs, called alone
through the library handle, in alternation (both see the same moments of a shared
machine).  The goal (issue #21): each endpoint's p95 at most 3x its query's p95.

- **search**: ``GET /api/search?q=岗位N`` beside ``g.query("search", text=…)``;
- **role page**: ``GET /api/node?ref=Position N`` (a role by its English name: resolved,
  then its first page of relationships) beside ``g.query("neighbours", node=…)``;
- **expand**: ``GET /api/node?ref=dept:团队N`` (a team: a hundred members, "+N more")
  beside ``g.query("neighbours", node=…)``.

The organisation is ``benchmarks.synthetic.synthetic_org`` (loaded with ``kg load``).

    python -m benchmarks.bench_explore [--roles 100000] [--calls 200] [--reuse]

Its server: the one NEO4J_URI names, else a local one (``benchmarks.common.bench_server``,
Bolt KG_BENCH_BOLT_PORT, default 7693).  Results: benchmarks/results/explore.json and .md.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

import uvicorn

from benchmarks.bench_queries import percentiles, timed_beside
from benchmarks.common import bench_server, write_results
from benchmarks.synthetic import synthetic_org
from kg.api import Graph
from kg.explore import create_app
from kg.model import write_model


def _serve(g: Graph) -> tuple[uvicorn.Server, threading.Thread, int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(create_app(g), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    return server, thread, port


def _getter(port: int) -> Callable[[str, dict[str, Any]], Any]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def get(path: str, params: dict[str, Any]) -> Any:
        conn.request("GET", path + "?" + urllib.parse.urlencode(params))
        response = conn.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"{path} {params}: {response.status} {body[:200]!r}")
        return json.loads(body)

    return get


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--roles", type=int, default=100_000, help="roles in the synthetic organisation")
    ap.add_argument("--calls", type=int, default=200, help="calls per operation")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--note", default="", help="a line kept with the results (e.g. how busy the machine was)")
    ap.add_argument("--reuse", action="store_true", help="keep the graph loaded by an earlier run")
    args = ap.parse_args(argv)

    os.environ.setdefault("KG_MAX_FILE_MB", "1000")
    settings, server = bench_server()
    rng = random.Random(args.seed)
    n = args.roles
    teams = max(n // 100, 1)
    results: dict[str, Any] = {
        "neo4j": f"{settings.neo4j_version}, heap {settings.heap}, page cache {settings.pagecache}",
        "roles": n,
        "calls": args.calls,
    }
    if args.note:
        results["note"] = args.note
    g = Graph.open(settings)
    web: uvicorn.Server | None = None
    try:
        with tempfile.TemporaryDirectory() as tmpdir:
            path = Path(tmpdir) / "org.json"
            write_model(synthetic_org(n), path)
            if not args.reuse:
                with g.session() as s:
                    s.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
            t0 = time.perf_counter()
            g.load([path])
            results["load_s"] = round(time.perf_counter() - t0, 1)
        web, thread, port = _serve(g)
        get = _getter(port)
        pick: dict[str, Any] = {}

        def role_text() -> str:
            pick["role"] = rng.randrange(n)
            return f"岗位{pick['role']}"

        operations: dict[str, tuple[Callable[[], Any], Callable[[], Any]]] = {
            "search": (
                lambda: get("/api/search", {"q": role_text()}),
                lambda: g.query("search", text=f"岗位{pick['role']}"),
            ),
            "role page": (
                lambda: get("/api/node", {"ref": f"Position {rng.randrange(n)}"}),
                lambda: g.query("neighbours", node=f"Position {rng.randrange(n)}", limit=40),
            ),
            "expand": (
                lambda: get("/api/node", {"ref": f"dept:团队{rng.randrange(teams)}"}),
                lambda: g.query("neighbours", node=f"dept:团队{rng.randrange(teams)}", limit=40),
            ),
        }
        rows = []
        for name, (endpoint, alone) in operations.items():
            samples, beside = timed_beside(endpoint, alone, args.calls)
            mine, theirs = percentiles(samples), percentiles(beside)
            rows.append({
                "operation": name,
                "endpoint_p50_ms": mine["p50_ms"],
                "endpoint_p95_ms": mine["p95_ms"],
                "query_alone_p50_ms": theirs["p50_ms"],
                "query_alone_p95_ms": theirs["p95_ms"],
                "x_query_p95": round(mine["p95_ms"] / theirs["p95_ms"], 2) if theirs["p95_ms"] else None,
            })
            print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
        results["operations"] = rows
        written = write_results("explore", results)
        print(f"written to {written}")
        web.should_exit = True
        thread.join(timeout=10)
    finally:
        g.close()
        if server is not None:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
