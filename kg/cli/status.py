"""`kg status`: what the configured Neo4j is and holds."""

from __future__ import annotations

import click
from rich.table import Table

from kg.api import Graph
from kg.cli.common import connection_options, console, echo_json, format_option
from kg.config import Settings


@click.command()
@connection_options
@format_option("text", "json", default="text")
def status(settings: Settings, fmt: str) -> None:
    """Connect and print server version, edition, database and counts by label/type
    (the totals count the facts; bookkeeping nodes such as Source and LoadRun apart).

    Exit code 2 when the server is unreachable, the password is wrong or the database
    does not exist.
    """
    with Graph.open(settings) as db:
        info = db.status()
    if fmt == "json":
        echo_json(info)
        return
    bookkeeping = info["nodes"] - info["fact_nodes"]
    click.echo(
        f"{info['server']} {info['version']} ({info['edition']}) at {info['uri']}, "
        f"database {info['database']!r}: {info['fact_nodes']} roles, activities, outputs "
        f"and departments, {info['fact_relationships']} relationships between them"
        + (f" (and {bookkeeping} bookkeeping node{'s' * (bookkeeping != 1)})" if bookkeeping else "")
    )
    staged = info["staged_nodes"]
    if staged:
        click.echo(
            f"{staged} hidden staged nodes are what an interrupted load left: no query of "
            "the knowledge graph sees them, and the next `kg load` deletes them."
        )
    if info["labels"] or info["relationship_types"]:
        table = Table(show_header=True, header_style="bold", box=None)
        table.add_column("kind")
        table.add_column("name")
        table.add_column("count", justify="right")
        for label, n in info["labels"].items():
            table.add_row("node", label, str(n))
        for rtype, n in info["relationship_types"].items():
            table.add_row("relationship", rtype, str(n))
        console().print(table)


COMMANDS = [status]
