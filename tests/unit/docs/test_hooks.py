"""The documentation's generated pages: the query catalogue lists every query and rule."""

from __future__ import annotations

from pathlib import Path

from docs.hooks import catalogue_markdown, on_page_markdown
from kg.queries.catalogue import queries, rules
from tests.conftest import ROOT


def test_the_catalogue_page_lists_every_query_and_rule_with_its_parameters() -> None:
    page = catalogue_markdown()
    headings = [line[5:-1] for line in page.splitlines() if line.startswith("### `")]
    assert headings == [q.name for q in queries()] + [r.name for r in rules()]
    assert (
        "| `role` | role | yes |  | 客户经理 |" in page
    ), "reporting-chain's required role parameter, with its example"
    assert "Run: `kg query reporting-chain --param role=客户经理 [--param activity=客户意见直接反馈]`" in page


def test_only_the_marker_is_replaced() -> None:
    assert on_page_markdown("before <!-- queries --> after").startswith("before ## Queries")
    assert on_page_markdown("no marker") == "no marker"


def test_the_corrections_page_example_is_a_valid_file_with_every_operation(tmp_path: Path) -> None:
    from loaders.corrections import CorrectionsFile, contradictions, read

    page = (ROOT / "docs" / "corrections.md").read_text(encoding="utf-8")
    example = page.split("```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "x.corrections.yaml"
    path.write_text(example, encoding="utf-8")
    fixes = read(path)
    ops = {c.op.op for c in fixes}
    schema = CorrectionsFile.model_json_schema(by_alias=True)
    declared = {d["properties"]["op"]["const"] for d in schema["$defs"].values() if "op" in d.get("properties", {})}
    assert ops == declared  # an example of every operation the file format knows
    assert len(declared) == 10
    assert contradictions(fixes) == []
