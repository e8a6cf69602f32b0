"""The model file: JSON/YAML round trip of an extracted model, validation with exact paths."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from kg.errors import ModelFileError
from kg.model import parse_model, read_model, write_model
from loaders.document import extract_file

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "huawei-marketing-model-v1.txt"
MODEL = extract_file(SEED).model


@pytest.mark.parametrize("suffix", [".json", ".yaml", ".yml"])
def test_round_trip(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"model{suffix}"
    write_model(MODEL, path)
    back = read_model(path)
    assert back == MODEL
    assert back.content_hash() == MODEL.content_hash()


def test_file_uses_the_documented_field_names(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    write_model(MODEL, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema"] == "kg-org-model/1"
    act = next(a for a in data["activities"] if a["code"] == "2.A")
    assert act["reports"][0] == {"from": "role:客户经理", "to": "role:办事处主任"}
    assert act["monitors"][0] == {"id": "dept:公司客户代表管理部", "rank": "first"}
    assert act["provenance"]["page"] == 2
    assert set(act["evidence"]) == {
        "description",
        "outputs",
        "responsible",
        "assists",
        "monitors",
        "reports",
        "interface_departments",
    }


def _data() -> dict[str, Any]:
    return MODEL.to_dict()


def _errors(data: dict[str, Any]) -> list[str]:
    with pytest.raises(ModelFileError) as exc:
        parse_model(data, where="m.yaml")
    return exc.value.details


def test_unknown_reference_names_its_path() -> None:
    data = _data()
    data["activities"][3]["monitors"][0]["id"] = "role:nobody"
    data["activities"][1]["outputs"].append("output:nothing")
    assert _errors(data) == [
        "activities[1].outputs[1]: unknown id 'output:nothing'",
        "activities[3].monitors[0].id: unknown id 'role:nobody'",
    ]


def test_wrong_kind_of_reference() -> None:
    data = _data()
    data["activities"][1]["responsible"] = ["dept:办事处"]
    assert _errors(data) == [
        "activities[1].responsible[0]: 'dept:办事处' is a department, expected a role"
    ]


def test_schema_errors_name_their_path() -> None:
    data = _data()
    data["activities"][2]["monitors"][0]["rank"] = "second"
    del data["roles"][0]["name"]
    errors = _errors(data)
    assert any(e.startswith("roles[0].name: field required") for e in errors)
    assert any(e.startswith("activities[2].monitors[0].rank: input should be") for e in errors)


def test_duplicate_ids() -> None:
    data = _data()
    data["roles"].append(dict(data["roles"][0]))
    assert _errors(data) == ["roles[8].id: duplicate id 'role:客户经理'"]


def test_wrong_schema_and_bad_yaml(tmp_path: Path) -> None:
    with pytest.raises(ModelFileError, match="schema: expected 'kg-org-model/1'"):
        parse_model({"schema": "other"})
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema: [unclosed", encoding="utf-8")
    with pytest.raises(ModelFileError, match="not valid YAML"):
        read_model(bad)


def test_hand_written_model_file_is_a_source(tmp_path: Path) -> None:
    path = tmp_path / "hand.yaml"
    path.write_text(
        yaml.safe_dump(
            {
                "schema": "kg-org-model/1",
                "source": {"id": "doc:hand"},
                "roles": [{"id": "role:甲", "name": "甲"}],
                "activities": [{"id": "activity:乙", "name": "乙", "responsible": ["role:甲"]}],
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    model = read_model(path)
    assert model.activities[0].responsible == ["role:甲"]


def test_a_name_over_the_maximum_is_refused_at_validation(tmp_path: Path) -> None:
    """#24: a 10,000-character name passed check-model and diff and failed at the index."""
    from click.testing import CliRunner

    from kg.cli import cli

    data = _data()
    data["roles"][0]["name"] = "长" * 10_000
    errors = _errors(data)
    assert errors == ["roles[0].name: string should have at most 1000 characters"]
    path = tmp_path / "long.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(cli, ["check-model", str(path)])
    assert result.exit_code == 1
    assert "  - roles[0].name: string should have at most 1000 characters" in result.stderr.splitlines()
