"""`kg explore` in a real browser: Debian's headless Chromium (Playwright, no browser
download) against the explorer serving the seed from the real Neo4j.  Every request
that leaves the explorer's origin is aborted and counted as a defect; console errors and
page errors fail the test.

The page marks ``<body data-state="ready" data-view="#/…">`` when a view is drawn (the
decoded hash, expanded nodes included), which is what the tests wait for: the page's CSP
forbids the eval that ``wait_for_function`` would need."""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from kg.api import Graph
from kg.config import Settings
from tests.browser.test_views_browser import ARTIFACTS, browser  # noqa: F401 - the fixture
from tests.conftest import wipe
from tests.integration.test_explore import (
    TOKEN,
    Served,
    fetch,
    seed,  # noqa: F401 - the fixture
    serve_in_thread,
)
from tests.integration.test_viz import create_hostile_graph
from tests.unit.kg.viz.pages import XSS

pytestmark = [pytest.mark.browser, pytest.mark.neo4j]


@pytest.fixture(scope="module")
def explorer(seed: Graph) -> Iterator[Served]:  # noqa: F811 - the fixture above
    served = serve_in_thread(seed)
    yield served
    served.stop()


@dataclass
class Tab:
    page: Any
    base: str
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    elsewhere: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def wait_view(self, view: str, exact: bool = True, timeout: int = 30_000) -> None:
        """Wait until the page has drawn the view ``view`` (its decoded hash)."""
        op = "=" if exact else "^="
        quoted = json.dumps(view, ensure_ascii=False)
        self.page.wait_for_selector(f"body[data-state=ready][data-view{op}{quoted}]", state="attached", timeout=timeout)

    def node_ids(self) -> set[str]:
        return set(self.js("kgExplore.nodes.getIds()"))

    def assert_clean(self) -> None:
        assert self.elsewhere == [], f"the page tried to load {self.elsewhere}"
        assert self.errors == [], self.errors
        assert [m for m in self.console if m.startswith(("error", "warning"))] == []
        assert self.dialogs == []
        assert self.js("kgExplore.errors") == []
        assert self.js("document.querySelectorAll('img, iframe, object, embed').length") == 0


def open_tab(browser: Any, base: str, hash_: str = "", query: str = "") -> Tab:  # noqa: F811
    page = browser.new_page()
    tab = Tab(page, base)

    def route(route: Any) -> None:
        if route.request.url.startswith(base + "/"):
            route.continue_()
        else:
            tab.elsewhere.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    page.on("console", lambda m: tab.console.append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: tab.errors.append(str(e)))

    def dialog(d: Any) -> None:
        tab.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    page.goto(f"{base}/{query}{hash_}")
    return tab


def href(*parts: str) -> str:
    """A link of the page: its parts encoded as encodeURIComponent does (':' kept)."""
    return "#/" + "/".join(urllib.parse.quote(p, safe=":!*'()") for p in parts)


def neighbourhood(explorer: Served, *ids: str) -> set[str]:
    """The nodes the explorer's API gives for these nodes' pages, together."""
    out: set[str] = set()
    for node in ids:
        status, _, body = fetch(explorer.base + "/api/node?" + urllib.parse.urlencode({"ref": node}))
        assert status == 200
        out |= {n["id"] for n in json.loads(body)["graph"]["nodes"]}
    return out


EXPANDED = "#/role/role:客户经理?x=role:销售副主任,dept:办事处"


