"""Loading speed, side by side on one Neo4j in one run.

For each size of synthetic model (benchmarks/synthetic.py), ``--repeat`` times (3), the
two taking turns on an emptied database, medians reported:

- ``kg load`` of a fresh model file (JSON): parse, validate, diff, stage the new nodes and
  relationships in batches, publish them in one transaction (loaders/apply.py);
- the reference: the same nodes, relationships and properties through ``LOAD CSV … CALL
  (row) {…} IN TRANSACTIONS OF 5000 ROWS`` from CSV files in the server's import folder
  (the CSV writing is not timed);

and then:
- a no-change refresh of the same file, and a refresh after a one-activity edit;
- on a small size, neomodel one object at a time (``save()`` and ``connect()``).

Results go to benchmarks/results/load.json and load.md, with the machine described.
Run: ``make bench`` or ``.venv/bin/python -m benchmarks.bench_load [--sizes 1000,10000,95000]``.
It starts its own server (data in .kg/bench, Bolt 7693, heap KG_BENCH_HEAP=4g, page
cache KG_BENCH_PAGECACHE=3g) and stops it afterwards, whatever NEO4J_URI says; ``--uri``
(with ``--import-dir``) runs on another, whose database must be empty or a benchmark's
(see :mod:`benchmarks.common`). A load's
transaction holds the labels of its new nodes (about 2.5 KB of heap each): the
million-relationship model needs a heap of 2 GB.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import Refused, add_server_options, bench_server, claim, wipe, write_results
from benchmarks.synthetic import synthetic_model
from kg.db import Database
from kg.model import Model, write_model
from kg.schema import REL_SHAPES
from loaders.facts import to_facts
from loaders.profile import profiled
from loaders.refresh import ensure_schema, load_paths


def _counts(db: Database) -> tuple[int, int]:
    with db.session() as s:
        rec = s.run(
            "CALL () { MATCH (n) WHERE n:Role OR n:Activity OR n:Output OR n:Department RETURN count(n) AS n } "
            "CALL () { MATCH ()-[r]->() RETURN count(r) AS r } RETURN n, r"
        ).single(strict=True)
    return rec["n"], rec["r"]


# --------------------------------------------------------------------------- LOAD CSV reference
NODE_CSV = """
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MERGE (n:__LABEL__ {id: row.id})
  SET n.name = row.name, n.name_original = row.name_original, n.name_en = row.name_en,
      n.code = row.code, n.kind = row.kind, n.description = row.description,
      n.sources = [$source],
      n.stated_in = CASE WHEN row.page IS NULL THEN [] ELSE [$source] END,
      n.pages = CASE WHEN row.page IS NULL THEN [] ELSE [toInteger(row.page)] END,
      n.starts = CASE WHEN row.page IS NULL THEN [] ELSE [toInteger(row.start)] END,
      n.ends = CASE WHEN row.page IS NULL THEN [] ELSE [toInteger(row.end)] END,
      n.sentences = CASE WHEN row.page IS NULL THEN [] ELSE [row.sentence] END
} IN TRANSACTIONS OF 5000 ROWS
"""

REL_CSV = """
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MATCH (a:__FROM__ {id: row.from})
  MATCH (b:__TO__ {id: row.to})
  MERGE (a)-[r:__TYPE__ __KEY__]->(b)
  SET r.sources = [$source],
      r.stated_in = CASE WHEN row.page IS NULL THEN [] ELSE [$source] END,
      r.pages = CASE WHEN row.page IS NULL THEN [] ELSE [toInteger(row.page)] END,
      r.starts = CASE WHEN row.page IS NULL THEN [] ELSE [toInteger(row.start)] END,
      r.ends = CASE WHEN row.page IS NULL THEN [] ELSE [toInteger(row.end)] END,
      r.sentences = CASE WHEN row.page IS NULL THEN [] ELSE [row.sentence] END
      __CONTEXTS__
} IN TRANSACTIONS OF 5000 ROWS
"""

CONTEXTS = (
    ", r.contexts = [row.context], r.context_sources = [$source], r.activities = [row.context]"
)


def _write_csvs(model: Model, folder: Path) -> list[tuple[str, str]]:
    """CSV files of the model's facts; returns (statement, file name) in load order."""
    facts = to_facts(model)
    plan: list[tuple[str, str]] = []
    by_label: dict[str, list[Any]] = {}
    for node in facts.nodes.values():
        by_label.setdefault(node.label, []).append(node)
    for label, nodes in by_label.items():
        name = f"nodes-{label}.csv"
        with open(folder / name, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["id", "name", "name_original", "name_en", "code", "kind", "description",
                        "page", "start", "end", "sentence"])
            for n in nodes:
                [st] = n.statements or [("", "", "", "")]
                p = n.props
                w.writerow([n.id, p.get("name"), p.get("name_original", ""), p.get("name_en", ""),
                            p.get("code", ""), p.get("kind", ""), p.get("description", ""), *st])
        plan.append((NODE_CSV.replace("__LABEL__", label), name))
    for rtype, a, b in REL_SHAPES:
        rels = [r for r in facts.rels.values() if (r.type, r.from_label, r.to_label) == (rtype, a, b)]
        if not rels:
            continue
        name = f"rels-{rtype}-{a}-{b}.csv"
        with open(folder / name, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["from", "to", "rank", "context", "page", "start", "end", "sentence"])
            for r in rels:
                [st] = r.statements or [("", "", "", "")]
                [ctx] = r.contexts or [""]
                w.writerow([r.from_id, r.to_id, r.rank or "", ctx, *st])
        q = (
            REL_CSV.replace("__TYPE__", rtype)
            .replace("__FROM__", a)
            .replace("__TO__", b)
            .replace("__KEY__", "{rank: row.rank}" if rtype == "MONITORS" else "")
            .replace("__CONTEXTS__", CONTEXTS if rtype == "REPORTS_TO" else "")
        )
        plan.append((q, name))
    return plan


