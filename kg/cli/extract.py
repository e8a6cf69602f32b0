"""``kg extract``: a document → the model file; ``kg check-model``: validate a model file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from kg.cli.common import echo_json
from kg.errors import DocumentError
from kg.model import Model, model_format, read_model, write_model
from kg.text_safe import visible

#: Sources kg loads that are not documents to extract.
NOT_DOCUMENTS = {
    ".xlsx": "a RACI workbook",
    ".csv": "a RACI matrix",
    ".json": "a model file",
    ".yaml": "a model file",
    ".yml": "a model file",
}


def _summary(model: Model) -> dict[str, int]:
    return {
        "areas": sum(a.kind == "area" for a in model.activities),
        "activities": sum(a.kind == "activity" for a in model.activities),
        "roles": len(model.roles),
        "departments": len(model.departments),
        "outputs": len(model.outputs),
    }


@click.command("extract")
@click.argument("document", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    help="Model file to write: FILE.json, FILE.yaml, or - for YAML on stdout. "
    "Without it, only the summary is printed.",
)
@click.option("--source-id", help="Id of the source in the model (default: doc:<title>).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Format of the summary (json: machine-readable).",
)
@click.option(
    "--corrections",
    "corrections_file",
    type=click.Path(path_type=Path),
    help="A corrections file to apply to what the reader made (default: "
    "DOCUMENT.corrections.yaml beside the document, if there is one).",
)
@click.option(
    "--strict-corrections",
    is_flag=True,
    help="A stale correction (its activity or role is gone, its fact no longer stated) is an "
    "error instead of a warning.",
)
@click.option(
    "--max-size",
    type=click.IntRange(min=1),
    help="Largest document to read, in bytes of text (default 2,000,000; env "
    "KG_MAX_DOCUMENT_BYTES).",
)
@click.option(
    "--max-name",
    type=click.IntRange(min=1),
    help="Longest name of an activity, role, department or output (default 64; env "
    "KG_MAX_NAME_LENGTH).",
)
@click.option(
    "--accept-partial",
    is_flag=True,
    help="Take the model even when it falls below the quality thresholds (recorded in the "
    "model's source as accepted_partial).",
)
@click.option(
    "--max-warnings",
    type=click.IntRange(min=1),
    help="Most warnings on one page before the text is refused as not a document of this "
    "family (default 100; env KG_MAX_WARNINGS_PER_PAGE).",
)
def extract(
    document: Path,
    output: str | None,
    source_id: str | None,
    fmt: str,
    max_size: int | None,
    max_name: int | None,
    max_warnings: int | None,
    corrections_file: Path | None,
    strict_corrections: bool,
    accept_partial: bool,
) -> None:
    """Extract the organisation model of a business-model DOCUMENT: the scraped text
    (.txt, UTF-8 or a legacy Chinese encoding), a Word file (.docx), a PDF (.pdf) or the
    sharing site's saved page (.html/.htm).

    Prints what was found (areas, activities, roles, departments, outputs), the warnings
    with their page numbers, and the names the glossary cannot translate.  Exits non-zero
    if the document is unreadable, holds no recognisable activity, or is implausible as a
    document (too large, names too long, too much unplaceable text: see the --max-* options).

    Every extraction measures itself and prints one quality line: how many leaf activities
    (those without sub-activities) name a responsible role, monitors and report lines;
    how many names look like parse errors (holding a field label, an outline number such
    as 3.1 or 一、, or the names of two roles joined by 、); how many activities state a
    field twice (a missed heading); how much of the text is not placed.  Below the
    thresholds (at least 80% / 50% / 30% of leaf activities with a responsible role /
    monitors / report lines, no suspicious name, no field stated twice, at most 10% of the
    text not placed; env KG_QUALITY_MIN_RESPONSIBLE, _MIN_MONITORS, _MIN_REPORTS in percent,
    _MAX_SUSPICIOUS, _MAX_FIELDS_TWICE, _MAX_UNPLACED) the document is refused with exit
    code 4 and its three most telling reasons, and nothing is written; --accept-partial
    takes it anyway and records that in the model's source.

    A corrections file (DOCUMENT.corrections.yaml beside it, or --corrections FILE) is
    applied to what the reader made: the model records each correction applied, and each
    one that no longer applies is a warning naming its line.
    """
    from loaders.corrections import correct
    from loaders.document import extract_file
    from loaders.document.limits import Limits
    from loaders.document.quality import Thresholds

    if document.suffix.lower() in NOT_DOCUMENTS:
        raise DocumentError(
            f"{document}: {NOT_DOCUMENTS[document.suffix.lower()]}, not a document: "
            f"`kg load {document}` reads it"
        )
    if output == "-" and fmt == "json":
        raise DocumentError("--format json prints the summary on stdout: use -o FILE, not -o -")
    if output not in (None, "-"):
        model_format(Path(output))  # an unknown suffix fails before any work
    limits = Limits.from_env(max_bytes=max_size, max_name=max_name, max_warnings=max_warnings)
    thresholds = Thresholds.from_env()
    result = extract_file(
        document,
        source_id=source_id,
        limits=limits,
        thresholds=thresholds,
        accept_partial=accept_partial,
    )
    quality = result.quality
    fixed = correct(result.model, document, corrections_file, strict=strict_corrections)
    model = result.model if fixed is None else fixed.model
    if output == "-":
        click.echo(model.to_text("yaml"), nl=False)
    elif output is not None:
        write_model(model, output)
    to_stderr = output == "-"
    counts = _summary(model)
    if fmt == "json":
        data: dict[str, Any] = {
            "document": str(document),
            "output": output,
            "source": model.source.id,
            "counts": counts,
            "warnings": [{"page": w.page, "message": w.message} for w in result.warnings],
            "untranslated": result.untranslated,
            "quality": quality.as_dict(thresholds) if quality else None,
            "accepted_partial": model.source.accepted_partial,
        }
        if fixed is not None:
            data["corrections"] = {
                "file": fixed.file,
                "applied": [c.line for c in fixed.applied],
                "stale": [{"line": c.line, "why": why} for c, why in fixed.stale],
                "redundant": [{"line": c.line, "why": why} for c, why in fixed.redundant],
            }
        echo_json(data)
        return
    echo = lambda line: click.echo(line, err=to_stderr)  # noqa: E731
    echo(
        f"{document}: {counts['areas']} areas, {counts['activities']} activities, "
        f"{counts['roles']} roles, {counts['departments']} departments, "
        f"{counts['outputs']} outputs"
    )
    if quality is not None:
        echo(quality.line())
    if model.source.accepted_partial and quality is not None:
        echo("Below the quality thresholds, taken with --accept-partial (recorded in the source):")
        for reason in quality.reasons(thresholds)[:3]:
            echo(f"  - {reason}")
    if output not in (None, "-"):
        echo(f"Wrote {output}")
    elif output is None:
        echo("(nothing written: use -o FILE.json, -o FILE.yaml or -o - to write the model)")
    if result.warnings:
        echo(f"{len(result.warnings)} warning(s):")
        for w in result.warnings:
            echo(f"  page {w.page}: {visible(w.message)}")
    if fixed is not None:
        echo(fixed.summary())
        for line in fixed.warnings():
            echo(f"  {visible(line)}")
    if result.untranslated:
        echo(f"Untranslated ({len(result.untranslated)}): " + visible(", ".join(result.untranslated)))


@click.command("check-model")
@click.argument("model_file", type=click.Path(dir_okay=False, path_type=Path))
def check_model(model_file: Path) -> None:
    """Validate a model FILE (.json/.yaml): schema, types and references; or a corrections
    file (NAME.corrections.yaml): its operations, and that none contradicts another.

    Errors name the offending place, e.g. ``activities[3].monitors[0].id: unknown id``,
    or the line of a correction.
    """
    from loaders.corrections import SUFFIX, CorrectionsError, contradictions, read

    if model_file.name.endswith(SUFFIX):
        fixes = read(model_file)
        problems = contradictions(fixes)
        if problems:
            raise CorrectionsError(f"{model_file}: contradicting corrections", problems)
        click.echo(f"{model_file}: valid ({len(fixes)} corrections)")
        return
    model = read_model(model_file)
    counts = _summary(model)
    click.echo(
        f"{model_file}: valid ({counts['areas']} areas, {counts['activities']} activities, "
        f"{counts['roles']} roles, {counts['departments']} departments, "
        f"{counts['outputs']} outputs)"
    )


COMMANDS = [extract, check_model]