def test_search_role_expand_twice_chain_activity_raci_cell_and_back(browser: Any, explorer: Served) -> None:  # noqa: F811
    tab = open_tab(browser, explorer.base)
    tab.wait_view("")
    tab.page.fill("#kg-search", "account")
    tab.page.wait_for_selector("#kg-suggestions li[role=option]")
    assert tab.page.get_attribute("#kg-search", "aria-expanded") == "true"
    assert tab.page.text_content("#kg-suggestions li[role=option]") == "Role客户经理Account Manager"
    tab.page.press("#kg-search", "Enter")
    tab.wait_view("#/role/role:客户经理")
    assert tab.page.text_content("#kg-title") == "客户经理"
    assert tab.js("document.activeElement.id") == "kg-content"  # the keyboard lands on the page
    assert tab.node_ids() == neighbourhood(explorer, "role:客户经理")
    assert len(tab.node_ids()) == 14

    # expand twice, from the relationship table's buttons (keyboard-reachable)
    tab.page.click('button.kg-expand[data-id="role:销售副主任"]')
    tab.wait_view("#/role/role:客户经理?x=role:销售副主任")
    tab.page.focus('button.kg-expand[data-id="dept:办事处"]')
    tab.page.keyboard.press("Enter")
    tab.wait_view(EXPANDED)
    expected = neighbourhood(explorer, "role:客户经理", "role:销售副主任", "dept:办事处")
    assert tab.node_ids() == expected
    assert len(expected) > 14
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.page.screenshot(path=str(ARTIFACTS / "explore-role.png"))

    tab.page.click("#kg-chain-up")
    tab.wait_view("#/chain?role=role:客户经理&dir=up")
    rows = tab.page.locator("#kg-content table.kg-table tbody tr")
    assert rows.count() == 3
    assert tab.node_ids() == {"role:客户经理", "role:办事处主任", "role:行政助理", "role:销售副主任"}

    tab.page.click(f'#kg-content a[href="{href("activity", "客户意见直接反馈")}"]')
    tab.wait_view("#/activity/客户意见直接反馈")
    assert tab.page.text_content("#kg-title") == "客户意见直接反馈"

    tab.page.click('.kg-nav a[href="#/raci"]')
    tab.wait_view("#/raci")
    cell = tab.page.locator(f'#kg-raci td.kg-cell a[href="{href("activity", "activity:客户关系评估与分析")}"]').first
    assert cell.text_content() == "R"
    cell.click()
    tab.wait_view("#/activity/activity:客户关系评估与分析")
    assert tab.page.text_content("#kg-title") == "客户关系评估与分析"

    tab.page.go_back()
    tab.wait_view("#/raci")
    assert tab.page.locator("#kg-raci tbody tr").count() == 16
    tab.assert_clean()
    tab.page.close()


def test_a_deep_link_opened_cold_restores_the_same_view(browser: Any, explorer: Served) -> None:  # noqa: F811
    tab = open_tab(browser, explorer.base, EXPANDED + "&pin=role:销售副主任")
    tab.wait_view(EXPANDED + "&pin=role:销售副主任")
    assert tab.node_ids() == neighbourhood(explorer, "role:客户经理", "role:销售副主任", "dept:办事处")
    assert tab.js("kgExplore.nodes.get('role:销售副主任').fixed") is True
    with tab.page.expect_download() as download:  # what is on screen, as kg viz draws
        tab.page.click("#kg-save")
    saved = open(download.value.path(), encoding="utf-8").read()  # noqa: SIM115
    assert '<meta name="generator" content="kg viz">' in saved
    assert all(f'"id":"{node}"' in saved for node in tab.node_ids())
    assert tab.page.text_content('button.kg-expand[data-id="dept:办事处"]') == "⊖"
    # collapse one expansion: what only it brought goes, and the URL says so
    tab.page.click('button.kg-expand[data-id="dept:办事处"]')
    tab.wait_view("#/role/role:客户经理?x=role:销售副主任&pin=role:销售副主任")
    assert tab.node_ids() == neighbourhood(explorer, "role:客户经理", "role:销售副主任")
    assert tab.page.text_content('button.kg-expand[data-id="dept:办事处"]') == "⊕"
    tab.assert_clean()
    tab.page.close()

    chain = "#/chain?role=role:客户经理&activity=客户意见直接反馈&dir=up&depth=1"
    tab = open_tab(browser, explorer.base, chain)
    tab.wait_view(chain)
    assert tab.page.input_value("#activity") == "客户意见直接反馈"
    assert tab.node_ids() == {"role:客户经理", "role:办事处主任", "role:行政助理"}
    tab.assert_clean()
    tab.page.close()


