"""`kg server start|stop|status|logs`: the local Neo4j server."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from kg.cli.common import KgGroup, echo_json, format_option
from kg.config import load_settings
from kg.server import LocalServer


def _server(home: str | None, bolt_port: int | None, http_port: int | None) -> LocalServer:
    settings = load_settings({"home": home, "bolt_port": bolt_port, "http_port": http_port})
    return LocalServer(settings, echo=lambda m: click.echo(m, err=True))


F = TypeVar("F", bound=Callable[..., Any])


def server_options(func: F) -> F:
    """Add --home, --bolt-port and --http-port."""
    func = click.option(
        "--http-port", type=int, help="HTTP/Browser port. Env: KG_HTTP_PORT. Default: 7474."
    )(func)
    func = click.option(
        "--bolt-port", type=int, help="Bolt port. Env: KG_BOLT_PORT. Default: 7687."
    )(func)
    func = click.option(
        "--home",
        type=click.Path(file_okay=False),
        help="Data directory. Env: KG_HOME. Default: .kg",
    )(func)
    return func


@click.group(cls=KgGroup)
def server() -> None:
    """Run a local Neo4j Community 5.26 server (fetched through Maven, no Docker).

    It binds to 127.0.0.1 only, with authentication on: the password is NEO4J_PASSWORD,
    or one generated on first start and stored (mode 0600) in the data directory.
    Memory: KG_NEO4J_HEAP (default 1g) and KG_NEO4J_PAGECACHE (default 512m).
    """


@server.command()
@server_options
@click.option("--timeout", default=120.0, show_default=True, help="Seconds to wait for Bolt.")
def start(home: str | None, bolt_port: int | None, http_port: int | None, timeout: float) -> None:
    """Start the server in the background and wait until it answers (idempotent)."""
    status = _server(home, bolt_port, http_port).start(timeout=timeout)
    click.echo(f"running  pid {status.pid}  bolt {status.bolt}  browser {status.http}")


@server.command()
@server_options
def stop(home: str | None, bolt_port: int | None, http_port: int | None) -> None:
    """Stop the server cleanly and wait for it to exit."""
    if not _server(home, bolt_port, http_port).stop():
        click.echo("Neo4j is not running.")


@server.command("status")
@server_options
@format_option("text", "json", default="text")
def server_status(home: str | None, bolt_port: int | None, http_port: int | None, fmt: str) -> None:
    """Say whether the server runs, with pid, ports and version.

    Exit code 0 when it runs, 3 when it is stopped (as `systemctl status` does), so
    scripts can test it.
    """
    status = _server(home, bolt_port, http_port).status()
    if fmt == "json":
        echo_json(status.as_dict())
        if not status.running:
            raise SystemExit(3)
        return
    if status.running:
        click.echo(
            f"running  pid {status.pid}  bolt {status.bolt}  browser {status.http}  "
            f"Neo4j {status.version}  data {status.home}"
        )
    else:
        click.echo(f"stopped  (Neo4j {status.version}, data {status.home})")
        raise SystemExit(3)


@server.command()
@server_options
@click.option("-n", "--lines", default=50, show_default=True, help="How many lines.")
def logs(home: str | None, bolt_port: int | None, http_port: int | None, lines: int) -> None:
    """Show the end of the server's logs."""
    click.echo(_server(home, bolt_port, http_port).logs(lines))


COMMANDS = [server]
