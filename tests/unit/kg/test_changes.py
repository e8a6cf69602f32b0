"""kg.changes: the semantic report between two versions of a model (no database)."""

from __future__ import annotations

import json
from pathlib import Path

from kg.changes import (
    compare,
    from_data,
    pack,
    party_lines,
    to_data,
    to_json,
    to_markdown,
    to_text,
    unpack,
)
from kg.model import Model, Monitor, Output, Report, read_model

SEED = Path(__file__).resolve().parents[2] / "data" / "seed.expected.yaml"


def edited(model: Model) -> Model:
    """Ver2.0 of the seed: one activity renamed, one removed, one added, a responsible role
    swapped, an assistant added, a reporting line added, an output changed."""
    m = model.model_copy(deep=True)
    m.source = m.source.model_copy(update={"version": "Ver2.0"})
    acts = {a.id: a for a in m.activities}
    # 2.C renamed (same code and parent)
    acts["activity:客户关系规划"].id = "activity:客户关系策划"
    acts["activity:客户关系规划"].name = "客户关系策划"
    # 3.B.a.2 removed
    m.activities = [a for a in m.activities if a.id != "activity:竞争对手分析"]
    # 3.B.a.4 added
    m.activities.append(
        acts["activity:公司自身分析"].model_copy(
            update={"id": "activity:合作伙伴分析", "name": "合作伙伴分析", "code": "3.B.a.4",
                    "evidence": {}, "provenance": None}
        )
    )
    # 2.B: responsible swapped, an assistant added, a reporting line added
    b = acts["activity:客户关系评估与分析"]
    b.responsible = ["role:产品经理"]
    b.assists = ["role:区域维护经理", "role:客户经理"]
    b.reports.append(Report.model_validate({"from": "role:销售副主任", "to": "role:办事处主任"}))
    # 3.A: another output
    m.outputs.append(Output(id="output:市场信息月报", name="市场信息月报"))
    acts["activity:市场信息收集与维护"].outputs = ["output:市场信息月报"]
    acts["activity:市场信息收集与维护"].monitors.append(Monitor(id="role:办事处主任", rank="other"))
    return m


def test_the_seed_against_an_edited_copy_gives_exactly_these_changes() -> None:
    old = read_model(SEED)
    data = json.loads(to_json(compare(old, edited(old))))
    assert data["same"] is False
    assert data["old"] == {"id": "doc:以客户为中心的营销业务模型", "title": "以客戶為中心的營銷業務模型", "version": "Ver1.0"}
    assert data["new"]["version"] == "Ver2.0"
    assert data["activities"] == {
        "added": [{"id": "activity:合作伙伴分析", "name": "合作伙伴分析", "code": "3.B.a.4", "area": "市场"}],
        "removed": [{"id": "activity:竞争对手分析", "name": "竞争对手分析", "code": "3.B.a.2", "area": "市场"}],
        "renamed": [{
            "old": {"id": "activity:客户关系规划", "name": "客户关系规划", "code": "2.C", "area": "客户关系"},
            "new": {"id": "activity:客户关系策划", "name": "客户关系策划", "code": "2.C", "area": "客户关系"},
        }],
        "moved": [],
    }
    b = {"id": "activity:客户关系评估与分析", "name": "客户关系评估与分析", "code": "2.B", "area": "客户关系"}
    a3 = {"id": "activity:市场信息收集与维护", "name": "市场信息收集与维护", "code": "3.A", "area": "市场"}
    assert data["raci"] == [
        {"activity": b, "party": "role:产品经理", "party_name": "产品经理", "gained": ["R"], "lost": ["S"]},
        {"activity": b, "party": "role:客户经理", "party_name": "客户经理", "gained": ["S"], "lost": ["R"]},
        {"activity": a3, "party": "role:办事处主任", "party_name": "办事处主任", "gained": ["C"], "lost": []},
    ]
    assert data["reporting"] == [{
        "change": "added", "from": "role:销售副主任", "to": "role:办事处主任", "from_name": "销售副主任",
        "to_name": "办事处主任", "activities_gained": ["activity:客户关系评估与分析"], "activities_lost": [],
    }]
    assert data["outputs"] == [{"activity": a3, "gained": ["output:市场信息月报"], "lost": ["output:准确及时的市场信息"]}]
    assert data["descriptions"] == [] and data["interfaces"] == [] and data["memberships"] == []
    assert data["nodes"] == {
        "Role": {"added": [], "removed": []},
        "Department": {"added": [], "removed": []},
        "Output": {"added": ["output:市场信息月报"], "removed": []},
    }


