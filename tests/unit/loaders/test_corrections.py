"""Corrections files (#20): read with their lines, applied in order to what the reader
made, stale and redundant ones reported by line, contradictions refused with both lines,
the corrected facts' provenance, and the model's record of what was applied."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.model import Model, read_model, statements
from loaders import corrections as fix
from loaders.corrections import CorrectionsError
from loaders.document import extract_file
from loaders.sources import file_digest, folder_files, read_source
from tests.conftest import SEED

HEADER = "schema: kg-corrections/1\ncorrections:\n"


@pytest.fixture(scope="module")
def seed() -> Model:
    return extract_file(SEED).model


def write(tmp_path: Path, body: str, name: str = "fix.corrections.yaml") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def act(model: Model, id_: str):  # type: ignore[no-untyped-def]
    return next(a for a in model.activities if a.id == id_)


def test_every_operation_applies_in_order_with_its_line(seed: Model, tmp_path: Path) -> None:
    path = write(tmp_path, """\
  - {op: rename, id: role:行政助理, name: 行政秘书, name_en: Administrative Secretary}
  - {op: set-department, role: role:产品经理, department: dept:办事处}
  - {op: add, activity: activity:市场分析, field: responsible, role: role:客户经理}
  - {op: add, activity: activity:市场分析, field: first-monitor, role: dept:公司客户代表管理部}
  - {op: remove, activity: activity:客户意见直接反馈, field: assists, role: role:区域维护经理}
  - {op: remove, activity: activity:客户意见直接反馈, field: other-monitor, role: role:技术支援助理}
  - {op: add-report, activity: activity:市场分析, from: role:客户经理, to: role:办事处主任}
  - {op: remove-report, activity: activity:客户意见直接反馈, from: role:客户经理, to: role:行政秘书}
  - {op: move, activity: activity:竞争对手分析, parent: activity:市场策划}
  - op: add-activity
    name: 客戶回訪
    parent: activity:客户关系
    outputs: [回访记录]
    responsible: [role:客户经理]
    first_monitor: role:办事处主任
    reports: [{from: role:客户经理, to: role:办事处主任}]
  - {op: alias, id: role:产品副主任, of: role:销售副主任}
""")
    out = fix.apply(seed, fix.read(path))
    assert [c.line for c in out.applied] == [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 19]
    assert out.stale == [] and out.redundant == []
    m = out.model
    roles = {r.id: r for r in m.roles}
    assert "role:行政助理" not in roles
    assert (roles["role:行政秘书"].name_original, roles["role:行政秘书"].name_en) == ("行政秘书", "Administrative Secretary")
    assert roles["role:产品经理"].department == "dept:办事处"
    assert roles["role:产品经理"].evidence["department"].correction == f"{path}:4"

    analysis = act(m, "activity:市场分析")
    assert analysis.responsible == ["role:客户经理"]
    assert [(x.id, x.rank) for x in analysis.monitors] == [("dept:公司客户代表管理部", "first")]
    assert [(r.from_, r.to) for r in analysis.reports] == [("role:客户经理", "role:办事处主任")]
    feedback = act(m, "activity:客户意见直接反馈")
    assert feedback.assists == ["role:产品经理"]
    assert [(x.id, x.rank) for x in feedback.monitors] == [("dept:公司客户代表管理部", "first"), ("role:销售副主任", "other")]
    assert [(r.from_, r.to) for r in feedback.reports] == [
        ("role:客户经理", "role:办事处主任"), ("role:产品经理", "role:销售副主任"), ("role:区域维护经理", "role:技术支援助理"),
    ]
    assert act(m, "activity:竞争对手分析").parent == "activity:市场策划"
    visit = act(m, "activity:客户回访")
    assert (visit.parent, visit.kind, visit.name_original, visit.outputs) == (
        "activity:客户关系", "activity", "客戶回訪", ["output:回访记录"]
    )
    assert "role:产品副主任" not in {r.id for r in m.roles}
    assert m.aliases == {**seed.aliases, "role:产品副主任": "role:销售副主任"}
    assert [(c.line, json.loads(c.op)["op"]) for c in m.corrections] == [
        (3, "rename"), (4, "set-department"), (5, "add"), (6, "add"), (7, "remove"), (8, "remove"),
        (9, "add-report"), (10, "remove-report"), (11, "move"), (12, "add-activity"), (19, "alias"),
    ]


def test_a_fact_a_correction_adds_has_its_own_provenance_beside_the_sentence(seed: Model, tmp_path: Path) -> None:
    path = write(tmp_path, "  - {op: add, activity: activity:客户意见直接反馈, field: assists, role: role:行政助理}\n")
    m = fix.apply(seed, fix.read(path)).model
    assists = {s.start: s.provenance for s in statements(m) if s.type == "ASSISTS" and s.end == "activity:客户意见直接反馈"}
    sentence = act(seed, "activity:客户意见直接反馈").evidence["assists"]
    assert assists["role:行政助理"] == sentence.model_copy(update={"correction": f"{path}:3"})
    assert assists["role:产品经理"] == sentence  # the document's own facts keep theirs


def test_stale_and_redundant_corrections_are_named_and_the_rest_applies(seed: Model, tmp_path: Path) -> None:
    path = write(tmp_path, """\
  - {op: add, activity: activity:客户回访, field: responsible, role: role:客户经理}
  - {op: remove, activity: activity:市场分析, field: assists, role: role:行政助理}
  - {op: add, activity: activity:客户意见直接反馈, field: responsible, role: role:客户经理}
  - {op: rename, id: role:总监, name: 总经理}
  - {op: move, activity: activity:竞争对手分析, parent: activity:市场策划}
