"""`kg diff`: what changes between two versions of a business model."""

from __future__ import annotations

import click

from kg import changes as ch
from kg.cli.common import format_option
from kg.errors import KgError


@click.command("diff")
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@format_option(*ch.FORMATS, default="text")
def diff(old: str, new: str, fmt: str) -> None:
    """What changes from OLD to NEW: activities added, removed, renamed or moved; the RACI
    letters each role or department gains and loses; reporting lines; outputs,
    descriptions, memberships. OLD and NEW are any sources kg loads (documents, model
    files, RACI CSVs).

    \b
    kg diff model-v1.txt model-v2.txt
    kg diff model-v1.yaml model-v2.yaml --format markdown > changes.md

    Exit code 0 when the models are the same, 1 when they differ, 2 on error (like diff).
    """
    from loaders.sources import read_source

    try:
        before, after = read_source(old).model, read_source(new).model
    except KgError as exc:
        exc.exit_code = 2  # diff's convention: 1 means "they differ"
        raise
    report = ch.compare(before, after)
    click.echo(ch.render(report, fmt), nl=False)
    raise SystemExit(0 if report.same else 1)


COMMANDS = [diff]
