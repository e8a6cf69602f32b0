"""The README runs as written (#23): its tour and its Python example, on the real server;
it fits on a screen, and every page it points to exists."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.api import Graph
from kg.cli import cli
from kg.config import Settings
from tests.conftest import ROOT
from tests.integration.test_load import conn

README = (ROOT / "README.md").read_text(encoding="utf-8")


def block(after: str, lang: str) -> str:
    """The first fenced ``lang`` block after the heading ``after``."""
    start = README.index(f"\n## {after}\n")
    m = re.compile(rf"```{lang}\n(.*?)```", re.S).search(README, start)
    assert m is not None, f"no {lang} block after {after!r}"
    return m.group(1)


def test_the_readme_fits_on_a_screen_and_its_links_lead_somewhere() -> None:
    assert len(README.splitlines()) <= 150
    links = re.findall(r"\]\(((?:docs/)[^)#]+)", README)
    assert "docs/reading.md" in links and "docs/img/role.png" in links
    for link in links:
        assert (ROOT / link).is_file(), link


@pytest.mark.neo4j
def test_the_tour_runs_as_written(
    graph: Graph, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    lines = [line for line in block("A tour by hand", "sh").splitlines() if line.strip()]
    assert [line.split()[1] for line in lines] == ["extract", "load", "query", "raci", "viz"]
    outputs = []
    for line in lines:
        args = [a.replace("out/", f"{tmp_path}/") for a in shlex.split(line)]
        assert args[0] == "kg"
        extra = conn(settings) if args[1] != "extract" else []
        result = CliRunner().invoke(cli, [*args[1:], *extra])
        assert result.exit_code == 0, (line, result.output)
        outputs.append(result.stdout)
    assert (tmp_path / "model.yaml").read_text(encoding="utf-8").startswith("schema: kg-org-model/1\n")
    assert "办事处主任" in outputs[2]  # the account manager reports to the office director there
    assert outputs[3].startswith("**RACI**: R responsible")  # the matrix, grouped by area
    assert "\n### 客户关系\n" in outputs[3]
    assert (tmp_path / "chain.html").stat().st_size > 0


@pytest.mark.neo4j
def test_the_python_example_runs_as_written(
    seed_graph: Graph, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEO4J_URI", settings.uri)
    monkeypatch.setenv("NEO4J_PASSWORD", settings.password or "")
    monkeypatch.setenv("NEO4J_DATABASE", settings.database)
    scope: dict[str, object] = {}
    exec(block("In Python", "python"), scope)  # noqa: S102 - the README's own example
    g = scope["g"]
    try:
        rows = scope["chain"].dicts()  # type: ignore[attr-defined]
        assert {r["superior"] for r in rows} >= {"办事处主任", "销售副主任", "行政助理"}
    finally:
        g.close()  # type: ignore[attr-defined]
