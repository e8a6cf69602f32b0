"""`kg diff`: what changes between two versions of a business model."""

from __future__ import annotations

import click

from kg import changes as ch
from kg.api import Graph
from kg.cli.common import connection_options, format_option
from kg.config import Settings
from kg.errors import KgError


@click.command("diff")
@click.argument("sources", nargs=-1, required=True, metavar="[OLD] NEW", type=click.Path(dir_okay=False))
@click.option(
    "--graph", "graph_source", metavar="SOURCE_ID",
    help="Compare NEW with what the graph holds of SOURCE_ID (the model kg last loaded).",
)
@format_option(*ch.FORMATS, default="text")
@connection_options
def diff(settings: Settings, sources: tuple[str, ...], graph_source: str | None, fmt: str) -> None:
    """What changes from OLD to NEW: activities added, removed, renamed or moved; the RACI
    letters each role or department gains and loses; reporting lines; outputs,
    descriptions, memberships. OLD and NEW are any sources kg loads (documents, model
    files, RACI CSVs).

    \b
    kg diff model-v1.txt model-v2.txt
    kg diff model-v1.yaml model-v2.yaml --format markdown > changes.md
    kg diff --graph 'doc:以客户为中心的营销业务模型' model-v2.docx   # against the graph

    Exit code 0 when the models are the same, 1 when they differ, 2 on error (like diff).
    """
    from loaders.sources import read_source

    wanted = 1 if graph_source else 2
    if len(sources) != wanted:
        raise click.UsageError(
            "give NEW with --graph SOURCE_ID" if graph_source else "give OLD and NEW"
        )
    try:
        if graph_source:
            with Graph.open(settings) as g:
                before = g.loaded_model(graph_source)
        else:
            before = read_source(sources[0]).model
        after = read_source(sources[-1]).model
    except KgError as exc:
        exc.exit_code = 2  # diff's convention: 1 means "they differ"
        raise
    report = ch.compare(before, after)
    click.echo(ch.render(report, fmt), nl=False)
    raise SystemExit(0 if report.same else 1)


COMMANDS = [diff]
