"""The ``kg`` command line.  Commands are thin: parse arguments, call one library function,
format the result.  Known errors (:class:`kg.errors.KgError`) become one message and a
non-zero exit, never a traceback."""

from __future__ import annotations

import importlib

import click

from kg.cli.common import KgGroup
from kg.version import __version__


@click.group(cls=KgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def cli() -> None:
    """kg: a knowledge base of organisation roles and business activities on Neo4j.

    Turn business-model documents into a Neo4j graph (extract, load), ask it questions
    (query, raci, validate) and look at it (viz).  Connection settings come from flags,
    NEO4J_* environment variables or a .env file; `kg server start` runs a local Neo4j.
    """


#: Command modules, in the order `kg --help` lists them; each exposes ``COMMANDS``.
COMMAND_MODULES = (
    "server",
    "status",
    "extract",
    "load",
    "diff",
    "query",
    "raci",
    "validate",
    "export",
    "viz",
    "explore",
)


def _register() -> None:
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"kg.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"kg.cli.{name}":  # not written yet
                continue
            raise
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main() -> None:
    cli(prog_name="kg")
