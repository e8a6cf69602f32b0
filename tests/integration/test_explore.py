"""`kg explore`'s JSON endpoints against the real Neo4j with the seed loaded: exact
content of each answer, the guard (read-only methods, loopback or token, security
headers), errors as JSON (4xx; 503 when Neo4j cannot be reached) and a fuzz of every
endpoint's parameters that never gets a 500.

The explorer runs as it does for `kg explore`: uvicorn in a thread, on a free port."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

import pytest
import uvicorn
from neo4j import READ_ACCESS, GraphDatabase

from kg.api import Graph
from kg.config import Settings
from kg.explore import DRIVER_CONFIG, create_app
from tests.conftest import SEED, wipe
from tests.integration.test_access_modes import AccessLog, g, log  # noqa: F401 - fixtures

pytestmark = pytest.mark.neo4j

TOKEN = "s3cret-token-for-the-tests"


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def outside_address() -> str | None:
    """An address of this machine other than loopback (None when it has none)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the interface
            address = str(s.getsockname()[0])
    except OSError:
        return None
    return None if address.startswith("127.") else address


@dataclass
class Served:
    """An explorer running in a thread; ``base`` is its address."""

    server: uvicorn.Server
    thread: threading.Thread
    base: str

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def serve_in_thread(handle: Graph, host: str = "127.0.0.1", token: str | None = None) -> Served:
    port = free_port(host if host != "0.0.0.0" else "127.0.0.1")
    config = uvicorn.Config(create_app(handle, token), host=host, port=port, log_level="critical")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the explorer did not start")
        time.sleep(0.05)
    return Served(server, thread, f"http://127.0.0.1:{port}")


