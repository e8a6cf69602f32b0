"""`python -m benchmarks` (make bench): every benchmark, one after another.

Each writes benchmarks/results/<name>.json and .md with the machine described. Run one
alone with `python -m benchmarks.bench_load --help` (likewise bench_extract, bench_blocks, bench_viz).
"""

from __future__ import annotations

import subprocess
import sys

BENCHMARKS = ("bench_extract", "bench_blocks", "bench_load", "bench_queries", "bench_viz")


def main() -> int:
    failed = []
    for name in BENCHMARKS:
        print(f"==== {name} ====", flush=True)
        if subprocess.run([sys.executable, "-m", f"benchmarks.{name}"], check=False).returncode:
            failed.append(name)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
