"""`kg load` against the real Neo4j: exact graph, idempotence, diffs, scoping, atomicity."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from kg.api import Graph
from kg.cli import cli
from kg.config import Settings
from kg.db import Database
from kg.model import read_model
from loaders.refresh import LoadFailed, load_paths, refresh, refresh_all
from loaders.sources import read_source
from loaders.staging import Writer
from tests.conftest import DATA

pytestmark = pytest.mark.neo4j

A = DATA / "models" / "procurement-a.yaml"
B = DATA / "models" / "finance-b.yaml"
SA, SB = "doc:采购业务模型", "doc:财务业务模型"


def dump(db: Database, settings: Settings) -> dict[str, list[dict[str, Any]]]:
    """The whole fact graph (and sources), properties included, in a comparable form."""
    with db.session(database=settings.database) as s:
        nodes = s.run(
            "MATCH (n) WHERE n:Role OR n:Activity OR n:Output OR n:Department OR n:Source "
            "RETURN labels(n)[0] AS label, properties(n) AS props ORDER BY label, props.id"
        ).data()
        rels = s.run(
            "MATCH (a)-[r]->(b) WHERE NOT a:LoadRun "
            "RETURN a.id AS a, type(r) AS type, b.id AS b, properties(r) AS props "
            "ORDER BY a, type, b, props.rank"
        ).data()
    for n in nodes:
        n["props"].pop("loaded_at", None)
    return {"nodes": nodes, "rels": rels}


def edges(db: Database, settings: Settings) -> set[tuple[str, str, str, str | None]]:
    with db.session(database=settings.database) as s:
        return {
            (r["a"], r["t"], r["b"], r["rank"])
            for r in s.run(
                "MATCH (a)-[r]->(b) WHERE NOT a:LoadRun "
                "RETURN a.id AS a, type(r) AS t, b.id AS b, r.rank AS rank"
            )
        }


_count_batch = Writer.next_batch


def fail_after(monkeypatch: pytest.MonkeyPatch, batches: int) -> None:
    """Make each source's load raise after ``batches`` batches (counted per source, over
    the batches of its transaction and the staged ones)."""

    def next_batch(self: Writer) -> None:
        if self.batches >= batches:
            raise LoadFailed(
                f"load of {self.source!r} stopped after {self.batches} batches (test hook)"
            )
        _count_batch(self)

    monkeypatch.setattr(Writer, "next_batch", next_batch)


EDGES_A = {
    ("role:采购经理", "BELONGS_TO", "dept:采购部", None),
    ("role:采购主管", "BELONGS_TO", "dept:采购部", None),
    ("activity:采购计划编制", "PART_OF", "activity:采购", None),
    ("activity:供应商评估", "PART_OF", "activity:采购", None),
    ("activity:采购计划编制", "PRODUCES", "output:采购计划", None),
    ("activity:供应商评估", "PRODUCES", "output:供应商评估报告", None),
    ("role:采购经理", "RESPONSIBLE", "activity:采购计划编制", None),
    ("role:采购经理", "RESPONSIBLE", "activity:供应商评估", None),
    ("role:财务专员", "ASSISTS", "activity:采购计划编制", None),
    ("role:采购主管", "MONITORS", "activity:采购计划编制", "first"),
    ("dept:公司审计部", "MONITORS", "activity:采购计划编制", "other"),
    ("role:采购主管", "MONITORS", "activity:供应商评估", "first"),
    ("role:采购经理", "REPORTS_TO", "role:采购主管", None),
    ("role:财务专员", "REPORTS_TO", "role:财务主管", None),
    ("role:采购经理", "REPORTS_TO", "dept:公司审计部", None),
    ("activity:采购计划编制", "INTERFACES_WITH", "dept:公司审计部", None),
}
EDGES_B = {
    ("activity:付款审核", "PART_OF", "activity:财务", None),
    ("role:财务专员", "RESPONSIBLE", "activity:付款审核", None),
    ("dept:公司审计部", "MONITORS", "activity:付款审核", "first"),
    ("role:财务专员", "REPORTS_TO", "role:财务主管", None),
}


def test_load_model_file_exactly(graph: Graph, settings: Settings) -> None:
    [report] = load_paths(graph, [A])
    assert report.status == "applied"
    assert report.totals == {
        "nodes_added": 11,
        "nodes_removed": 0,
        "nodes_changed": 0,
        "relationships_added": 16,
        "relationships_removed": 0,
        "relationships_changed": 0,
    }
    assert edges(graph, settings) == EDGES_A
    with graph.session(database=settings.database) as s:
        role = s.run("MATCH (r:Role {id: 'role:采购经理'}) RETURN properties(r) AS p").single(strict=True)["p"]
        rel = s.run(
            "MATCH (:Role {id: 'role:采购经理'})-[r:RESPONSIBLE]->(:Activity {id: 'activity:采购计划编制'}) "
            "RETURN properties(r) AS p"
        ).single(strict=True)["p"]
        report_line = s.run(
            "MATCH (:Role {id: 'role:采购经理'})-[r:REPORTS_TO]->(:Role {id: 'role:采购主管'}) "
            "RETURN properties(r) AS p"
        ).single(strict=True)["p"]
        activity = s.run(
            "MATCH (a:Activity {id: 'activity:供应商评估'}) RETURN properties(a) AS p"
        ).single(strict=True)["p"]
        source = s.run("MATCH (s:Source) RETURN properties(s) AS p").single(strict=True)["p"]
    assert role == {
        "id": "role:采购经理",
        "name": "采购经理",
        "name_original": "採購經理",
        "name_en": "Purchasing Manager",
        "name_en_lower": "purchasing manager",  # derived, for `search` (kg.schema.NAME_EN_LOWER)
        "sources": [SA],
        "source_props": [
            '{"name":"采购经理","name_original":"採購經理","name_en":"Purchasing Manager"}'
        ],
        "stated_in": [SA],
        "pages": [1],
        "starts": [40],
        "ends": [52],
        "sentences": ["採購經理直接歸屬採購部管理"],
    }
    assert rel == {
        "sources": [SA],
        "stated_in": [SA],
        "pages": [1],
        "starts": [100],
        "ends": [110],
        "sentences": ["主要責任人:採購經理"],
    }
    assert report_line["activities"] == ["activity:采购计划编制"]
    assert report_line["contexts"] == ["activity:采购计划编制"]
    assert report_line["context_sources"] == [SA]
    assert report_line["sentences"] == ["匯報關系:採購經理向採購主管匯報,財務專員向財務主管匯報"]
    assert activity["code"] == "1.B" and activity["kind"] == "activity"
    assert activity["description"] == "评估供应商的资质"
    assert activity["stated_in"] == []  # the file gives no provenance for this activity
    assert source["title"] == "采购业务模型" and source["version"] == "Ver2.0"
    assert source["kind"] == "model" and len(source["content_hash"]) == 64


def test_second_load_changes_nothing(graph: Graph, settings: Settings) -> None:
    load_paths(graph, [A, B])
    before = dump(graph, settings)
    reports = load_paths(graph, [A, B])
    assert [r.status for r in reports] == ["unchanged", "unchanged"]
    assert all(not any(r.totals.values()) for r in reports)
    assert dump(graph, settings) == before
    # even a forced reload (full diff, no hash short-cut) finds nothing to do
    [forced] = load_paths(graph, [A], force=True)
    assert forced.status == "applied" and not any(forced.totals.values())
    assert dump(graph, settings) == before


def _edited(tmp_path: Path) -> Path:
    """procurement-a without the finance officer's assistance and with one new activity."""
    data = yaml.safe_load(A.read_text())
    plan = data["activities"][1]
    assert plan["assists"] == ["role:财务专员"]
    plan["assists"] = []
    data["activities"].append(
        {
            "id": "activity:合同签订",
            "code": "1.C",
            "name": "合同签订",
            "kind": "activity",
            "parent": "activity:采购",
            "responsible": ["role:采购主管"],
        }
    )
    out = tmp_path / "procurement-a.yaml"
    out.write_text(yaml.safe_dump(data, allow_unicode=True))
    return out


