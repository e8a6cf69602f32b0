"""`kg export`: the graph for other tools (JSON, GraphML, Archi CSV) or as one model file."""

from __future__ import annotations

from pathlib import Path

import click

from kg import export as x
from kg.api import Graph
from kg.cli.common import connection_options, format_option
from kg.config import Settings
from kg.errors import QueryError


@click.command("export")
@connection_options
@format_option(*x.FORMATS, default="json")
@click.option(
    "--output", "-o", type=click.Path(), help="File to write (json, graphml; default stdout), "
    "or folder for archi-csv (required).",
)
@click.option("--model-name", default="kg organisation model", show_default=True,
              help="The model's name in Archi (archi-csv).")
@click.option("--source-id", default="kg:export", show_default=True,
              help="The source id of the model file (model).")
def export(settings: Settings, fmt: str, output: str | None, model_name: str, source_id: str) -> None:
    """Export roles, activities, outputs, departments and their relationships.

    \b
    json       every node and relationship with all properties (provenance included)
    graphml    for Gephi, yEd, Cytoscape, networkx
    archi-csv  elements.csv, relations.csv, properties.csv for Archi's CSV import
               (business roles, processes, objects; assignments carry the RACI letter)
    model      the whole graph as one kg model file (JSON, or YAML for -o x.yaml) that
               kg load reads: one statement per fact is kept as its provenance
    """
    if fmt == "archi-csv" and not output:
        raise QueryError("--format archi-csv writes three files: give --output FOLDER")
    with Graph.open(settings) as db:
        graph = db.export()
    if fmt == "archi-csv":
        assert output is not None
        for path in x.write_archi_csv(graph, output, model_name):
            click.echo(f"Wrote {path}", err=True)
        return
    if fmt == "model":
        from kg.model import Source

        title = f"kg export of database {settings.database!r}"
        model = x.to_model(graph, Source(id=source_id, title=title))
        suffix = Path(output).suffix.lower() if output else ""
        text = model.to_text("yaml" if suffix in (".yaml", ".yml") else "json")
    else:
        text = x.to_json(graph) if fmt == "json" else x.to_graphml(graph)
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"Wrote {output} ({len(graph.nodes)} nodes, {len(graph.relationships)} relationships)",
                   err=True)
    else:
        click.echo(text, nl=False)


COMMANDS = [export]
