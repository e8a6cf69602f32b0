"""The ``kg`` command line.  Commands are thin: parse arguments, call one library function,
format the result.  Known errors (:class:`kg.errors.KgError`) become one message and a
non-zero exit, never a traceback."""

from __future__ import annotations

import click

from kg import __version__
from kg.cli.common import KgGroup


@click.group(cls=KgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def cli() -> None:
    """kg: a knowledge base of organisation roles and business activities on Neo4j.

    Turn business-model documents into a Neo4j graph (extract, load), ask it questions
    (query, raci, validate) and look at it (viz).  Connection settings come from flags,
    NEO4J_* environment variables or a .env file; `kg server start` runs a local Neo4j.
    """


def _register() -> None:
    from kg.cli import server, status

    for module in (server, status):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main() -> None:
    cli(prog_name="kg")
