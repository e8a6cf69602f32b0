"""The page of a hand-made view: document text escaped wherever it appears, JSON safe in a
script element, the Content-Security-Policy, the legend, writing the file, the notebook
iframe."""

from __future__ import annotations

import html
import json
import math
import re
from pathlib import Path
from typing import Any

import pytest

from kg.viz import (
    Subgraph,
    View,
    ViewEdge,
    ViewError,
    ViewNode,
    build_network,
    iframe,
    render_html,
    script_json,
    write_html,
)
from kg.viz.render import legend, vis_options
from tests.unit.kg.viz.pages import (
    EVIL_SENTENCE,
    HREF,
    XSS,
    assert_offline_and_safe,
    edge_set,
    page_data,
    synthetic,
)

SOURCE = "doc:hand-made"
ESCAPED_XSS = "&lt;img src=x onerror=alert(1)&gt;"


def prov(sentence: str, page: int = 2) -> dict[str, Any]:
    return {
        "sources": [SOURCE], "stated_in": [SOURCE], "pages": [page], "starts": [5],
        "ends": [9], "sentences": [sentence],
    }


def hostile_view() -> View:
    """A role named like markup, responsible for an activity whose description is a link
    and whose sentence tries to close the script element."""
    graph = Subgraph()
    graph.nodes["n1"] = ViewNode(
        "n1", ("Role",), {"id": "role:xss", "name": XSS, "name_original": XSS, "name_en": XSS, **prov(XSS)}
    )
    graph.nodes["n2"] = ViewNode(
        "n2", ("Activity",),
        {"id": "activity:a", "name": "活动", "kind": "activity", "description": HREF, **prov(EVIL_SENTENCE)},
    )
    graph.edges["e1"] = ViewEdge("e1", "RESPONSIBLE", "n1", "n2", prov(EVIL_SENTENCE, 3))
    return View(
        title=f"Role {XSS}",
        subgraph=graph,
        query="q<1>",
        params={"role": XSS, "unset": None},
        cypher="MATCH (n) WHERE n.name = '<b>' RETURN n",
    )


# --------------------------------------------------------------------------- script_json
def test_script_json_cannot_close_the_script_element() -> None:
    data = {"s": "</script><!-- & \u2028\u2029 >", "n": [1, 2.5, None, True]}
    text = script_json(data)
    assert text == (
        '{"s":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029 \\u003e",'
        '"n":[1,2.5,null,true]}'
    )
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(text) == data


def test_script_json_keeps_other_text_and_refuses_nan() -> None:
    assert script_json({"名": "客户经理"}) == '{"名":"客户经理"}'
    with pytest.raises(ValueError):
        script_json({"x": math.nan})


# --------------------------------------------------------------------------- the page
def test_document_text_is_escaped_in_the_html() -> None:
    page = render_html(hostile_view())
    assert_offline_and_safe(page)
    assert f"<title>Role {ESCAPED_XSS}</title>" in page
    assert f'<h1 id="kg-title">Role {ESCAPED_XSS}</h1>' in page
    assert f'<div id="kg-network" role="img" aria-label="Role {ESCAPED_XSS}"></div>' in page
    # the query, its parameters (the unset one left out) and its Cypher, as text
    assert (
        '<p class="kg-sub" id="kg-subtitle">query <code id="kg-query-name">q&lt;1&gt;</code>'
        f' · <span id="kg-params">role = {ESCAPED_XSS}</span>'
        ' · <span id="kg-counts">2 nodes · 1 relationships</span></p>'
    ) in page
    assert '<pre id="kg-cypher">MATCH (n) WHERE n.name = &#39;&lt;b&gt;&#39; RETURN n</pre>' in page
    assert (
        '<pre id="kg-params-json">{\n'
        f'  &#34;role&#34;: &#34;{ESCAPED_XSS}&#34;,\n'
        '  &#34;unset&#34;: null\n'
        '}</pre>'
    ) in page


def test_document_text_reaches_the_page_as_json_data() -> None:
    page = render_html(hostile_view())
    block = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert block and "<" not in block.group(1) and "&" not in block.group(1)
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(3)" in block.group(1)
    data = page_data(page)
    assert data["title"] == f"Role {XSS}"
    assert data["query"] == "q<1>"
    assert data["params"] == {"role": XSS, "unset": None}
    xss, act = data["nodes"]
    assert xss["names"] == {"zh": XSS, "orig": XSS, "en": XSS}
    assert xss["label"] == XSS
    assert act["props"] == {"description": HREF, "id": "activity:a", "kind": "activity"}
    assert data["sources"] == [SOURCE]
    assert data["sentences"] == [XSS, EVIL_SENTENCE]  # each sentence stored once
    assert xss["prov"] == [[0, 2, 5, 9, 0]]
    assert act["prov"] == [[0, 2, 5, 9, 1]]
    assert data["edges"][0]["prov"] == [[0, 3, 5, 9, 1]]
    assert edge_set(data) == {(XSS, "RESPONSIBLE", "活动")}