def test_a_canned_query_form_with_parameters(browser: Any, explorer: Served) -> None:  # noqa: F811
    tab = open_tab(browser, explorer.base, "#/queries")
    tab.wait_view("#/queries")
    tab.page.click('a[href="#/query/reporting-chain"]')
    tab.wait_view("#/query/reporting-chain")
    labels = tab.page.locator("form.kg-form label").all_text_contents()
    assert labels == ["role *", "activity"]
    tab.page.fill("#role", "account manager")
    tab.page.fill("#activity", "客户意见直接反馈")
    tab.page.click("form.kg-form button[type=submit]")
    tab.wait_view("#/query/reporting-chain?run=1&role=account manager&activity=客户意见直接反馈")
    assert tab.page.text_content("#kg-result-count") == "2 rows"
    cells = tab.page.locator("#kg-result tbody tr td:nth-child(4)").all_text_contents()
    assert cells == ["办事处主任", "行政助理"]
    with tab.page.expect_download() as download:
        tab.page.click("#kg-csv")
    text = open(download.value.path(), encoding="utf-8").read()  # noqa: SIM115
    assert text.splitlines()[0] == "level,role,role_en,superior,superior_en,contexts"
    assert len(text.splitlines()) == 3
    # a query that returns paths is drawn as well
    tab.page.goto(f"{explorer.base}/#/query/path-between-roles?run=1&from_role=产品经理&to_role=办事处主任")
    tab.wait_view("#/query/path-between-roles?run=1&from_role=产品经理&to_role=办事处主任")
    assert tab.node_ids() == {"role:产品经理", "role:产品副主任", "dept:办事处", "role:办事处主任"}
    tab.assert_clean()
    tab.page.close()


def test_the_server_refuses_a_write_and_an_unknown_query(browser: Any, explorer: Served) -> None:  # noqa: F811
    tab = open_tab(browser, explorer.base, "#/")
    tab.wait_view("#/")
    response = tab.page.request.post(explorer.base + "/api/query/workload", data="CREATE (n) RETURN n")
    assert response.status == 405
    assert response.json() == {"error": "the explorer is read-only: POST is refused (use kg load)"}
    tab.page.click('.kg-nav a[href="#/api"]')  # the endpoints, documented from the OpenAPI schema
    tab.wait_view("#/api")
    headings = tab.page.locator("#kg-content h2 code").all_text_contents()
    assert headings[:4] == ["GET /api/health", "GET /api/meta", "GET /api/search", "GET /api/node"]
    tab.page.goto(f"{explorer.base}/#/query/no-such-query")
    tab.wait_view("#/query/no-such-query")
    assert tab.page.text_content("#kg-content .kg-error") == "no canned query no-such-query"
    tab.page.close()


def test_with_a_token_the_page_needs_it(browser: Any, seed: Graph) -> None:  # noqa: F811
    served = serve_in_thread(seed, token=TOKEN)
    try:
        tab = open_tab(browser, served.base)
        assert json.loads(tab.page.text_content("body") or "") == {
            "error": "a token is needed: open the address `kg explore` printed, with ?token=…"}
        tab.page.close()
        tab = open_tab(browser, served.base, "#/role/role:客户经理", query=f"?token={TOKEN}")
        tab.wait_view("#/role/role:客户经理")
        assert len(tab.node_ids()) == 14
        tab.assert_clean()
        tab.page.close()
    finally:
        served.stop()