def test_edit_applies_exactly_that_diff(graph: Graph, settings: Settings, tmp_path: Path) -> None:
    load_paths(graph, [A])
    before = dump(graph, settings)
    edited = _edited(tmp_path)

    [dry] = load_paths(graph, [edited], dry_run=True)
    assert dry.status == "dry-run"
    assert dry.counts == {
        "nodes": {"Activity": {"added": 1, "removed": 0, "changed": 0}},
        "relationships": {
            "ASSISTS": {"added": 0, "removed": 1, "changed": 0},
            "PART_OF": {"added": 1, "removed": 0, "changed": 0},
            "RESPONSIBLE": {"added": 1, "removed": 0, "changed": 0},
        },
    }
    assert dump(graph, settings) == before  # a dry run writes nothing
    assert sorted(dry.changes) == [
        ("added", "node", "Activity", "activity:合同签订"),
        ("added", "relationship", "PART_OF", "(activity:合同签订)-[:PART_OF]->(activity:采购)"),
        ("added", "relationship", "RESPONSIBLE", "(role:采购主管)-[:RESPONSIBLE]->(activity:合同签订)"),
        ("removed", "relationship", "ASSISTS", "(role:财务专员)-[:ASSISTS]->(activity:采购计划编制)"),
    ]
    res = CliRunner().invoke(cli, ["load", str(edited), "--dry-run", "--details", *conn(settings)])
    assert "  - (role:财务专员)-[:ASSISTS]->(activity:采购计划编制)\n" in res.output
    assert "  + (:Activity {id: activity:合同签订})\n" in res.output

    [real] = load_paths(graph, [edited])
    assert real.counts == dry.counts
    expected = (EDGES_A - {("role:财务专员", "ASSISTS", "activity:采购计划编制", None)}) | {
        ("activity:合同签订", "PART_OF", "activity:采购", None),
        ("role:采购主管", "RESPONSIBLE", "activity:合同签订", None),
    }
    assert edges(graph, settings) == expected
    # the finance officer is still stated (it reports to the finance supervisor)
    with graph.session(database=settings.database) as s:
        assert s.run("MATCH (r:Role {id: 'role:财务专员'}) RETURN count(r) AS c").single(strict=True)["c"] == 1


