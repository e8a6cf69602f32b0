"""What benchmarks share: a description of the machine and writing the results file."""

from __future__ import annotations

import json
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kg.config import Settings, load_settings
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


def bench_server(
    home: str = "bench", bolt_port: int | None = None, *, own: bool = False
) -> tuple[Settings, LocalServer | None]:
    """The Neo4j a benchmark runs on: the one NEO4J_URI names (unless ``own``), or a
    local server of its own in ``.kg/HOME`` (heap KG_BENCH_HEAP, default 4g; page cache
    KG_BENCH_PAGECACHE, default 3g), started here; the caller stops it.  Its Bolt port is
    ``bolt_port``, else KG_BENCH_BOLT_PORT, else 7693; HTTP the next port (7480 for the
    default Bolt port), so two checkouts can benchmark side by side."""
    if os.environ.get("NEO4J_URI") and not own:
        return load_settings(env_file=None), None
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
