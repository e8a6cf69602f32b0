"""MkDocs hooks: pages generated from the code, so they cannot drift from it.

``<!-- queries -->`` in a page becomes the catalogue of canned queries and validation
rules, read from ``cypher/*.cypher`` headers as ``kg query --list`` reads them.
"""

from __future__ import annotations

from typing import Any

from kg.queries.catalogue import CannedQuery, queries, rules


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _entry(q: CannedQuery) -> list[str]:
    lines = [f"### `{q.name}`", "", _cell(q.description), ""]
    if q.params:
        lines += ["| parameter | type | required | default | example |", "|---|---|---|---|---|"]
        for p in q.params:
            default = "" if p.required or p.default is None else f"`{p.default}`"
            choices = f" (one of {', '.join(p.choices)})" if p.choices else ""
            lines.append(
                f"| `{p.name}` | {p.type}{choices} | {'yes' if p.required else 'no'} | "
                f"{default} | {_cell(p.example or '')} |"
            )
        lines.append("")
    if q.returns:
        lines += [f"Returns: {', '.join(f'`{c}`' for c in q.returns)}", ""]
    lines += [f"Run: `kg query {q.usage()}` · file `cypher/{q.filename}`", ""]
    return lines


def catalogue_markdown() -> str:
    """The canned queries, then the validation rules by severity."""
    lines = ["## Queries", ""]
    for q in queries():
        lines += _entry(q)
    lines += ["## Validation rules", "", "`kg validate` runs every rule; each has a severity.", ""]
    for q in rules():
        lines += [*_entry(q)[:1], "", f"Severity: **{q.severity}**", "", *_entry(q)[2:]]
    return "\n".join(lines)


def on_page_markdown(markdown: str, **_: Any) -> str:
    return markdown.replace("<!-- queries -->", catalogue_markdown())
