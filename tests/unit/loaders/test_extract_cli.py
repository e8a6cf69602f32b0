"""``kg extract`` and ``kg check-model`` through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from kg.cli import cli
from kg.model import read_model

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT / "data" / "huawei-marketing-model-v1.txt"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result.exit_code, result.stdout, result.stderr


def test_commands_are_registered_with_help() -> None:
    for name in ("extract", "check-model"):
        assert name in cli.commands
        assert cli.commands[name].help


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_extract_writes_a_model_file(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"seed{suffix}"
    code, stdout, _ = run("extract", str(SEED), "-o", str(out))
    assert code == 0
    assert stdout.splitlines()[0] == (
        f"{SEED}: 4 areas, 12 activities, 8 roles, 2 departments, 6 outputs"
    )
    assert f"Wrote {out}" in stdout
    assert "  page 6: garbled text '當?厝谫Y' repaired as '當?融資'" in stdout
    model = read_model(out)
    assert model.source.id == "doc:以客户为中心的营销业务模型"
    assert len(model.activities) == 16


def test_extract_to_stdout_is_yaml_and_summary_on_stderr() -> None:
    code, stdout, stderr = run("extract", str(SEED), "-o", "-")
    assert code == 0
    data = yaml.safe_load(stdout)
    assert data["schema"] == "kg-org-model/1"
    assert "4 areas, 12 activities" in stderr


def test_extract_json_summary(tmp_path: Path) -> None:
    code, stdout, _ = run(
        "extract",
        str(SEED),
        "-o",
        str(tmp_path / "m.json"),
        "--format",
        "json",
        "--source-id",
        "doc:huawei-v1",
    )
    assert code == 0
    data = json.loads(stdout)
    assert data["source"] == "doc:huawei-v1"
    assert data["counts"] == {
        "areas": 4,
        "activities": 12,
        "roles": 8,
        "departments": 2,
        "outputs": 6,
    }
    assert [w["page"] for w in data["warnings"]] == [1, 1, 6, 1, 1]
    assert data["untranslated"] == []


def test_untranslated_terms_are_listed() -> None:
    code, stdout, _ = run("extract", str(ROOT / "tests" / "data" / "logistics-model.txt"))
    assert code == 0
    assert "nothing written" in stdout
    line = next(x for x in stdout.splitlines() if x.startswith("Untranslated"))
    assert "运营经理" in line and "仓库主管" not in line


def _bad_inputs(tmp: Path) -> dict[str, tuple[Path, str]]:
    text = SEED.read_text(encoding="utf-8")
    cases = {
        "missing": (tmp / "nope.txt", "no such file"),
        "empty": (tmp / "empty.txt", "the document is empty"),
        "binary": (tmp / "binary.txt", "a binary file"),
        "gbk": (tmp / "gbk.txt", "looks like GBK-encoded Chinese text"),
        "big5": (tmp / "big5.txt", "looks like BIG5-encoded Chinese text"),
        "latin": (tmp / "latin.txt", "not UTF-8 text"),
        "prose": (tmp / "prose.txt", "no recognisable activities"),
        "directory": (tmp, "is a directory"),
    }
    cases["empty"][0].write_bytes(b"")
    cases["binary"][0].write_bytes(bytes(range(256)) * 8)
    cases["gbk"][0].write_bytes(text.encode("gb18030"))
    cases["big5"][0].write_bytes("1、業務描述:對客戶關係進行分析主要責任人:客戶經理".encode("big5"))
    cases["latin"][0].write_bytes(b"caf\xe9 cr\xe8me " * 3)
    cases["prose"][0].write_text("1、這是一段普通的文字。\n", encoding="utf-8")
    return cases


@pytest.mark.parametrize(
    "case", ["missing", "empty", "binary", "gbk", "big5", "latin", "prose", "directory"]
)
def test_bad_input_is_one_clear_line(tmp_path: Path, case: str) -> None:
    path, message = _bad_inputs(tmp_path)[case]
    result = CliRunner().invoke(cli, ["extract", str(path), "-o", str(tmp_path / "m.json")])
    # a missing or unreadable file is 2, content kg cannot read 1 (README: exit codes)
    assert result.exit_code == (2 if case in ("missing", "directory") else 1)
    assert "Traceback" not in result.output
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2
    assert not (tmp_path / "m.json").exists()


def test_gbk_message_says_how_to_convert(tmp_path: Path) -> None:
    path, _ = _bad_inputs(tmp_path)["gbk"]
    _, _, stderr = run("extract", str(path))
    assert f"iconv -f GBK -t UTF-8 {path}" in stderr


def test_truncated_document_warns_but_succeeds(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    cut = text.index("主要責任人:", text.index("煥公司自身分析")) + len("主要責任人:")
    doc = tmp_path / "truncated.txt"
    doc.write_text(text[:cut], encoding="utf-8")
    code, stdout, _ = run("extract", str(doc))
    assert code == 0
    assert "page 7: empty field '主要責任人:' in activity:公司自身分析" in stdout


def test_unknown_output_suffix(tmp_path: Path) -> None:
    code, _, stderr = run("extract", str(SEED), "-o", str(tmp_path / "m.txt"))
    assert code == 1
    assert "unknown model file type '.txt'" in stderr


def test_check_model(tmp_path: Path) -> None:
    good = tmp_path / "m.yaml"
    assert run("extract", str(SEED), "-o", str(good))[0] == 0
    code, stdout, _ = run("check-model", str(good))
    assert code == 0 and "valid (4 areas, 12 activities" in stdout
    data = yaml.safe_load(good.read_text(encoding="utf-8"))
    data["activities"][3]["monitors"][0]["id"] = "role:nobody"
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, _, stderr = run("check-model", str(bad))
    assert code == 1
    assert "activities[3].monitors[0].id: unknown id 'role:nobody'" in stderr


def test_limits_refuse_with_one_line_and_flags_raise_them() -> None:
    code, _, stderr = run("extract", str(SEED), "--max-size", "1000")
    assert code == 1
    assert stderr.strip().count("\n") == 0
    assert "(limit 1,000); to read it anyway, raise the limit with --max-size" in stderr
    code, _, stderr = run("extract", str(SEED), "--max-name", "5")
    assert code == 1 and "--max-name" in stderr
    code, _, stderr = run("extract", str(SEED), "--max-warnings", "1")
    assert code == 1 and "--max-warnings" in stderr
    code, _, _ = run("extract", str(SEED), "--max-size", "100000", "--max-name", "30")
    assert code == 0