def fetch(url: str, method: str = "GET", headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


@pytest.fixture(scope="module")
def seed(driver: Graph, settings: Settings) -> Iterator[Graph]:
    from loaders.refresh import load_paths

    wipe(driver, settings)
    load_paths(driver, [SEED])
    yield driver
    wipe(driver, settings)


@pytest.fixture(scope="module")
def explorer(seed: Graph) -> Iterator[Served]:
    served = serve_in_thread(seed)
    yield served
    served.stop()


def get(explorer: Served, path: str, **params: Any) -> tuple[int, Any]:
    query = urllib.parse.urlencode(params)
    status, _, body = fetch(explorer.base + path + (f"?{query}" if query else ""))
    return status, json.loads(body)


# --------------------------------------------------------------------------- answers
def test_search_suggests_by_part_of_a_name_in_any_script_or_english(explorer: Served) -> None:
    account = {"kind": "Role", "id": "role:客户经理", "name": "客户经理",
               "name_original": "客戶經理", "name_en": "Account Manager"}
    assert get(explorer, "/api/search", q="account") == (200, {"text": "account", "results": [account], "total": 1})
    assert get(explorer, "/api/search", q="客戶經")[1]["results"] == [account]  # Traditional, folded
    status, body = get(explorer, "/api/search", q="Manager", limit=2)
    assert status == 200 and body["total"] == 3
    assert [r["id"] for r in body["results"]] == ["role:产品经理", "role:客户经理"]
    assert get(explorer, "/api/search", q="  ") == (200, {"text": "", "results": [], "total": 0})


def test_node_page_has_facts_provenance_and_its_relationships_most_telling_first(explorer: Served) -> None:
    status, page = get(explorer, "/api/node", ref="account manager")
    assert status == 200
    node = page["node"]
    assert node["id"] == "role:客户经理" and node["page"] == "role" and node["group"] == "Role"
    assert node["names"] == {"zh": "客户经理", "orig": "客戶經理", "en": "Account Manager"}
    assert node["provenance"] == [{"document": "doc:以客户为中心的营销业务模型", "page": 1,
                                   "start": 389, "end": 400, "sentence": "客戶經理"}]
    assert (page["total"], page["skip"], page["more"]) == (13, 0, 0)
    assert [(r["type"], r["direction"], r["other"]) for r in page["relationships"]] == [
        ("REPORTS_TO", "out", "role:办事处主任"),
        ("REPORTS_TO", "out", "role:行政助理"),
        ("REPORTS_TO", "out", "role:销售副主任"),
        *[("RESPONSIBLE", "out", f"activity:{a}") for a in [
            "公司自身分析", "客户关系规划", "客户关系评估与分析", "客户分析", "客户意见直接反馈",
            "市场信息收集与维护", "建立新的客户关系", "改进已有的客户关系", "竞争对手分析"]],
        ("BELONGS_TO", "out", "dept:办事处"),
    ]
    feedback = page["relationships"][0]
    assert feedback["style"] == "REPORTS_TO"
    assert feedback["props"]["contexts"] == ["activity:客户意见直接反馈"]
    assert [s["page"] for s in feedback["provenance"]] == [2]
    groups = {n["id"]: n["group"] for n in page["graph"]["nodes"]}
    assert groups["dept:办事处"] == "Department" and groups["activity:客户分析"] == "Activity"
    assert len(groups) == 14 and len(page["graph"]["edges"]) == 13


def test_node_page_pages_its_relationships_with_more(explorer: Served) -> None:
    status, first = get(explorer, "/api/node", ref="role:客户经理", limit=3)
    assert status == 200 and (first["total"], first["more"]) == (13, 10)
    assert [r["other"] for r in first["relationships"]] == ["role:办事处主任", "role:行政助理", "role:销售副主任"]
    _, last = get(explorer, "/api/node", ref="role:客户经理", skip=10, limit=5)
    assert [r["other"] for r in last["relationships"]] == [
        "activity:改进已有的客户关系", "activity:竞争对手分析", "dept:办事处"]
    assert last["more"] == 0


def test_an_area_page_is_an_area(explorer: Served) -> None:
    _, page = get(explorer, "/api/node", ref="Market")
    assert (page["node"]["id"], page["node"]["group"], page["node"]["page"]) == ("activity:市场", "Area", "area")
    assert sorted(r["other"] for r in page["relationships"]) == ["activity:市场信息收集与维护", "activity:市场策划"]


def test_chain_up_with_depth_and_down(explorer: Served) -> None:
    status, up = get(explorer, "/api/chain", role="客戶經理", activity="客户意见直接反馈")
    assert status == 200 and up["query"] == "reporting-chain"
    assert up["params"] == {"role": "role:客户经理", "activity": "activity:客户意见直接反馈"}
    assert up["rows"] == [
        [1, "客户经理", "Account Manager", "办事处主任", "Office Director", ["客户意见直接反馈"]],
        [1, "客户经理", "Account Manager", "行政助理", "Administrative Assistant", ["客户意见直接反馈"]],
    ]
    levels = {n["id"]: n["level"] for n in up["graph"]["nodes"]}
    assert levels == {"role:客户经理": 1, "role:办事处主任": 0, "role:行政助理": 0}
    _, down = get(explorer, "/api/chain", role="销售副主任", direction="down")
    assert down["query"] == "subordinates" and down["graph"] is None
    assert down["rows"] == [[1, "客户经理", "Account Manager", "销售副主任", [
        "客户关系评估与分析", "客户关系规划", "建立新的客户关系", "改进已有的客户关系",
        "市场信息收集与维护", "客户分析", "竞争对手分析", "公司自身分析"]]]


def test_path_between_two_roles(explorer: Served) -> None:
    status, path = get(explorer, "/api/path", **{"from": "产品经理", "to": "Office Director"})
    assert status == 200
    assert path["rows"] == [[3, "产品经理 -REPORTS_TO-> 产品副主任 -BELONGS_TO-> 办事处 <-BELONGS_TO- 办事处主任"]]
    assert {n["id"] for n in path["graph"]["nodes"]} == {
        "role:产品经理", "role:产品副主任", "dept:办事处", "role:办事处主任"}
    assert sorted((e["from"], e["type"], e["to"]) for e in path["graph"]["edges"]) == [
        ("role:产品副主任", "BELONGS_TO", "dept:办事处"),
        ("role:产品经理", "REPORTS_TO", "role:产品副主任"),
        ("role:办事处主任", "BELONGS_TO", "dept:办事处"),
    ]


def test_raci_of_an_area_with_the_letters_and_colours_of_kg_raci(explorer: Served) -> None:
    status, m = get(explorer, "/api/raci", area="市场")
    assert status == 200
    assert m["colours"] == {"R": "#f8d7a8", "A": "#c9e4c5", "S": "#d9e6f7", "C": "#eee"}
    assert [p["id"] for p in m["parties"]] == [
        "role:客户经理", "role:产品经理", "role:区域维护经理", "role:销售副主任", "role:产品副主任", "role:技术支援助理"]
    row = next(r for r in m["rows"] if r["code"] == "3.A")
    assert row["cells"] == {"role:客户经理": "R", "role:产品经理": "S", "role:区域维护经理": "S",
                            "role:销售副主任": "A", "role:产品副主任": "C", "role:技术支援助理": "C"}
    _, whole = get(explorer, "/api/raci")
    assert len(whole["parties"]) == 7 and whole["rows"][0]["id"] == "activity:客户关系"


def test_the_catalogue_as_forms_and_a_query_with_its_csv(explorer: Served, seed: Graph) -> None:
    _, cat = get(explorer, "/api/queries")
    chain = next(q for q in cat["queries"] if q["name"] == "reporting-chain")
    assert chain["params"] == [
        {"name": "role", "type": "role", "required": True, "default": None, "example": "客户经理",
         "choices": [], "help": "a role: id, name in any script, or English name"},
        {"name": "activity", "type": "activity", "required": False, "default": None,
         "example": "客户意见直接反馈", "choices": [], "help": "an activity: id, name in any script, or English name"},
    ]
    status, res = get(explorer, "/api/query/role-activities", role="产品经理")
    assert status == 200 and res["total"] == len(res["rows"]) == 9
    assert res["params"] == {"role": "role:产品经理"} and res["graph"] is None
    status, headers, body = fetch(explorer.base + "/api/csv/workload")
    assert status == 200 and headers["content-disposition"] == 'attachment; filename="workload.csv"'
    lines = body.decode().splitlines()
    assert lines[0] == "role,role_en,responsible,assists,first_monitor,other_monitor,total"
    assert lines[1] == "客户经理,Account Manager,9,0,0,0,9"
    status, res = get(explorer, "/api/query/viz-role", role="客户经理")
    drawn = seed.view("role", role="客户经理").subgraph.nodes.values()  # what kg viz role draws
    assert status == 200 and {n["id"] for n in res["graph"]["nodes"]} == {n.props["id"] for n in drawn}
    assert len(res["graph"]["nodes"]) == 22


def test_history_and_a_runs_report(explorer: Served) -> None:
    _, history = get(explorer, "/api/history")
    [run] = history["runs"]
    assert (run["source"], run["status"], run["old_version"], run["new_version"]) == (
        "doc:以客户为中心的营销业务模型", "applied", None, "Ver1.0")
    status, report = get(explorer, f"/api/runs/{run['id'][:8]}")
    assert status == 200 and report["run"]["id"] == run["id"]
    assert report["text"].splitlines()[0] == "doc:以客户为中心的营销业务模型 → doc:以客户为中心的营销业务模型 (Ver1.0)"
    assert len(report["report"]["activities"]["added"]) == 16 and report["report"]["same"] is False


def test_save_as_static_html_is_kg_viz_page(explorer: Served) -> None:
    status, headers, body = fetch(explorer.base + "/api/static/role?" + urllib.parse.urlencode({"ref": "客户经理"}))
    assert status == 200 and headers["content-disposition"] == 'attachment; filename="kg-role.html"'
    page = body.decode()
    assert page.startswith("<!DOCTYPE html>") and '<meta name="generator" content="kg viz">' in page
    assert "Role 客户经理" in page


def test_save_a_page_as_it_is_on_screen_with_its_expanded_nodes(explorer: Served) -> None:
    params = {"ref": "role:客户经理", "x": "role:销售副主任,dept:办事处@1"}
    status, _, body = fetch(explorer.base + "/api/static/role?" + urllib.parse.urlencode(params))
    assert status == 200
    page = body.decode()
    data = json.loads(page.split('<script type="application/json" id="kg-data">', 1)[1].split("</script>", 1)[0])
    _, centre = get(explorer, "/api/node", ref="role:客户经理")
    _, boss = get(explorer, "/api/node", ref="role:销售副主任")
    _, office = get(explorer, "/api/node", ref="dept:办事处", limit=1)
    expected = {n["id"] for p in (centre, boss, office) for n in p["graph"]["nodes"]}
    assert {n["props"]["id"] for n in data["nodes"]} == expected
    assert len(office["graph"]["nodes"]) == 2  # dept:办事处@1: its first relationship only
    assert data["title"] == "客户经理 and its neighbourhood"


# --------------------------------------------------------------------------- the guard
def test_every_answer_carries_the_security_headers(explorer: Served) -> None:
    status, headers, body = fetch(explorer.base + "/")
    assert status == 200 and b'<script src="/static/explore.js"' in body
    assert headers["content-security-policy"].startswith("default-src 'none'; script-src 'self';")
    assert "connect-src 'self'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY" and headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_a_write_is_refused(explorer: Served, seed: Graph, method: str) -> None:
    before = seed.status()["fact_nodes"]
    status, _, body = fetch(explorer.base + "/api/query/workload", method=method)
    assert status == 405
    assert json.loads(body) == {"error": f"the explorer is read-only: {method} is refused (use kg load)"}
    assert seed.status()["fact_nodes"] == before


def test_there_is_no_cypher_endpoint(explorer: Served) -> None:
    status, body = get(explorer, "/api/query/" + urllib.parse.quote("CREATE (n:Role {id: 'x'}) RETURN n"))
    assert status == 400 and body["error"].startswith('unknown query "CREATE (n:Role {id: \'x\'}) RETURN n"; the queries are:')
    assert get(explorer, "/api/cypher", text="MATCH (n) DETACH DELETE n") == (404, {"error": "Not Found"})


def test_a_page_elsewhere_cannot_reach_it_through_its_host_name(explorer: Served) -> None:
    status, _, body = fetch(explorer.base + "/api/health", headers={"Host": "evil.example:80"})
    assert status == 403
    assert json.loads(body)["error"].startswith("the explorer answers this machine only")


def test_a_non_loopback_request_needs_the_token(seed: Graph) -> None:
    address = outside_address()
    if address is None:
        pytest.skip("this machine has no address but loopback")
    for token in (None, TOKEN):  # without a token, the guard refuses any outside client
        served = serve_in_thread(seed, host="0.0.0.0", token=token)
        port = served.base.rsplit(":", 1)[1]
        try:
            status, _, body = fetch(f"http://{address}:{port}/api/health")
            assert status == 403, body
            if token:
                assert fetch(f"http://{address}:{port}/api/health?token=wrong")[0] == 403
                status, headers, _ = fetch(f"http://{address}:{port}/api/health?token={TOKEN}")
                assert status == 200 and "kg_explore_token=" in headers["set-cookie"]
                assert fetch(f"http://{address}:{port}/api/health", headers={"Authorization": f"Bearer {TOKEN}"})[0] == 200
                assert fetch(f"http://{address}:{port}/api/health", headers={"X-KG-Token": TOKEN})[0] == 200
        finally:
            served.stop()


# --------------------------------------------------------------------------- errors
def test_errors_are_one_line_of_json(explorer: Served) -> None:
    status, body = get(explorer, "/api/node", ref="nobody")
    assert status == 400 and body["error"].startswith("no role or department or activity or output is named 'nobody'")
    assert get(explorer, "/api/node", ref="x", skip=-1) == (422, {"error": "skip: Input should be greater than or equal to 0"})
    assert get(explorer, "/api/chain", role="客户经理", direction="sideways")[0] == 422
    status, body = get(explorer, "/api/query/reporting-chain")
    assert status == 400 and body["error"].startswith("query reporting-chain: missing required parameter 'role'")
    status, body = get(explorer, "/api/query/workload", nonsense="1")
    assert status == 400 and body["error"].startswith("query workload: unknown parameter 'nonsense'")
    assert get(explorer, "/api/runs/ffffffff") == (400, {"error": "no load run 'ffffffff' is recorded"})
    status, body = get(explorer, "/api/static/everything")
    assert status == 400 and body["error"].startswith("no static view 'everything'")


NASTY = ["", " ", "-1", "0", "1e309", "99999999999999999999999", "null", "true", "[]", "{}",
         "'; MATCH (n) DETACH DELETE n //", "$role", "\\", '"', "<img src=x onerror=alert(1)>",
         "\x00", "role:", "activity:", "%", "a" * 600, "客户经理", "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace")]
