"""Aliases: a model file's ``aliases`` section and the kept list make one id of two names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from kg.errors import ModelFileError
from kg.model import Model, apply_aliases, parse_model, read_model, write_model

MODEL: dict[str, Any] = {
    "schema": "kg-org-model/1",
    "source": {"id": "doc:b"},
    "departments": [
        {"id": "dept:办事处", "name": "办事处"},
        {"id": "dept:办事处处", "name": "办事处处"},
    ],
    "roles": [
        {
            "id": "role:片区经理",
            "name": "片区经理",
            "name_original": "片區經理",
            "provenance": {"page": 2, "start": 10, "end": 14, "text": "片區經理"},
        },
        {"id": "role:区域经理", "name": "区域经理", "department": "dept:办事处处"},
    ],
    "activities": [
        {
            "id": "activity:甲",
            "name": "甲",
            "responsible": ["role:片区经理", "role:区域经理"],
            "monitors": [
                {"id": "role:片区经理", "rank": "first"},
                {"id": "dept:办事处处", "rank": "other"},
            ],
            "reports": [{"from": "role:片区经理", "to": "role:区域经理"}],
        },
    ],
    "aliases": {"片區經理": "role:区域经理", "dept:办事处处": "dept:办事处"},
}


def test_a_model_files_aliases_make_one_id(tmp_path: Path) -> None:
    path = tmp_path / "b.yaml"
    path.write_text(yaml.safe_dump(MODEL, allow_unicode=True), encoding="utf-8")
    model = read_model(path)
    assert [r.id for r in model.roles] == ["role:区域经理"]
    assert [d.id for d in model.departments] == ["dept:办事处"]
    assert model.roles[0].department == "dept:办事处"
    act = model.activities[0]
    assert act.responsible == ["role:区域经理"]
    assert [(m.id, m.rank) for m in act.monitors] == [
        ("role:区域经理", "first"),
        ("dept:办事处", "other"),
    ]
    assert [(r.from_, r.to) for r in act.reports] == [("role:区域经理", "role:区域经理")]
    assert model.aliases == {"片區經理": "role:区域经理", "dept:办事处处": "dept:办事处"}
    # written back and read again: the same model
    write_model(model, tmp_path / "again.yaml")
    assert read_model(tmp_path / "again.yaml") == model


def test_an_alias_alone_is_renamed_and_keeps_what_the_document_wrote() -> None:
    data = {**MODEL, "roles": [MODEL["roles"][0]], "aliases": {"role:片区经理": "role:区域经理"}}
    data["activities"] = [{"id": "activity:甲", "name": "甲", "responsible": ["role:片区经理"]}]
    model = parse_model(data)
    role = model.roles[0]
    assert (role.id, role.name, role.name_original) == ("role:区域经理", "区域经理", "片區經理")
    assert role.provenance is not None and role.provenance.text == "片區經理"


def test_a_model_without_aliases_is_written_as_before() -> None:
    model = parse_model({**MODEL, "aliases": {}})
    assert "aliases" not in model.to_dict()
    assert b"aliases" not in model.canonical_json()


@pytest.mark.parametrize(
    ("aliases", "message"),
    [({"x": "经理"}, "is not an id"), ({"dept:x": "role:y"}, "different kinds")],
)
def test_bad_aliases_are_refused(aliases: dict[str, str], message: str) -> None:
    with pytest.raises(ModelFileError, match=message):
        apply_aliases(Model.model_validate(MODEL | {"aliases": {}}), aliases)
