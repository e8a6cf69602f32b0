"""`kg export`: the graph for other tools (JSON, GraphML, Archi CSV), as one model file, or
written back as a business-model document (Word, HTML) in a house style."""

from __future__ import annotations

from pathlib import Path

import click

from kg import export as x
from kg import publish
from kg.api import Graph
from kg.cli.common import connection_options, format_option
from kg.config import Settings
from kg.errors import QueryError
from kg.model import Model, Source, read_model


@click.command("export")
@connection_options
@format_option(*x.FORMATS, *publish.FORMATS, default="json")
@click.option(
    "--output", "-o", type=click.Path(), help="File to write (json, graphml, model, html; default "
    "stdout; docx: required), or folder for archi-csv (required).",
)
@click.option("--model-name", default="kg organisation model", show_default=True,
              help="The model's name in Archi (archi-csv).")
@click.option("--source-id", default="kg:export", show_default=True,
              help="The source id of the model file (model).")
@click.option("--style", type=click.Choice(publish.STYLES), default="site", show_default=True,
              help="The house style of a document (docx, html): see above.")
@click.option("--model", "model_file", type=click.Path(dir_okay=False),
              help="Write this model file (.json/.yaml) as the document instead of the graph "
              "(docx, html; no database needed).")
@click.option("--title", help="The document's title (docx, html; default: the model file's; for "
              "the graph, its source's when it holds one with a title, else 业务模型).")
def export(settings: Settings, fmt: str, output: str | None, model_name: str, source_id: str,
           style: str, model_file: str | None, title: str | None) -> None:
    """Export roles, activities, outputs, departments and their relationships.

    \b
    json       every node and relationship with all properties (provenance included)
    graphml    for Gephi, yEd, Cytoscape, networkx
    archi-csv  elements.csv, relations.csv, properties.csv for Archi's CSV import
               (business roles, processes, objects; assignments carry the RACI letter)
    model      the whole graph as one kg model file (JSON, or YAML for -o x.yaml) that
               kg load reads: one statement per fact is kept as its provenance
    docx, html the graph (or --model FILE) as a business-model document, --style:
      site     the bundled document's family, which kg extract reads back: title
               (Ver), 目的, overview 分为N大业务, X直接归属Y管理, areas 2.名称工作,
               activities A., sub-activities a., bullets •, labelled fields
               业务描述: 业务输出: 主要责任人: 协助人: 管理者: 汇报关系: 接口部门:
      decimal  headings numbered 3, 3.1, 3.1.2 (Word heading styles), fields as
               labelled paragraphs (主要责任人：…; 第一监控人：X；其他监控人：Y)
      table    each area one table: a row per activity, a number column (3.1.2)
               giving the nesting, the field labels as column headers
    Every area starts a new page; the same model gives the same bytes.
    """
    if fmt == "archi-csv" and not output:
        raise QueryError("--format archi-csv writes three files: give --output FOLDER")
    if fmt in publish.FORMATS:
        _document(settings, fmt, output, style, model_file, title)
        return
    if model_file is not None:
        raise QueryError("--model is written by --format docx or html only")
    with Graph.open(settings) as db:
        graph = db.export()
    if fmt == "archi-csv":
        assert output is not None
        for path in x.write_archi_csv(graph, output, model_name):
            click.echo(f"Wrote {path}", err=True)
        return
    if fmt == "model":
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


def _document(settings: Settings, fmt: str, output: str | None, style: str,
              model_file: str | None, title: str | None) -> None:
    """``--format docx|html``: the graph or a model file as a document."""
    if fmt == "docx" and not output:
        raise QueryError("--format docx writes a Word file: give --output FILE.docx")
    model: Model
    if model_file is not None:
        model = read_model(model_file)
    else:
        with Graph.open(settings) as db:
            graph = db.export()
            titled = [s for s in db.query("sources").dicts() if s["title"]]
        # the title and version of the one titled source the graph holds, if it is one
        one = titled[0] if len(titled) == 1 else {"title": "业务模型", "version": None}
        model = x.to_model(graph, Source(id="kg:export", title=one["title"], version=one["version"]))
    if title:
        model.source.title = title
    data = publish.render(model, fmt, style)
    if output:
        tmp = Path(output).with_name(Path(output).name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(output)
        areas = sum(1 for a in model.activities if a.kind == "area")
        click.echo(f"Wrote {output} ({style} style: {areas} areas, "
                   f"{len(model.activities) - areas} activities)", err=True)
    else:
        click.echo(data.decode("utf-8"), nl=False)


COMMANDS = [export]