def test_text_and_markdown_hold_the_same_items() -> None:
    old = read_model(SEED)
    changes = compare(old, edited(old))
    assert to_text(changes) == (
        "doc:以客户为中心的营销业务模型 (Ver1.0) → doc:以客户为中心的营销业务模型 (Ver2.0)\n"
        "\n市场\n"
        "  + activity 3.B.a.4 合作伙伴分析 added\n"
        "  - activity 3.B.a.2 竞争对手分析 removed\n"
        "  ~ 3.A 市场信息收集与维护: 办事处主任 +C\n"
        "  ~ 3.A 市场信息收集与维护 outputs: +output:市场信息月报 -output:准确及时的市场信息\n"
        "\n客户关系\n"
        "  ~ activity 2.C 客户关系规划 renamed to 客户关系策划\n"
        "  ~ 2.B 客户关系评估与分析: 产品经理 +R -S\n"
        "  ~ 2.B 客户关系评估与分析: 客户经理 +S -R\n"
        "\n(organisation)\n"
        "  + reporting line 销售副主任 → 办事处主任 added (in activity:客户关系评估与分析)\n"
        "  + output output:市场信息月报\n"
    )
    markdown = to_markdown(changes)
    assert markdown.startswith("## Changes: doc:以客户为中心的营销业务模型 (Ver1.0) → doc:以客户为中心的营销业务模型 (Ver2.0)\n")
    text_items = [line.strip() for line in to_text(changes).splitlines() if line.startswith("  ")]
    md_items = [line[2:].replace("`", "") for line in markdown.splitlines() if line.startswith("- ")]
    assert md_items == text_items
    assert "### 客户关系" in markdown and "### 市场" in markdown


def test_a_model_against_itself_is_the_same() -> None:
    old = read_model(SEED)
    changes = compare(old, old)
    assert changes.same
    assert to_text(changes) == (
        "doc:以客户为中心的营销业务模型 (Ver1.0) → doc:以客户为中心的营销业务模型 (Ver1.0): no changes\n"
    )


def test_a_moved_activity_and_a_changed_description() -> None:
    old = read_model(SEED)
    new = old.model_copy(deep=True)
    acts = {a.id: a for a in new.activities}
    acts["activity:客户关系规划"].parent = "activity:客户关系改进"
    acts["activity:客户关系规划"].description = "制定客户关系改进的规划"
    changes = json.loads(to_json(compare(old, new)))
    ref = {"id": "activity:客户关系规划", "name": "客户关系规划", "code": "2.C", "area": "客户关系"}
    assert changes["activities"]["moved"] == [
        {"activity": ref, "old_parent": "activity:客户关系", "new_parent": "activity:客户关系改进"}
    ]
    [desc] = changes["descriptions"]
    assert desc["new"] == "制定客户关系改进的规划" and desc["old"] != desc["new"]
    assert "{+" in desc["diff"] or "[-" in desc["diff"]


def test_a_packed_report_gives_back_the_same_report_in_every_format() -> None:
    old = read_model(SEED)
    for new in (edited(old), old, Model(source=old.source)):
        changes = compare(old, new)
        again = unpack(pack(changes))
        assert to_data(again) == to_data(changes)
        assert to_text(again) == to_text(changes) and to_markdown(again) == to_markdown(changes)
        assert from_data(json.loads(to_json(changes))) == changes


def test_party_lines_say_what_changed_for_each_role() -> None:
    old = read_model(SEED)
    new = edited(old)
    lines = party_lines(compare(old, new), old, new)
    mine = [line for party, line in lines if party == "role:客户经理"]
    assert mine == [
        "3.B.a.4 合作伙伴分析 (activity added): +R",
        "3.B.a.2 竞争对手分析 (activity removed): -R",
        "2.B 客户关系评估与分析: +S -R",
    ]
    assert ("role:销售副主任", "reports to 办事处主任: line added (+activity:客户关系评估与分析)") in lines
    assert ("role:办事处主任", "销售副主任 reports to it: line added (+activity:客户关系评估与分析)") in lines
    assert ("role:办事处主任", "3.A 市场信息收集与维护: +C") in lines
    removed = {line for _, line in lines if "(activity removed)" in line}
    added = {line for _, line in lines if "(activity added)" in line}
    assert removed and all(line.startswith("3.B.a.2 竞争对手分析 (activity removed): -") for line in removed)
    assert added and all(line.startswith("3.B.a.4 合作伙伴分析 (activity added): +") for line in added)


def test_party_lines_of_a_first_load_give_every_letter() -> None:
    new = read_model(SEED)
    empty = Model(source=new.source.model_copy(update={"version": None}))
    lines = party_lines(compare(empty, new), empty, new)
    assert ("role:客户经理", "role added") in lines
    letters = sum(len(a.responsible) + len(a.assists) + len(a.monitors) for a in new.activities)
    assert sum(line.count(" +") for _, line in lines if "(activity added)" in line) == letters
