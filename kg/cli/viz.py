"""`kg viz …`: draw part of the graph as one self-contained, offline HTML file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from kg.api import Graph
from kg.cli.common import KgGroup, Settings, connection_options
from kg.viz import (
    MAX_NODES,
    View,
    write_html,
)


def _output_option(default_stem: str) -> Callable[..., Any]:
    return click.option(
        "--output",
        "-o",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help=f"HTML file to write. Default: out/{default_stem}-NAME.html",
    )


def _safe_stem(text: str) -> str:
    keep = "".join(c if c.isalnum() or c in "-_" else "-" for c in text.strip())
    return "-".join(part for part in keep.split("-") if part)[:60] or "view"


def _write(view: View, output: Path | None, stem: str) -> None:
    path = write_html(view, output or Path("out") / f"{stem}.html")
    click.echo(f"{path}  ({view.node_count} nodes, {view.edge_count} relationships)")


@click.group(cls=KgGroup)
def viz() -> None:
    """Draw reporting chains, neighbourhoods, business areas or the whole model as an
    interactive HTML page that works offline (one file: mail it, put it on a wiki).

    Nodes are coloured by kind, relationships by type; hover for provenance, click for
    details, search a name, switch labels between Chinese and English, filter by type.
    A role or activity is given by id, name in either script, or English name.
    """


@viz.command("chain")
@click.option("--role", "-r", required=True, help="The role whose superiors to draw, e.g. 客户经理.")
@click.option(
    "--activity", "-a", help="Only lines stated in this activity's context, e.g. 客户意见直接反馈."
)
@_output_option("chain")
@connection_options
def chain(role: str, activity: str | None, output: Path | None, settings: Settings) -> None:
    """The reporting chain(s) upward from a role, superiors above, each line labelled
    with the activities in whose context it holds."""
    with Graph.open(settings) as db:
        view = db.view("chain", role=role, activity=activity)
    stem = "chain-" + _safe_stem(role) + (f"-{_safe_stem(activity)}" if activity else "")
    _write(view, output, stem)


@viz.command("role")
@click.argument("role")
@_output_option("role")
@connection_options
def role(role: str, output: Path | None, settings: Settings) -> None:
    """A role's neighbourhood: what it is responsible for, assists and monitors, whom it
    reports to and who reports to it, its department and outputs."""
    with Graph.open(settings) as db:
        view = db.view("role", role=role)
    _write(view, output, "role-" + _safe_stem(role))


@viz.command("activity")
@click.argument("activity")
@_output_option("activity")
@connection_options
def activity(activity: str, output: Path | None, settings: Settings) -> None:
    """An activity's neighbourhood: responsible, assisting and monitoring roles, outputs,
    parent and sub-activities, interface departments, reporting lines in its context."""
    with Graph.open(settings) as db:
        view = db.view("activity", activity=activity)
    _write(view, output, "activity-" + _safe_stem(activity))


@viz.command("area")
@click.argument("area")
@_output_option("area")
@connection_options
def area(area: str, output: Path | None, settings: Settings) -> None:
    """A business area: all its activities and everything attached to them."""
    with Graph.open(settings) as db:
        view = db.view("area", area=area)
    _write(view, output, "area-" + _safe_stem(area))


@viz.command("model")
@click.option(
    "--max-nodes",
    type=click.IntRange(min=1),
    default=MAX_NODES,
    show_default=True,
    help="Refuse to draw a larger model (draw a business area instead).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="HTML file to write. Default: out/model.html",
)
@connection_options
def model(max_nodes: int, output: Path | None, settings: Settings) -> None:
    """The whole model: every role, activity, output and department. Over 500 nodes the
    layout is computed beforehand and physics stays off."""
    with Graph.open(settings) as db:
        view = db.view("model", max_nodes=max_nodes)
    _write(view, output, "model")


@viz.command("diff")
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="HTML file to write. Default: out/diff.html",
)
def diff(old: str, new: str, output: Path | None) -> None:
    """What changes from OLD to NEW, drawn: both versions as one graph, what was added,
    removed and changed styled apart, with counts and a filter per kind of change in the
    legend, and old and new values in the details. OLD and NEW are any sources kg loads
    (documents, model files, RACI CSVs); no database is needed.

    \b
    kg viz diff model-v1.txt model-v2.yaml -o out/changes.html
    """
    from kg.viz.diff import diff_view
    from loaders.sources import read_source

    view = diff_view(read_source(old).model, read_source(new).model)
    path = write_html(view, output or Path("out") / "diff.html")
    counts = view.counts()
    summary = ", ".join(
        f"{c['nodes']} nodes and {c['edges']} relationships {what}"
        for what, c in counts.items() if what != "same"
    )
    click.echo(f"{path}  ({view.node_count} nodes, {view.edge_count} relationships: {summary})")


COMMANDS = [viz]