ENDPOINTS: list[tuple[str, tuple[str, ...]]] = [
    ("/api/search", ("q", "limit")),
    ("/api/node", ("ref", "skip", "limit")),
    ("/api/chain", ("role", "activity", "direction", "depth")),
    ("/api/path", ("from", "to", "limit")),
    ("/api/raci", ("area",)),
    ("/api/query/reporting-chain", ("role", "activity")),
    ("/api/query/path-between-roles", ("from_role", "to_role", "limit")),
    ("/api/query/provenance", ("from_node", "type", "to_node")),
    ("/api/csv/search", ("text",)),
    ("/api/history", ("source", "limit")),
    ("/api/static/chain", ("role", "activity")),
    ("/api/static/query", ("query", "text")),
]


def test_a_fuzz_of_every_endpoints_parameters_never_gets_a_500(explorer: Served, seed: Graph) -> None:
    import random

    rng = random.Random(21)
    before = seed.status()
    seen: set[int] = set()
    for path, names in ENDPOINTS:
        for _ in range(14):
            params = {name: rng.choice(NASTY) for name in names if rng.random() < 0.8}
            if rng.random() < 0.2:
                params[rng.choice(["zzz", "token", "skip"])] = rng.choice(NASTY)
            url = explorer.base + path + "?" + urllib.parse.urlencode(params)
            status, headers, body = fetch(url)
            seen.add(status)
            assert status < 500, (url, status, body[:300])
            if status >= 400:
                message = json.loads(body)["error"]
                assert "Traceback" not in message and "\n" not in message.strip(), (url, message)
    for bad in ("/api/runs/%00", "/api/query/%2e%2e%2fetc", "/api/node", "/api/../../etc/passwd", "/api/query/"):
        status, _, body = fetch(explorer.base + bad)
        assert 400 <= status < 500 and "error" in json.loads(body), (bad, status, body[:200])
    assert {400, 422} <= seen and 200 in seen
    after = seed.status()
    assert (after["fact_nodes"], after["fact_relationships"]) == (before["fact_nodes"], before["fact_relationships"])


