"""A/B: `kg load` of the same synthetic model by two kg installations, taking turns.

For a change that must not make loading slower: install the other revision into its own
environment, then let both load the same model file into an emptied database in turn,
on one server, so the machine's drift hits both alike.

    git worktree add /tmp/kg-old <revision> && python3.11 -m venv /tmp/kg-old-venv
    /tmp/kg-old-venv/bin/pip install -e /tmp/kg-old
    python -m benchmarks.ab_load --other /tmp/kg-old-venv/bin/kg --activities 10000

Each round loads the model fresh with this checkout's `kg` and with the other one;
medians of the rounds are reported and written to benchmarks/results/ab_load.{json,md}.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import bench_server, claim, wipe, write_results
from benchmarks.synthetic import synthetic_model
from kg.db import Database
from kg.model import write_model


def _load(kg: str, path: Path, env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run([kg, "load", str(path), "--format", "json"], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--other", required=True, help="the other installation's kg command")
    ap.add_argument("--this", help="this side's kg command (default: this environment's)")
    ap.add_argument("--activities", type=int, default=10_000, help="synthetic model size (10,000 ≈ 110k relationships)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--bolt-port", type=int, default=7695, help="the benchmark server's Bolt port")
    args = ap.parse_args(argv)
    this = args.this or str(Path(sys.executable).with_name("kg"))
    settings, server = bench_server("bench-ab", args.bolt_port)
    assert server is not None
    env = {**os.environ, "NEO4J_URI": settings.uri, "NEO4J_PASSWORD": settings.password or ""}
    times: dict[str, list[float]] = {"this": [], "other": []}
    db = Database.open(settings)
    try:
        claim(db, settings)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "model.json"
            write_model(synthetic_model(args.activities), path)
            for _ in range(args.rounds):
                for name, kg in (("other", args.other), ("this", this)):
                    wipe(db)
                    times[name].append(round(_load(kg, path, env), 2))
                    print(name, times[name][-1], flush=True)
    finally:
        db.close()
        server.stop()
    results: dict[str, Any] = {
        "activities": args.activities,
        "rounds": [{"this_s": a, "other_s": b} for a, b in zip(times["this"], times["other"], strict=True)],
        "median_this_s": statistics.median(times["this"]),
        "median_other_s": statistics.median(times["other"]),
    }
    results["ratio_this_to_other"] = round(results["median_this_s"] / results["median_other_s"], 2)
    print(results)
    write_results("ab_load", results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
