"""`kg init`, `kg load`, `kg unload`, `kg history`: getting sources into the graph."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kg import changes as ch
from kg.api import Graph
from kg.cli.common import connection_options, console, echo_json, format_option, is_tty
from kg.config import Settings
from kg.errors import USAGE, KgError
from kg.queries import markdown_cell
from kg.statements import statement
from kg.text_safe import visible


@click.command()
@connection_options
def init(settings: Settings) -> None:
    """Install the graph's constraints and indexes (also done by the first load)."""
    with Graph.open(settings) as db:
        db.install_schema()
    click.echo(f"Schema installed in database {settings.database!r} at {settings.uri}.")


def _summary_table(reports: list[Any]) -> Table:
    table = Table(box=None, header_style="bold")
    for col in ("source", "status", "nodes +/-/~", "relationships +/-/~", "ms"):
        table.add_column(col, justify="right" if col == "ms" else "left")
    for r in reports:
        t = r.totals or {}
        table.add_row(
            visible(r.source),
            r.status,
            f"+{t.get('nodes_added', 0)} -{t.get('nodes_removed', 0)} ~{t.get('nodes_changed', 0)}",
            f"+{t.get('relationships_added', 0)} -{t.get('relationships_removed', 0)} "
            f"~{t.get('relationships_changed', 0)}",
            str(r.duration_ms),
        )
    return table


def _detail_table(report: Any) -> Table | None:
    rows = []
    for kind in ("nodes", "relationships"):
        for name, c in sorted(report.counts.get(kind, {}).items()):
            rows.append((kind[:-1] if kind == "nodes" else "relationship", name, c))
    if not rows:
        return None
    table = Table(box=None, header_style="bold", title=f"{visible(report.source)}: {report.status}")
    for col in ("kind", "label/type", "added", "removed", "changed"):
        table.add_column(col, justify="right" if col in ("added", "removed", "changed") else "left")
    for kind, name, c in rows:
        table.add_row(kind, name, str(c["added"]), str(c["removed"]), str(c["changed"]))
    return table


class _Bars:
    """Progress on a terminal: a line for the current stage, a bar per source."""

    def __init__(self, bars: Progress) -> None:
        self.bars = bars
        self.stage_task = bars.add_task("reading sources", total=None)

    def stage(self, text: str) -> None:
        self.bars.update(self.stage_task, description=text)

    def source(self, item: Any) -> Any:
        self.stage(f"writing {item.id}")
        task = self.bars.add_task(f"  {item.id}", total=None)

        def update(done: int, total: int) -> None:
            self.bars.update(task, completed=done, total=total)

        return update


@contextmanager
def _progress_bars(enabled: bool) -> Iterator[_Bars | None]:
    if not enabled:
        yield None
        return
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, transient=True) as bars:
        yield _Bars(bars)


@click.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path())
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.option(
    "--prune",
    is_flag=True,
    help="With a folder: also withdraw the sources loaded from files beneath it that are "
    "gone (never a source loaded from elsewhere). With --dry-run: show them.",
)
@click.option(
    "--letters",
    metavar="REL=L,…",
    help="The letters of an Excel RACI, as `kg raci --letters` writes them, e.g. assists=I "
    "for R/A/C/I (relations: responsible, assists, monitors-first, monitors-other).",
)
@click.option("--force", is_flag=True, help="Reload even if the content is unchanged, comparing with the graph as it is "
    "(a normal refresh compares with what kg last loaded): repairs facts edited by hand.")
