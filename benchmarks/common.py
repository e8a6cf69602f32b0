"""What benchmarks share: their server, a description of the machine, the results file.

A benchmark empties its database between runs, so it never takes a user's graph: it
runs on a local server of its own whatever ``NEO4J_URI`` says, takes another only by
``--uri``, and even then refuses (one line, exit 2, nothing deleted) a database holding
anything a benchmark did not create (:func:`claim`), as the test suite does.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kg.config import Settings, load_settings
from kg.db import Database
from kg.server import LocalServer

RESULTS = Path(__file__).resolve().parent / "results"
ROOT = Path(__file__).resolve().parent.parent

#: Debian's chromium, headless, with nothing reaching out to the network by itself
#: (the env notes: without the background-networking flags it tries Google's hosts).
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def machine() -> dict[str, Any]:
    """CPU model, cores, memory, Python and OS of this machine."""
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "memory_gb": _memory_gb(),
        "python": sys.version.split()[0],
        "os": f"{platform.system()} {platform.release()}",
    }


def write_results(name: str, results: dict[str, Any]) -> Path:
    """Write ``results/<name>.json`` (results + machine) and ``results/<name>.md``."""
    RESULTS.mkdir(exist_ok=True)
    record: dict[str, Any] = {
        "benchmark": name,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "results": results,
    }
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (RESULTS / f"{name}.md").write_text(markdown(name, results, record["machine"]), encoding="utf-8")
    return path


def _table(rows: list[dict[str, Any]]) -> list[str]:
    columns = list(dict.fromkeys(k for row in rows for k in row))
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(str(row.get(c, "")) for c in columns) + " |" for row in rows]
    return lines


def markdown(name: str, results: dict[str, Any], machine_info: dict[str, Any]) -> str:
    """Results as Markdown: scalars in one table, each list of records or mapping of
    records as a table of its own, then the machine."""
    scalars = {k: v for k, v in results.items() if not isinstance(v, (dict, list))}
    out = [f"# {name}", "", "| measure | value |", "|---|---|"]
    out += [f"| {k} | {v} |" for k, v in scalars.items()]
    for key, value in results.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            out += ["", f"## {key}", "", *_table(value)]
        elif isinstance(value, dict):
            if value and all(isinstance(v, dict) for v in value.values()):
                out += ["", f"## {key}", "", *_table([{"": k, **v} for k, v in value.items()])]
            else:
                out += ["", f"## {key}", "", *_table([value])]
    out += ["", "## machine", "", "| | |", "|---|---|"]
    out += [f"| {k} | {v} |" for k, v in machine_info.items()]
    return "\n".join(out) + "\n"


#: The label of the node a benchmark marks a database it owns with (as the test suite
#: marks its own with ``:KgTestGuard``): only a database that carries it, or is empty, is
#: ever emptied by a benchmark.
GUARD_LABEL = "KgBenchGuard"


class Refused(SystemExit):
    """A benchmark that will not run: one line on stderr, exit code 2."""

    def __init__(self, message: str) -> None:
        print(f"Error: {message}", file=sys.stderr)
        super().__init__(2)


def add_server_options(ap: argparse.ArgumentParser) -> None:
    """``--uri``: the only way to run a benchmark on another server than its own."""
    ap.add_argument(
        "--uri",
        help="run on this Neo4j instead of the benchmark's own local server (NEO4J_URI is "
        "ignored: a benchmark empties its database). Password from NEO4J_PASSWORD; the "
        "database must be empty or one a benchmark marked as its own.",
    )


def bench_server(
    home: str = "bench", bolt_port: int | None = None, *, uri: str | None = None
) -> tuple[Settings, LocalServer | None]:
    """The Neo4j a benchmark runs on: a local server of its own in ``.kg/HOME`` (heap
    KG_BENCH_HEAP, default 4g; page cache KG_BENCH_PAGECACHE, default 3g), started here
    (the caller stops it), whatever NEO4J_URI says; another only when ``uri`` is given
    (``--uri``).  The own server's Bolt port is ``bolt_port``, else KG_BENCH_BOLT_PORT,
    else 7693; HTTP the next port (7480 for the default Bolt port), so two checkouts can
    benchmark side by side."""
    if uri:
        return load_settings({"uri": uri}, env_file=None), None
    default = bolt_port is None and not os.environ.get("KG_BENCH_BOLT_PORT")
    bolt = bolt_port if bolt_port is not None else int(os.environ.get("KG_BENCH_BOLT_PORT", "7693"))
    overrides = {
        "home": str(ROOT / ".kg" / home),
        "bolt_port": bolt,
        "http_port": 7480 if default else bolt + 1,
        "heap": os.environ.get("KG_BENCH_HEAP", "4g"),
        "pagecache": os.environ.get("KG_BENCH_PAGECACHE", "3g"),
    }
    server = LocalServer(load_settings(overrides, environ={}, env_file=None), echo=print)
    server.start()
    # read again: the first start generates the password
    return load_settings(overrides, environ={}, env_file=None), server


def claim(db: Database, settings: Settings) -> None:
    """Mark the database as the benchmark's, or refuse (exit 2, one line) when it holds
    anything a benchmark did not create: nothing has been deleted then."""
    with db.session() as s:
        rec = s.run(
            f"OPTIONAL MATCH (g:{GUARD_LABEL}) WITH count(g) AS guarded "
            f"OPTIONAL MATCH (n) WHERE NOT n:{GUARD_LABEL} RETURN guarded, count(n) AS others"
        ).single(strict=True)
        if rec["others"] and not rec["guarded"]:
            raise Refused(
                f"refusing to run: database {settings.database!r} at {settings.uri} holds "
                f"{rec['others']} nodes no benchmark created, and a benchmark empties its "
                "database. Run without --uri (the benchmark's own server), or give --uri an "
                "empty database."
            )
        s.run(f"MERGE (:{GUARD_LABEL} {{owner: 'kg benchmarks'}})").consume()


def wipe(db: Database) -> None:
    """Empty a database :func:`claim` marked as the benchmark's (its mark stays)."""
    with db.session() as s:
        s.run(
            f"MATCH (n) WHERE NOT n:{GUARD_LABEL} "
            "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 20000 ROWS"
        ).consume()
