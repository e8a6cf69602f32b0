"""Connection and server settings, resolved in one place.

Precedence, highest first: command-line flag > environment variable > ``.env`` file >
default.  The standard Neo4j variables are used (``NEO4J_URI``, ``NEO4J_USERNAME``,
``NEO4J_PASSWORD``, ``NEO4J_DATABASE``), so a cluster or Aura is just another URI.
When no password is given anywhere, the one generated for the local server (stored with
mode 0600 under the data directory) is used.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from urllib.parse import urlparse

from dotenv import dotenv_values

from kg.errors import ConfigError

DEFAULT_NEO4J_VERSION = "5.26.30"
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
PASSWORD_FILE = "neo4j-password"

# setting name -> (environment variable, default)
_VARS: dict[str, tuple[str, str | None]] = {
    "uri": ("NEO4J_URI", None),  # default derived from bolt_port
    "username": ("NEO4J_USERNAME", "neo4j"),
    "password": ("NEO4J_PASSWORD", None),
    "database": ("NEO4J_DATABASE", "neo4j"),
    "home": ("KG_HOME", ".kg"),
    "bolt_port": ("KG_BOLT_PORT", "7687"),
    "http_port": ("KG_HTTP_PORT", "7474"),
    "heap": ("KG_NEO4J_HEAP", "1g"),
    "pagecache": ("KG_NEO4J_PAGECACHE", "512m"),
    "neo4j_version": ("KG_NEO4J_VERSION", DEFAULT_NEO4J_VERSION),
}


@dataclass(frozen=True)
class Settings:
    uri: str
    username: str
    password: str | None = field(repr=False)
    database: str
    home: Path
    bolt_port: int
    http_port: int
    heap: str
    pagecache: str
    neo4j_version: str
    #: where each value came from: "flag", "env", ".env", "default" or "generated"
    origin: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def password_file(self) -> Path:
        return self.home / PASSWORD_FILE

    @property
    def is_local(self) -> bool:
        """True when the URI points at the server ``kg server`` manages."""
        parsed = urlparse(self.uri)
        return parsed.hostname in ("127.0.0.1", "localhost", "::1") and (
            parsed.port or 7687
        ) == self.bolt_port

    def describe(self) -> dict[str, str]:
        """Settings for display; the password is never shown, only where it came from."""
        out = {f.name: str(getattr(self, f.name)) for f in fields(self) if f.name != "origin"}
        out["password"] = f"({self.origin.get('password', 'unset')})" if self.password else "(unset)"
        return out


def _port(name: str, value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise ConfigError(f"{name}: {value!r} is not a port number") from None
    if not 0 < port < 65536:
        raise ConfigError(f"{name}: {port} is out of range (1-65535)")
    return port


def load_settings(
    overrides: Mapping[str, object | None] | None = None,
    environ: Mapping[str, str] | None = None,
    env_file: str | Path | None = ".env",
) -> Settings:
    """Resolve settings: ``overrides`` (CLI flags; ``None`` = not given) > ``environ`` >
    ``env_file`` > defaults."""
    overrides = overrides or {}
    environ = os.environ if environ is None else environ
    dotenv: dict[str, str | None] = {}
    if env_file is not None and Path(env_file).is_file():
        dotenv = dict(dotenv_values(env_file))
    unknown = set(overrides) - set(_VARS)
    if unknown:
        raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")

    if overrides.get("password") == "":
        # Neo4j has no empty passwords: an empty flag is a mistake (an unset variable
        # expanded in a script, say), not a request for the stored one
        raise ConfigError(
            "--password is empty: give the password, or leave the option out to use "
            "NEO4J_PASSWORD or the local server's generated one"
        )
    values: dict[str, str | None] = {}
    origin: dict[str, str] = {}
    for name, (var, default) in _VARS.items():
        flag = overrides.get(name)
        if flag is not None and flag != "":
            values[name], origin[name] = str(flag), "flag"
        elif environ.get(var):
            values[name], origin[name] = environ[var], "env"
        elif dotenv.get(var):
            values[name], origin[name] = dotenv[var], ".env"
        else:
            values[name], origin[name] = default, "default"

    bolt_port = _port("bolt port", values["bolt_port"] or "")
    http_port = _port("http port", values["http_port"] or "")
    uri = values["uri"] or f"bolt://127.0.0.1:{bolt_port}"
    parsed = urlparse(uri)
    if parsed.scheme not in SCHEMES or not parsed.hostname:
        raise ConfigError(
            f"NEO4J_URI {uri!r} is not a Neo4j URI: use one of "
            + ", ".join(f"{s}://host:port" for s in ("bolt", "neo4j", "neo4j+s"))
        )
    home = Path(values["home"] or ".kg").expanduser()
    password = values["password"]
    if password is None:
        stored = home / PASSWORD_FILE
        if stored.is_file():
            password = stored.read_text(encoding="utf-8").strip() or None
            origin["password"] = "generated"
    return Settings(
        uri=uri,
        username=values["username"] or "neo4j",
        password=password,
        database=values["database"] or "neo4j",
        home=home,
        bolt_port=bolt_port,
        http_port=http_port,
        heap=values["heap"] or "1g",
        pagecache=values["pagecache"] or "512m",
        neo4j_version=values["neo4j_version"] or DEFAULT_NEO4J_VERSION,
        origin=origin,
    )