def test_refresh_is_scoped_to_its_source(graph: Graph, settings: Settings, tmp_path: Path) -> None:
    load_paths(graph, [A, B])
    assert edges(graph, settings) == EDGES_A | EDGES_B
    with graph.session(database=settings.database) as s:
        shared = s.run(
            "MATCH (:Role {id: 'role:财务专员'})-[r:REPORTS_TO]->(:Role {id: 'role:财务主管'}) "
            "RETURN r.sources AS sources, r.activities AS activities"
        ).single(strict=True)
    assert sorted(shared["sources"]) == sorted([SA, SB])
    assert sorted(shared["activities"]) == ["activity:付款审核", "activity:采购计划编制"]

    # B now states only its area: everything else it said goes, A's facts stay
    data = yaml.safe_load(B.read_text())
    data["departments"], data["roles"], data["activities"] = [], [], data["activities"][:1]
    b2 = tmp_path / "finance-b.yaml"
    b2.write_text(yaml.safe_dump(data, allow_unicode=True))
    [report] = load_paths(graph, [b2])
    assert report.totals["relationships_removed"] == 4
    assert edges(graph, settings) == EDGES_A
    with graph.session(database=settings.database) as s:
        line = s.run(
            "MATCH (:Role {id: 'role:财务专员'})-[r:REPORTS_TO]->(:Role {id: 'role:财务主管'}) "
            "RETURN r.sources AS sources, r.activities AS activities, r.context_sources AS cs"
        ).single(strict=True)
        officer = s.run("MATCH (r:Role {id: 'role:财务专员'}) RETURN r.sources AS s").single(strict=True)
        gone = s.run("MATCH (a:Activity {id: 'activity:付款审核'}) RETURN count(a) AS c").single(strict=True)
        area = s.run("MATCH (a:Activity {id: 'activity:财务'}) RETURN a.sources AS s").single(strict=True)
    assert line["sources"] == [SA]
    assert line["activities"] == ["activity:采购计划编制"] and line["cs"] == [SA]
    assert officer["s"] == [SA]
    assert gone["c"] == 0
    assert area["s"] == [SB]


