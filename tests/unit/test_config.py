"""Settings precedence: flag > environment > .env > default; the password never shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.config import load_settings
from kg.errors import ConfigError


def test_defaults(tmp_path: Path) -> None:
    s = load_settings({"home": str(tmp_path / "h")}, environ={}, env_file=None)
    assert (s.uri, s.username, s.database, s.bolt_port, s.http_port) == (
        "bolt://127.0.0.1:7687",
        "neo4j",
        "neo4j",
        7687,
        7474,
    )
    assert s.password is None
    assert s.origin["uri"] == "default"


def test_precedence_flag_env_dotenv_default(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(
        "NEO4J_URI=neo4j://dotenv:7687\nNEO4J_USERNAME=dotenv-user\n"
        "NEO4J_DATABASE=dotenvdb\nNEO4J_PASSWORD=dotenv-pw\n"
    )
    environ = {"NEO4J_USERNAME": "env-user", "NEO4J_DATABASE": "envdb"}
    s = load_settings({"database": "flagdb"}, environ=environ, env_file=env_file)
    assert s.database == "flagdb" and s.origin["database"] == "flag"
    assert s.username == "env-user" and s.origin["username"] == "env"
    assert s.uri == "neo4j://dotenv:7687" and s.origin["uri"] == ".env"
    assert s.password == "dotenv-pw" and s.origin["password"] == ".env"
    assert s.home.name == ".kg" and s.origin["home"] == "default"


def test_empty_flag_or_variable_counts_as_unset(tmp_path: Path) -> None:
    s = load_settings({"uri": None}, environ={"NEO4J_URI": ""}, env_file=None)
    assert s.uri == "bolt://127.0.0.1:7687"


def test_an_explicit_empty_password_is_refused(tmp_path: Path) -> None:
    home = tmp_path / "h"
    home.mkdir()
    (home / "neo4j-password").write_text("stored-pw", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings({"password": "", "home": str(home)}, environ={}, env_file=None)
    assert str(info.value) == (
        "--password is empty: give the password, or leave the option out to use "
        "NEO4J_PASSWORD or the local server's generated one"
    )
    assert info.value.exit_code == 2
    # an empty variable still counts as unset: the stored password is used
    s = load_settings({"home": str(home)}, environ={"NEO4J_PASSWORD": ""}, env_file=None)
    assert s.password == "stored-pw" and s.origin["password"] == "generated"


def test_generated_password_is_used_when_none_given(tmp_path: Path) -> None:
    (tmp_path / "neo4j-password").write_text("s3cret\n")
    s = load_settings({"home": str(tmp_path)}, environ={}, env_file=None)
    assert s.password == "s3cret" and s.origin["password"] == "generated"
    assert "s3cret" not in repr(s) and "s3cret" not in str(s.describe())
    env = load_settings({"home": str(tmp_path)}, environ={"NEO4J_PASSWORD": "x"}, env_file=None)
    assert env.password == "x"


@pytest.mark.parametrize(
    "uri", ["bolt://h:7687", "neo4j://h:7687", "neo4j+s://xyz.databases.neo4j.io", "bolt+s://h"]
)
def test_schemes_accepted(uri: str) -> None:
    assert load_settings({"uri": uri}, environ={}, env_file=None).uri == uri


@pytest.mark.parametrize("uri", ["http://h:7474", "h:7687", "neo4j://"])
def test_bad_uri(uri: str) -> None:
    with pytest.raises(ConfigError, match="is not a Neo4j URI"):
        load_settings({"uri": uri}, environ={}, env_file=None)


def test_bad_port() -> None:
    with pytest.raises(ConfigError, match="bolt port: 'x' is not a port number"):
        load_settings(environ={"KG_BOLT_PORT": "x"}, env_file=None)


def test_is_local() -> None:
    assert load_settings(environ={}, env_file=None).is_local
    assert not load_settings({"uri": "neo4j+s://remote:7687"}, environ={}, env_file=None).is_local
