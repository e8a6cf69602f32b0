"""Views at scale: how big the HTML gets and how soon a large view is usable in a browser.

For synthetic organisation views of 500, 1,000 and 2,000 nodes (roles in a reporting
tree, activities under business areas, outputs, departments; ~2 relationships a node, with
provenance on everything as the loader writes it), measure:

* build + render time in Python (the layout is computed here beyond 500 nodes);
* the HTML file's size, and its size per 1,000 nodes (target: < 1.5 MB);
* in headless Chromium (Debian's, no browser download), with the network blocked:
  the time from navigation start until the network is drawn with physics at rest
  (``kgView.readyAt``: target for 2,000 nodes < 3 s), and the time a zoom (mouse wheel)
  then takes to be redrawn — "interactive", not just painted.

    .venv/bin/python -m benchmarks.bench_viz [--sizes 500,1000,2000] [--runs 3]

Results: benchmarks/results/viz.json (and viz.md), with the machine described.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import CHROMIUM_ARGS, write_results
from kg.viz import Subgraph, View, ViewEdge, ViewNode, build_network, render_html

SOURCE = "doc:synthetic-organisation-model"


def _prov(rng: random.Random, text: str) -> dict[str, Any]:
    start = rng.randrange(0, 200_000)
    return {
        "sources": [SOURCE],
        "stated_in": [SOURCE],
        "pages": [rng.randrange(1, 60)],
        "starts": [start],
        "ends": [start + len(text)],
        "sentences": [text],
    }


def synthetic_view(n_nodes: int, seed: int = 1) -> View:
    """A view shaped like a real model: 40 % roles, 40 % activities (a tenth of them
    business areas), 15 % outputs, 5 % departments."""
    rng = random.Random(seed)
    graph = Subgraph()
    counts = {"Role": int(n_nodes * 0.40), "Activity": int(n_nodes * 0.40), "Output": int(n_nodes * 0.15)}
    counts["Department"] = n_nodes - sum(counts.values())
    ids: dict[str, list[str]] = {k: [] for k in counts}
    for label, count in counts.items():
        for i in range(count):
            key = f"{label}:{i}"
            name = f"{ {'Role': '经理', 'Activity': '业务活动', 'Output': '报告', 'Department': '部门'}[label]}{i}"
            props: dict[str, Any] = {
                "id": f"{label.lower()}:{name}",
                "name": name,
                "name_original": name,
                "name_en": f"{label} number {i}",
                **_prov(rng, f"{name}的职责描述与汇报关系说明，见第{i % 50 + 1}页。"),
            }
            if label == "Activity":
                props["kind"] = "area" if i < count // 10 else "activity"
                props["code"] = f"{i // 10}.{i % 10}"
            graph.nodes[key] = ViewNode(key, (label,), props)
            ids[label].append(key)
    edges = 0

    def link(rel: str, a: str, b: str, **extra: Any) -> None:
        nonlocal edges
        edges += 1
        key = f"e{edges}"
        sentence = f"{graph.nodes[a].props['name']}与{graph.nodes[b].props['name']}：{rel}"
        graph.edges[key] = ViewEdge(key, rel, a, b, {**extra, **_prov(rng, sentence)})

    roles, acts, outs, depts = ids["Role"], ids["Activity"], ids["Output"], ids["Department"]
    areas = acts[: len(acts) // 10]
    for i, r in enumerate(roles[1:], start=1):
        link("REPORTS_TO", r, roles[(i - 1) // 4], activities=[rng.choice(acts)])
        link("BELONGS_TO", r, rng.choice(depts))
    for a in acts[len(areas):]:
        link("PART_OF", a, rng.choice(areas))
        link("RESPONSIBLE", rng.choice(roles), a)
        if rng.random() < 0.5:
            link("ASSISTS", rng.choice(roles), a)
        link("MONITORS", rng.choice(roles), a, rank="first")
    for o in outs:
        link("PRODUCES", rng.choice(acts[len(areas):]), o)
    return View(title=f"Synthetic model, {n_nodes} nodes", subgraph=graph, query="viz-model")


def measure_browser(path: Path, runs: int) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or "/usr/bin/chromium"
    ready: list[float] = []
    zoom: list[float] = []
    with sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
        context = p.chromium.launch_persistent_context(
            profile,
            executable_path=executable,
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 1400, "height": 900},
        )
        try:
            for _ in range(runs):
                page = context.new_page()
                page.route(
                    "**/*",
                    lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort(),
                )
                page.goto(path.resolve().as_uri())
                page.wait_for_selector("body[data-ready]", state="attached", timeout=120_000)
                ready.append(page.evaluate("kgView.readyAt") / 1000)
                # a real wheel event on the canvas, timed in the page from the event to
                # the redraw that follows it
                page.mouse.move(700, 450)
                page.wait_for_timeout(300)
                page.evaluate(
                    """() => {
                        window.__zoomed = new Promise(ok => {
                            document.getElementById('kg-network').addEventListener('wheel', () => {
                                const t0 = performance.now();
                                kgView.network.once('afterDrawing', () => ok(performance.now() - t0));
                            }, {capture: true, once: true});
                        });
                        return 0;
                    }"""
                )
                page.mouse.wheel(0, -300)
                zoom.append(page.evaluate("window.__zoomed") / 1000)
                page.close()
        finally:
            context.close()
    return {
        "ready_s": round(statistics.median(ready), 3),
        "ready_s_runs": [round(x, 3) for x in ready],
        "zoom_redraw_s": round(statistics.median(zoom), 3),
    }


def run(sizes: list[int], runs: int) -> dict[str, Any]:
    results: dict[str, Any] = {}
    out = Path(tempfile.mkdtemp(prefix="kg-bench-viz-"))
    for n in sizes:
        view = synthetic_view(n)
        t = time.perf_counter()
        net = build_network(view)
        page = render_html(view, net)
        build_s = time.perf_counter() - t
        path = out / f"view-{n}.html"
        path.write_text(page, encoding="utf-8")
        size = path.stat().st_size
        row = {
            "nodes": view.node_count,
            "relationships": view.edge_count,
            "layout": net.kg["layout"],
            "build_render_s": round(build_s, 3),
            "html_mb": round(size / 1e6, 3),
            # per 1,000 nodes, counting a smaller view as 1,000 (the ~0.5 MB of vis-network
            # is there whatever the size)
            "html_mb_per_1000_nodes": round(size / 1e6 / max(n / 1000, 1), 3),
        }
        row.update(measure_browser(path, runs))
        results[f"{n}_nodes"] = row
        print(f"{n:>5} nodes: {row}", flush=True)
    biggest = results[f"{max(sizes)}_nodes"]
    results["targets"] = {
        "largest_ready_under_3_s": biggest["ready_s"] < 3.0,
        "html_under_1_5_mb_per_1000_nodes": all(
            r["html_mb_per_1000_nodes"] < 1.5 for k, r in results.items() if k.endswith("_nodes")
        ),
    }
    if len(sizes) > 1:
        lo, hi = min(sizes), max(sizes)
        grow = results[f"{hi}_nodes"]["html_mb"] - results[f"{lo}_nodes"]["html_mb"]
        results["html_mb_per_additional_1000_nodes"] = round(grow / ((hi - lo) / 1000), 3)
    results["how"] = (
        "synthetic views (benchmarks/bench_viz.py), rendered by kg.viz, opened from file:// in "
        "Debian headless Chromium with http(s) blocked; ready = navigation start to the first "
        "drawing with physics at rest (median of runs); zoom = wheel event to redraw"
    )
    shutil.rmtree(out, ignore_errors=True)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,1000,2000", help="node counts, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="browser runs per size (median)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    results = run(sizes, args.runs)
    path = write_results("viz", results)
    print(f"results: {path}")
    return 0 if all(results["targets"].values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
