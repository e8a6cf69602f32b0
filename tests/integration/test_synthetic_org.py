"""The query benchmark's synthetic organisation, at a small size: the answers the
benchmark times are the right ones (no timing here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.synthetic import synthetic_org
from kg.api import Graph
from kg.model import write_model
from kg.raci import build_matrix, for_area

pytestmark = pytest.mark.neo4j

ROLES = 40


@pytest.fixture
def org(graph: Graph, tmp_path: Path) -> Graph:
    path = tmp_path / "org.json"
    write_model(synthetic_org(ROLES), path)
    graph.load([path])
    return graph


def _boss(i: int) -> int:
    return (i - 1) // 2


def test_reporting_chain_climbs_the_hierarchy(org: Graph) -> None:
    # role 37 (not a matrix role) reports to 18, 8, 3, 1, 0; 18, 8, 3 and 1 have no
    # second superior except role 35/25/15/5-style ones (i % 10 == 5), none on this chain
    chain = [_boss(37)]
    while chain[-1]:
        chain.append(_boss(chain[-1]))
    rows = org.query("reporting-chain", role="role:岗位37").rows()
    assert [(r[0], r[1], r[3]) for r in rows] == [
        (level, f"岗位{i}", f"岗位{boss}")
        for level, (i, boss) in enumerate(zip([37, *chain[:-1]], chain, strict=True), 1)
    ]
    # in the context of its own activity only its own line holds
    rows = org.query("reporting-chain", role="role:岗位37", activity="activity:活动37").rows()
    assert [(r[0], r[1], r[3]) for r in rows] == [(1, "岗位37", "岗位18")]


def test_matrix_role_has_two_superiors(org: Graph) -> None:
    rows = org.query("reporting-lines", role="role:岗位25").rows()
    assert sorted(r[2] for r in rows) == sorted([f"岗位{_boss(25)}", f"岗位{(25 * 7 + 3) % 25}"])


def test_find_by_english_name_in_any_case(org: Graph) -> None:
    for text in ("Position 7", "position 7", "POSITION 7"):
        assert org.query("find", text=text).rows() == [
            ("Role", "role:岗位7", "岗位7", "崗位7", "Position 7")
        ]
    assert org.query("find", text="Position").rows() == []  # whole names only


def test_subordinates_of_the_top(org: Graph) -> None:
    rows = org.query("subordinates", role="role:岗位0").rows()
    # every other role is below role 0 through the hierarchy (matrix lines add rows)
    assert {r[1] for r in rows} == {f"岗位{i}" for i in range(1, ROLES)}
    assert {r[1] for r in rows if r[0] == 1} >= {"岗位1", "岗位2"}


def test_raci_of_one_area_is_the_whole_matrix_cut(org: Graph) -> None:
    whole = build_matrix(org)
    area = "领域0"
    scoped = build_matrix(org, area=area)
    cut = for_area(whole, area)
    assert [r.id for r in scoped.rows] == [r.id for r in cut.rows]
    assert {p.id for p in scoped.parties} == {p.id for p in cut.parties}
    assert scoped.as_dict() == cut.as_dict()


def test_validate_finds_what_the_generator_builds_in(org: Graph) -> None:
    report = org.validate()
    # role 0 tops the hierarchy: it monitors (first) the activity it is responsible for
    assert [(f.rule, f.ids) for f in report.findings] == [
        ("sod-conflict", ("role:岗位0", "activity:活动0")),
    ]
