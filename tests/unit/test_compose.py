"""docker-compose.yml describes the same server as `kg server start` (validated without an engine)."""

from __future__ import annotations

import os
import subprocess

import yaml

from kg.config import _VARS
from tests.conftest import ROOT, require_tool

COMPOSE = ROOT / "docker-compose.yml"


def test_compose_matches_local_server() -> None:
    svc = yaml.safe_load(COMPOSE.read_text())["services"]["neo4j"]
    assert svc["image"] == "neo4j:5.26-community"
    assert svc["ports"] == ["127.0.0.1:${KG_HTTP_PORT:-7474}:7474", "127.0.0.1:${KG_BOLT_PORT:-7687}:7687"]
    env = svc["environment"]
    assert env["NEO4J_AUTH"].startswith("neo4j/${NEO4J_PASSWORD:?")  # no committed default
    heap, pagecache = _VARS["heap"][1], _VARS["pagecache"][1]
    assert env["NEO4J_server_memory_heap_initial__size"] == f"${{KG_NEO4J_HEAP:-{heap}}}"
    assert env["NEO4J_server_memory_heap_max__size"] == f"${{KG_NEO4J_HEAP:-{heap}}}"
    assert env["NEO4J_server_memory_pagecache_size"] == f"${{KG_NEO4J_PAGECACHE:-{pagecache}}}"
    assert "RETURN 1" in svc["healthcheck"]["test"][1]
    assert sorted(v.split(":")[0] for v in svc["volumes"]) == ["kg-neo4j-data", "kg-neo4j-logs"]


def _config(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    exe = require_tool("docker-compose")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "KG_"))}
    return subprocess.run(
        [exe, "-f", str(COMPOSE), "config"],
        capture_output=True,
        text=True,
        env={**clean, **env},
        check=False,
    )


def test_compose_config_validates() -> None:
    res = _config({"NEO4J_PASSWORD": "pw-from-env"})
    assert res.returncode == 0, res.stderr
    svc = yaml.safe_load(res.stdout)["services"]["neo4j"]
    assert svc["environment"]["NEO4J_AUTH"] == "neo4j/pw-from-env"
    assert svc["environment"]["NEO4J_server_memory_heap_max__size"] == "1g"
    ports = {(p["host_ip"], str(p["published"]), str(p["target"])) for p in svc["ports"]} if isinstance(
        svc["ports"][0], dict
    ) else set(svc["ports"])
    assert ports in (
        {("127.0.0.1", "7474", "7474"), ("127.0.0.1", "7687", "7687")},
        {"127.0.0.1:7474:7474/tcp", "127.0.0.1:7687:7687/tcp"},
        {"127.0.0.1:7474:7474", "127.0.0.1:7687:7687"},
    )


def test_compose_requires_a_password() -> None:
    res = _config({})
    assert res.returncode != 0
    assert "set NEO4J_PASSWORD" in res.stderr
