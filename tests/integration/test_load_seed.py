"""The bundled seed document, loaded: edge by edge against the hand-checked expected model."""

from __future__ import annotations

import pytest

from kg.api import Graph
from kg.config import Settings
from kg.model import read_model
from loaders.refresh import load_paths
from tests.conftest import DATA, SEED

pytestmark = pytest.mark.neo4j

EXPECTED = read_model(DATA / "seed.expected.yaml")


def expected_edges() -> set[tuple[str, str, str, str | None]]:
    """Every relationship the expected model states, enumerated here independently."""
    m = EXPECTED
    out: set[tuple[str, str, str, str | None]] = set()
    for d in m.departments:
        if d.parent:
            out.add((d.id, "PART_OF", d.parent, None))
    for r in m.roles:
        if r.department:
            out.add((r.id, "BELONGS_TO", r.department, None))
    for a in m.activities:
        if a.parent:
            out.add((a.id, "PART_OF", a.parent, None))
        out |= {(a.id, "PRODUCES", o, None) for o in a.outputs}
        out |= {(r, "RESPONSIBLE", a.id, None) for r in a.responsible}
        out |= {(r, "ASSISTS", a.id, None) for r in a.assists}
        out |= {(mon.id, "MONITORS", a.id, mon.rank) for mon in a.monitors}
        out |= {(rep.from_, "REPORTS_TO", rep.to, None) for rep in a.reports}
        out |= {(a.id, "INTERFACES_WITH", d, None) for d in a.interface_departments}
    return out


def test_seed_graph_matches_expected_model(graph: Graph, settings: Settings) -> None:
    [report] = load_paths(graph, [SEED])
    assert report.status == "applied" and report.kind == "document"
    with graph.session(database=settings.database) as s:
        nodes = {
            (r["label"], r["id"], r["name"], r["en"])
            for r in s.run(
                "MATCH (n) WHERE n:Role OR n:Activity OR n:Output OR n:Department "
                "RETURN labels(n)[0] AS label, n.id AS id, n.name AS name, n.name_en AS en"
            )
        }
        edges = {
            (r["a"], r["t"], r["b"], r["rank"])
            for r in s.run(
                "MATCH (a)-[r]->(b) WHERE NOT a:LoadRun "
                "RETURN a.id AS a, type(r) AS t, b.id AS b, r.rank AS rank"
            )
        }
        contexts = {
            (r["a"], r["b"]): sorted(r["activities"])
            for r in s.run(
                "MATCH (a:Role)-[r:REPORTS_TO]->(b) RETURN a.id AS a, b.id AS b, r.activities AS activities"
            )
        }
        unsourced = s.run(
            "MATCH (a)-[r]->(b) WHERE NOT a:LoadRun AND (size(r.sentences) = 0 OR size(r.pages) = 0) "
            "RETURN count(r) AS c"
        ).single(strict=True)["c"]
        source = s.run("MATCH (s:Source) RETURN s.title AS title, s.purpose AS purpose").single(strict=True)
    m = EXPECTED
    assert (source["title"], source["purpose"]) == (m.source.title, m.source.purpose)
    assert source["purpose"].startswith("通過對營銷系統圍繞客戶各項業務的分析")
    assert nodes == (
        {("Department", d.id, d.name, d.name_en) for d in m.departments}
        | {("Role", r.id, r.name, r.name_en) for r in m.roles}
        | {("Output", o.id, o.name, o.name_en) for o in m.outputs}
        | {("Activity", a.id, a.name, a.name_en) for a in m.activities}
    )
    assert edges == expected_edges()
    # the account manager answers to the office director only for customer feedback,
    # and to the deputy director of sales in every other activity that states a line
    assert contexts[("role:客户经理", "role:办事处主任")] == ["activity:客户意见直接反馈"]
    assert contexts[("role:客户经理", "role:行政助理")] == ["activity:客户意见直接反馈"]
    assert contexts[("role:客户经理", "role:销售副主任")] == sorted(
        a.id
        for a in m.activities
        if any(r.from_ == "role:客户经理" and r.to == "role:销售副主任" for r in a.reports)
    )
    assert unsourced == 0  # every edge leads back to a sentence of the document


def test_seed_provenance_points_at_the_sentence(graph: Graph, settings: Settings) -> None:
    load_paths(graph, [SEED])
    raw = SEED.read_text(encoding="utf-8")
    with graph.session(database=settings.database) as s:
        rec = s.run(
            "MATCH (:Role {id: 'role:客户经理'})-[r:RESPONSIBLE]->(:Activity {id: 'activity:竞争对手分析'}) "
            "RETURN r.stated_in AS src, r.pages AS pages, r.sentences AS sentences, "
            "r.starts AS starts, r.ends AS ends"
        ).single(strict=True)
        feedback = s.run(
            "MATCH (:Role {id: 'role:客户经理'})-[r:REPORTS_TO]->(:Role {id: 'role:办事处主任'}) "
            "RETURN r.pages AS pages, r.sentences AS sentences"
        ).single(strict=True)
        member = s.run(
            "MATCH (:Role {id: 'role:客户经理'})-[r:BELONGS_TO]->(:Department {id: 'dept:办事处'}) "
            "RETURN r.pages AS pages, r.sentences AS sentences"
        ).single(strict=True)
    assert rec["src"] == [EXPECTED.source.id]
    assert rec["pages"] == [6]
    assert rec["sentences"] == ["主要責任人:客戶經理"]
    # offsets index the raw document, artefacts included
    assert raw[rec["starts"][0] : rec["ends"][0]] == "主要責任人:客戶經(jīng)理"
    assert feedback["pages"] == [2]
    assert feedback["sentences"][0].startswith("匯報關系:客戶經理向辦事處主任、行政助理匯報")
    assert member["pages"] == [1]
    assert member["sentences"] == ["客戶經理直接歸屬辦事處管理"]


def test_seed_loads_twice_without_change(graph: Graph, settings: Settings) -> None:
    load_paths(graph, [SEED])
    [again] = load_paths(graph, [SEED], force=True)
    assert again.status == "applied" and not any(again.totals.values())
