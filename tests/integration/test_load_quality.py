"""`kg load` refuses a document whose extracted model falls below the quality thresholds
(exit code 4, the graph unchanged), alone or in a folder; `--accept-partial` loads it and
records its quality line on the Source node (#19)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.api import Graph
from kg.cli import cli
from kg.config import Settings
from tests.conftest import DATA
from tests.integration.test_load import conn, dump

pytestmark = pytest.mark.neo4j

REFUSED = DATA / "refused" / "label-without-colon.txt"
SERVICE = DATA / "service-model.txt"
LINE = (
    "quality: 2/3 leaf activities with a responsible role, 3/3 with monitors, 3/3 with report "
    "lines; 1 suspicious names; 0 fields stated twice; 0.0% of the text not placed"
)
REASONS = [
    "  - output '供应商评估报告主要责任人采购经理' (page 1) holds the field label '主要责任人'",
    "  - only 2/3 leaf activities with a responsible role (at least 80% expected); without: "
    "供应商评估 (page 1)",
    f"  - {LINE}. Nothing was written; to take the model anyway: --accept-partial (recorded in "
    "the source)",
]


def test_a_refused_document_changes_nothing(graph: Graph, settings: Settings, tmp_path: Path) -> None:
    graph.load([SERVICE])
    before = dump(graph, settings)
    folder = tmp_path / "models"
    folder.mkdir()
    shutil.copy(SERVICE, folder / "a-service.txt")
    shutil.copy(REFUSED, folder / "b-purchasing.txt")
    runner = CliRunner()
    alone = runner.invoke(cli, ["load", str(REFUSED), *conn(settings)])
    assert alone.exit_code == 4, alone.output
    assert alone.stderr.splitlines() == [
        f"Error: {REFUSED}: refused: the extracted model looks wrong (below the quality thresholds)",
        *REASONS,
    ]
    dry = runner.invoke(cli, ["load", str(REFUSED), "--dry-run", *conn(settings)])
    assert dry.exit_code == 4, dry.output
    # in a folder, the good document beside it is not loaded either: one bad file loads nothing
    in_folder = runner.invoke(cli, ["load", str(folder), "--prune", *conn(settings)])
    assert in_folder.exit_code == 4, in_folder.output
    assert in_folder.stderr.splitlines()[0] == (
        f"Error: {folder / 'b-purchasing.txt'}: refused: the extracted model looks wrong "
        "(below the quality thresholds)"
    )
    assert dump(graph, settings) == before


def test_accept_partial_loads_and_records_it_on_the_source(
    graph: Graph, settings: Settings
) -> None:
    runner = CliRunner()
    done = runner.invoke(cli, ["load", str(REFUSED), "--accept-partial", *conn(settings)])
    assert done.exit_code == 0, done.output
    assert (
        f"warning: {REFUSED}: accepted below the quality thresholds (--accept-partial): {LINE}"
        in done.stderr
    )
    with graph.session(write=False) as s:
        rows = s.run(
            "MATCH (s:Source {id: $id}) RETURN s.accepted_partial AS accepted", id="doc:以客户为中心的采购业务模型"
        ).data()
        outputs = s.run("MATCH (o:Output) RETURN o.name AS name ORDER BY name").data()
    assert rows == [{"accepted": LINE}]
    assert [r["name"] for r in outputs] == ["供应商评估报告主要责任人采购经理", "准入批复", "采购订单"]