@click.option("--source-id", help="Source id for a single document or CSV (default: derived).")
@click.option(
    "--skip-unreadable", is_flag=True,
    help="In a folder, leave out a folder that cannot be read, with a warning (by default "
    "it is an error: its files would be missing from the load).",
)
@click.option(
    "--strict-corrections",
    is_flag=True,
    help="A stale correction of a document (in its DOCUMENT.corrections.yaml) is an error "
    "instead of a warning: nothing is loaded.",
)
@click.option(
    "--details", is_flag=True, help="List every node and relationship added, removed or changed."
)
@click.option(
    "--accept-partial",
    is_flag=True,
    help="Load a document even when its extracted model falls below the quality thresholds "
    "(see `kg extract --help`); recorded on its Source node as accepted_partial.",
)
@click.option(
    "--no-first-report",
    is_flag=True,
    help="Keep no change report for a source loaded for the first time (everything it "
    "states, added): a faster first load of a large model; `kg history --show` has none for it.",
)
@format_option("table", "json")
@connection_options
def load(
    settings: Settings,
    sources: tuple[str, ...],
    dry_run: bool,
    force: bool,
    source_id: str | None,
    details: bool,
    fmt: str,
    prune: bool,
    letters: str | None,
    skip_unreadable: bool,
    strict_corrections: bool,
    accept_partial: bool,
    no_first_report: bool,
) -> None:
    """Load SOURCES into Neo4j: documents (.txt, .docx, .pdf, .html), model files
    (.json/.yaml), RACI matrices (.csv, .xlsx), and folders of them.

    Each source is an idempotent refresh scoped to it: what it states now replaces what
    it stated before, and what other sources state stays. Every file is read and checked
    before anything is written; each source is loaded all or nothing. An unchanged
    source is skipped. Prints what was added, removed and changed per label and type;
    with --dry-run also the semantic report (as `kg diff` of the model loaded last and
    the new one). A folder loads every such file beneath it (hidden files and ~$ lock
    files skipped). A document's corrections file (DOCUMENT.corrections.yaml beside it)
    is applied to what the reader made, and is part of the source: changing it reloads
    the document.

    A document is extracted and measured as `kg extract` does (its quality line: leaf
    activities with a responsible role, monitors and report lines, suspicious names,
    fields stated twice, text not placed). Below the quality thresholds it is refused with
    exit code 4 and its three most telling reasons, and nothing is loaded (not even the
    other sources); --accept-partial loads it and records its quality line on its Source
    node (accepted_partial).
    """
    from kg.raci import parse_letters
    from loaders.sources import check_request

    check_request(sources, source_id=source_id, prune=prune)  # usage errors before connecting
    mapping = parse_letters(letters) if letters else None
    with Graph.open(settings) as db, _progress_bars(is_tty() and fmt == "table") as bars:
        reports = db.load(
            list(sources),
            dry_run=dry_run,
            force=force,
            source_id=source_id,
            progress=bars.source if bars else None,
            stage=bars.stage if bars else None,
            letters=mapping,
            prune=prune,
            on_unreadable=_warn_unreadable if skip_unreadable else None,
            warn=lambda line: click.echo(f"warning: {visible(line)}", err=True),
            strict_corrections=strict_corrections,
            accept_partial=accept_partial,
            first_report=not no_first_report,
        )
    if fmt == "json":
        rows = []
        for r in reports:
            row = r.as_dict()
            if details:
                row["changes"] = [
                    {"change": c, "kind": k, "type": t, "item": i} for c, k, t, i in r.changes
                ]
            if dry_run and r.semantic is not None:
                row["semantic"] = ch.to_data(r.semantic)
            rows.append(row)
        echo_json(rows)
        return
    out = console()
    for r in reports:
        for w in r.warnings:
            click.echo(f"warning: {visible(str(r.path))}: {visible(w)}", err=True)
        if dry_run and r.status == "dry-run":
            click.echo(_semantic_text(r), nl=False)
        detail = _detail_table(r)
        if detail is not None:
            out.print(detail)
        if details:
            mark = {"added": "+", "removed": "-", "changed": "~"}
            for change, kind, name, item in r.changes:
                shown = f"(:{name} {{id: {item}}})" if kind == "node" else item
                click.echo(f"  {mark[change]} {visible(shown)}")
    out.print(_summary_table(reports))
    pruned = [r for r in reports if r.kind == "unload"]
    if pruned:
        verb = "Would withdraw" if dry_run else "Withdrew"
        click.echo(f"{verb} {len(pruned)} source(s) whose file is gone:")
        for r in pruned:
            click.echo(f"  {visible(r.source)} ({visible(str(r.path))})")
    elif prune:
        click.echo("Nothing to prune: every source loaded from the folder still has its file.")
    if dry_run:
        click.echo("Dry run: nothing was written.")


def _warn_unreadable(folder: Any, why: str) -> None:
    click.echo(f"warning: {visible(str(folder))}: cannot read the folder ({why}): left out", err=True)


def _semantic_text(report: Any) -> str:
    """The semantic report of a dry run, or why there is none."""
    if report.semantic is not None:
        return ch.to_text(report.semantic)
    return (
        f"{report.source}: no semantic report (no snapshot of the model loaded before is "
        "kept: it was loaded by an older kg; `kg load --force` keeps one)\n"
    )


