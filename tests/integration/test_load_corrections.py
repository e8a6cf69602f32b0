"""kg load of a document with its corrections file beside it (#20): the graph holds the
corrected model; changing only the corrections file reloads the document; a stale
correction is a warning, or with --strict-corrections an error that writes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.api import Graph
from kg.cli import cli
from kg.config import Settings
from tests.conftest import SEED
from tests.integration.test_load import conn, dump

pytestmark = pytest.mark.neo4j

ADD = "  - {op: add, activity: activity:市场分析, field: responsible, role: role:客户经理}\n"
STALE = "  - {op: drop, activity: activity:客户回访}\n"


def kg(settings: Settings, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [*args, *conn(settings)])
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.stdout, result.stderr


def responsible(graph: Graph, activity: str) -> list[dict[str, object]]:
    with graph.session() as s:
        return s.run(
            "MATCH (r:Role)-[x:RESPONSIBLE]->(:Activity {id: $a}) "
            "RETURN r.id AS role, x.sentences AS sentences ORDER BY role",
            a=activity,
        ).data()


def test_a_document_loads_corrected_and_reloads_when_its_corrections_change(
    graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    doc = tmp_path / "seed.txt"
    shutil.copy(SEED, doc)
    fixes = tmp_path / "seed.corrections.yaml"
    fixes.write_text("schema: kg-corrections/1\ncorrections:\n" + ADD, encoding="utf-8")
    code, out, err = kg(settings, "load", str(doc))
    assert code == 0, out + err
    assert [r["role"] for r in responsible(graph, "activity:市场分析")] == ["role:客户经理"]

    code, out, err = kg(settings, "load", str(doc))
    assert code == 0 and "unchanged" in out

    # a changed corrections file is read again: a stale line is said (the model is the same)
    fixes.write_text("schema: kg-corrections/1\ncorrections:\n" + ADD + STALE, encoding="utf-8")
    code, out, err = kg(settings, "load", str(doc))
    assert code == 0, out + err
    assert f"{fixes}:4: stale correction: no activity activity:客户回访 in the document any more" in err
    # and a correction more changes the graph
    fixes.write_text("schema: kg-corrections/1\ncorrections:\n" + ADD + ADD.replace("role:客户经理", "role:产品经理"), encoding="utf-8")
    code, out, err = kg(settings, "load", str(doc))
    assert code == 0, out + err
    assert [r["role"] for r in responsible(graph, "activity:市场分析")] == ["role:产品经理", "role:客户经理"]

    before = dump(graph, settings)
    fixes.write_text("schema: kg-corrections/1\ncorrections:\n" + STALE, encoding="utf-8")
    code, out, err = kg(settings, "load", str(doc), "--strict-corrections")
    assert code == 1
    assert f"Error: {fixes}: 1 stale correction(s) (--strict-corrections)" in out + err
    assert dump(graph, settings) == before
