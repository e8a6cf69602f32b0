"""Reading a view's page in tests: the JSON it draws from, and the checks that it loads
nothing and shows document text only as text. Shared by the unit tests here, the
integration tests (views read from Neo4j) and the browser tests."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from typing import Any

from kg.viz import Subgraph, View, ViewEdge, ViewNode

#: Document text that is markup: a role with this name must stay text everywhere.
XSS = "<img src=x onerror=alert(1)>"
HREF = 'Ask <a href="javascript:alert(2)">the "boss"</a> & \'others\''
EVIL_SENTENCE = "坏人</script><script>alert(3)</script>汇报"


def page_data(page: str) -> dict[str, Any]:
    """The JSON the page draws from (the only place document text lives)."""
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert m, "no kg-data block"
    data: dict[str, Any] = json.loads(m.group(1))
    return data


def names(data: dict[str, Any]) -> set[str]:
    return {n["names"]["zh"] for n in data["nodes"]}


def edge_set(data: dict[str, Any]) -> set[tuple[str, str, str]]:
    by_id = {n["id"]: n["names"]["zh"] for n in data["nodes"]}
    return {(by_id[e["from"]], e["type"], by_id[e["to"]]) for e in data["edges"]}


EXTERNAL = [
    re.compile(r"""\b(?:src|href|action|data|poster|srcset|formaction)\s*=\s*["']?\s*(?:https?:)?//""", re.I),
    re.compile(r"""url\(\s*["']?\s*(?:https?:)?//""", re.I),
    re.compile(r"@import", re.I),
    re.compile(r"<link\b", re.I),
    re.compile(r"<(?:iframe|object|embed|img|audio|video|source)\b", re.I),
]


def assert_offline_and_safe(page: str) -> None:
    # nothing that makes a browser fetch: no src/href to a URL, no <link>, no url(), ...
    for pattern in EXTERNAL:
        assert not pattern.search(page), f"resource reference {pattern.pattern!r} in the page"
    # the Content-Security-Policy forbids any fetch and allows only our two scripts
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp, "no CSP"
    policy = csp.group(1)
    assert "default-src 'none'" in policy and "connect-src 'none'" in policy
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 2
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    assert "unsafe-inline" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    # vis-network's licence header travels with it
    assert "vis.js is dual licensed" in page
    # exactly three <script> elements are closed: the JSON block and the two scripts
    assert page.lower().count("</script") == 3
    # document text never appears as markup
    assert XSS not in page
    assert "<img" not in page.lower()
    assert "<a " not in page.lower()


def synthetic(n_roles: int) -> View:
    """A reporting tree of ``n_roles`` roles, three reporting to each superior."""
    graph = Subgraph()
    for i in range(n_roles):
        graph.nodes[f"r{i}"] = ViewNode(f"r{i}", ("Role",), {"id": f"role:{i}", "name": f"角色{i}"})
        if i:
            graph.edges[f"e{i}"] = ViewEdge(f"e{i}", "REPORTS_TO", f"r{i}", f"r{(i - 1) // 3}", {})
    return View(title="synthetic", subgraph=graph)
