"""`kg diff`: the bundled document against an edited copy of its model, in every format."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kg.cli import cli
from kg.model import read_model, write_model
from tests.conftest import SEED
from tests.unit.kg.test_changes import SEED as SEED_MODEL
from tests.unit.kg.test_changes import edited


def test_document_against_itself_is_exit_0() -> None:
    res = CliRunner().invoke(cli, ["diff", str(SEED), str(SEED)])
    assert res.exit_code == 0
    assert res.output.endswith(": no changes\n")


def test_document_against_an_edited_model_is_exit_1(tmp_path: Path) -> None:
    new = tmp_path / "v2.yaml"
    write_model(edited(read_model(SEED_MODEL)), new)
    res = CliRunner().invoke(cli, ["diff", str(SEED), str(new), "--format", "json"])
    assert res.exit_code == 1, res.output
    data = json.loads(res.output)
    assert [a["id"] for a in data["activities"]["added"]] == ["activity:合作伙伴分析"]
    assert [a["id"] for a in data["activities"]["removed"]] == ["activity:竞争对手分析"]
    assert [(r["old"]["id"], r["new"]["id"]) for r in data["activities"]["renamed"]] == [
        ("activity:客户关系规划", "activity:客户关系策划")
    ]
    assert [(c["party"], c["gained"], c["lost"]) for c in data["raci"]] == [
        ("role:产品经理", ["R"], ["S"]), ("role:客户经理", ["S"], ["R"]), ("role:办事处主任", ["C"], []),
    ]
    markdown = CliRunner().invoke(cli, ["diff", str(SEED), str(new), "--format", "markdown"])
    assert markdown.exit_code == 1
    assert "- ~ activity `2.C 客户关系规划` renamed to `客户关系策划`" in markdown.output


def test_an_unreadable_source_is_exit_2(tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["diff", str(SEED), str(tmp_path / "missing.txt")])
    assert res.exit_code == 2
    assert res.output == f"Error: {tmp_path / 'missing.txt'}: no such file\n"
