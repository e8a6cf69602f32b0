"""`kg query` (the canned Cypher library) and `kg cypher` (ad-hoc Cypher)."""

from __future__ import annotations

import sys

import click
from rich.console import Console

from kg import queries as q
from kg.api import Graph
from kg.cli.common import connection_options, echo_json, format_option, is_tty
from kg.config import Settings
from kg.errors import KgError, QueryError


def _print_result(result: q.QueryResult, fmt: str) -> None:
    if fmt == "table":
        # a pipe or file gets wide lines rather than a table folded to 80 columns
        console = Console(soft_wrap=False, markup=False, emoji=False, highlight=False, width=None if is_tty() else 240)
        console.print(q.rich_table(result))
        click.echo(f"{len(result)} row(s)", err=True)
    else:
        click.echo(q.render(result, fmt), nl=False)


def _list_queries(fmt: str) -> None:
    items = q.queries()
    if fmt == "json":
        echo_json(
            [
                {
                    "name": c.name,
                    "description": c.description,
                    "params": [
                        {"name": p.name, "type": p.type, "required": p.required,
                         "default": p.default, "example": p.example}
                        for p in c.params
                    ],
                    "returns": list(c.returns),
                }
                for c in items
            ]
        )
        return
    rows = [(c.name, ", ".join(p.describe() for p in c.params), c.description) for c in items]
    if fmt in ("csv", "markdown"):
        if fmt == "markdown":
            click.echo(q.markdown_table(["query", "parameters", "description"], rows), nl=False)
        else:
            import csv

            writer = csv.writer(sys.stdout, lineterminator="\n")
            writer.writerow(["query", "parameters", "description"])
            writer.writerows(rows)
        return
    width = max(len(c.name) for c in items)
    for c in items:
        click.echo(f"{c.name:<{width}}  {c.description}")
        if c.params:
            click.echo(f"{'':<{width}}  params: {', '.join(p.describe() for p in c.params)}")
    click.echo(
        f"{len(items)} queries. Run one: kg query NAME --param KEY=VALUE; "
        "print its Cypher: kg query --show NAME. Validation rules: kg validate --list.",
        err=True,
    )


@click.command("query")
@click.argument("name", required=False)
@click.option(
    "--param", "-p", "params", multiple=True, metavar="KEY=VALUE",
    help="A parameter (repeatable). Roles and activities by id, name in any script, or English name.",
)
@click.option("--list", "list_", is_flag=True, help="List the canned queries and exit.")
@click.option("--show", is_flag=True, help="Print the query's Cypher (with its header) and exit.")
@click.option(
    "--viz", "viz_path", type=click.Path(dir_okay=False), metavar="FILE.html",
    help="Also draw the result's nodes, relationships and paths into an offline HTML page.",
)
@connection_options
@format_option(*q.FORMATS)
def query(
    settings: Settings,
    name: str | None,
    params: tuple[str, ...],
    list_: bool,
    show: bool,
    viz_path: str | None,
    fmt: str,
) -> None:
    """Run a canned query from the Cypher library (kg query --list shows them).

    \b
    kg query reporting-chain --param role=客户经理 --param activity=客户意见直接反馈
    kg query search --param text='account manager' --format json
    kg query --show reporting-chain      # the Cypher, to copy into Neo4j Browser

    Unknown query or parameter, a value of the wrong type, or a missing required
    parameter: a message listing the valid choices, exit code 2.
    """
    if list_:
        _list_queries(fmt)
        return
    if not name:
        raise QueryError(
            "give a query name (kg query --list shows them): " + ", ".join(c.name for c in q.queries())
        )
    canned = q.get_query(name)
    if show:
        click.echo(canned.text, nl=not canned.text.endswith("\n"))
        return
    raw = q.parse_param_options(params)
    q.coerce_params(canned, raw)  # usage errors before connecting
    with Graph.open(settings) as db:
        result = db.query(canned.name, **raw)
    _print_result(result, fmt)
    if viz_path:
        try:
            from kg.viz import write_query_view
        except ImportError as exc:
            raise KgError(f"--viz needs kg.viz, which cannot be imported ({exc})") from None
        title = f"{canned.name} " + " ".join(f"{k}={v}" for k, v in raw.items())
        written = write_query_view(result, viz_path, title.strip())
        click.echo(f"Wrote {written or viz_path}", err=True)


@click.command("cypher")
@click.argument("statement")
@click.option(
    "--param", "-p", "params", multiple=True, metavar="KEY=VALUE",
    help="A parameter (repeatable); the value is read as JSON when it parses (3, true, "
    "[\"a\"], \"text\"), as text otherwise.",
)
@click.option("--write", is_flag=True, help="Allow the statement to write (default: read-only).")
@connection_options
@format_option(*q.FORMATS)
def cypher(settings: Settings, statement: str, params: tuple[str, ...], write: bool, fmt: str) -> None:
    """Run ad-hoc Cypher (STATEMENT, or - to read it from standard input).

    \b
    kg cypher 'MATCH (r:Role) RETURN r.name AS role, r.name_en AS english ORDER BY role'
    kg cypher 'MATCH (r:Role {id: $id})-[:RESPONSIBLE]->(a) RETURN a.name' -p id=role:客户经理

    Read-only unless --write: the statement runs in a READ transaction, so a write is
    refused with a clear message and nothing changes.
    """
    if statement == "-":
        statement = sys.stdin.read()
    values = {k: q.parse_cli_value(v) for k, v in q.parse_param_options(params).items()}
    with Graph.open(settings) as db:
        result = db.cypher(statement, values, write=write)
    _print_result(result, fmt)


COMMANDS = [query, cypher]
