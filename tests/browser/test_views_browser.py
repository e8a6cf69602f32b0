"""The views in a real browser: Debian's headless Chromium (driven by Playwright, no
browser download) opens each page with every http(s) request aborted, and checks that the
network renders the expected nodes and relationships (read from the page's vis DataSet),
that nothing was requested, nothing logged an error, and that a role named
``<img src=x onerror=alert(1)>`` stays text in labels, tooltips, details and search.
Screenshots go to out/test-artifacts/ for a person to look at."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from benchmarks.common import CHROMIUM_ARGS
from kg.api import Graph
from kg.config import Settings
from kg.viz import View, activity_view, area_view, chain_view, model_view, role_view
from tests.conftest import ROOT, require_tool
from tests.integration.test_viz import create_hostile_graph
from tests.unit.kg.viz.pages import XSS

pytestmark = [pytest.mark.browser, pytest.mark.neo4j]

ARTIFACTS = ROOT / "out" / "test-artifacts"


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    executable = require_tool("chromium")
    sync_api = importlib.import_module("playwright.sync_api")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile),
            executable_path=executable,
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 1400, "height": 900},
        )
        try:
            yield context
        finally:
            context.close()


@dataclass
class Opened:
    page: Any
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def assert_clean(self) -> None:
        assert self.requests == [], f"the page tried to load {self.requests}"
        assert self.errors == [], self.errors
        assert [m for m in self.console if m.startswith(("error", "warning"))] == []
        assert self.dialogs == [], f"a dialog opened: {self.dialogs}"
        assert self.js("document.querySelectorAll('img, iframe, object, embed').length") == 0
        assert self.js("window.kgView.errors") == []


def open_view(browser: Any, view: View, name: str) -> Opened:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = view.write(ARTIFACTS / f"{name}.html")
    page = browser.new_page()
    opened = Opened(page)

    def route(route: Any) -> None:
        url = route.request.url
        if url.startswith("file://"):
            route.continue_()
        else:  # the network is blocked: any such request is a defect
            opened.requests.append(url)
            route.abort()

    page.route("**/*", route)
    page.on("console", lambda m: opened.console.append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: opened.errors.append(str(e)))

    def dialog(d: Any) -> None:
        opened.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    page.goto(Path(path).resolve().as_uri())
    # the page marks <body data-ready> after its first drawing with physics at rest
    # (waiting through page JavaScript would need eval, which the page's CSP forbids)
    page.wait_for_selector("body[data-ready]", state="attached", timeout=30_000)
    return opened


def counts(opened: Opened) -> tuple[int, int, int]:
    """Nodes and edges in the page's vis DataSets, and nodes the network has placed."""
    return tuple(
        opened.js(
            "[kgView.nodes.length, kgView.edges.length,"
            " Object.keys(kgView.network.getPositions()).length]"
        )
    )


def screenshot(opened: Opened, name: str) -> Path:
    path = ARTIFACTS / f"{name}.png"
    opened.page.screenshot(path=str(path))
    assert path.stat().st_size > 10_000
    return path


def hover(opened: Opened, node_id: str) -> str:
    """Move the mouse onto a node and return the tooltip's text (asserting it is text)."""
    x, y = opened.js(
        """id => {
            const net = kgView.network;
            const p = net.canvasToDOM(net.getPositions([id])[id]);
            const box = document.getElementById('kg-network').getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        }""",
        node_id,
    )
    opened.page.mouse.move(x - 30, y - 30)
    opened.page.mouse.move(x, y, steps=5)
    opened.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
    # vis-network sets a plain-text title with innerText: line breaks become <br>, nothing
    # else can become an element
    tags = opened.js("[...document.querySelector('div.vis-tooltip').querySelectorAll('*')].map(e => e.tagName)")
    assert set(tags) <= {"BR"}, tags
    return str(opened.js("document.querySelector('div.vis-tooltip').textContent"))


