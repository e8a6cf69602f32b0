"""`kg explore`: the read-only workbench over the live graph, in the browser."""

from __future__ import annotations

import click

from kg.api import Graph
from kg.cli.common import Settings, connection_options
from kg.explore import DEFAULT_HOST, DEFAULT_PORT, DRIVER_CONFIG, check_free, plan, serve


@click.command()
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=int, help="Port to listen on.")
@click.option("--host", default=DEFAULT_HOST, show_default=True,
              help="Address to listen on; other than loopback only with --token.")
@click.option("--token", envvar="KG_EXPLORE_TOKEN",
              help="A secret every request must present (needed with --host). Env: KG_EXPLORE_TOKEN.")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the default browser.")
@connection_options
def explore(settings: Settings, port: int, host: str, token: str | None, open_browser: bool) -> None:
    """Explore the live graph in the browser: search, a page per role, activity,
    department, output and area, reporting chains, paths, the RACI grid, every canned
    query as a form, load history; read-only, on 127.0.0.1 unless --host and --token."""
    listen = plan(host, port, token)
    check_free(listen)
    with Graph.open(settings, **DRIVER_CONFIG) as g:
        serve(g, listen, open_browser=open_browser, echo=click.echo)


COMMANDS = [explore]
