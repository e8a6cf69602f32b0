"""What several commands share: error handling, connection options, output formats."""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from typing import Any

import click
from rich.console import Console

from kg.config import Settings, load_settings
from kg.errors import KgError
from kg.text_safe import visible


@functools.cache
def _failure(exit_code: int) -> type[click.ClickException]:
    """A :class:`click.ClickException` that exits with ``exit_code`` (click declares the
    exit code per class)."""
    return type(f"KgFailure{exit_code}", (click.ClickException,), {"exit_code": exit_code})


def _interrupted() -> SystemExit:
    click.echo("Interrupted.", err=True)
    return SystemExit(130)


class KgGroup(click.Group):
    """A group that turns :class:`KgError` into a one-line message and its exit code, and
    Ctrl-C into ``Interrupted.`` and 130 (click would say ``Aborted!`` and exit 1)."""

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except KeyboardInterrupt:  # while the arguments are parsed (--help, --version)
            raise _interrupted() from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KgError as exc:  # one line, and one per detail, whatever names they quote
            lines = [visible(exc.message), *(f"  - {visible(d)}" for d in exc.details)]
            raise _failure(exc.exit_code)("\n".join(lines)) from None
        except BrokenPipeError:  # `kg … | head`: the reader left; say nothing more
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise SystemExit(1) from None
        except OSError as exc:  # a file the user named cannot be read or written
            where = exc.filename or "file"
            raise _failure(2)(f"{where}: {exc.strerror or exc}") from None
        except KeyboardInterrupt:
            raise _interrupted() from None


def connection_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add --uri/--username/--password/--database/--home and pass ``settings``."""

    @click.option("--uri", help="Neo4j URI (bolt://, neo4j://, neo4j+s://). Env: NEO4J_URI.")
    @click.option("--username", "-u", help="Neo4j user. Env: NEO4J_USERNAME. Default: neo4j.")
    @click.option(
        "--password",
        help="Neo4j password. Env: NEO4J_PASSWORD. Default: the local server's generated one.",
    )
    @click.option("--database", "-d", help="Database name. Env: NEO4J_DATABASE. Default: neo4j.")
    @click.option(
        "--home",
        type=click.Path(file_okay=False),
        help="Data directory of the local server. Env: KG_HOME. Default: .kg",
    )
    @click.option("--bolt-port", type=int, help="Bolt port of the local server. Env: KG_BOLT_PORT.")
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        overrides = {
            "uri": kwargs.pop("uri"),
            "username": kwargs.pop("username"),
            "password": kwargs.pop("password"),
            "database": kwargs.pop("database"),
            "home": kwargs.pop("home"),
            "bolt_port": kwargs.pop("bolt_port"),
        }
        kwargs["settings"] = load_settings(overrides)
        return func(*args, **kwargs)

    return wrapper


def format_option(*choices: str, default: str = "table") -> Callable[..., Any]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help="Output format.",
    )


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def is_tty() -> bool:
    return sys.stdout.isatty()


def console() -> Console:
    """A rich console for tables: terminal width on a terminal, wide (no wrapping) in pipes."""
    return Console(highlight=False, markup=False, emoji=False, width=None if is_tty() else 240)


__all__ = [
    "KgGroup",
    "Settings",
    "connection_options",
    "console",
    "echo_json",
    "format_option",
    "is_tty",
]
