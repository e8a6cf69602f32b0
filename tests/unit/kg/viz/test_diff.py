"""kg.viz.diff: two versions of a model drawn as one (no database, no browser)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from kg.cli import cli
from kg.model import Model, Report, Role, read_model, write_model
from kg.viz.diff import diff_view
from tests.unit.kg.test_changes import SEED, edited
from tests.unit.kg.viz.pages import XSS, page_data


def hostile_v2(old: Model) -> Model:
    """The edited seed, plus: a role named as markup assisting an activity, a changed
    description, and a reporting line stated for one more activity of both versions."""
    m = edited(old)
    m.roles.append(Role(id="role:xss", name=XSS))
    acts = {a.id: a for a in m.activities}
    feedback = acts["activity:客户意见直接反馈"]
    feedback.assists.append("role:xss")
    feedback.description = "客户意见 <b>直接</b> 反馈给公司"
    feedback.reports.append(Report.model_validate({"from": "role:客户经理", "to": "role:销售副主任"}))
    return m


#: (nodes, relationships) per kind of change between the seed and hostile_v2
EXPECTED = {
    "added": {"nodes": 3, "edges": 13},    # 2.B's new output, 3.B.a.4, the role; their edges
    "removed": {"nodes": 1, "edges": 8},   # 3.B.a.2 and its edges, 2.B's old R and S, 3.A's old output
    "changed": {"nodes": 2, "edges": 1},   # 2.C renamed, 2.A's description; one reporting line
}


def test_every_element_is_marked_with_its_change() -> None:
    old = read_model(SEED)
    view = diff_view(old, hostile_v2(old))
    counts = view.counts()
    assert {k: v for k, v in counts.items() if k != "same"} == EXPECTED
    marks = view.marks
    assert marks["n:activity:合作伙伴分析"]["change"] == "added"
    assert marks["n:activity:竞争对手分析"]["change"] == "removed"
    renamed = marks["n:activity:客户关系策划"]
    assert renamed["change"] == "changed" and renamed["delta"]["name"] == ["客户关系规划", "客户关系策划"]
    assert "n:activity:客户关系规划" not in marks  # one node, under its new id
    assert marks["n:activity:客户意见直接反馈"]["delta"]["description"][1] == "客户意见 <b>直接</b> 反馈给公司"
    line = marks["r:REPORTS_TO:role:客户经理:role:销售副主任:"]
    assert line["change"] == "changed" and "activity:客户意见直接反馈" in line["delta"]["activities"][1]
    assert marks["r:RESPONSIBLE:role:产品经理:activity:客户关系评估与分析:"]["change"] == "added"
    assert marks["r:RESPONSIBLE:role:客户经理:activity:客户关系评估与分析:"]["change"] == "removed"
    # the whole union: every node and relationship of either version once
    assert view.node_count == len(old.roles) + len(old.departments) + len(old.outputs) + len(old.activities) + 3
    # no change: everything the same
    same = diff_view(old, old)
    assert set(same.counts()) == {"added", "removed", "changed", "same"}
    assert all(c == {"nodes": 0, "edges": 0} for k, c in same.counts().items() if k != "same")


def test_the_page_carries_changes_and_keeps_markup_as_text() -> None:
    old = read_model(SEED)
    page = diff_view(old, hostile_v2(old)).html()
    data = page_data(page)
    by_change: dict[str, int] = {}
    for item in data["nodes"] + data["edges"]:
        by_change[item["change"]] = by_change.get(item["change"], 0) + 1
    assert by_change["added"] == 16 and by_change["removed"] == 9 and by_change["changed"] == 3
    assert [(c["key"], c["nodes"], c["edges"]) for c in data["changes"]][:3] == [
        ("added", 3, 13), ("removed", 1, 8), ("changed", 2, 1),
    ]
    assert XSS not in page and "<b>直接</b>" not in page  # only escaped, inside the JSON
    assert 'data-change="removed"' in page  # the legend's filter


def test_kg_viz_diff_writes_the_page(tmp_path: Path) -> None:
    old, new = tmp_path / "v1.yaml", tmp_path / "v2.yaml"
    seed = read_model(SEED)
    write_model(seed, old)
    write_model(hostile_v2(seed), new)
    out = tmp_path / "changes.html"
    res = CliRunner().invoke(cli, ["viz", "diff", str(old), str(new), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "3 nodes and 13 relationships added, 1 nodes and 8 relationships removed" in res.output
    assert page_data(out.read_text(encoding="utf-8"))["title"].startswith("Changes: ")
