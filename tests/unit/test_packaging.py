"""The wheel holds every package: pyproject lists them by hand (kg.cypher lives in
cypher/), so a new subpackage left out of the list would work in the editable checkout
and be missing from an installed kg."""

from __future__ import annotations

import tomllib

from tests.conftest import ROOT


def test_every_package_under_kg_and_loaders_is_listed() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in ("kg", "loaders")
        for init in (ROOT / top).rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found - listed == set()
    assert {"kg.cypher", "kg.cypher.write", "kg.cypher.whatif"} <= listed
