"""`kg diff --graph SOURCE_ID NEW`: a new version against what the graph holds of a source."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.api import Graph
from kg.cli import cli
from kg.config import Settings
from kg.model import read_model, write_model
from tests.conftest import SEED
from tests.unit.kg.test_changes import SEED as SEED_MODEL
from tests.unit.kg.test_changes import edited

pytestmark = pytest.mark.neo4j
SOURCE = "doc:以客户为中心的营销业务模型"


def conn(settings: Settings) -> list[str]:
    return ["--uri", settings.uri, "--password", settings.password or "", "--database", settings.database]


def test_graph_against_a_new_version_is_the_files_report(graph: Graph, settings: Settings, tmp_path: Path) -> None:
    graph.load([SEED])
    new = tmp_path / "v2.yaml"
    write_model(edited(read_model(SEED_MODEL)), new)
    runner = CliRunner()
    files = runner.invoke(cli, ["diff", str(SEED), str(new), "--format", "json"])
    against_graph = runner.invoke(cli, ["diff", "--graph", SOURCE, str(new), "--format", "json", *conn(settings)])
    assert (against_graph.exit_code, files.exit_code) == (1, 1), against_graph.output
    assert against_graph.output == files.output
    same = runner.invoke(cli, ["diff", "--graph", SOURCE, str(SEED), *conn(settings)])
    assert same.exit_code == 0 and same.output.endswith(": no changes\n")


def test_unknown_source_and_wrong_arguments_exit_2(graph: Graph, settings: Settings) -> None:
    runner = CliRunner()
    res = runner.invoke(cli, ["diff", "--graph", "doc:nope", str(SEED), *conn(settings)])
    assert (res.exit_code, res.output) == (2, "Error: no source 'doc:nope' is loaded (see `kg history`)\n")
    two = runner.invoke(cli, ["diff", "--graph", SOURCE, str(SEED), str(SEED), *conn(settings)])
    assert two.exit_code == 2 and "give NEW with --graph SOURCE_ID" in two.output
