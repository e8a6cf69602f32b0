"""A view as ONE self-contained HTML page.

The network goes into kg's own template (``kg/templates/view.html``), not pyvis's:
vis-network's standalone script (shipped in the pyvis package, licence header kept) is
embedded inline, nothing is loaded from the network, and a Content-Security-Policy with
the scripts' hashes forbids any other script, any request, and inline event handlers.

Names, descriptions and sentences come from documents: they travel to the page only as
JSON inside ``<script type="application/json">`` (``<``, ``>``, ``&`` escaped, see
:func:`script_json`), and the page's script puts them on screen with ``textContent`` /
vis tooltips of plain text — never as HTML.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from pyvis.network import Network

from kg.viz.layout import choose_layout
from kg.viz.network import build_network
from kg.viz.styles import EDGE_STYLES, FONT, GROUP_ORDER, NODE_STYLES
from kg.viz.subgraph import ViewData, ViewError

VIS_JS = "lib/vis-9.1.2/vis-network.min.js"
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@cache
def vis_network_js() -> str:
    """vis-network's standalone build as shipped inside pyvis (Apache-2.0 OR MIT; its
    licence header is kept)."""
    return (resources.files("pyvis") / VIS_JS).read_text(encoding="utf-8")


@cache
def _asset(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html"]),
        keep_trailing_newline=True,
    )


def script_json(data: Any) -> str:
    """JSON safe inside a ``<script>`` element: no ``<``, ``>``, ``&`` or line separators
    survive, so no text can close the element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def vis_options(layout: str, node_count: int) -> dict[str, Any]:
    """vis-network's options: one group per node style, and the layout's settings."""
    groups: dict[str, Any] = {}
    for name, style in NODE_STYLES.items():
        groups[name] = {
            "shape": style.shape,
            "color": {
                "background": style.background,
                "border": style.border,
                "highlight": {"background": "#fff6b3", "border": "#222222"},
                "hover": {"background": style.background, "border": "#222222"},
            },
            "borderWidth": 1.5,
            "font": {
                "face": FONT,
                "color": style.font_color,
                "size": 16 if style.bold else 14,
                **({"bold": {"face": FONT}} if style.bold else {}),
            },
            "margin": 8,
        }
    options: dict[str, Any] = {
        "groups": groups,
        "nodes": {
            "font": {"face": FONT, "size": 14},
            "shapeProperties": {"borderRadius": 4},
            "widthConstraint": {"maximum": 180},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            # a label sits on a box of the page's colour: the line it names runs behind it,
            # not through its text
            "font": {"face": FONT, "size": 11, "color": "#444", "strokeWidth": 0,
                     "background": "rgba(255,255,255,0.94)"},
            "selectionWidth": 1.5,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "navigationButtons": False,
            "keyboard": {"enabled": True, "bindToWindow": False},
            "multiselect": True,
        },
    }
    if layout == "hierarchical":  # small views: larger type
        for group in groups.values():
            group["font"]["size"] += 3
        options["edges"]["font"]["size"] = 13
        options["layout"] = {
            "hierarchical": {
                "enabled": True,
                "direction": "UD",
                "sortMethod": "directed",
                "levelSeparation": 130,
                "nodeSpacing": 280,
                "treeSpacing": 220,
                "blockShifting": True,
                "edgeMinimization": True,
                "parentCentralization": True,
            }
        }
        options["physics"] = {"enabled": False}
        options["edges"]["smooth"] = {"type": "cubicBezier", "forceDirection": "vertical", "roundness": 0.4}
    elif layout == "physics":
        options["layout"] = {"improvedLayout": node_count <= 150, "randomSeed": 7}
        options["physics"] = {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -70,
                "centralGravity": 0.008,
                "springLength": 130,
                "springConstant": 0.06,
                "avoidOverlap": 0.6,
            },
            "stabilization": {
                "enabled": True,
                "iterations": 600 if node_count <= 150 else 300, "updateInterval": 50,
                "fit": True,
            },
        }
        options["edges"]["smooth"] = {"type": "continuous", "roundness": 0.3}
    else:  # fixed: positions computed here, no physics, cheap drawing
        options["layout"] = {"improvedLayout": False}
        options["physics"] = {"enabled": False}
        options["edges"]["smooth"] = False
        options["interaction"]["hideEdgesOnDrag"] = True
        options["interaction"]["hideEdgesOnZoom"] = True
    return options


