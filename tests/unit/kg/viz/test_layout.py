"""Where nodes go: levels of reporting chains, the precomputed force layout, and which
layout a view gets."""

from __future__ import annotations

import math

import pytest

from kg.viz import (
    PHYSICS_MAX_NODES,
    Subgraph,
    View,
    ViewEdge,
    ViewNode,
    build_network,
    choose_layout,
    force_layout,
    render_html,
    reporting_levels,
)
from tests.unit.kg.viz.pages import page_data, synthetic


def roles(*keys: str) -> Subgraph:
    graph = Subgraph()
    for key in keys:
        graph.nodes[key] = ViewNode(key, ("Role",), {"name": key})
    return graph


def link(graph: Subgraph, start: str, end: str, rel_type: str = "REPORTS_TO") -> None:
    key = f"{start}-{rel_type}-{end}"
    graph.edges[key] = ViewEdge(key, rel_type, start, end, {})


# --------------------------------------------------------------------------- choice
def test_auto_layout_is_physics_up_to_the_limit_then_fixed() -> None:
    assert choose_layout("auto", 0) == "physics"
    assert choose_layout("auto", PHYSICS_MAX_NODES) == "physics"
    assert choose_layout("auto", PHYSICS_MAX_NODES + 1) == "fixed"
    for asked in ("hierarchical", "physics", "fixed"):
        assert choose_layout(asked, PHYSICS_MAX_NODES + 1) == asked


def test_large_views_get_a_precomputed_layout_and_no_physics() -> None:
    small = build_network(synthetic(PHYSICS_MAX_NODES))
    assert small.kg["layout"] == "physics"
    assert all("x" not in n for n in small.nodes)
    big_view = synthetic(PHYSICS_MAX_NODES + 1)
    big = build_network(big_view)
    assert big.kg["layout"] == "fixed"
    xs = {(n["x"], n["y"]) for n in big.nodes}
    assert len(xs) == PHYSICS_MAX_NODES + 1  # every node placed, none on top of another
    data = page_data(render_html(big_view, big))
    assert data["options"]["physics"] == {"enabled": False}
    assert data["options"]["layout"]["improvedLayout"] is False
    # deterministic: the same graph gives the same file
    assert render_html(big_view) == render_html(big_view)


# --------------------------------------------------------------------------- levels
def test_reporting_levels_put_superiors_above() -> None:
    graph = roles("president", "director", "assistant", "manager", "loner")
    link(graph, "director", "president")
    link(graph, "assistant", "director")
    link(graph, "manager", "director")
    link(graph, "manager", "assistant")  # two superiors on different levels
    assert reporting_levels(graph) == {
        "president": 0, "director": 1, "assistant": 2, "manager": 3, "loner": 0,
    }


def test_reporting_levels_follow_only_reporting_lines() -> None:
    graph = roles("a", "b")
    graph.nodes["dept"] = ViewNode("dept", ("Department",), {"name": "dept"})
    link(graph, "a", "b", "MONITORS")
    link(graph, "a", "dept", "BELONGS_TO")
    link(graph, "b", "dept")  # a role may report to a department
    assert reporting_levels(graph) == {"a": 0, "b": 1, "dept": 0}


def test_reporting_levels_survive_a_cycle() -> None:
    graph = roles("a", "b", "c")
    for a, b in (("a", "b"), ("b", "c"), ("c", "a")):
        link(graph, a, b)
    assert sorted(reporting_levels(graph).values()) == [0, 1, 2]
    data = page_data(render_html(View(title="cycle", subgraph=graph, layout="hierarchical")))
    assert sorted(n["level"] for n in data["nodes"]) == [0, 1, 2]


def test_reporting_levels_of_a_long_chain_need_no_recursion() -> None:
    n = 5000  # deeper than Python's recursion limit
    graph = roles(*(f"r{i}" for i in range(n)))
    for i in range(1, n):
        link(graph, f"r{i}", f"r{i - 1}")
    levels = reporting_levels(graph)
    assert levels["r0"] == 0 and levels[f"r{n - 1}"] == n - 1


# --------------------------------------------------------------------------- force layout
def test_force_layout_of_nothing_and_of_one_node() -> None:
    assert force_layout([], []) == {}
    assert force_layout(["only"], []) == {"only": (0.0, 0.0)}  # centred


def test_force_layout_is_deterministic_and_places_every_node_apart() -> None:
    keys = [f"n{i}" for i in range(40)]
    pairs = [(keys[i], keys[(i + 1) % 40]) for i in range(40)]
    first = force_layout(keys, pairs)
    assert first == force_layout(keys, iter(pairs))  # any iterable of pairs
    assert list(first) == keys
    assert len(set(first.values())) == len(keys)
    assert force_layout(keys, pairs, seed=8) != first
    # centred on the origin, rounded to tenths of a pixel
    assert abs(sum(x for x, _ in first.values()) / len(keys)) < 0.1
    assert abs(sum(y for _, y in first.values()) / len(keys)) < 0.1
    assert all(round(x, 1) == x and round(y, 1) == y for x, y in first.values())


def test_force_layout_draws_neighbours_closer_than_strangers() -> None:
    keys = [f"n{i}" for i in range(30)]
    pairs = [(keys[i], keys[i + 1]) for i in range(29)]  # a path
    pos = force_layout(keys, pairs)

    def dist(a: str, b: str) -> float:
        return math.dist(pos[a], pos[b])

    linked = sum(dist(a, b) for a, b in pairs) / len(pairs)
    everyone = [dist(a, b) for i, a in enumerate(keys) for b in keys[i + 1:]]
    assert linked < sum(everyone) / len(everyone) / 2


def test_force_layout_ignores_self_loops_and_unknown_ends() -> None:
    keys = ["a", "b", "c"]
    clean = force_layout(keys, [("a", "b")])
    assert force_layout(keys, [("a", "b"), ("c", "c"), ("a", "zz"), ("yy", "b")]) == clean


@pytest.mark.parametrize("n", [2, 3, 10])
def test_force_layout_spreads_unlinked_nodes(n: int) -> None:
    pos = force_layout([f"k{i}" for i in range(n)], [])
    assert len(set(pos.values())) == n
