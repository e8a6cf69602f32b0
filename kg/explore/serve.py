"""Serving the explorer: where it listens, who may ask, and uvicorn running it.

Loopback (127.0.0.1) by default.  Another address (``--host``) is refused unless a
token is given (``--token`` or ``KG_EXPLORE_TOKEN``): every request must then present it,
and a warning says that anyone who can reach the address and has the token reads the
whole graph.
"""

from __future__ import annotations

import ipaddress
import socket
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import uvicorn

from kg.api import Graph
from kg.errors import ConfigError

from .app import create_app

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
#: A token shorter than this is refused: it travels in URLs and guards the whole graph.
MIN_TOKEN = 16
#: The driver's settings for the explorer: a lost Neo4j is said within seconds (the
#: page then polls /api/health), not after the driver's default 30 s of retries.
DRIVER_CONFIG: dict[str, Any] = {"max_transaction_retry_time": 2.0, "connection_timeout": 5.0}


@dataclass(frozen=True)
class Listen:
    """Where the explorer listens and the token it asks for (None on loopback)."""

    host: str
    port: int
    token: str | None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        if host in ("0.0.0.0", "[::]"):
            host = "127.0.0.1"
        base = f"http://{host}:{self.port}/"
        return base + (f"?token={quote(self.token)}" if self.token else "")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def plan(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, token: str | None = None) -> Listen:
    """Check where to listen: another address than loopback needs a token of at least
    :data:`MIN_TOKEN` characters (:class:`ConfigError` otherwise)."""
    if not 0 < port < 65536:
        raise ConfigError(f"--port {port}: a port from 1 to 65535")
    token = token or None
    if token is not None and len(token) < MIN_TOKEN:
        raise ConfigError(f"--token: at least {MIN_TOKEN} characters (e.g. `python -c 'import secrets; print(secrets.token_urlsafe())'`)")
    if not is_loopback(host) and token is None:
        raise ConfigError(
            f"--host {host}: the explorer listens beyond this machine only with a token "
            "(--token or KG_EXPLORE_TOKEN) that every request must present"
        )
    return Listen(host, port, token)


def check_free(listen: Listen) -> None:
    """:class:`ConfigError` when ``listen``'s address cannot be bound (the port is taken,
    or the address is not this machine's): said before the graph is opened."""
    family = socket.AF_INET6 if ":" in listen.host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            probe.bind((listen.host, listen.port))
        except OSError as exc:
            raise ConfigError(
                f"cannot listen on {listen.host}:{listen.port}: {exc.strerror or exc} "
                "(choose another --port)"
            ) from None


def serve(g: Graph, listen: Listen, *, open_browser: bool = False,
          echo: Callable[[str], None] = print) -> None:
    """Run the explorer until interrupted (the caller closes ``g``)."""
    if not is_loopback(listen.host):
        echo(
            f"Warning: listening on {listen.host}: anyone who can reach this address and has "
            "the token can read the whole graph. Keep the token secret; prefer 127.0.0.1."
        )
    echo(f"kg explore: {listen.url}  (Ctrl-C to stop)")
    if open_browser:
        webbrowser.open(listen.url)
    app = create_app(g, listen.token)
    uvicorn.run(app, host=listen.host, port=listen.port, log_level="warning", server_header=False)


__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "DRIVER_CONFIG", "Listen", "check_free", "is_loopback", "plan", "serve"]
