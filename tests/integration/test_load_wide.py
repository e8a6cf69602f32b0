"""A wide RACI matrix loads and unloads with the default 1 GB heap (issue #15, items 1
and 2): 20 rows x 10,000 role columns once took 4 GB of client memory and the server's
direct memory, and its unload ran out of transaction memory.

CI runs 20 x 600 columns (about 14k relationships); the issue's size is
``KG_TEST_WIDE_COLUMNS=10000`` (about 228k relationships, 1-2 minutes on 2 cores)."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from kg.api import Graph
from kg.config import Settings
from loaders.refresh import load_paths

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]

COLUMNS = int(os.environ.get("KG_TEST_WIDE_COLUMNS", "600"))
ROWS = 20


def wide_csv(path: Path, columns: int, rows: int) -> Path:
    rng = random.Random(15)
    roles = [f"role:角色{i:05d}" for i in range(columns)]
    letters = ["R", "S", "A", "C", "R/A", "S/C", ""]
    lines = ["id,activity,code,kind,parent,name_en," + ",".join(roles)]
    for r in range(rows):
        cells = ",".join(rng.choice(letters) for _ in roles)
        lines.append(f"activity:活动{r},活动{r},{r},activity,,," + cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_wide_matrix_loads_and_unloads(graph: Graph, settings: Settings, tmp_path: Path) -> None:
    path = wide_csv(tmp_path / "wide.csv", COLUMNS, ROWS)
    [report] = load_paths(graph, [path])
    assert report.totals["nodes_added"] == COLUMNS + ROWS
    added = report.totals["relationships_added"]
    assert added > COLUMNS * ROWS * 0.9  # most cells hold one letter or two
    with graph.session(database=settings.database) as s:
        longest = s.run(
            "MATCH ()-[r:RESPONSIBLE]->() RETURN max(size(r.sentences[0])) AS n"
        ).single(strict=True)["n"]
        role_text = s.run(
            "MATCH (r:Role {id: 'role:角色00007'}) RETURN r.sentences AS s"
        ).single(strict=True)["s"]
    assert longest <= 241 and role_text == ["role:角色00007"]
    report = graph.unload("raci:wide")
    assert report.totals["nodes_removed"] == COLUMNS + ROWS
    assert report.totals["relationships_removed"] == added
    with graph.session(database=settings.database) as s:
        left = s.run("MATCH (n) WHERE n:Role OR n:Activity OR n:KgStaged RETURN count(n) AS c").single(strict=True)["c"]
    assert left == 0