def test_connection_loss_is_said_and_the_page_recovers(browser: Any, seed: Graph) -> None:  # noqa: F811
    served = serve_in_thread(seed)
    port = int(served.base.rsplit(":", 1)[1])
    tab = open_tab(browser, served.base, "#/raci")
    tab.wait_view("#/raci")
    served.stop()
    tab.page.select_option("#kg-lang", "en")  # redraws: asks the server, which is gone
    tab.page.wait_for_selector("#kg-banner:not([hidden])")
    assert (tab.page.text_content("#kg-banner") or "").startswith("The graph cannot be reached")
    import uvicorn

    from kg.explore import create_app

    server = uvicorn.Server(uvicorn.Config(create_app(seed), host="127.0.0.1", port=port, log_level="critical"))
    import threading

    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        tab.page.wait_for_selector("#kg-banner[hidden]", state="attached", timeout=30_000)
        tab.wait_view("#/raci")
        assert tab.page.locator("#kg-raci tbody tr").count() == 16
        assert tab.elsewhere == [] and tab.errors == []
        tab.page.select_option("#kg-lang", "zh")
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        tab.page.close()


def test_more_than_a_page_of_relationships_shows_more_on_demand(browser: Any, driver: Graph, settings: Settings, tmp_path: Any) -> None:  # noqa: F811
    """A team of a hundred roles: its page draws the first 40 and a "+N more" node, which
    (clicked, then "Show more") draws the next 40; the URL keeps the count and restores it."""
    from benchmarks.synthetic import synthetic_org
    from kg.model import write_model

    wipe(driver, settings)
    write_model(synthetic_org(200), tmp_path / "org.json")
    driver.load([tmp_path / "org.json"])
    served = serve_in_thread(driver)
    try:
        tab = open_tab(browser, served.base, "#/department/dept:团队0")
        tab.wait_view("#/department/dept:团队0")
        total = json.loads(fetch(served.base + "/api/node?ref=dept:%E5%9B%A2%E9%98%9F0")[2])["total"]
        assert total > 80
        assert len(tab.node_ids()) == 1 + 40 + 1  # the team, 40 neighbours, "+N more"
        more = "more:dept:团队0"
        assert tab.js(f"kgExplore.nodes.get('{more}').label") == f"+{total - 40} more"
        x, y = tab.js(f"(() => {{ const p = kgExplore.network.getPositions(['{more}'])['{more}'];"
                      " const d = kgExplore.network.canvasToDOM(p);"
                      " const r = document.getElementById('kg-network').getBoundingClientRect();"
                      " return [r.left + d.x, r.top + d.y]; })()")
        tab.page.mouse.click(x, y)
        tab.page.click("#kg-inspector button")
        tab.wait_view("#/department/dept:团队0?x=dept:团队0@80")
        assert len(tab.node_ids()) == 1 + 80 + 1
        tab.assert_clean()
        tab.page.close()
        tab = open_tab(browser, served.base, "#/department/dept:团队0?x=dept:团队0@80")
        tab.wait_view("#/department/dept:团队0?x=dept:团队0@80")
        assert len(tab.node_ids()) == 1 + 80 + 1
        tab.assert_clean()
        tab.page.close()
    finally:
        served.stop()


def test_a_hostile_name_stays_text(browser: Any, driver: Graph, settings: Settings) -> None:  # noqa: F811
    """Last in the module: it replaces the seed with the hostile graph of the viz tests."""
    wipe(driver, settings)
    create_hostile_graph(driver)
    served = serve_in_thread(driver)
    try:
        tab = open_tab(browser, served.base)
        tab.wait_view("")
        tab.page.fill("#kg-search", "<img")
        tab.page.wait_for_selector("#kg-suggestions li[role=option]")
        assert XSS in (tab.page.text_content("#kg-suggestions") or "")
        tab.page.press("#kg-search", "Enter")
        tab.wait_view("#/role/role:xss")
        assert tab.page.text_content("#kg-title") == XSS
        assert XSS in (tab.page.text_content("#kg-content blockquote") or "")
        assert tab.js("kgExplore.nodes.get('role:xss').label") == XSS
        tab.page.click('.kg-nav a[href="#/raci"]')
        tab.wait_view("#/raci")
        assert XSS in tab.page.locator("#kg-raci thead").text_content()
        tab.assert_clean()
        tab.page.close()
    finally:
        served.stop()
        wipe(driver, settings)
