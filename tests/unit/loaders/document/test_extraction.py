"""loaders.document: the seed and the logistics document extract exactly as hand-checked."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
import yaml

from kg.errors import DocumentError
from kg.model import Model, parse_model
from loaders.document import DocumentWarning, extract_file, extract_text
from loaders.document.quality import Thresholds
from loaders.text import clean_fragment

ROOT = Path(__file__).resolve().parents[4]
DATA = ROOT / "tests" / "data"
SEED = ROOT / "data" / "huawei-marketing-model-v1.txt"
LOGISTICS = DATA / "logistics-model.txt"
#: Documents written for #12: Simplified, full-width punctuation, every class of the issue.
PRODUCTION = DATA / "production-model.txt"
SERVICE = DATA / "service-model.txt"


def without_provenance(model: Model) -> dict[str, Any]:
    """The model as data, minus what the expected files leave out (provenance, path)."""
    data = model.to_dict()
    data["source"]["path"] = None
    for key in ("departments", "roles", "outputs", "activities"):
        for item in data[key]:
            item.pop("provenance")
            item.pop("evidence", None)
    return data


def expected(name: str) -> dict[str, Any]:
    text = (DATA / name).read_text(encoding="utf-8")
    return without_provenance(parse_model(yaml.safe_load(text), where=name))


@pytest.mark.parametrize(
    ("document", "expected_file"),
    [
        (SEED, "seed.expected.yaml"),
        (LOGISTICS, "logistics-model.expected.yaml"),
        (PRODUCTION, "production-model.expected.yaml"),
        (SERVICE, "service-model.expected.yaml"),
    ],
)
def test_extracts_exactly_the_expected_model(document: Path, expected_file: str) -> None:
    got = without_provenance(extract_file(document).model)
    want = expected(expected_file)
    assert got["source"] == want["source"]
    for key in ("departments", "roles", "outputs"):
        assert got[key] == want[key], key
    # activity by activity first, for a readable failure; then the whole list
    assert [a["id"] for a in got["activities"]] == [a["id"] for a in want["activities"]]
    for g, w in zip(got["activities"], want["activities"], strict=True):
        assert g == w, g["id"]
    assert got == want


def test_seed_warnings_name_pages() -> None:
    result = extract_file(SEED)
    assert result.warnings == [
        DocumentWarning(1, "restored a lost character as '經' from its pinyin"),
        DocumentWarning(
            1, "garbled text '??蛻艚' repaired as '?客戶'; 1 character(s) could not be restored"
        ),
        DocumentWarning(
            6, "garbled text '當?厝谫Y' repaired as '當?融資'; 1 character(s) could not be restored"
        ),
        # the overview's prose that states no membership is reported, not dropped
        DocumentWarning(
            1,
            "prose not in the model: '1.1.客戶經理對外代表公司組織、監督、實施上述業務,"
            "對內代表客戶直接向公司反饋客戶對公司的意見'",
        ),
        DocumentWarning(
            1, "prose not in the model: '所反饋的客戶意見可以直接傳遞至客戶代表管理處'"
        ),
    ]
    assert result.untranslated == []


def test_logistics_has_no_warnings_and_lists_untranslated_terms() -> None:
    result = extract_file(LOGISTICS)
    assert result.warnings == []
    assert "运营经理" in result.untranslated and "仓库主管" not in result.untranslated


@pytest.mark.parametrize("document", [SEED, PRODUCTION, SERVICE])
def test_provenance_spans_clean_back_to_their_text(document: Path) -> None:
    raw = document.read_text(encoding="utf-8")
    model = extract_file(document).model
    provs = [x.provenance for x in (*model.departments, *model.roles, *model.outputs)]
    for act in model.activities:
        provs.append(act.provenance)
        provs.extend(act.evidence.values())
    checked = 0
    for p in provs:
        assert p is not None
        if "?" in raw[p.start : p.end]:
            continue
        assert clean_fragment(raw[p.start : p.end]) == p.text
        checked += 1
    assert checked > 40


def test_hand_picked_pages_and_evidence() -> None:
    model = extract_file(SEED).model
    acts = {a.code: a for a in model.activities}
    # 'A.' starts page 2; its responsible statement is on page 2
    heading = acts["2.A"].provenance
    assert heading is not None
    assert heading.page == 2
    assert heading.text == "A.客戶意見直接反饋"
    assert acts["2.A"].evidence["responsible"].text == "主要責任人:客戶經理"
    assert acts["2.A"].evidence["interface_departments"].text == "接口部門為公司客戶代表管理部"
    # B's output statement starts on page 2 and ends on page 3
    assert acts["2.B"].evidence["outputs"].page == 2
    assert acts["2.B"].evidence["outputs"].text == "業務輸出:客戶關系評估與分析報告"
    # D's output comes after its sub-items, on page 4 (ending on page 5)
    assert acts["2.D"].evidence["outputs"].page == 4
    # 3.B.a.2's monitors: '銷售' on page 6, '副主任' on page 7
    assert acts["3.B.a.2"].evidence["monitors"].page == 6
    assert (
        acts["3.B.a.2"].evidence["monitors"].text
        == "管理者:第一監控人為辦事處銷售副主任,其他監控人為辦事處產品副主任"
    )
    roles = {r.id: r.provenance for r in model.roles}
    vice = roles["role:销售副主任"]
    assert vice is not None
    assert vice.page == 3
    manager = roles["role:客户经理"]
    assert manager is not None
    assert manager.page == 1  # the membership statement


# --------------------------------------------------------------------------- small documents
HEAD = "1、某公司公司文件签发人:张三测试业务模型(Ver1.0)二、测试业务模型1.测试业务模型分为两大业务:甲区和乙区"


def test_truncated_field_is_a_warning() -> None:
    result = extract_text(HEAD + "2.甲区工作A.第一项业务描述:做事主要责任人:")
    act = next(a for a in result.model.activities if a.code == "2.A")
    assert act.responsible == []
    assert DocumentWarning(1, "empty field '主要责任人:' in activity:第一项") in result.warnings


def test_unknown_label_and_unplaced_text_are_warnings() -> None:
    result = extract_text(HEAD + "2.甲区工作杂项文字A.第一项业务描述:做事备注:无主要责任人:经理")
    messages = [w.message for w in result.warnings]
    assert "unknown field label '做事备注:': read as text" in messages
    assert "unplaced text before the first activity: '工作杂项文字'" in messages


def test_symbol_bullets_and_monitor_department() -> None:
    result = extract_text(
        HEAD + "2.甲区工作A.总项■子项一业务描述:一主要责任人:专员汇报关系:专员向经理汇报"
        "■子项二业务描述:二主要责任人:专员管理者:第一监控人为质量部"
    )
    acts = {a.code: a for a in result.model.activities}
    assert acts["2.A.1"].name == "子项一" and acts["2.A.1"].parent == "activity:总项"
    assert acts["2.A.2"].name == "子项二"
    assert [(m.id, m.rank) for m in acts["2.A.2"].monitors] == [("dept:质量部", "first")]
    assert [a.id for a in result.model.activities if a.kind == "area"] == [
        "activity:甲区",
        "activity:乙区",
    ]


def test_prefix_binds_only_its_item_and_company_prefix() -> None:
    result = extract_text(
        HEAD + "2.甲区工作A.一项业务描述:做事主要责任人:办事处销售副主任和技术助理"
        "协助人:公司总裁管理者:第一监控人为公司客户代表管理部"
    )
    roles = {r.id: r.department for r in result.model.roles}
    assert roles == {
        "role:销售副主任": "dept:办事处",
        "role:技术助理": None,
        "role:总裁": None,
    }
    assert [d.id for d in result.model.departments] == ["dept:办事处", "dept:公司客户代表管理部"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the document is empty"),
        ("   \n", "the document is empty"),
        ("1、这是一段普通的文字。没有任何业务。", "no recognisable activities"),
        (HEAD, "no recognisable activities"),
    ],
)
def test_nothing_usable_is_an_error(text: str, message: str) -> None:
    with pytest.raises(DocumentError, match=message):
        extract_text(text)


def test_source_id_and_sha() -> None:
    result = extract_text(HEAD + "2.甲区工作A.一项业务描述:做事", source_id="doc:x")
    assert result.model.source.id == "doc:x"
    assert result.model.source.title == "测试业务模型"
    assert result.model.source.signatory == "张三"
    assert len(result.model.source.sha256 or "") == 64
    assert (
        extract_text(HEAD + "2.甲区工作A.一项业务描述:做事").model.source.id == "doc:测试业务模型"
    )


def test_source_id_without_a_title_comes_from_the_path_or_the_text() -> None:
    text = "1、没有版本的文件A.一项业务描述:做事"
    sha = hashlib.sha256(text.encode()).hexdigest()
    result = extract_text(text, path="/x/y/plan.txt")
    assert (result.model.source.id, result.model.source.path) == ("doc:plan", "/x/y/plan.txt")
    assert result.model.source.sha256 == sha
    assert [str(w) for w in result.warnings] == [
        "page 1: no title with a version like '(Ver1.0)' found",
        "page 1: no overview naming the business areas ('分为…:…')",
        "page 1: no numbered area sections: activities read without an area",
    ]
    assert extract_text(text).model.source.id == f"doc:{sha[:12]}"


def test_entities_in_order_of_first_mention_and_activities_under_their_areas() -> None:
    # the membership statement is read last, but its role comes first in the text
    model = extract_text(
        HEAD + "。经理直接归属质量部管理2.甲区工作A.一项业务描述:做事主要责任人:专员协助人:助理"
        "3.乙区工作A.二项业务描述:再做主要责任人:助理管理者:第一监控人为经理"
    ).model
    assert [(r.id, r.department) for r in model.roles] == [
        ("role:经理", "dept:质量部"),
        ("role:专员", None),
        ("role:助理", None),
    ]
    assert [(a.code, a.id, a.parent) for a in model.activities] == [
        ("2", "activity:甲区", None),
        ("2.A", "activity:一项", "activity:甲区"),
        ("3", "activity:乙区", None),
        ("3.A", "activity:二项", "activity:乙区"),
    ]


@pytest.mark.parametrize(
    ("document", "sentence"),
    [
        (PRODUCTION, "1.1.采购专员对外代表公司联系供应商"),
        (SERVICE, "1.1.服务代表对内代表客户反馈意见"),
    ],
)
def test_new_documents_warn_only_about_the_unmodelled_half_of_the_compound_sentence(
    document: Path, sentence: str
) -> None:
    result = extract_file(document)
    assert result.warnings == [DocumentWarning(1, f"prose not in the model: {sentence!r}")]
    roles = {r.id: r for r in result.model.roles}
    subject = sentence.removeprefix("1.1.")[:4]
    evidence = roles[f"role:{subject}"].evidence["department"]
    assert evidence.text.startswith("直接归属")  # the clause that states it, subject carried


#: Another house's labels and punctuation (#19): synonyms of every label, full-width and
#: ratio-sign colons, ranked monitors written with colons (with and without 管理者),
#: joined report subjects, names and a heading that start with Latin letters or digits.
SYNONYMS = """1、东方测试有限公司文件签发人：李明以客户为中心的制造业务模型（Ver1.0）一、目的：明确。
二、模型1.以客户为中心的制造业务模型分为两大业务：物料管理和生产
2.物料管理工作
A.物料编码
描述：为物料编码
交付件∶物料编码表
负责人：BOM管理员
配合人：IT支持、3D设计师
监督人：第一监控人：物料部；其他监控人：IT支持
汇报：BOM管理员、IT支持向物料部汇报
B.BOM管理
活动描述：维护BOM
输出成果：BOM清单
责任角色：BOM管理员
管理者：第一监控人为物料部
汇报关系：BOM管理员向物料部汇报
3.生产工作
A.排产
工作描述：排产
输出：排产计划
主要负责人：计划员
参与人：3D设计师
第一监控人：生产部；其他监控人：物料部
汇报关系：计划员和BOM管理员向生产部汇报
"""


def test_labels_synonyms_colons_joined_subjects_and_latin_names() -> None:
    result = extract_text(SYNONYMS)
    assert result.warnings == []
    got = {
        a.id: (
            a.code,
            a.parent,
            a.description,
            a.outputs,
            a.responsible,
            a.assists,
            [(m.id, m.rank) for m in a.monitors],
            [(r.from_, r.to) for r in a.reports],
        )
        for a in result.model.activities
        if a.kind == "activity"
    }
    assert got == {
        "activity:物料编码": (
            "2.A",
            "activity:物料管理",
            "为物料编码",
            ["output:物料编码表"],
            ["role:BOM管理员"],
            ["role:IT支持", "role:3D设计师"],
            [("dept:物料部", "first"), ("role:IT支持", "other")],
            [("role:BOM管理员", "dept:物料部"), ("role:IT支持", "dept:物料部")],
        ),
        "activity:BOM管理": (
            "2.B",
            "activity:物料管理",
            "维护BOM",
            ["output:BOM清单"],
            ["role:BOM管理员"],
            [],
            [("dept:物料部", "first")],
            [("role:BOM管理员", "dept:物料部")],
        ),
        "activity:排产": (
            "3.A",
            "activity:生产",
            "排产",
            ["output:排产计划"],
            ["role:计划员"],
            ["role:3D设计师"],
            [("dept:生产部", "first"), ("dept:物料部", "other")],
            [("role:计划员", "dept:生产部"), ("role:BOM管理员", "dept:生产部")],
        ),
    }
    assert [r.id for r in result.model.roles] == [
        "role:BOM管理员",
        "role:IT支持",
        "role:3D设计师",
        "role:计划员",
    ]
    assert result.quality is not None and result.quality.reasons(Thresholds()) == []