@click.command()
@click.argument("source_id")
@format_option("table", "json")
@connection_options
def unload(settings: Settings, source_id: str, fmt: str) -> None:
    """Remove everything SOURCE_ID states (facts other sources state stay)."""
    from loaders.refresh import ensure_schema

    with Graph.open(settings) as db:
        ensure_schema(db)
        report = db.unload(source_id)
    if fmt == "json":
        echo_json(report.as_dict())
        return
    console().print(_summary_table([report]))


def _versions(old: str | None, new: str | None) -> str:
    """``Ver1.0 → Ver2.0``; one version when it stays; '' when none is known."""
    if old == new:
        return old or ""
    return f"{old or '∅'} → {new or '∅'}"


def _show_run(db: Graph, run: str, fmt: str) -> None:
    """Print the semantic report a run kept (``kg history --show``)."""
    with db.session(write=False) as s:
        found = s.run(statement("run-changes"), run=run).data()
    if not found:
        raise KgError(f"no load run {run!r} is recorded (see `kg history`)", exit_code=USAGE)
    if len({r["id"] for r in found}) > 1:
        listed = ", ".join(f"{r['id']} ({r['source']}, {r['started_at'][:19]})" for r in found)
        raise KgError(f"{run!r} names several runs: {listed}; give more of the id", exit_code=USAGE)
    rec = found[0]
    if rec["changes"] is not None:
        report = ch.unpack(rec["changes"])
    elif rec["status"] == "unchanged":  # nothing changed, so nothing was kept
        same = {"id": rec["source"], "title": None, "version": rec["new_version"]}
        report = ch.Changes(old_source=same, new_source=dict(same))
    else:
        raise KgError(
            f"run {rec['id']} ({rec['source']}, {rec['status']}) kept no report of what changed: "
            "it was recorded by an older kg, unloaded its source, loaded it first with "
            "--no-first-report, or no snapshot of the model loaded before it was kept"
        )
    click.echo(ch.render(report, "text" if fmt == "table" else fmt), nl=False)


@click.command()
@click.option("--source", help="Only the runs of this source id.")
@click.option("-n", "--limit", default=20, show_default=True, type=click.IntRange(min=1), help="How many runs.")
@click.option(
    "--show", "show", metavar="RUN",
    help="Print what run RUN changed (its id, or the start of it as listed): the semantic "
    "report, as `kg diff` of the model loaded before and the one loaded.",
)
@format_option("table", "text", "markdown", "json")
@connection_options
def history(settings: Settings, source: str | None, limit: int, show: str | None, fmt: str) -> None:
    """List recent load runs: when, which source, which versions (Ver1.0 → Ver2.0), what
    changed, how long. With --show RUN, what that run changed, as a semantic report
    (--format text, markdown or json)."""
    with Graph.open(settings) as db:
        if show is not None:
            _show_run(db, show.strip(), fmt)
            return
        with db.session(write=False) as s:  # a read: routed to a reader on a cluster
            rows = s.run(statement("history"), source=source, limit=limit).data()
    if fmt == "json":
        echo_json(rows)
        return
    if not rows:
        click.echo("No loads recorded yet: `kg load FILE` records one per source.")
        return
    columns = ("run", "started", "source", "versions", "status", "nodes +/-/~", "relationships +/-/~", "ms")
    cells = [
        (
            (r["id"] or "")[:8],
            r["started_at"][:19].replace("T", " "),
            r["source"],
            _versions(r["old_version"], r["new_version"]),
            r["status"],
            f"+{r['nodes_added'] or 0} -{r['nodes_removed'] or 0} ~{r['nodes_changed'] or 0}",
            f"+{r['relationships_added'] or 0} -{r['relationships_removed'] or 0} "
            f"~{r['relationships_changed'] or 0}",
            str(r["duration_ms"]),
        )
        for r in rows
    ]
    if fmt == "markdown":
        click.echo("| " + " | ".join(columns) + " |")
        click.echo("|" + " --- |" * len(columns))
        for row in cells:
            # the source and the versions come from documents; the rest is kg's own
            click.echo("| " + " | ".join(markdown_cell(c) if i in (2, 3) else c for i, c in enumerate(row)) + " |")
        return
    table = Table(box=None, header_style="bold")
    for col in columns:
        table.add_column(col)
    for row in cells:
        table.add_row(*(visible(c) for c in row))
    console().print(table)
    click.echo("What a run changed: kg history --show RUN [--format markdown|json]")


COMMANDS = [init, load, unload, history]