def test_unreachable_neo4j_is_503_and_the_server_stays_up(settings: Settings) -> None:
    dead = replace(settings, uri=f"bolt://127.0.0.1:{free_port()}")
    driver = GraphDatabase.driver(dead.uri, auth=(dead.username, dead.password or ""), **DRIVER_CONFIG)
    served = serve_in_thread(Graph(driver, dead))
    try:
        for path in ("/api/health", "/api/search?q=x", "/api/node?ref=x", "/api/raci"):
            started = time.monotonic()
            status, _, body = fetch(served.base + path)
            assert time.monotonic() - started < 20  # said soon: the page's banner waits for it
            assert status == 503, (path, body)
            assert json.loads(body)["error"].startswith("the graph cannot be reached"), body
        assert fetch(served.base + "/")[0] == 200
    finally:
        served.stop()
        driver.close()


# --------------------------------------------------------------------------- access modes
def test_every_endpoint_reads_in_read_sessions(log: AccessLog, g: Graph) -> None:  # noqa: F811
    """Read-only by construction: each endpoint asks the driver for read access only (the
    watched driver of test_access_modes.py). Last in the module: it reloads the seed."""
    served = serve_in_thread(g)
    try:
        run = get(served, "/api/history")[1]["runs"][0]["id"]
        paths = [
            "/api/health", "/api/meta", "/api/search?q=account", "/api/node?ref=role:客户经理",
            "/api/chain?role=客户经理", "/api/chain?role=销售副主任&direction=down",
            "/api/path?from=产品经理&to=办事处主任", "/api/raci", "/api/raci?area=市场",
            "/api/queries", "/api/query/workload", "/api/csv/workload", "/api/history",
            f"/api/runs/{run}", "/api/static/role?ref=客户经理", "/api/static/chain?role=客户经理",
            "/api/static/role?ref=客户经理&x=role:销售副主任", "/api/static/query?query=path-between-roles&from_role=产品经理&to_role=办事处主任",
        ]
        log.take()
        asked = {}
        for path in paths:
            status, _, body = fetch(served.base + urllib.parse.quote(path, safe="/?=&:"))
            assert status == 200, (path, body[:200])
            asked[path] = log.take()
        assert {p: modes for p, modes in asked.items() if modes - {READ_ACCESS}} == {}
        assert set().union(*asked.values()) == {READ_ACCESS}
    finally:
        served.stop()