def test_failure_midway_leaves_graph_as_it_was(
    graph: Graph, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_paths(graph, [A])
    before = dump(graph, settings)
    item = read_source(_edited(tmp_path))
    fail_after(monkeypatch, 1)
    with pytest.raises(LoadFailed, match="stopped after 1 batches"):
        refresh(graph, item)
    assert dump(graph, settings) == before
    with graph.session(database=settings.database) as s:
        runs = s.run("MATCH (r:LoadRun) RETURN count(r) AS c").single(strict=True)["c"]
    assert runs == 1  # the failed run left no record either


def test_concurrent_loads_serialise(graph: Graph, settings: Settings) -> None:
    errors: list[BaseException] = []

    def run(path: Path) -> None:
        db = Database.open(settings)  # a connection of its own
        try:
            load_paths(db, [path])
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            db.close()

    # install the schema first so both threads race on the data, not on DDL
    load_paths(graph, [A], dry_run=False)
    with graph.session(database=settings.database) as s:
        s.run("MATCH (s:Source {id: $id}) SET s.content_hash = 'stale'", id=SA).consume()
    threads = [threading.Thread(target=run, args=(p,)) for p in (A, B)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert edges(graph, settings) == EDGES_A | EDGES_B


def test_unload_removes_only_that_source(graph: Graph, settings: Settings) -> None:
    load_paths(graph, [A, B])
    res = CliRunner().invoke(cli, ["unload", SB, "--format", "json", *conn(settings)])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["status"] == "removed"
    assert edges(graph, settings) == EDGES_A
    with graph.session(database=settings.database) as s:
        assert [r["id"] for r in s.run("MATCH (s:Source) RETURN s.id AS id")] == [SA]


def conn(settings: Settings) -> list[str]:
    return ["--uri", settings.uri, "--password", settings.password or "", "--database", settings.database]


def test_cli_load_summary_and_history(graph: Graph, settings: Settings) -> None:
    runner = CliRunner()
    first = runner.invoke(cli, ["load", str(A), *conn(settings)])
    assert first.exit_code == 0, first.output
    assert "doc:采购业务模型  applied  +11 -0 ~0" in first.output
    assert "relationship  REPORTS_TO           3        0        0" in first.output
    again = runner.invoke(cli, ["load", str(A), "--format", "json", *conn(settings)])
    [rep] = json.loads(again.output)
    assert rep["status"] == "unchanged" and rep["source"] == SA
    hist = runner.invoke(cli, ["history", "--format", "json", *conn(settings)])
    rows = json.loads(hist.output)
    assert [(r["source"], r["status"], r["relationships_added"]) for r in rows] == [
        (SA, "unchanged", 0),
        (SA, "applied", 16),
    ]


@pytest.mark.parametrize(
    ("content", "suffix", "message"),
    [
        ("schema: kg-org-model/1\nsource: {id: x}\nroles: [{id: r, name: R, department: dept:nope}]\n",
         ".yaml", "roles[0].department: unknown id 'dept:nope'"),
        ("schema: kg-org-model/9\n", ".yaml", "schema: expected 'kg-org-model/1'"),
        ("{not json", ".json", "not valid JSON (line 1, column 2"),
        ("hello", ".odt", "unknown source type '.odt'"),
        ("activity,客户经理\n客户关系规划,X\n", ".csv", "row 2, column '客户经理': unknown letter 'X'"),
        ("", ".txt", "empty"),
    ],
)
def test_bad_sources_write_nothing(graph: Graph, settings: Settings, tmp_path: Path, content: str, suffix: str, message: str) -> None:
    load_paths(graph, [A])
    before = dump(graph, settings)
    bad = tmp_path / f"bad{suffix}"
    bad.write_text(content)
    # the good file B is listed first: nothing is loaded when any file is bad
    res = CliRunner().invoke(cli, ["load", str(B), str(bad), *conn(settings)])
    assert res.exit_code == 1
    assert str(bad) in res.output and message in res.output
    assert "Traceback" not in res.output
    assert dump(graph, settings) == before


def test_missing_file(graph: Graph, settings: Settings) -> None:
    res = CliRunner().invoke(cli, ["load", "nope.yaml", *conn(settings)])
    assert res.exit_code == 2  # a missing file is a usage problem (README: exit codes)
    assert res.output.strip() == "Error: nope.yaml: no such file"


def test_model_file_round_trips(tmp_path: Path) -> None:
    model = read_model(A)
    for suffix in (".json", ".yaml"):
        from kg.model import write_model

        out = tmp_path / f"m{suffix}"
        write_model(model, out)
        assert read_model(out) == model


def test_multi_source_load_is_all_or_nothing(
    graph: Graph, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_paths(graph, [A])
    before = dump(graph, settings)
    b_only = [read_source(B)]
    # A is unchanged; B's batches fail after the first: B's first batch is undone too
    fail_after(monkeypatch, 1)
    with pytest.raises(LoadFailed):
        load_paths(graph, [A, B])
    assert dump(graph, settings) == before
    # and a command whose first source applies but whose second fails applies neither
    with graph.session(database=settings.database) as s:
        s.run("MATCH (n) WHERE n:Role OR n:Activity OR n:Output OR n:Department OR n:Source DETACH DELETE n").consume()
    empty = dump(graph, settings)
    # B needs 8 batches and A 16: with 10 allowed per source, B applies and A fails
    fail_after(monkeypatch, 10)
    with pytest.raises(LoadFailed):
        refresh_all(graph, [*b_only, read_source(A)])
    assert dump(graph, settings) == empty


def test_unchanged_file_is_not_parsed_again(graph: Graph, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    load_paths(graph, [A])

    def no_parsing(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("an unchanged file was parsed")

    monkeypatch.setattr("loaders.sources.read_model", no_parsing)
    [report] = load_paths(graph, [A])
    assert (report.status, report.source) == ("unchanged", SA)
    with pytest.raises(AssertionError, match="was parsed"):
        load_paths(graph, [A], force=True)


def test_withdrawn_source_takes_its_property_values_along(graph: Graph, settings: Settings, tmp_path: Path) -> None:
    """Two sources name a role differently: the one whose id sorts first shows (here the
    later); unloading it brings the other one's values back, and a property only it
    stated goes with it."""
    load_paths(graph, [A])
    data = yaml.safe_load(B.read_text())
    data["source"]["id"] = "doc:hostile"
    officer = next(r for r in data["roles"] if r["id"] == "role:财务专员")
    officer["name_original"] = "<img src=x onerror=alert(1)>"
    officer["name_en"] = None
    supervisor = next(r for r in data["roles"] if r["id"] == "role:财务主管")
    supervisor["name_en"] = "Finance Supervisor"  # procurement-a gives none
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(yaml.safe_dump(data, allow_unicode=True))
    load_paths(graph, [hostile])

    def props(role_id: str) -> dict[str, Any]:
        with graph.session(database=settings.database) as s:
            return s.run("MATCH (r:Role {id: $id}) RETURN properties(r) AS p", id=role_id).single(strict=True)["p"]

    assert props("role:财务专员")["name_original"] == "<img src=x onerror=alert(1)>"
    assert props("role:财务专员")["name_en"] == "Finance Officer"  # the later source states none
    assert props("role:财务主管")["name_en"] == "Finance Supervisor"
    res = CliRunner().invoke(cli, ["unload", "doc:hostile", *conn(settings)])
    assert res.exit_code == 0, res.output
    officer_now, supervisor_now = props("role:财务专员"), props("role:财务主管")
    assert (officer_now["name_original"], officer_now["name_en"]) == ("財務專員", "Finance Officer")
    assert officer_now["sources"] == [SA] and len(officer_now["source_props"]) == 1
    assert "name_en" not in supervisor_now  # only the withdrawn source stated it
    # and a reload of A after that is a true no-op
    [again] = load_paths(graph, [A], force=True)
    assert not any(again.totals.values())


def test_a_copied_csv_is_a_source_of_its_own(graph: Graph, settings: Settings, tmp_path: Path) -> None:
    text = "activity,客户经理\n客户关系规划,R\n"
    first, copy = tmp_path / "team-a.csv", tmp_path / "team-b.csv"
    first.write_text(text, encoding="utf-8")
    copy.write_text(text, encoding="utf-8")
    [a] = load_paths(graph, [first])
    [b] = load_paths(graph, [copy])  # same bytes, but its name makes another source
    assert (a.source, a.status, b.source, b.status) == ("raci:team-a", "applied", "raci:team-b", "applied")
    [again] = load_paths(graph, [copy])
    assert (again.source, again.status) == ("raci:team-b", "unchanged")


def test_unload_is_all_or_nothing_and_says_unload(
    graph: Graph, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nodes only the source stated are hidden in the unload's transaction and deleted
    after it commits; a failed unload leaves the graph as it was and says "unload"."""
    load_paths(graph, [A])
    load_paths(graph, [B])
    before = dump(graph, settings)
    def refused(self: Writer) -> None:  # the server refuses a statement of the unload
        if self.batches >= 2:
            self.tx.run("RETURN 1 / 0").consume()
        _count_batch(self)

    with monkeypatch.context() as m:
        m.setattr(Writer, "next_batch", refused)
        res = CliRunner().invoke(cli, ["unload", SA, *conn(settings)])
    assert res.exit_code == 1
    assert res.output.startswith("Error: unload failed, nothing was written"), res.output
    assert dump(graph, settings) == before
    graph.unload(SA)
    assert edges(graph, settings) == EDGES_B
    with graph.session(database=settings.database) as s:
        assert s.run("MATCH (n:KgStaged) RETURN count(n) AS c").single(strict=True)["c"] == 0
