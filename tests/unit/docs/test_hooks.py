"""The documentation's generated pages: the query catalogue lists every query and rule."""

from __future__ import annotations

from docs.hooks import catalogue_markdown, on_page_markdown
from kg.queries.catalogue import queries, rules


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
