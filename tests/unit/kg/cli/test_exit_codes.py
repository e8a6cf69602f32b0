"""Every command's error paths follow one exit-code convention (docs/commands.md, "Exit codes";
kg.errors): 1 the answer is no or content kg cannot process, 2 usage, a missing file,
bad settings or the connection, 3 `kg server status` stopped, 4 a document refused below
the quality thresholds; the message is one line
on stderr (an invalid file adds its problems as indented lines), never a traceback.
No database: the connection cases point at a closed port."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

CLOSED = ["--uri", "bolt://127.0.0.1:1", "--password", "x"]
REFUSED = Path(__file__).resolve().parents[4] / "tests" / "data" / "refused" / "hardly-any-roles.txt"


def cases(tmp: Path) -> list[tuple[list[str], int, str]]:
    bad = tmp / "bad.yaml"
    bad.write_text("schema: kg-org-model/1\nsource: {id: x}\nroles: [{id: 1}]\n", encoding="utf-8")
    missing = str(tmp / "missing.yaml")
    return [
        # a missing file, wherever it is named
        (["extract", str(tmp / "missing.txt")], 2, "no such file"),
        (["check-model", missing], 2, "no such file"),
        (["diff", missing, str(bad)], 2, "no such file"),
        # content kg cannot process
        (["check-model", str(bad)], 1, "invalid model file"),
        # usage
        (["raci", "--format", "xlsx", *CLOSED], 2, "give --output"),
        (["export", "--format", "nope"], 2, "Invalid value for '--format'"),
        (["viz", "chain", *CLOSED], 2, "Missing option '--role'"),
        (["load"], 2, "Missing argument"),
        (["no-such-command"], 2, "No such command"),
        # usage found before connecting (#24: these were 1)
        (["load", str(bad), "--prune", *CLOSED], 2, "--prune withdraws what was loaded from a folder"),
        (["load", "--source-id", "x", str(bad), str(tmp / "b.yaml"), *CLOSED], 2, "--source-id names one source"),
        # the connection
        *(([*command, *CLOSED], 2, "cannot reach Neo4j") for command in (
            ["status"], ["init"], ["load", missing], ["unload", "x"], ["history"],
            ["validate"], ["query", "workload"], ["cypher", "RETURN 1"], ["raci"],
            ["export", "--format", "json"],
        )),
        # a document below the quality thresholds (read before connecting: nothing written)
        (["extract", str(REFUSED)], 4, "refused: the extracted model looks wrong"),
        (["load", str(REFUSED), *CLOSED], 2, "cannot reach Neo4j"),
        (["diff", str(REFUSED), str(REFUSED)], 2, "refused: the extracted model looks wrong"),
        # the local server is stopped
        (["server", "status", "--home", str(tmp / "home"), "--bolt-port", "1", "--http-port", "2"], 3, ""),
    ]


def test_error_paths(tmp_path: Path) -> None:
    for args, code, text in cases(tmp_path):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == code, (args, result.output)
        assert "Traceback" not in result.output, args
        if code == 3:
            assert result.stdout.startswith("stopped"), args
            continue
        error = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
        assert len(error) == 1 and text in error[0], (args, result.stderr)
        if not any(x in text for x in ("invalid model file", "refused")) and "Usage:" not in result.stderr:
            assert result.stderr.count("\n") == 1, (args, result.stderr)  # one line


@pytest.mark.parametrize(
    ("variable", "text"),
    [("KG_MAX_FILE_MB", "KG_MAX_FILE_MB='abc': expected a positive number of megabytes"),
     ("KG_MAX_DOCUMENT_BYTES", "KG_MAX_DOCUMENT_BYTES='abc': expected a positive whole number")],
)
def test_bad_limit_settings_are_2(tmp_path: Path, variable: str, text: str) -> None:
    """Bad settings (#24: these were 1)."""
    document = tmp_path / "model.txt"
    document.write_text("2.客户关系工作\nA.客户意见直接反馈\n主要责任人:客户经理\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(document)], env={variable: "abc"})
    assert (result.exit_code, result.stderr) == (2, f"Error: {text}\n")


@pytest.mark.parametrize("args", [["load", "--help"], ["--version"]])
def test_success_is_zero(args: list[str]) -> None:
    assert CliRunner().invoke(cli, args).exit_code == 0