def test_content_security_policy() -> None:
    page = render_html(hostile_view())
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy
    directives = policy.group(1).split("; ")
    hashes = re.fullmatch(r"script-src '(sha256-[A-Za-z0-9+/=]{44})' '(sha256-[A-Za-z0-9+/=]{44})'", directives[1])
    assert hashes, directives[1]
    assert directives[:1] + directives[2:] == [
        "default-src 'none'", "style-src 'unsafe-inline'", "img-src data:", "font-src data:",
        "connect-src 'none'", "base-uri 'none'", "form-action 'none'",
    ]
    # the hashes are those of the two inline scripts (assert_offline_and_safe checks them)
    assert_offline_and_safe(page)


def test_the_same_view_gives_the_same_page() -> None:
    assert render_html(hostile_view()) == render_html(hostile_view())
    view = hostile_view()
    assert render_html(view, build_network(view)) == view.html()


# --------------------------------------------------------------------------- options, legend
def test_legend_lists_what_occurs_with_counts() -> None:
    nodes, edges = legend(build_network(hostile_view()))
    assert nodes == [
        {"key": "Role", "title": "Role 角色", "count": 1, "shape": "box",
         "background": "#dcebfa", "border": "#3f6fb0"},
        {"key": "Activity", "title": "Activity 业务活动", "count": 1, "shape": "ellipse",
         "background": "#fde8cf", "border": "#d9822b"},
    ]
    assert edges == [
        {"key": "RESPONSIBLE", "title": "responsible 主要责任人", "count": 1,
         "color": "#c0392b", "width": 2.5, "dashes": []},
    ]
    page = render_html(hostile_view())
    assert 'data-group="Role"' in page and 'data-group="Output"' not in page
    assert 'stroke-dasharray="none"' in page


def test_edge_styles_in_the_page() -> None:
    data = page_data(render_html(hostile_view()))
    assert data["edgeStyles"]["ASSISTS"] == {"color": "#e67e22", "width": 1.8, "dashes": [8, 5]}
    assert data["edgeStyles"]["REPORTS_TO"] == {"color": "#1f3b73", "width": 2.5, "dashes": False}
    assert data["edgeLabels"] == "none"


def test_vis_options_by_layout() -> None:
    chain = vis_options("hierarchical", 4)
    assert chain["layout"]["hierarchical"]["direction"] == "UD"
    assert chain["physics"] == {"enabled": False}
    assert chain["groups"]["Role"]["font"]["size"] == 17  # small views: larger type
    small = vis_options("physics", 150)
    assert small["physics"]["enabled"] is True
    assert small["layout"] == {"improvedLayout": True, "randomSeed": 7}
    assert small["physics"]["stabilization"]["iterations"] == 600
    medium = vis_options("physics", 151)
    assert medium["layout"]["improvedLayout"] is False
    assert medium["physics"]["stabilization"]["iterations"] == 300
    fixed = vis_options("fixed", 1000)
    assert fixed["physics"] == {"enabled": False}
    assert fixed["edges"]["smooth"] is False
    assert fixed["interaction"]["hideEdgesOnDrag"] is True
    assert fixed["groups"]["Area"]["font"]["bold"] == {"face": fixed["groups"]["Area"]["font"]["face"]}


# --------------------------------------------------------------------------- files, notebooks
def test_write_html_creates_folders_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "view.html"
    view = hostile_view()
    assert write_html(view, str(target)) == target
    assert target.read_text(encoding="utf-8") == view.html()
    assert sorted(p.name for p in target.parent.iterdir()) == ["view.html"]
    assert view.write(tmp_path / "again.HTM") == tmp_path / "again.HTM"


def test_write_refuses_other_suffixes(tmp_path: Path) -> None:
    with pytest.raises(ViewError):
        write_html(synthetic(3), tmp_path / "view.png")
    assert not list(tmp_path.iterdir())


def test_iframe_escapes_the_page_once_more() -> None:
    view = hostile_view()
    frame = view._repr_html_()
    srcdoc = re.fullmatch(
        r'<iframe srcdoc="([^"]*)" style="width:100%;height:640px;border:1px solid #ddd" '
        r'sandbox="allow-scripts"></iframe>',
        frame,
    )
    assert srcdoc, frame[:200]
    assert "<" not in srcdoc.group(1)
    assert html.unescape(srcdoc.group(1)) == view.html()
    assert 'height:300px' in iframe("<p>x</p>", height=300)
