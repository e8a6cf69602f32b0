"""`kg validate`: rules over the loaded graph; a non-zero exit on errors (for CI)."""

from __future__ import annotations

import click
from rich.table import Table
from rich.text import Text

from kg.api import Graph
from kg.cli.common import connection_options, console, echo_json, format_option
from kg.config import Settings
from kg.text_safe import visible
from kg.validate import select_rules, short_name

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


@click.command("validate")
@connection_options
@format_option("table", "json", default="table")
@click.option("--rule", "rule_names", multiple=True, metavar="NAME", help="Run only this rule (repeatable).")
@click.option("--list", "list_", is_flag=True, help="List the rules and exit.")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.pass_context
def validate_command(
    ctx: click.Context,
    settings: Settings,
    fmt: str,
    rule_names: tuple[str, ...],
    list_: bool,
    strict: bool,
) -> None:
    """Check the loaded graph: gaps, conflicts, cycles, likely duplicates.

    Prints each finding with its severity and the offending nodes, then a summary.
    Exit code 1 when a finding has severity error (with --strict: warning too), so it can
    gate a CI pipeline of model files; 0 otherwise.
    """
    if list_:
        chosen = select_rules(rule_names)
        if fmt == "json":
            echo_json([{"rule": short_name(x), "severity": x.severity, "description": x.description}
                       for x in chosen])
        else:
            for x in chosen:
                click.echo(f"{x.severity:<8} {short_name(x):<32} {x.description}")
        return
    with Graph.open(settings) as db:
        report = db.validate(rule_names or None)
    if fmt == "json":
        echo_json(report.as_dict())
    else:
        if report.findings:
            table = Table(show_header=True, header_style="bold", box=None)
            for col in ("severity", "rule", "nodes", "detail"):
                table.add_column(col)
            for f in report.findings:
                # styled as a Text, not markup: the console reads no markup (document text)
                table.add_row(
                    Text(f.severity, style=_STYLE[f.severity]), f.rule,
                    visible(", ".join(f.nodes)), visible(f.detail),
                )
            console().print(table)
        click.echo(report.summary_line())
    failed = report.has_errors or (strict and report.count("warning") > 0)
    if failed:
        ctx.exit(1)


validate_command.name = "validate"
COMMANDS = [validate_command]
