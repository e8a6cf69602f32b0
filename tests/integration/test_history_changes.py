"""A load run remembers what it changed (#13): `kg history --show RUN` prints the same
semantic report as `kg diff` of the two versions, `kg history` shows the versions, the
canned query role-changes answers what changed for a role across runs, and `kg load
--dry-run` prints the report too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.api import Graph
from kg.cli import cli
from kg.config import Settings
from kg.model import read_model, write_model
from kg.queries import run_query
from tests.conftest import SEED
from tests.integration.test_load import conn
from tests.unit.kg.test_changes import SEED as SEED_MODEL
from tests.unit.kg.test_changes import edited

pytestmark = pytest.mark.neo4j


@pytest.fixture
def v2(tmp_path: Path) -> Path:
    path = tmp_path / "model-v2.yaml"
    write_model(edited(read_model(SEED_MODEL)), path)
    return path


def _runs(settings: Settings) -> list[dict[str, object]]:
    res = CliRunner().invoke(cli, ["history", "--format", "json", *conn(settings)])
    assert res.exit_code == 0, res.output
    return list(json.loads(res.output))


def test_history_show_of_the_second_run_is_kg_diff_of_the_two(graph: Graph, settings: Settings, v2: Path) -> None:
    runner = CliRunner()
    for path in (SEED, v2):
        res = runner.invoke(cli, ["load", str(path), *conn(settings)])
        assert res.exit_code == 0, (res.output, res.exception)
    second, first = _runs(settings)
    assert (first["old_version"], first["new_version"]) == (None, "Ver1.0")
    assert (second["old_version"], second["new_version"], second["status"]) == ("Ver1.0", "Ver2.0", "applied")
    for fmt in ("json", "text", "markdown"):
        shown = runner.invoke(cli, ["history", "--show", str(second["id"]), "--format", fmt, *conn(settings)])
        assert shown.exit_code == 0, shown.output
        diffed = runner.invoke(cli, ["diff", str(SEED), str(v2), "--format", fmt])
        assert diffed.exit_code == 1
        assert shown.output == diffed.output, fmt
    # the run's id as listed (its first 8 characters) names it too
    short = runner.invoke(cli, ["history", "--show", str(second["id"])[:8], *conn(settings)])
    assert short.output == runner.invoke(cli, ["diff", str(SEED), str(v2)]).output
    # the first run: everything the document states, added to nothing
    first_report = runner.invoke(cli, ["history", "--show", str(first["id"]), "--format", "json", *conn(settings)])
    data = json.loads(first_report.output)
    assert data["new"]["version"] == "Ver1.0" and data["old"]["version"] is None
    assert len(data["activities"]["added"]) == len(read_model(SEED_MODEL).activities)
    # the listing shows the transition
    table = runner.invoke(cli, ["history", *conn(settings)])
    assert "Ver1.0 → Ver2.0" in table.output and str(second["id"])[:8] in table.output


def test_an_unchanged_run_shows_no_changes_and_an_unknown_run_is_an_error(graph: Graph, settings: Settings) -> None:
    runner = CliRunner()
    for _ in range(2):
        assert runner.invoke(cli, ["load", str(SEED), *conn(settings)]).exit_code == 0
    again = _runs(settings)[0]
    assert again["status"] == "unchanged"
    shown = runner.invoke(cli, ["history", "--show", str(again["id"]), *conn(settings)])
    assert shown.exit_code == 0 and shown.output.endswith(": no changes\n")
    missing = runner.invoke(cli, ["history", "--show", "no-such-run", *conn(settings)])
    assert missing.exit_code == 2  # usage: an unknown run (it was 1)
    assert missing.stderr == "Error: no load run 'no-such-run' is recorded (see `kg history`)\n"


def test_role_changes_across_runs(graph: Graph, settings: Settings, v2: Path) -> None:
    graph.load([SEED])
    graph.load([v2])
    rows = run_query(graph, "role-changes", {"role": "account manager"}).rows()
    changes = [(versions, change) for _, _, _, versions, change in rows]
    assert ("∅ → Ver1.0", "role added") in changes
    assert changes[-3:] == [
        ("Ver1.0 → Ver2.0", "3.B.a.4 合作伙伴分析 (activity added): +R"),
        ("Ver1.0 → Ver2.0", "3.B.a.2 竞争对手分析 (activity removed): -R"),
        ("Ver1.0 → Ver2.0", "2.B 客户关系评估与分析: +S -R"),
    ]


def test_dry_run_prints_the_semantic_report(graph: Graph, settings: Settings, v2: Path) -> None:
    graph.load([SEED])
    runner = CliRunner()
    res = runner.invoke(cli, ["load", str(v2), "--dry-run", *conn(settings)])
    assert res.exit_code == 0, res.output
    report = runner.invoke(cli, ["diff", str(SEED), str(v2)]).output
    assert report in res.output
    assert "(:Activity {id:" not in res.output  # rows only with --details
    detailed = runner.invoke(cli, ["load", str(v2), "--dry-run", "--details", *conn(settings)])
    assert report in detailed.output and "(:Activity {id: activity:合作伙伴分析})" in detailed.output
    as_json = runner.invoke(cli, ["load", str(v2), "--dry-run", "--format", "json", *conn(settings)])
    [row] = json.loads(as_json.output)
    diffed = json.loads(runner.invoke(cli, ["diff", str(SEED), str(v2), "--format", "json"]).output)
    assert row["semantic"] == diffed and row["versions"] == {"old": "Ver1.0", "new": "Ver2.0"}


def test_an_unload_records_what_it_removed(graph: Graph, settings: Settings) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["load", str(SEED), *conn(settings)]).exit_code == 0
    source = read_model(SEED_MODEL).source.id
    res = runner.invoke(cli, ["unload", source, *conn(settings)])
    assert res.exit_code == 0, res.output
    unloaded = _runs(settings)[0]
    assert (unloaded["status"], unloaded["old_version"], unloaded["new_version"]) == ("removed", "Ver1.0", None)
    shown = runner.invoke(cli, ["history", "--show", str(unloaded["id"]), "--format", "json", *conn(settings)])
    data = json.loads(shown.output)
    seed = read_model(SEED_MODEL)
    assert [a["id"] for a in data["activities"]["removed"]] == [a.id for a in seed.activities]
    assert data["activities"]["added"] == []
    assert data["nodes"]["Role"] == {"added": [], "removed": sorted(r.id for r in seed.roles)}
    with graph.session(database=settings.database) as s:
        rec = s.run("MATCH (r:LoadRun {id: $id}) RETURN r.change_parties AS p, r.change_items AS i",
                    id=unloaded["id"]).single(strict=True)
    mine = [line for party, line in zip(rec["p"], rec["i"], strict=True) if party == "role:客户经理"]
    assert mine[-1] == "role removed"
    removed = [line for line in mine if "(activity removed)" in line]
    letters = [a for a in seed.activities if "role:客户经理" in (*a.responsible, *a.assists, *(m.id for m in a.monitors))]
    assert len(removed) == len(letters) > 0


def test_forged_names_in_every_report_of_a_loaded_graph(graph: Graph, settings: Settings, tmp_path: Path) -> None:
    """#24 item 3: names stored in the graph are shown visible by history --show (text and
    markdown), the history listing, load --details, query tables and validate."""
    from kg.text_safe import visible
    from tests.unit.kg.test_text_safe import FORGED, _models, raw_tag

    old, new = _models()
    new.source = new.source.model_copy(update={"version": "Ver2.0\n| forged | row |<script>\x1b[2J"})
    paths = []
    for name, model in (("old.yaml", old), ("new.yaml", new)):
        paths.append(tmp_path / name)
        write_model(model, paths[-1])
    runner = CliRunner()
    assert runner.invoke(cli, ["load", str(paths[0]), *conn(settings)]).exit_code == 0
    details = runner.invoke(cli, ["load", str(paths[1]), "--details", *conn(settings)])
    assert details.exit_code == 0, details.output
    run = str(_runs(settings)[0]["id"])
    outputs = {
        "details": details.output,
        "text": runner.invoke(cli, ["history", "--show", run, *conn(settings)]).output,
        "markdown": runner.invoke(cli, ["history", "--show", run, "--format", "markdown", *conn(settings)]).output,
        "query": runner.invoke(cli, ["query", "role-activities", "-p", "role=role:forged", *conn(settings)]).output,
        "validate": runner.invoke(cli, ["validate", *conn(settings)]).output,
        "history": runner.invoke(cli, ["history", *conn(settings)]).output,
        "history-markdown": runner.invoke(cli, ["history", "--format", "markdown", *conn(settings)]).output,
    }
    for what, out in outputs.items():
        assert "\x1b" not in out and "\u202e" not in out, what
        assert not any(line.startswith("  - role role:总经理") for line in out.splitlines()), (what, out)
    assert f"renamed to {visible(FORGED)}" in outputs["text"]
    assert not raw_tag(outputs["markdown"]) and not raw_tag(outputs["history-markdown"])
    assert not any(line.startswith("| forged") for line in outputs["history-markdown"].splitlines())
    assert "Ver1.0 → Ver2.0\\n" in outputs["history"]
    assert visible(FORGED)[:30] in outputs["query"], outputs["query"]


def test_a_first_load_without_its_report(graph: Graph, settings: Settings, v2: Path) -> None:
    """--no-first-report: the first run keeps no report (the next one does, and the
    graph is the one a load with the report gives)."""
    runner = CliRunner()
    res = runner.invoke(cli, ["load", str(SEED), "--no-first-report", *conn(settings)])
    assert res.exit_code == 0, res.output
    assert runner.invoke(cli, ["load", str(v2), "--no-first-report", *conn(settings)]).exit_code == 0
    second, first = _runs(settings)
    assert (first["old_version"], first["new_version"], first["status"]) == (None, "Ver1.0", "applied")
    shown = runner.invoke(cli, ["history", "--show", str(first["id"]), *conn(settings)])
    assert shown.exit_code == 1
    assert "kept no report of what changed" in shown.output and "--no-first-report" in shown.output
    # a source loaded before has its report whatever the flag says
    again = runner.invoke(cli, ["history", "--show", str(second["id"]), *conn(settings)])
    assert again.exit_code == 0
    assert again.output == runner.invoke(cli, ["diff", str(SEED), str(v2)]).output