def legend(net: Network) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The legend's node groups and relationship styles that occur, with their counts."""
    groups: dict[str, int] = {}
    for n in net.nodes:
        groups[n["group"]] = groups.get(n["group"], 0) + 1
    styles: dict[str, int] = {}
    for e in net.edges:
        styles[e["style"]] = styles.get(e["style"], 0) + 1
    node_items = [
        {
            "key": g,
            "title": NODE_STYLES[g].title,
            "count": groups[g],
            "shape": NODE_STYLES[g].shape,
            "background": NODE_STYLES[g].background,
            "border": NODE_STYLES[g].border,
        }
        for g in GROUP_ORDER
        if g in groups
    ]
    edge_items = [
        {
            "key": s,
            "title": EDGE_STYLES[s].title,
            "count": styles[s],
            "color": EDGE_STYLES[s].color,
            "width": EDGE_STYLES[s].width,
            "dashes": list(EDGE_STYLES[s].dashes) if EDGE_STYLES[s].dashes else [],
        }
        for s in EDGE_STYLES
        if s in styles
    ]
    return node_items, edge_items


@cache
def _inline_scripts() -> tuple[str, str, str]:
    """vis-network's script and the page's, checked, and the Content-Security-Policy that
    names their hashes: once a process (lowering and hashing half a megabyte of script
    cost every page about 10 ms)."""
    vis_js = vis_network_js()
    view_js = _asset("view.js")
    for script in (vis_js, view_js):
        if "</script" in script.lower():  # pragma: no cover - a guard on shipped files
            raise RuntimeError("an inline script contains '</script'")
    csp = "; ".join(
        [
            "default-src 'none'",
            f"script-src '{_sha256(vis_js)}' '{_sha256(view_js)}'",
            "style-src 'unsafe-inline'",
            "img-src data:",
            "font-src data:",
            "connect-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    assert '"' not in csp  # written into an attribute as it is
    return vis_js, view_js, csp


def render_html(view: ViewData, net: Network | None = None) -> str:
    """The view as one self-contained HTML page (see the module doc)."""
    if net is None:  # a view that builds its own network (kg.viz.diff) is asked to
        make = getattr(view, "network", None)
        net = make() if callable(make) else build_network(view)
    default = {"layout": choose_layout(view.layout, view.node_count), "sources": [], "sentences": []}
    meta = getattr(net, "kg", default)
    node_items, edge_items = legend(net)
    edge_styles = {
        key: {
            "color": s.color,
            "width": s.width,
            "dashes": list(s.dashes) if s.dashes else False,
        }
        for key, s in EDGE_STYLES.items()
    }
    payload = {
        "title": view.title,
        "query": view.query,
        "params": {k: v for k, v in view.params.items()},
        "layout": meta["layout"],
        "nodes": net.nodes,
        "edges": net.edges,
        "sources": meta["sources"],
        "sentences": meta["sentences"],
        "contexts": view.contexts,
        "edgeStyles": edge_styles,
        "edgeTitles": {k: s.title for k, s in EDGE_STYLES.items()},
        "groupTitles": {k: s.title for k, s in NODE_STYLES.items()},
        "options": vis_options(meta["layout"], len(net.nodes)),
        "edgeLabels": "contexts" if meta["layout"] == "hierarchical" else "none",
        # a change view (kg.viz.diff): the kinds of change, their colours and counts
        "changes": meta.get("changes"),
    }
    vis_js, view_js, csp = _inline_scripts()
    params_text = ", ".join(f"{k} = {v}" for k, v in view.params.items() if v is not None)
    return _environment().get_template("view.html").render(
        title=view.title,
        query=view.query,
        params_text=params_text,
        cypher=view.cypher,
        params_json=json.dumps(view.params, ensure_ascii=False, indent=2),
        node_count=len(net.nodes),
        edge_count=len(net.edges),
        node_legend=node_items,
        edge_legend=edge_items,
        change_legend=meta.get("changes") or [],
        csp=csp,
        css=_asset("view.css"),
        vis_js=vis_js,
        view_js=view_js,
        data_json=script_json(payload),
    )


def write_html(view: ViewData, path: str | Path) -> Path:
    """Write the view's page to ``path`` (folders are created); returns the path."""
    path = Path(path)
    if path.suffix.lower() not in (".html", ".htm"):
        raise ViewError(f"{path}: a view is an HTML file, name it *.html")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(render_html(view), encoding="utf-8")
    tmp.replace(path)
    return path


def iframe(page: str, height: int = 640) -> str:
    """A page as an ``<iframe srcdoc>`` for notebooks (escaped once more as an attribute)."""
    return (
        f'<iframe srcdoc="{html.escape(page, quote=True)}" '
        f'style="width:100%;height:{height}px;border:1px solid #ddd" '
        'sandbox="allow-scripts"></iframe>'
    )