def wait_for_scale(opened: Opened, scale: float, timeout_ms: int = 5_000) -> float:
    """The network's zoom once it reaches ``scale`` (or after ``timeout_ms``): the focus
    animation takes 400 ms, longer on a busy machine."""
    now = float(opened.js("kgView.network.getScale()"))
    for _ in range(timeout_ms // 100):
        if abs(now - scale) <= 0.01:
            break
        opened.page.wait_for_timeout(100)
        now = float(opened.js("kgView.network.getScale()"))
    return now


def node_id(opened: Opened, kg_id: str) -> str:
    return str(opened.js("k => kgView.data.nodes.find(n => n.props.id === k).id", kg_id))


# --------------------------------------------------------------------------- hostile graph
@pytest.fixture
def hostile(graph: Graph) -> Graph:
    create_hostile_graph(graph)
    return graph


def test_hostile_names_stay_text(browser: Any, hostile: Graph) -> None:
    view = chain_view(hostile, "客户经理")
    opened = open_view(browser, view, "hostile-chain")
    assert counts(opened) == (4, 4, 4)
    xss = node_id(opened, "role:xss")
    # the label is the text itself
    assert opened.js("id => kgView.nodes.get(id).label", xss) == XSS
    # tooltip: plain text, with the name and the provenance
    tip = hover(opened, xss)
    assert XSS in tip and "Stated in" in tip and "p. 2" in tip
    # search through the UI: the node is focused and selected, details show the text
    opened.page.fill("#kg-search", "onerror=alert")
    opened.page.press("#kg-search", "Enter")
    assert opened.js("kgView.network.getSelectedNodes()") == [xss]
    assert opened.page.text_content("#kg-details-body h3") == XSS
    assert opened.js("document.querySelectorAll('#kg-details-body *').length") > 3
    assert opened.page.text_content("#kg-search-status") == f"found: {XSS}"
    # the title shows the query and its parameters
    assert opened.page.text_content("#kg-title") == "Reporting chain of 客户经理"
    sub = " ".join(opened.page.text_content("#kg-subtitle").split())
    assert sub == "query viz-chain · role = 客户经理 · 4 nodes · 4 relationships"
    screenshot(opened, "hostile-chain")
    opened.assert_clean()
    opened.page.close()


def test_description_with_href_and_script_in_sentence(browser: Any, hostile: Graph) -> None:
    view = activity_view(hostile, "客户意见直接反馈")
    opened = open_view(browser, view, "hostile-activity")
    assert counts(opened) == (8, 9, 8)
    act = node_id(opened, "activity:反馈")
    tip = hover(opened, act)
    assert 'href="javascript:alert(2)"' in tip  # shown as text, not a link
    assert "</script><script>alert(3)</script>" in tip
    opened.js("id => kgView.showNode(id)", act)
    details = opened.page.text_content("#kg-details-body")
    assert 'Ask <a href="javascript:alert(2)">the "boss"</a>' in details
    assert opened.js("document.querySelectorAll('#kg-details-body a, #kg-details-body script').length") == 0
    screenshot(opened, "hostile-activity")
    opened.assert_clean()
    opened.page.close()


# --------------------------------------------------------------------------- seed
def test_seed_views_render(browser: Any, seed_graph: Graph, settings: Settings) -> None:
    expected_model = seed_graph.driver.execute_query(
        "MATCH (n) WHERE n:Role OR n:Activity OR n:Output OR n:Department "
        "RETURN count(n) AS nodes, COUNT { MATCH (:Role|Activity|Output|Department)-[r]->"
        "(:Role|Activity|Output|Department) RETURN r } AS rels",
        database_=settings.database,
    ).records[0]
    views = {
        "seed-chain-account-manager": chain_view(seed_graph, "客户经理"),
        "seed-chain-feedback": chain_view(seed_graph, "客户经理", "客户意见直接反馈"),
        "seed-role-account-manager": role_view(seed_graph, "Account Manager"),
        "seed-activity-feedback": activity_view(seed_graph, "客户意见直接反馈"),
        "seed-area-customer-relations": area_view(seed_graph, "客户关系"),
        "seed-model": model_view(seed_graph),
    }
    assert (views["seed-model"].node_count, views["seed-model"].edge_count) == (
        expected_model["nodes"],
        expected_model["rels"],
    )
    assert (views["seed-chain-account-manager"].node_count, views["seed-chain-feedback"].node_count) == (4, 3)
    for name, view in views.items():
        opened = open_view(browser, view, name)
        n, e = view.node_count, view.edge_count
        assert counts(opened) == (n, e, n), name
        assert opened.js("kgView.shown") == {"nodes": n, "edges": e}
        screenshot(opened, name)
        opened.assert_clean()
        opened.page.close()


def test_chain_is_top_down(browser: Any, seed_graph: Graph) -> None:
    opened = open_view(browser, chain_view(seed_graph, "客户经理"), "seed-chain-levels")
    ys = opened.js(
        """() => {
            const pos = kgView.network.getPositions();
            const out = {};
            kgView.data.nodes.forEach(n => { out[n.names.zh] = pos[n.id].y; });
            return out;
        }"""
    )
    for superior in ("办事处主任", "行政助理", "销售副主任"):
        assert ys[superior] < ys["客户经理"], ys  # superiors above
    opened.assert_clean()
    opened.page.close()


def test_labels_filter_and_search(browser: Any, seed_graph: Graph) -> None:
    view = model_view(seed_graph)
    opened = open_view(browser, view, "seed-model-interactions")
    am = node_id(opened, "role:客户经理")
    # labels: Simplified → English → original script, through the select box
    opened.page.select_option("#kg-lang", "en")
    assert opened.js("id => kgView.nodes.get(id).label", am) == "Account Manager"
    opened.page.select_option("#kg-lang", "orig")
    assert opened.js("id => kgView.nodes.get(id).label", am) == "客戶經理"
    opened.page.select_option("#kg-lang", "zh")
    assert opened.js("id => kgView.nodes.get(id).label", am) == "客户经理"
    # filter by relationship type, through the legend's check boxes
    n, e = view.node_count, view.edge_count
    reports = sum(1 for x in view.subgraph.edges.values() if x.type == "REPORTS_TO")
    assert reports == 5
    opened.page.uncheck('#kg-legend input[data-style="REPORTS_TO"]')
    assert opened.js("kgView.shown") == {"nodes": n, "edges": e - reports}
    assert opened.js("kgView.edges.get({filter: e => e.hidden}).length") == reports
    opened.page.check('#kg-legend input[data-style="REPORTS_TO"]')
    assert opened.js("kgView.shown") == {"nodes": n, "edges": e}
    # hiding outputs hides their PRODUCES edges too
    opened.page.uncheck('#kg-legend input[data-group="Output"]')
    outputs = sum(1 for x in view.subgraph.nodes.values() if "Output" in x.labels)
    produces = sum(1 for x in view.subgraph.edges.values() if x.type == "PRODUCES")
    assert opened.js("kgView.shown") == {"nodes": n - outputs, "edges": e - produces}
    opened.page.check('#kg-legend input[data-group="Output"]')
    # search in English focuses the node and shows its provenance
    opened.page.fill("#kg-search", "account manager")
    opened.page.press("#kg-search", "Enter")
    assert opened.js("kgView.network.getSelectedNodes()") == [am]
    assert opened.page.text_content("#kg-details-body h3") == "客户经理"
    assert "p. " in opened.page.text_content("#kg-details-body .kg-where")
    assert wait_for_scale(opened, 1.3) == pytest.approx(1.3, abs=0.01)
    screenshot(opened, "seed-model-search")
    opened.assert_clean()
    opened.page.close()