""")
    out = fix.apply(seed, fix.read(path))
    assert out.warnings() == [
        f"{path}:3: stale correction: no activity activity:客户回访 in the document any more",
        f"{path}:4: stale correction: activity:市场分析 no longer states assists role:行政助理",
        f"{path}:6: stale correction: no role:总监 in the document any more",
        f"{path}:5: redundant correction: activity:客户意见直接反馈 already has responsible role:客户经理",
    ]
    assert [c.line for c in out.applied] == [7]
    with pytest.raises(CorrectionsError) as info:
        fix.apply(seed, fix.read(path), strict=True)
    assert str(info.value).startswith(f"{path}: 3 stale correction(s) (--strict-corrections)")
    assert info.value.details[0] == "line 3: no activity activity:客户回访 in the document any more"


def test_contradicting_corrections_are_refused_with_both_lines(seed: Model, tmp_path: Path) -> None:
    path = write(tmp_path, """\
  - {op: add, activity: activity:市场分析, field: responsible, role: role:客户经理}
  - {op: move, activity: activity:竞争对手分析, parent: activity:市场策划}
  - {op: remove, activity: activity:市场分析, field: responsible, role: role:客户经理}
  - {op: drop, activity: activity:竞争对手分析}
""")
    with pytest.raises(CorrectionsError) as info:
        fix.apply(seed, fix.read(path))
    assert info.value.message == f"{path}: contradicting corrections"
    assert info.value.details == [
        'line 3 ({"op": "add", "activity": "activity:市场分析", "field": "responsible", "role": "role:客户经理"}) '
        'and line 5 ({"op": "remove", "activity": "activity:市场分析", "field": "responsible", "role": "role:客户经理"}) '
        "contradict each other",
        'line 4 ({"op": "move", "activity": "activity:竞争对手分析", "parent": "activity:市场策划"}) '
        'and line 6 ({"op": "drop", "activity": "activity:竞争对手分析"}) contradict each other',
    ]


def test_an_invalid_file_names_the_line_of_each_problem(tmp_path: Path) -> None:
    path = write(tmp_path, """\
  - {op: add, activity: activity:市场分析, field: owner, role: role:客户经理}
  - {op: rename, id: role:客户经理}
""")
    with pytest.raises(CorrectionsError) as info:
        fix.read(path)
    assert info.value.message == f"{path}: invalid corrections file"
    assert info.value.details[0].startswith("line 3: corrections.0.add.field: Input should be 'responsible'")
    assert info.value.details[1] == "line 4: corrections.1.rename.name: Field required"


def test_drop_moves_sub_activities_up_and_forgets_outputs_only_it_produced(seed: Model, tmp_path: Path) -> None:
    path = write(tmp_path, "  - {op: drop, activity: activity:客户关系规划}\n")
    m = fix.apply(seed, fix.read(path)).model
    assert "activity:客户关系规划" not in {a.id for a in m.activities}
    assert "output:客户关系改进策划及实施计划" not in {o.id for o in m.outputs}
    path = write(tmp_path, "  - {op: drop, activity: activity:市场分析}\n")
    m = fix.apply(seed, fix.read(path)).model
    assert {a.id: a.parent for a in m.activities if a.id in ("activity:客户分析", "activity:竞争对手分析")} == {
        "activity:客户分析": "activity:市场策划", "activity:竞争对手分析": "activity:市场策划",
    }


def test_the_json_schema_file_is_the_one_the_code_makes() -> None:
    shipped = json.loads((Path(fix.__file__).parent / "corrections.schema.json").read_text(encoding="utf-8"))
    assert shipped == fix.json_schema()


def test_a_document_beside_its_corrections_is_read_corrected_and_digested_with_them(tmp_path: Path) -> None:
    doc = tmp_path / "seed.txt"
    shutil.copy(SEED, doc)
    plain = file_digest(doc)
    assert [p.name for p in folder_files(tmp_path)] == ["seed.txt"]
    write(tmp_path, "  - {op: add, activity: activity:市场分析, field: responsible, role: role:客户经理}\n",
          name="seed.corrections.yaml")
    assert [p.name for p in folder_files(tmp_path)] == ["seed.txt"]  # not a model file
    assert file_digest(doc) not in (None, plain)
    item = read_source(doc)
    assert item.sha256 == file_digest(doc)
    assert act(item.model, "activity:市场分析").responsible == ["role:客户经理"]
    assert [c.line for c in item.model.corrections] == [3]


def test_kg_extract_applies_and_reports_and_check_model_validates(tmp_path: Path) -> None:
    path = write(tmp_path, """\
  - {op: add, activity: activity:市场分析, field: responsible, role: role:客户经理}
  - {op: drop, activity: activity:不存在的活动}
""")
    out = tmp_path / "m.yaml"
    res = CliRunner().invoke(cli, ["extract", str(SEED), "--corrections", str(path), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert f"{path}: 1 correction(s) applied, 1 stale, 0 redundant\n" in res.output
    assert f"  {path}:4: stale correction: no activity activity:不存在的活动 in the document any more\n" in res.output
    model = read_model(out)
    assert act(model, "activity:市场分析").responsible == ["role:客户经理"]
    assert [(c.file, c.line) for c in model.corrections] == [(str(path), 3)]

    res = CliRunner().invoke(cli, ["extract", str(SEED), "--corrections", str(path), "--strict-corrections"])
    assert res.exit_code == 1 and res.output.startswith(f"Error: {path}: 1 stale correction(s)")
    res = CliRunner().invoke(cli, ["check-model", str(path)])
    assert (res.exit_code, res.output) == (0, f"{path}: valid (2 corrections)\n")