def _load_csv(db: Database, plan: list[tuple[str, str]], source: str) -> float:
    t0 = time.perf_counter()
    with db.session() as s:
        for query, name in plan:
            s.run(query, url=f"file:///{name}", source=source).consume()
    return time.perf_counter() - t0


# --------------------------------------------------------------------------- neomodel reference
def _neomodel_one_by_one(db: Database, model: Model) -> tuple[float, int, int]:
    """Create the model through neomodel objects, one save()/connect() per object."""
    from kg import ogm as g

    facts = to_facts(model)
    classes = {"Role": g.Role, "Activity": g.Activity, "Output": g.Output, "Department": g.Department}
    attr = {
        ("RESPONSIBLE", "Role"): "responsible_for", ("ASSISTS", "Role"): "assists",
        ("MONITORS", "Role"): "monitors", ("MONITORS", "Department"): "monitors",
        ("PRODUCES", "Activity"): "produces", ("PART_OF", "Activity"): "part_of",
        ("PART_OF", "Department"): "part_of", ("BELONGS_TO", "Role"): "belongs_to",
        ("INTERFACES_WITH", "Activity"): "interfaces_with",
    }
    source = model.source.id
    t0 = time.perf_counter()
    with g.bound(db):
        objs = {}
        for (label, nid), node in facts.nodes.items():
            statements = sorted(node.statements)
            obj = classes[label](
                uid=nid, sources=[source], stated_in=[source] * len(statements),
                pages=[s[0] for s in statements], starts=[s[1] for s in statements],
                ends=[s[2] for s in statements], sentences=[s[3] for s in statements],
                **node.props,
            ).save()
            objs[nid] = obj
        for rel in facts.rels.values():
            statements = sorted(rel.statements)
            props: dict[str, Any] = {
                "sources": [source], "stated_in": [source] * len(statements),
                "pages": [s[0] for s in statements], "starts": [s[1] for s in statements],
                "ends": [s[2] for s in statements], "sentences": [s[3] for s in statements],
            }
            if rel.type == "REPORTS_TO":
                name = "reports_to" if rel.to_label == "Role" else "reports_to_department"
                props |= {"contexts": sorted(rel.contexts), "activities": sorted(rel.contexts),
                          "context_sources": [source] * len(rel.contexts)}
            else:
                name = attr[(rel.type, rel.from_label)]
            if rel.rank:
                props["rank"] = rel.rank
            getattr(objs[rel.from_id], name).connect(objs[rel.to_id], props)
    return time.perf_counter() - t0, len(facts.nodes), len(facts.rels)


# --------------------------------------------------------------------------- run
def bench_size(db: Database, import_dir: Path, size: int, tmp: Path, repeat: int) -> dict[str, Any]:
    model = synthetic_model(size)
    facts = to_facts(model)
    path = tmp / f"synthetic-{size}.json"
    write_model(model, path)
    out: dict[str, Any] = {
        "activities": size,
        "nodes": len(facts.nodes),
        "relationships": len(facts.rels),
        "model_file_mb": round(path.stat().st_size / 1e6, 1),
    }
    print(f"-- {size} activities: {out['nodes']} nodes, {out['relationships']} relationships", flush=True)
    plan = _write_csvs(model, import_dir)
    try:
        _fresh_loads(db, model, plan, path, out, repeat)
    finally:  # the server's import folder keeps nothing of the benchmark's
        for _, name in plan:
            (import_dir / name).unlink(missing_ok=True)

    return _refreshes(db, model, path, out, size, tmp)


