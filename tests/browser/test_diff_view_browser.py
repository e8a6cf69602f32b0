"""The change view (`kg viz diff`) in headless Chromium, every request blocked: the vis
DataSets hold the expected numbers of added, removed and changed nodes and
relationships, the legend filters by kind of change, the details show old and new
values, and names that are markup stay text. No database: the view is built from two
models."""

from __future__ import annotations

from typing import Any

import pytest

from kg.model import read_model
from kg.viz.diff import diff_view
from tests.browser.test_views_browser import browser, hover, open_view, screenshot
from tests.unit.kg.test_changes import SEED
from tests.unit.kg.viz.pages import XSS
from tests.unit.kg.viz.test_diff import EXPECTED, hostile_v2

pytestmark = [pytest.mark.browser]

__all__ = ["browser"]  # the fixture, shared with the views' browser tests

COUNT_BY_CHANGE = """() => {
    const out = {};
    for (const [name, set] of [["nodes", kgView.nodes], ["edges", kgView.edges]]) {
        set.forEach(item => {
            out[item.change] = out[item.change] || {nodes: 0, edges: 0};
            out[item.change][name] += 1;
        });
    }
    return out;
}"""


def test_diff_view_counts_filters_details_and_hostile_names(browser: Any) -> None:
    old = read_model(SEED)
    view = diff_view(old, hostile_v2(old))
    opened = open_view(browser, view, "diff-seed-v2")
    by_change = opened.js(COUNT_BY_CHANGE)
    assert {k: v for k, v in by_change.items() if k != "same"} == EXPECTED
    assert by_change["same"] == view.counts()["same"]
    # the legend: a line per kind of change with its counts
    legend = opened.js("[...document.querySelectorAll('#kg-legend-changes li')].map(li => li.textContent.trim())")
    assert [" ".join(t.split()) for t in legend] == [
        "added 新增3 · 13", "removed 删除1 · 8", "changed 修改2 · 1", f"unchanged 未变{by_change['same']['nodes']} · {by_change['same']['edges']}",
    ]
    # filtering: unchecking "unchanged" leaves the changes and their ends
    opened.page.uncheck('#kg-legend input[data-change="same"]')
    shown = opened.js("kgView.shown")
    assert shown["nodes"] == 3 + 1 + 2
    opened.page.check('#kg-legend input[data-change="same"]')
    total = view.node_count
    assert opened.js("kgView.shown")["nodes"] == total
    # details: old and new values of a renamed activity
    renamed = "n:activity:客户关系策划"
    opened.js("id => kgView.showNode(id)", renamed)
    cells = opened.js("[...document.querySelectorAll('#kg-details-body table.kg-delta td')].map(td => td.textContent)")
    assert ["客户关系规划", "客户关系策划"] == cells[cells.index("客户关系规划"):cells.index("客户关系规划") + 2]
    assert "changed 修改" in opened.page.text_content("#kg-details-body .kg-change")
    # a changed description with markup in it: text in the details
    opened.js("id => kgView.showNode(id)", "n:activity:客户意见直接反馈")
    assert "客户意见 <b>直接</b> 反馈给公司" in opened.page.text_content("#kg-details-body")
    assert opened.js("document.querySelectorAll('#kg-details-body b, #kg-details-body img').length") == 0
    # the hostile role: its label, tooltip and details are text
    xss = "n:role:xss"
    assert opened.js("id => kgView.nodes.get(id).label", xss) == XSS
    assert opened.js("id => kgView.nodes.get(id).change", xss) == "added"
    tip = hover(opened, xss)
    assert XSS in tip and "added" in tip
    opened.page.fill("#kg-search", "onerror=alert")
    opened.page.press("#kg-search", "Enter")
    assert opened.page.text_content("#kg-details-body h3") == XSS
    screenshot(opened, "diff-seed-v2")
    opened.assert_clean()
    opened.page.close()
