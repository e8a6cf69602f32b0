"""Extraction speed: 1,000 documents' worth of text (the seed extracted 1,000 times).

Each run is a whole extraction (cleaning, both parsing passes, mojibake repair, model
validation), as `kg extract` does it per document.  Beside it, in the same run, the
reference issue #14 names: one OpenCC Traditional → Simplified pass over the same text
(``kg.names.to_simplified``), so the ratio says how many such passes an extraction costs.

    .venv/bin/python benchmarks/bench_extract.py [--copies 1000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import write_results  # noqa: E402
from kg.names import to_simplified  # noqa: E402
from loaders.document import extract_text  # noqa: E402

SEED = ROOT / "data" / "huawei-marketing-model-v1.txt"


def scaling() -> dict[str, float]:
    """Seconds to extract 100 kB and 400 kB of the seed's clauses shuffled (the text of
    tests/unit/loaders/document/test_limits.py), and their ratio: about 4 when the cost
    grows linearly with the text (it was quadratic and worse once)."""
    from benchmarks.synthetic import shuffled_seed
    from loaders.document.limits import Limits

    limits = Limits(max_bytes=10**9, max_name=10**6, max_warnings=10**9)
    seconds: list[float] = []
    for size in (100_000, 400_000):
        text = shuffled_seed(size)
        start = time.perf_counter()
        extract_text(text, limits=limits)
        seconds.append(time.perf_counter() - start)
    return {
        "s_100kb": round(seconds[0], 3),
        "s_400kb": round(seconds[1], 3),
        "x_for_4x_text": round(seconds[1] / seconds[0], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=1000)
    args = parser.parse_args()
    text = SEED.read_text(encoding="utf-8")
    size = len(text.encode("utf-8"))

    start = time.perf_counter()
    for _ in range(args.copies):
        extract_text(text)
    many = time.perf_counter() - start

    to_simplified(text)  # the converter loaded, as the extraction's is by now
    start = time.perf_counter()
    for _ in range(args.copies):
        to_simplified(text)
    opencc = time.perf_counter() - start

    mb = size * args.copies / 1e6
    results = {
        "documents": args.copies,
        "document_bytes": size,
        "seconds": round(many, 2),
        "docs_per_s": round(args.copies / many, 1),
        "mb_per_s": round(mb / many, 2),
        "ms_per_doc": round(1000 * many / args.copies, 2),
        "opencc_t2s_ms_per_doc": round(1000 * opencc / args.copies, 3),
        "x_opencc_pass": round(many / opencc, 1),
        "scaling": scaling(),
    }
    path = write_results("extract", results)
    for k, v in results.items():
        print(f"{k:>15}: {v}")
    print(f"written to {path}")


if __name__ == "__main__":
    main()
