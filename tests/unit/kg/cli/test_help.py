"""Every command has help text and is documented in docs/commands.md (the README's
tour names the first steps and points there)."""

from __future__ import annotations

import click
from click.testing import CliRunner

from kg.cli import cli
from tests.conftest import ROOT


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    out = []
    for name, cmd in sorted(group.commands.items()):
        out.append((f"{prefix}{name}", cmd))
        if isinstance(cmd, click.Group):
            out.extend(_commands(cmd, f"{prefix}{name} "))
    return out


def test_every_command_has_help_and_is_in_the_commands_page() -> None:
    page = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    commands = _commands(cli)
    assert {name for name, _ in commands} >= {
        "server", "server start", "status", "extract", "check-model", "init", "load",
        "unload", "history", "query", "cypher", "raci", "validate", "export", "viz",
    }
    for name, cmd in commands:
        res = CliRunner().invoke(cli, [*name.split(), "--help"])
        assert res.exit_code == 0, name
        assert (cmd.help or "").strip(), f"kg {name} has no help text"
        top = name.split()[0]
        assert f"kg {top}" in page, f"kg {top} is not documented in docs/commands.md"


def test_unknown_command_is_a_usage_error() -> None:
    res = CliRunner().invoke(cli, ["lod"])
    assert res.exit_code == 2
    assert "No such command 'lod'" in res.output
