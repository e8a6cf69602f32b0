"""kg.text_safe: names from documents cannot forge lines, escape sequences or markup in
any text or markdown renderer (#24 item 3: a role named with newlines printed
``- role role:总经理 removed`` as if it were a change; OSC sequences passed raw; in
markdown a backtick closed the code span and ``<script>`` after it was raw)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kg.changes import compare, to_markdown, to_text
from kg.cli import cli
from kg.model import Model, read_model
from kg.queries import markdown_cell, markdown_table
from kg.raci import to_markdown as raci_markdown
from kg.text_safe import md_code, md_text, visible

SEED = Path(__file__).resolve().parents[2] / "data" / "seed.expected.yaml"
#: A tag markdown would read: ``<`` not escaped, outside a code span.
RAW_TAG = re.compile(r"(?<!\\)<script>")
CODE_SPAN = re.compile(r"(`+)(.+?)\1")


def raw_tag(markdown: str) -> bool:
    return bool(RAW_TAG.search(CODE_SPAN.sub("", markdown)))
#: A name that, printed raw, adds a line of its own, sets the terminal's title, shows
#: reversed text, and in markdown closes a code span and opens a tag.
FORGED = "客户经理\n  - role role:总经理 removed\x1b]0;owned\x07\u202e` <script>alert(1)</script>|"


def test_visible_escapes_controls_separators_and_bidi() -> None:
    assert visible("客户经理") == "客户经理"
    assert visible("a\nb\r\tc") == "a\\nb\\r\\tc"
    assert visible("\x1b[31mred\x1b]8;;http://x\x1b\\") == "\\x1b[31mred\\x1b]8;;http://x\\x1b\\"
    assert visible("x\u2028y\u2029z\u0085") == "x\\u2028y\\u2029z\\x85"
    assert visible("\u202egnp.exe\u2066\u200b\ufeff") == "\\u202egnp.exe\\u2066\\u200b\\ufeff"
    assert visible("a b\u3000c") == "a b\u3000c"  # spaces are seen


def test_markdown_spans() -> None:
    assert md_text("a|b <script> `x` *y* [l](u) &amp; ~z~ \\") == (
        "a\\|b \\<script> \\`x\\` \\*y\\* \\[l\\](u) \\&amp; \\~z\\~ \\\\")
    assert md_text("a\nb") == "a\\\\nb"  # the escape shown, its backslash escaped
    assert md_code("plain") == "`plain`"
    assert md_code("a`b") == "`` a`b ``"
    assert md_code("``x") == "``` ``x ```"
    assert md_code("a\nb") == "`a\\nb`"
    assert markdown_cell("甲|乙\n<b>丙</b>") == "甲\\|乙<br>\\<b>丙\\</b>"
    assert markdown_table(["x"], [[FORGED]]).count("\n") == 3


def _models() -> tuple[Model, Model]:
    """The seed, and a copy with an activity renamed to FORGED (same code and parent) and
    a role named FORGED that is responsible for it."""
    from kg.model import Role

    old = read_model(SEED)
    new = old.model_copy(deep=True)
    new.source = new.source.model_copy(update={"version": "Ver2.0"})
    activity = next(a for a in new.activities if a.kind == "activity")
    new.activities = [a.model_copy(update={"id": "activity:forged", "name": FORGED, "responsible": ["role:forged"]})
                      if a is activity else a for a in new.activities]
    new.roles.append(Role(id="role:forged", name=FORGED))
    return old, new


def test_change_reports_show_a_forged_name_on_its_own_line() -> None:
    old, new = _models()
    changes = compare(old, new)
    text = to_text(changes)
    assert "\x1b" not in text and "\u202e" not in text
    assert "\n  - role role:总经理 removed" not in text
    shown = visible(FORGED)
    lines = text.splitlines()
    assert [line for line in lines if f"renamed to {shown}" in line or f": {shown} +R" in line] == [
        f"  ~ activity 2.A 客户意见直接反馈 renamed to {shown}",
        f"  ~ {visible('2.A ' + FORGED)}: {shown} +R",
    ], text
    assert f"  + role {'role:forged'}" in lines
    markdown = to_markdown(changes)
    assert not raw_tag(markdown) and "\x1b" not in markdown and "\u202e" not in markdown
    assert f"- ~ activity `2.A 客户意见直接反馈` renamed to `` {shown} ``" in markdown.splitlines()
    for line in markdown.splitlines():
        assert not line.startswith("  - role")


def test_kg_diff_text_and_markdown(tmp_path: Path) -> None:
    old, new = _models()
    paths = []
    for name, model in (("old.json", old), ("new.json", new)):
        path = tmp_path / name
        path.write_text(json.dumps(model.model_dump(mode="json", by_alias=True), ensure_ascii=False), encoding="utf-8")
        paths.append(str(path))
    for fmt in ("text", "markdown"):
        result = CliRunner().invoke(cli, ["diff", *paths, "--format", fmt])
        assert result.exit_code == 1, result.output  # different
        assert "\x1b" not in result.output and "\u202e" not in result.output
        assert fmt == "text" or not raw_tag(result.output)
        assert "role:总经理 removed" not in result.output.replace(visible(FORGED), "").replace(md_text(FORGED), "")


def test_raci_markdown_escapes_names() -> None:
    from kg.raci import MatrixRow, Party, RaciMatrix

    rows = [MatrixRow("activity:区", FORGED, None, "1", "area", None, FORGED, 0),
            MatrixRow("activity:甲", FORGED, None, "1.A", "activity", "activity:区", FORGED, 1,
                      {"role:x": ["responsible"]})]
    markdown = raci_markdown(RaciMatrix([Party("role:x", FORGED, "Role")], rows))
    assert not raw_tag(markdown) and "\x1b" not in markdown
    assert f"### {md_text(FORGED)}\n" in markdown
    assert f"| code | activity | {markdown_cell(FORGED)} |" in markdown  # a line break: <br>
    assert f"| 1.A | {markdown_cell(FORGED)} | R |" in markdown


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_query_tables_escape_cells(fmt: str) -> None:
    from kg.queries import render
    from kg.queries.run import QueryResult

    records: Any = [{"role": FORGED}]  # a record is read as a mapping of its columns
    result = QueryResult(columns=["role"], records=records)
    out = render(result, fmt)
    assert "\x1b" not in out and "\u202e" not in out
    if fmt == "markdown":
        assert not raw_tag(out)
    assert "\n  - role role:总经理" not in out


def test_an_error_naming_a_forged_path_is_one_line(tmp_path: Path) -> None:
    """Errors quote what the user or a document gave: one line whatever it holds."""
    missing = tmp_path / "a\nError: forged\x1b[2J.txt"
    result = CliRunner().invoke(cli, ["extract", str(missing)])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {visible(str(missing))}: no such file\n"