def _fresh_loads(
    db: Database, model: Model, plan: list[tuple[str, str]], path: Path, out: dict[str, Any], repeat: int
) -> None:
    """Fresh loads, kg and the reference taking turns on an emptied database: the medians."""
    kg_runs: list[float] = []
    csv_runs: list[float] = []
    profiles: list[dict[str, float]] = []
    for turn in range(repeat):
        wipe(db)
        csv_runs.append(round(_load_csv(db, plan, model.source.id), 2))
        assert _counts(db) == (out["nodes"], out["relationships"])
        wipe(db)
        t0 = time.perf_counter()
        with profiled() as phases:
            [rep] = load_paths(db, [path])
        kg_runs.append(round(time.perf_counter() - t0, 2))
        profiles.append({**phases, "total": kg_runs[-1]})
        assert rep.status == "applied", rep.status
        assert _counts(db) == (out["nodes"], out["relationships"]), _counts(db)
        print(f"   run {turn + 1}: kg load (fresh) {kg_runs[-1]:8.2f} s, "
              f"LOAD CSV reference {csv_runs[-1]:8.2f} s", flush=True)
    out["kg_load_s"] = round(statistics.median(kg_runs), 2)
    out["load_csv_s"] = round(statistics.median(csv_runs), 2)
    out["kg_load_runs_s"] = kg_runs
    out["load_csv_runs_s"] = csv_runs
    out["kg_vs_load_csv"] = round(out["kg_load_s"] / out["load_csv_s"], 2)
    # where a fresh load's time goes (loaders/profile.py): the profile of the median run
    median_run = sorted(range(len(kg_runs)), key=kg_runs.__getitem__)[len(kg_runs) // 2]
    out["profile"] = {k: round(v, 2) for k, v in profiles[median_run].items()}
    out["profile"]["unaccounted"] = round(
        kg_runs[median_run] - sum(v for k, v in profiles[median_run].items() if k != "total"), 2
    )


def _refreshes(db: Database, model: Model, path: Path, out: dict[str, Any], size: int, tmp: Path) -> dict[str, Any]:
    """The graph holds the model (kg's last fresh load): refreshes."""
    t0 = time.perf_counter()
    [rep] = load_paths(db, [path])
    out["no_change_refresh_s"] = round(time.perf_counter() - t0, 3)
    assert rep.status == "unchanged"
    print(f"   no-change refresh         {out['no_change_refresh_s']:8.3f} s", flush=True)

    def refresh(changed: Model, name: str) -> tuple[float, dict[str, int]]:
        changed_path = tmp / f"synthetic-{size}-{name}.json"
        write_model(changed, changed_path)
        t0 = time.perf_counter()
        [rep] = load_paths(db, [changed_path])
        return round(time.perf_counter() - t0, 2), rep.totals

    # one activity in the middle loses an assisting role (read as an edit: its chunk)
    edited = model.model_copy(deep=True)
    middle = edited.activities[len(edited.activities) // 2]
    middle.assists = middle.assists[:1]
    out["one_edit_refresh_s"], totals = refresh(edited, "edited")
    assert totals["relationships_removed"] == 1, totals
    print(f"   refresh after one edit    {out['one_edit_refresh_s']:8.2f} s", flush=True)
    # then one activity inserted in the middle (chunks are cut by identity: only the
    # chunk it lands in changes, loaders/snapshot.py)
    inserted = edited.model_copy(deep=True)
    new = middle.model_copy(update={"id": f"{middle.id}-bis", "code": None, "reports": []})
    inserted.activities.insert(len(inserted.activities) // 2, new)
    out["one_insert_refresh_s"], totals = refresh(inserted, "inserted")
    assert totals["nodes_added"] == 1, totals
    print(f"   refresh after an insert   {out['one_insert_refresh_s']:8.2f} s", flush=True)
    # then that activity deleted again, and one activity moved from a quarter of the
    # list to three quarters (the same item elsewhere: nothing changes in the graph)
    deleted = inserted.model_copy(deep=True)
    deleted.activities = [a for a in deleted.activities if a.id != new.id]
    out["one_delete_refresh_s"], totals = refresh(deleted, "deleted")
    assert totals["nodes_removed"] == 1, totals
    print(f"   refresh after a delete    {out['one_delete_refresh_s']:8.2f} s", flush=True)
    moved = deleted.model_copy(deep=True)
    item = moved.activities.pop(len(moved.activities) // 4)
    moved.activities.insert(3 * len(moved.activities) // 4, item)
    out["one_move_refresh_s"], totals = refresh(moved, "moved")
    assert totals["nodes_added"] == totals["nodes_removed"] == totals["relationships_added"] == 0, totals
    print(f"   refresh after a move      {out['one_move_refresh_s']:8.2f} s", flush=True)
    out["no_change_vs_fresh"] = round(out["no_change_refresh_s"] / out["kg_load_s"], 4)
    for case in ("edit", "insert", "delete", "move"):
        out[f"one_{case}_vs_fresh"] = round(out[f"one_{case}_refresh_s"] / out["kg_load_s"], 4)
    print(f"   medians: kg {out['kg_load_s']} s, LOAD CSV {out['load_csv_s']} s "
          f"(kg/LOAD CSV = {out['kg_vs_load_csv']})", flush=True)
    wipe(db)
    return out


def bench_neomodel(db: Database, size: int, tmp: Path) -> dict[str, Any]:
    model = synthetic_model(size)
    wipe(db)
    seconds, nodes, rels = _neomodel_one_by_one(db, model)
    assert _counts(db) == (nodes, rels)
    wipe(db)
    path = tmp / f"synthetic-{size}.json"
    write_model(model, path)
    t0 = time.perf_counter()
    load_paths(db, [path])
    kg_s = time.perf_counter() - t0
    wipe(db)
    print(f"-- neomodel one object at a time, {size} activities: {seconds:.2f} s vs kg load {kg_s:.2f} s", flush=True)
    return {
        "activities": size,
        "nodes": nodes,
        "relationships": rels,
        "neomodel_s": round(seconds, 2),
        "kg_load_s": round(kg_s, 2),
        "neomodel_vs_kg": round(seconds / kg_s, 1),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,95000", help="activities per model, comma-separated")
    ap.add_argument("--neomodel-size", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3,
                    help="fresh loads of each size, kg and LOAD CSV taking turns (medians kept)")
    ap.add_argument(
        "--import-dir",
        type=Path,
        default=os.environ.get("KG_BENCH_IMPORT_DIR") or None,
        help="with --uri: that server's import folder on this machine, where the LOAD CSV "
        "reference writes its files (KG_BENCH_IMPORT_DIR); the own server's is known",
    )
    add_server_options(ap)
    args = ap.parse_args(argv)
    if args.uri and args.import_dir is None:
        raise Refused(
            "the LOAD CSV reference reads its files from the server's import folder: with "
            "--uri give --import-dir (that server's import folder, on this machine), or run "
            "without --uri on the benchmark's own server"
        )
    # the million-relationship model file is 236 MB: over kg's default limit for one file
    # (KG_MAX_FILE_MB, 100), which guards against unexpected inputs, not this one
    os.environ.setdefault("KG_MAX_FILE_MB", "1000")
    sizes = [int(s) for s in args.sizes.split(",") if s]

    settings, server = bench_server(uri=args.uri)
    import_dir = server.root / "import" if server is not None else Path(args.import_dir)
    db = Database.open(settings)
    try:
        claim(db, settings)
        wipe(db)
        ensure_schema(db)
        results: dict[str, Any] = {
            "neo4j": f"{settings.neo4j_version}, heap {settings.heap}, page cache {settings.pagecache}",
            "batch_rows": 5000,
            # the machine is shared: its load when the run started (1, 5, 15 minutes)
            "load_average": " / ".join(f"{x:.1f}" for x in os.getloadavg()),
        }
        with tempfile.TemporaryDirectory() as tmpdir:
            tmp = Path(tmpdir)
            results["neomodel"] = bench_neomodel(db, args.neomodel_size, tmp)
            results["repeat"] = args.repeat
            results["sizes"] = [
                bench_size(db, import_dir, n, tmp, args.repeat) for n in sizes
            ]
        # the profiles beside the sizes (a table of their own: seconds per phase)
        results["fresh_load_profile_s"] = {
            str(row["relationships"]): row.pop("profile") for row in results["sizes"]
        }
        path = write_results("load", results)
        print(json.dumps(results, indent=2))
        print(f"written to {path}")
    finally:
        db.close()
        if server is not None:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
