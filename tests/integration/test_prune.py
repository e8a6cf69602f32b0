"""``kg load DIR --prune`` places every source by its absolute file (#24, item 1).

A file loaded by a relative path used to be recorded with that path and resolved, at
prune time, against the prune's current folder: a source loaded from elsewhere was
withdrawn (data loss), and one loaded from a subfolder and deleted was never pruned.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.api import Graph
from kg.cli import cli
from kg.config import Settings
from tests.conftest import DATA
from tests.integration.test_load import conn, dump

pytestmark = pytest.mark.neo4j

PROCUREMENT = DATA / "models" / "procurement-a.yaml"
FINANCE = DATA / "models" / "finance-b.yaml"


def kg(settings: Settings, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [*args, *conn(settings)])
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.stdout, result.stderr


def files(graph: Graph, settings: Settings) -> dict[str, str]:
    with graph.session(database=settings.database) as s:
        return {r["id"]: r["file"] for r in s.run("MATCH (s:Source) RETURN s.id AS id, s.file AS file")}


def test_a_file_loaded_by_a_relative_path_from_elsewhere_is_never_pruned(
    graph: Graph, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere, folder = tmp_path / "elsewhere", tmp_path / "data" / "dir"
    elsewhere.mkdir()
    folder.mkdir(parents=True)
    shutil.copy(PROCUREMENT, elsewhere / "rel.yaml")
    shutil.copy(FINANCE, folder / "finance.yaml")

    monkeypatch.chdir(elsewhere)
    code, out, err = kg(settings, "load", "rel.yaml")  # recorded as where it is, not "rel.yaml"
    assert code == 0, out + err
    code, out, err = kg(settings, "load", str(folder))
    assert code == 0, out + err
    assert files(graph, settings) == {
        "doc:采购业务模型": str((elsewhere / "rel.yaml").resolve()),
        "doc:财务业务模型": str((folder / "finance.yaml").resolve()),
    }
    before = dump(graph, settings)

    monkeypatch.chdir(folder)  # "rel.yaml" here names nothing: the source is not from here
    code, out, err = kg(settings, "load", ".", "--prune")
    assert code == 0, out + err
    assert "Nothing to prune" in out and "Withdrew" not in out
    assert err == ""
    assert dump(graph, settings) == before


def test_a_file_loaded_by_a_relative_path_from_a_subfolder_and_deleted_is_pruned(
    graph: Graph, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "models"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(PROCUREMENT, folder / "sub" / "procurement.yaml")
    shutil.copy(FINANCE, folder / "finance.yaml")
    monkeypatch.chdir(folder / "sub")
    code, out, err = kg(settings, "load", "procurement.yaml")
    assert code == 0, out + err
    monkeypatch.chdir(tmp_path)
    code, out, err = kg(settings, "load", "models")
    assert code == 0, out + err

    (folder / "sub" / "procurement.yaml").unlink()
    code, out, err = kg(settings, "load", "models", "--prune")
    assert code == 0, out + err
    gone = (folder / "sub" / "procurement.yaml").resolve()
    assert f"Withdrew 1 source(s) whose file is gone:\n  doc:采购业务模型 ({gone})\n" in out
    assert set(files(graph, settings)) == {"doc:财务业务模型"}


def test_a_folder_named_through_a_symbolic_link_prunes_the_same_sources(
    graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    real = tmp_path / "real"
    real.mkdir()
    shutil.copy(PROCUREMENT, real / "procurement.yaml")
    shutil.copy(FINANCE, real / "finance.yaml")
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    code, out, err = kg(settings, "load", str(link / "procurement.yaml"), str(link / "finance.yaml"))
    assert code == 0, out + err
    assert files(graph, settings)["doc:采购业务模型"] == str(real.resolve() / "procurement.yaml")

    (real / "procurement.yaml").unlink()
    code, out, err = kg(settings, "load", str(real), "--prune")
    assert code == 0, out + err
    assert "Withdrew 1 source(s) whose file is gone:\n  doc:采购业务模型 (" in out
    assert set(files(graph, settings)) == {"doc:财务业务模型"}


def test_a_source_recorded_by_a_relative_path_is_not_pruned_until_loaded_again(
    graph: Graph, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, other = tmp_path / "dir", tmp_path / "other"
    folder.mkdir()
    other.mkdir()
    shutil.copy(FINANCE, folder / "finance.yaml")
    shutil.copy(PROCUREMENT, other / "procurement.yaml")
    code, out, err = kg(settings, "load", str(folder), str(other))
    assert code == 0, out + err
    with graph.session(database=settings.database) as s:  # as an older kg recorded it
        s.run("MATCH (s:Source {id: 'doc:采购业务模型'}) SET s.file = 'procurement.yaml'").consume()
    before = dump(graph, settings)

    # resolved against the prune's folder, "procurement.yaml" is gone: it is not pruned
    monkeypatch.chdir(folder)
    (folder / "finance.yaml").unlink()
    code, out, err = kg(settings, "load", ".", "--prune", "--dry-run")
    assert code == 0, out + err
    assert "Would withdraw 1 source(s) whose file is gone:\n  doc:财务业务模型 (" in out
    assert err == (
        "warning: not pruned: doc:采购业务模型 was recorded with the relative path "
        "'procurement.yaml' by an older kg, so where it was loaded from is unknown (load its "
        "file again to record where it is, or `kg unload doc:采购业务模型`)\n"
    )
    assert dump(graph, settings) == before

    # loading the unchanged file again records where it is; then it is pruned like any other
    monkeypatch.chdir(other)
    code, out, err = kg(settings, "load", "procurement.yaml")
    assert code == 0, out + err
    assert "unchanged" in out
    assert files(graph, settings)["doc:采购业务模型"] == str(other.resolve() / "procurement.yaml")
    (other / "procurement.yaml").unlink()
    code, out, err = kg(settings, "load", str(tmp_path), "--prune")
    assert code == 0, out + err
    assert "Withdrew 2 source(s) whose file is gone:" in out
    assert err == ""
    assert files(graph, settings) == {}
