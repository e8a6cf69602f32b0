"""`kg raci`: the RACI matrix of the loaded graph."""

from __future__ import annotations

from pathlib import Path

import click

from kg import raci as r
from kg.api import Graph
from kg.cli.common import connection_options, format_option
from kg.config import Settings
from kg.errors import QueryError

SUFFIX_FORMATS = {".xlsx": "xlsx", ".csv": "csv", ".html": "html", ".htm": "html", ".md": "markdown"}


@click.command("raci")
@connection_options
@format_option(*r.FORMATS, default="markdown")
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False), help="Write to this file (required for xlsx)."
)
@click.option(
    "--letters", metavar="REL=L,…",
    help="Change letters, e.g. assists=I (relations: responsible, assists, monitors-first, "
    "monitors-other; defaults R, S, A, C).",
)
@click.option(
    "--area", metavar="AREA",
    help="Only this business area (id, name in any script, or English name), with the "
    "roles and departments that have a letter in it.",
)
def raci(
    settings: Settings, fmt: str, output: str | None, letters: str | None, area: str | None
) -> None:
    """The RACI matrix: activities × roles, grouped by business area.

    R responsible, S assists, A first monitor, C other monitor (change them with
    --letters). The CSV format loads back with `kg load matrix.csv` (same relationships).
    The matrix is written row by row (csv, markdown, xlsx: any size); an html page of
    more than 2 million cells is refused: draw one --area at a time.
    """
    mapping = r.parse_letters(letters)
    if output and click.get_current_context().get_parameter_source("fmt") is not (
        click.core.ParameterSource.COMMANDLINE
    ):
        # no --format: the file's suffix says it (m.xlsx, m.csv, m.html, m.md)
        fmt = SUFFIX_FORMATS.get(Path(output).suffix.lower(), fmt)
    elif output and SUFFIX_FORMATS.get(Path(output).suffix.lower(), fmt) != fmt:
        raise QueryError(
            f"--format {fmt} does not match {output!r}: use a matching suffix or drop --format"
        )
    if fmt == "xlsx" and not output:
        raise QueryError("--format xlsx writes a workbook: give --output FILE.xlsx")
    with Graph.open(settings) as db:
        matrix = db.raci(mapping, area)
    if fmt == "html":
        r.check_size(matrix)  # a page no browser could open; the others stream to any size
    if fmt == "xlsx":
        assert output is not None
        r.write_xlsx(matrix, output)
        click.echo(f"Wrote {output}", err=True)
        return
    writer = r.WRITERS.get(fmt)
    if writer is None:
        raise QueryError(f"format {fmt!r} is not text (one of csv, markdown, html; xlsx needs --output)")
    if output:
        # a byte-order mark tells Excel the CSV is UTF-8 (kg load accepts it)
        encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
        with open(output, "w", encoding=encoding, newline="") as out:
            writer(matrix, out)
        click.echo(f"Wrote {output}", err=True)
    else:
        writer(matrix, _Echo())  # type: ignore[arg-type]


class _Echo:
    """Standard output as a text stream (through click.echo, as every other command)."""

    def write(self, text: str) -> int:
        click.echo(text, nl=False)
        return len(text)


COMMANDS = [raci]
