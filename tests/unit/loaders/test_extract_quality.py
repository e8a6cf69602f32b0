"""``kg extract``: the quality line, and the documents it refuses (exit code 4, nothing
written) unless ``--accept-partial`` (#19).

The refused documents (``tests/data/refused/``) are small and each wrong in one way a real
document is: decimal outline numbers the parser does not read as headings (every activity
of an area merges into the first: fields stated twice, an output swallowing the next
heading); a label without its colon (an output swallowing the label and the role);
hardly any responsible roles, monitors or report lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.model import read_model

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT / "data" / "huawei-marketing-model-v1.txt"
DATA = ROOT / "tests" / "data"
REFUSED = DATA / "refused"
TAIL = ". Nothing was written; to take the model anyway: --accept-partial (recorded in the source)"

#: Each refused document: its error line and detail lines, exactly.
REFUSALS = {
    "decimal-headings.txt": [
        "page 1: activity:客户拜访: a second '业务描述' statement: kept both (a heading was missed)",
        "output '客户拜访报告2.2客户回访' (page 1) holds the outline number '2.2'",
        "page 1: activity:客户拜访: a second '主要责任人' statement: kept both (a heading was missed)",
        "(and 9 more)",
        "quality: 2/2 leaf activities with a responsible role, 2/2 with monitors, 2/2 with report "
        "lines; 2 suspicious names; 10 fields stated twice; 0.0% of the text not placed" + TAIL,
    ],
    "label-without-colon.txt": [
        "output '供应商评估报告主要责任人采购经理' (page 1) holds the field label '主要责任人'",
        "only 2/3 leaf activities with a responsible role (at least 80% expected); without: "
        "供应商评估 (page 1)",
        "quality: 2/3 leaf activities with a responsible role, 3/3 with monitors, 3/3 with report "
        "lines; 1 suspicious names; 0 fields stated twice; 0.0% of the text not placed" + TAIL,
    ],
    "hardly-any-roles.txt": [
        "only 1/5 leaf activities with a responsible role (at least 80% expected); without: "
        "收货 (page 1), 质检 (page 1), 拣货 (page 1), …",
        "only 0/5 leaf activities with monitors (at least 50% expected); without: 收货 (page 1), "
        "质检 (page 1), 上架 (page 1), …",
        "only 0/5 leaf activities with report lines (at least 30% expected); without: 收货 "
        "(page 1), 质检 (page 1), 上架 (page 1), …",
        "quality: 1/5 leaf activities with a responsible role, 0/5 with monitors, 0/5 with report "
        "lines; 0 suspicious names; 0 fields stated twice; 0.0% of the text not placed" + TAIL,
    ],
}


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("document", "line"),
    [
        (
            SEED,
            "quality: 9/9 leaf activities with a responsible role, 9/9 with monitors, 9/9 with "
            "report lines; 0 suspicious names; 0 fields stated twice; 3.5% of the text not placed",
        ),
        (
            DATA / "logistics-model.txt",
            "quality: 7/7 leaf activities with a responsible role, 7/7 with monitors, 7/7 with "
            "report lines; 0 suspicious names; 0 fields stated twice; 0.0% of the text not placed",
        ),
        (
            DATA / "production-model.txt",
            "quality: 6/6 leaf activities with a responsible role, 6/6 with monitors, 6/6 with "
            "report lines; 0 suspicious names; 0 fields stated twice; 2.4% of the text not placed",
        ),
        (
            DATA / "service-model.txt",
            "quality: 5/5 leaf activities with a responsible role, 5/5 with monitors, 5/5 with "
            "report lines; 0 suspicious names; 0 fields stated twice; 2.8% of the text not placed",
        ),
    ],
    ids=lambda x: x.name if isinstance(x, Path) else "",
)
def test_the_documents_of_the_project_pass_with_their_quality_line(document: Path, line: str) -> None:
    code, stdout, _ = invoke("extract", str(document))
    assert code == 0
    assert stdout.splitlines()[1] == line


def test_json_carries_the_quality() -> None:
    code, stdout, _ = invoke("extract", str(SEED), "--format", "json")
    assert code == 0
    data = json.loads(stdout)
    assert data["quality"] == {
        "leaf_activities": 9,
        "with_responsible": 9,
        "with_monitors": 9,
        "with_reports": 9,
        "suspicious_names": [],
        "fields_stated_twice": [],
        "unplaced_share": 0.035,
        "passed": True,
        "reasons": [],
    }
    assert data["accepted_partial"] is None


@pytest.mark.parametrize("name", sorted(REFUSALS))
def test_refused_with_exit_code_4_the_reasons_and_nothing_written(tmp_path: Path, name: str) -> None:
    document = REFUSED / name
    out = tmp_path / "model.yaml"
    code, stdout, stderr = invoke("extract", str(document), "-o", str(out))
    assert code == 4
    assert stdout == ""
    assert stderr.splitlines() == [
        f"Error: {document}: refused: the extracted model looks wrong (below the quality "
        "thresholds)",
        *(f"  - {line}" for line in REFUSALS[name]),
    ]
    assert not out.exists()


def test_accept_partial_writes_the_model_and_records_it(tmp_path: Path) -> None:
    out = tmp_path / "model.yaml"
    code, stdout, _ = invoke(
        "extract", str(REFUSED / "label-without-colon.txt"), "-o", str(out), "--accept-partial"
    )
    assert code == 0
    lines = stdout.splitlines()
    line = REFUSALS["label-without-colon.txt"][-1].removesuffix(TAIL)
    assert lines[1:5] == [
        line,
        "Below the quality thresholds, taken with --accept-partial (recorded in the source):",
        *(f"  - {reason}" for reason in REFUSALS["label-without-colon.txt"][:2]),
    ]
    assert read_model(out).source.accepted_partial == line
    # a document that passes records nothing, with the flag or without
    code, _, _ = invoke("extract", str(SEED), "-o", str(out), "--accept-partial")
    assert code == 0 and read_model(out).source.accepted_partial is None


def test_thresholds_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_QUALITY_MIN_RESPONSIBLE", "20")
    monkeypatch.setenv("KG_QUALITY_MIN_MONITORS", "0")
    monkeypatch.setenv("KG_QUALITY_MIN_REPORTS", "0")
    code, _, _ = invoke("extract", str(REFUSED / "hardly-any-roles.txt"))
    assert code == 0
    monkeypatch.setenv("KG_QUALITY_MIN_RESPONSIBLE", "21")
    code, _, stderr = invoke("extract", str(REFUSED / "hardly-any-roles.txt"))
    assert code == 4
    assert "only 1/5 leaf activities with a responsible role (at least 21% expected)" in stderr


def test_help_explains_the_quality_line_and_the_refusal() -> None:
    for command in ("extract", "load"):
        text = " ".join(CliRunner().invoke(cli, [command, "--help"]).output.split())
        assert "quality line" in text, command
        assert "exit code 4" in text, command
        assert "--accept-partial" in text, command
